package studio.backprop.web.page.views;

import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.canvas.CanvasRenderingContext2D;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.typedarrays.Float64Array;

/** Curves over epochs: train (solid) and test (dashed) for one column pair of the history. */
public final class CurveView {
    private final HTMLCanvasElement canvas;
    private final CanvasRenderingContext2D g;
    private final int trainColumn;
    private final boolean unitRange;

    CurveView(HTMLCanvasElement canvas, int trainColumn, boolean unitRange) {
        this.canvas = canvas;
        this.g = (CanvasRenderingContext2D) canvas.getContext("2d");
        this.trainColumn = trainColumn;
        this.unitRange = unitRange;
    }

    void render(List<double[]> history) {
        int n = history.size();
        double[] xy = new double[3 * n];
        double maxEpoch = n == 0 ? 1 : Math.max(1, history.get(n - 1)[0]);
        double max = unitRange ? 1 : 0;
        for (int i = 0; i < n; i++) {
            double[] p = history.get(i);
            xy[3 * i] = p[0] / maxEpoch;
            xy[3 * i + 1] = p[trainColumn];
            xy[3 * i + 2] = p[trainColumn + 1];
            if (!unitRange) {
                if (p[trainColumn] == p[trainColumn]) max = Math.max(max, p[trainColumn]);
                if (p[trainColumn + 1] == p[trainColumn + 1]) max = Math.max(max, p[trainColumn + 1]);
            }
        }
        draw(g, Float64Array.copyFromJavaArray(xy), max > 0 ? max : 1, canvas.getWidth(), canvas.getHeight());
    }

    /** xy holds (x in [0, 1], train, test) triples; NaN values leave gaps. */
    @JSBody(params = {"g", "xy", "max", "w", "h"}, script =
            "g.clearRect(0, 0, w, h); g.strokeStyle = '#dadce0'; g.lineWidth = 1; g.setLineDash([]);"
            + "for (var js_k = 1; js_k < 4; js_k++) { g.beginPath(); g.moveTo(0, h * js_k / 4); g.lineTo(w, h * js_k / 4); g.stroke(); }"
            + "[[1, '#1a73e8', []], [2, '#e8710a', [6, 4]]].forEach(function (js_s) {"
            + "  g.strokeStyle = js_s[1]; g.lineWidth = 2; g.setLineDash(js_s[2]); g.beginPath(); var js_started = false;"
            + "  for (var js_i = 0; js_i < xy.length; js_i += 3) { var js_v = xy[js_i + js_s[0]]; if (js_v !== js_v) continue;"
            + "    var js_x = xy[js_i] * (w - 4) + 2, js_y = h - 2 - Math.min(js_v, max) / max * (h - 4);"
            + "    if (js_started) g.lineTo(js_x, js_y); else g.moveTo(js_x, js_y); js_started = true; }"
            + "  g.stroke(); });"
            + "g.setLineDash([]);")
    private static native void draw(CanvasRenderingContext2D g, Float64Array xy, double max, int w, int h);
}
