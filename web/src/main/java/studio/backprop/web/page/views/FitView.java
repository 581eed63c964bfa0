package studio.backprop.web.page.views;

import org.teavm.jso.JSBody;
import org.teavm.jso.canvas.CanvasRenderingContext2D;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.web.page.State;
import studio.backprop.web.page.ui.Dom;

/**
 * Regression's fit, from the worker's snapshot: for the 1-D sine, the fitted curve over the data
 * points (x1 against y); for a table, predicted against actual for the test rows (a perfect fit
 * lies on the diagonal) and the residuals, predicted minus actual, against actual.
 */
public final class FitView {
    private final HTMLElement panel = Dom.byTestId("fit-panel"), title = Dom.byTestId("fit-title");
    private final HTMLCanvasElement fit = (HTMLCanvasElement) Dom.byTestId("fit"), residuals = (HTMLCanvasElement) Dom.byTestId("residuals");
    private double[] shown;

    void render(State s) {
        boolean curve = s.fitKind.equals("curve"), scatter = s.fitKind.equals("scatter"), series = s.fitKind.equals("series");
        panel.setHidden(!curve && !scatter && !series);
        residuals.setHidden(!scatter);
        if (!curve && !scatter && !series || s.fit == shown) return;
        if (series) {
            shown = s.fit;
            fit.setAttribute("data-kind", s.fitKind);
            fit.setAttribute("data-count", Dom.raw(s.fit[0]));
            fit.setAttribute("data-first", Dom.raw(s.fit[3 + 2 * (int) s.fit[0]]));
            title.setTextContent("The series: the data (grey), the network's forecast of each next value (blue), its forecast past the end (orange), the test part right of the line");
            drawSeries((CanvasRenderingContext2D) fit.getContext("2d"), fit.getWidth(), fit.getHeight(), Float64Array.copyFromJavaArray(s.fit));
            return;
        }
        shown = s.fit;
        fit.setAttribute("data-kind", s.fitKind);
        fit.setAttribute("data-count", Integer.toString(curve ? s.fit.length : s.fit.length / 2));
        fit.setAttribute("data-first", s.fit.length == 0 ? "" : Dom.raw(s.fit[curve ? 0 : 1]));
        CanvasRenderingContext2D g = (CanvasRenderingContext2D) fit.getContext("2d");
        if (curve) {
            title.setTextContent("The fit: the network's curve (x2 = 0) over the data");
            drawCurve(g, fit.getWidth(), fit.getHeight(), Float64Array.copyFromJavaArray(s.fit), Float64Array.copyFromJavaArray(s.trainPoints),
                    Float64Array.copyFromJavaArray(s.testPoints), s.extent);
        } else {
            title.setTextContent("The fit on the test part: predicted against actual, and the residuals");
            Float64Array pairs = Float64Array.copyFromJavaArray(s.fit);
            drawScatter(g, fit.getWidth(), fit.getHeight(), pairs, false);
            drawScatter((CanvasRenderingContext2D) residuals.getContext("2d"), residuals.getWidth(), residuals.getHeight(), pairs, true);
        }
    }

    // JSBody locals are named js_* (TeaVM renames parameters to short names they could shadow).

    /** Axes with their end values, in a plot box of the canvas; returns nothing, draws the frame. */
    private static final String AXES = "function js_axes(g, w, h, x0, x1, y0, y1, xl, yl) {"
            + "  g.strokeStyle = '#dadce0'; g.lineWidth = 1; g.strokeRect(40.5, 8.5, w - 48, h - 36);"
            + "  g.fillStyle = '#5f6368'; g.font = '11px system-ui, sans-serif'; g.textBaseline = 'top'; g.textAlign = 'left';"
            + "  g.fillText(js_n(x0), 40, h - 24); g.textAlign = 'right'; g.fillText(js_n(x1), w - 8, h - 24);"
            + "  g.textAlign = 'center'; g.fillText(xl, 40 + (w - 48) / 2, h - 14);"
            + "  g.textAlign = 'right'; g.textBaseline = 'middle'; g.fillText(js_n(y1), 36, 12); g.fillText(js_n(y0), 36, h - 30);"
            + "  g.save(); g.translate(10, 8 + (h - 36) / 2); g.rotate(-Math.PI / 2); g.textAlign = 'center'; g.fillText(yl, 0, 0); g.restore(); }"
            // short enough for the 36 px beside the plot: 360k, 1.2M, 0.0031
            + "function js_n(v) { var a = Math.abs(v);"
            + "  if (a >= 1e3) { var js_k = a >= 1e9 ? [1e9, 'G'] : a >= 1e6 ? [1e6, 'M'] : [1e3, 'k'];"
            + "    return Number((v / js_k[0]).toPrecision(2)) + js_k[1]; }"
            + "  return a < 0.01 && a > 0 ? v.toPrecision(2) : String(Math.round(v * 100) / 100); }";

    @JSBody(params = {"g", "w", "h", "curve", "train", "test", "extent"}, script = AXES
            + "g.clearRect(0, 0, w, h); var js_lo = -1.5, js_hi = 1.5;"
            + "for (var js_i = 0; js_i < curve.length; js_i++) { js_lo = Math.min(js_lo, curve[js_i]); js_hi = Math.max(js_hi, curve[js_i]); }"
            + "js_lo = Math.max(js_lo, -4); js_hi = Math.min(js_hi, 4);"
            + "function js_x(v) { return 40 + (v + extent) / (2 * extent) * (w - 48); }"
            + "function js_y(v) { return 8 + (js_hi - Math.max(js_lo, Math.min(js_hi, v))) / (js_hi - js_lo) * (h - 36); }"
            + "js_axes(g, w, h, -extent, extent, js_lo, js_hi, 'x1', 'y');"
            + "[[train, '#1a73e8', true], [test, '#e8710a', false]].forEach(function (js_s) { var js_p = js_s[0];"
            + "  for (var js_i = 0; js_i + 2 < js_p.length; js_i += 3) { g.beginPath(); g.arc(js_x(js_p[js_i]), js_y(js_p[js_i + 2]), 2.5, 0, 2 * Math.PI);"
            + "    if (js_s[2]) { g.fillStyle = js_s[1]; g.fill(); } else { g.strokeStyle = js_s[1]; g.lineWidth = 1.2; g.stroke(); } } });"
            + "g.strokeStyle = '#202124'; g.lineWidth = 2.5; g.beginPath();"
            + "for (var js_i = 0; js_i < curve.length; js_i++) { var js_px = js_x(-extent + 2 * extent * js_i / (curve.length - 1)), js_py = js_y(curve[js_i]);"
            + "  if (js_i === 0) g.moveTo(js_px, js_py); else g.lineTo(js_px, js_py); }"
            + "g.stroke();")
    private static native void drawCurve(CanvasRenderingContext2D g, int w, int h, Float64Array curve, Float64Array train, Float64Array test, double extent);

    /** f: see the worker's Snapshots.series: (shown, forecast, cut), values, one-step forecasts, the forecast rolled out. */
    @JSBody(params = {"g", "w", "h", "f"}, script = AXES
            + "g.clearRect(0, 0, w, h); var js_cnt = f[0], js_f = f[1], js_cut = f[2], js_lo = Infinity, js_hi = -Infinity;"
            + "for (var js_i = 3; js_i < f.length; js_i++) if (f[js_i] === f[js_i]) { js_lo = Math.min(js_lo, f[js_i]); js_hi = Math.max(js_hi, f[js_i]); }"
            + "if (!(js_hi > js_lo)) { js_lo -= 1; js_hi += 1; }"
            + "var js_all = js_cnt + js_f; function js_x(t) { return 40 + t / (js_all - 1) * (w - 48); }"
            + "function js_y(v) { return 8 + (js_hi - v) / (js_hi - js_lo) * (h - 36); }"
            + "js_axes(g, w, h, -js_cnt, js_f, js_lo, js_hi, 'steps (0: the end of the data)', 'value');"
            + "g.strokeStyle = '#9aa0a6'; g.setLineDash([3, 3]); g.beginPath(); g.moveTo(js_x(js_cut) + 0.5, 8); g.lineTo(js_x(js_cut) + 0.5, h - 28); g.stroke(); g.setLineDash([]);"
            + "function js_line(js_at, js_count, js_t0, js_colour, js_width) { g.strokeStyle = js_colour; g.lineWidth = js_width; g.beginPath(); var js_on = false;"
            + "  for (var js_k = 0; js_k < js_count; js_k++) { var js_v = f[js_at + js_k]; if (js_v !== js_v) { js_on = false; continue; }"
            + "    if (js_on) g.lineTo(js_x(js_t0 + js_k), js_y(js_v)); else g.moveTo(js_x(js_t0 + js_k), js_y(js_v)); js_on = true; }"
            + "  g.stroke(); }"
            + "js_line(3, js_cnt, 0, '#bdc1c6', 3); js_line(3 + js_cnt, js_cnt, 0, '#1a73e8', 1.5);"
            + "g.setLineDash([5, 3]); f[3 + 2 * js_cnt - 1] = f[3 + js_cnt - 1]; js_line(3 + 2 * js_cnt - 1, js_f + 1, js_cnt - 1, '#e8710a', 2); g.setLineDash([]);")
    private static native void drawSeries(CanvasRenderingContext2D g, int w, int h, Float64Array f);

    /** pairs: (actual, predicted); residuals: predicted minus actual against actual, about a zero line. */
    @JSBody(params = {"g", "w", "h", "pairs", "residual"}, script = AXES
            + "g.clearRect(0, 0, w, h); var js_lo = Infinity, js_hi = -Infinity, js_r = 1e-9;"
            + "for (var js_i = 0; js_i < pairs.length; js_i += 2) { var js_a = pairs[js_i], js_p = pairs[js_i + 1];"
            + "  js_lo = Math.min(js_lo, js_a, residual ? js_a : js_p); js_hi = Math.max(js_hi, js_a, residual ? js_a : js_p); js_r = Math.max(js_r, Math.abs(js_p - js_a)); }"
            + "if (!(js_hi > js_lo)) { js_lo -= 1; js_hi += 1; }"
            + "var js_y0 = residual ? -js_r : js_lo, js_y1 = residual ? js_r : js_hi;"
            + "function js_x(v) { return 40 + (v - js_lo) / (js_hi - js_lo) * (w - 48); }"
            + "function js_y(v) { return 8 + (js_y1 - v) / (js_y1 - js_y0) * (h - 36); }"
            + "js_axes(g, w, h, js_lo, js_hi, js_y0, js_y1, 'actual', residual ? 'predicted \u2212 actual' : 'predicted');"
            + "g.strokeStyle = '#9aa0a6'; g.lineWidth = 1; g.setLineDash([4, 3]); g.beginPath();"
            + "if (residual) { g.moveTo(js_x(js_lo), js_y(0)); g.lineTo(js_x(js_hi), js_y(0)); } else { g.moveTo(js_x(js_lo), js_y(js_lo)); g.lineTo(js_x(js_hi), js_y(js_hi)); }"
            + "g.stroke(); g.setLineDash([]); g.fillStyle = 'rgba(232, 113, 10, 0.55)';"
            + "for (var js_i = 0; js_i < pairs.length; js_i += 2) { var js_a = pairs[js_i], js_v = residual ? pairs[js_i + 1] - js_a : pairs[js_i + 1];"
            + "  g.beginPath(); g.arc(js_x(js_a), js_y(Math.max(js_y0, Math.min(js_y1, js_v))), 2.5, 0, 2 * Math.PI); g.fill(); }")
    private static native void drawScatter(CanvasRenderingContext2D g, int w, int h, Float64Array pairs, boolean residual);
}
