package studio.backprop.web.page.views;

import org.teavm.jso.JSBody;
import org.teavm.jso.canvas.CanvasRenderingContext2D;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.web.page.State;
import studio.backprop.web.page.ui.Dom;

/**
 * Back through time: one bar per step of the first recurrent layer's window, the size of dL/dh_t
 * on a log scale, the last step (where the loss enters) on the right. Bars that shrink to the left
 * are a vanishing gradient (an RNN's early steps learn little), bars that grow an exploding one
 * (clip it). The line under it gives the ratio of the first step's to the last's.
 */
final class TimeGradientView {
    private final HTMLElement panel = Dom.byTestId("time-gradient-panel");
    private final HTMLCanvasElement canvas = (HTMLCanvasElement) Dom.byTestId("time-gradient");
    private final CanvasRenderingContext2D g = (CanvasRenderingContext2D) canvas.getContext("2d");
    private final HTMLElement summary = Dom.byTestId("time-gradient-summary");
    private double[] shown = new double[0];

    void render(State s) {
        double[] v = s.stepGradients;
        panel.setHidden(v.length == 0);
        if (v.length == 0 || java.util.Arrays.equals(v, shown)) return;
        shown = v;
        draw(g, Float64Array.copyFromJavaArray(v), canvas.getWidth(), canvas.getHeight());
        double first = v[0], last = v[v.length - 1];
        String ratio = last > 0 && first > 0 ? Dom.precision(first / last, 2) : "\u2013";
        summary.setAttribute("data-value", last > 0 ? Dom.raw(first / last) : "");
        summary.setTextContent("step 1 of " + v.length + " gets " + ratio + "\u00d7 the gradient of the last step"
                + (s.clipped > 0 ? "; clipped in " + Dom.grouped(s.clipped) + " batches" : ""));
    }

    /** Bars of log10 |dL/dh_t|, scaled to the range of the values (a decade at least). */
    @JSBody(params = {"g", "v", "w", "h"}, script =
            "g.clearRect(0, 0, w, h); var js_lo = Infinity, js_hi = -Infinity, js_l = [];"
            + "for (var js_i = 0; js_i < v.length; js_i++) { var js_x = v[js_i] > 0 ? Math.log10(v[js_i]) : NaN; js_l.push(js_x);"
            + "  if (js_x === js_x) { js_lo = Math.min(js_lo, js_x); js_hi = Math.max(js_hi, js_x); } }"
            + "if (!(js_hi >= js_lo)) return; js_lo = Math.min(js_lo, js_hi - 1) - 0.2;"
            + "var js_bw = (w - 4) / v.length; g.fillStyle = '#1a73e8';"
            + "for (var js_i = 0; js_i < v.length; js_i++) { if (js_l[js_i] !== js_l[js_i]) continue;"
            + "  var js_bh = (js_l[js_i] - js_lo) / (js_hi - js_lo) * (h - 16); g.fillRect(2 + js_i * js_bw + 1, h - 2 - js_bh, Math.max(1, js_bw - 2), js_bh); }"
            + "g.fillStyle = '#5f6368'; g.font = '11px system-ui, sans-serif'; g.textBaseline = 'top';"
            + "g.fillText('1e' + Math.round(js_hi), 2, 2); g.textAlign = 'right'; g.fillText('t = last', w - 2, 2); g.textAlign = 'left';")
    private static native void draw(CanvasRenderingContext2D g, Float64Array v, int w, int h);
}
