package studio.backprop.web.page.views;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.canvas.CanvasRenderingContext2D;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int32Array;
import studio.backprop.web.page.State;
import studio.backprop.web.page.ui.Colors;
import studio.backprop.web.protocol.Pixels;

/** The network's output over the 2-D input plane, with the data points on top. */
public final class HeatmapView {
    /** The output grid's offscreen canvas, filled again at each draw. */
    private JSObject offscreen;
    private final HTMLCanvasElement canvas;
    private final CanvasRenderingContext2D g;

    HeatmapView(HTMLCanvasElement canvas) {
        this.canvas = canvas;
        this.g = (CanvasRenderingContext2D) canvas.getContext("2d");
    }

    void render(State s, boolean showTest) {
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (!s.planar) return;
        JSObject image = Colors.image(offscreen, s.outputPixels, s.grid, s.grid);
        if (image != null) drawScaled(g, offscreen = image, w, h);
        points(s, s.trainPoints, false, w, h);
        if (showTest) points(s, s.testPoints, true, w, h);
    }

    // JSBody scripts name their locals js_*: TeaVM renames the parameters to short names
    // (b, c, ...) that a short local would shadow.

    /** One n x n image, smoothly scaled to the canvas: the grid is coarse, the boundary is not. */
    @JSBody(params = {"g", "image", "w", "h"}, script = "g.imageSmoothingEnabled = true; g.drawImage(image, 0, 0, w, h);")
    private static native void drawScaled(CanvasRenderingContext2D g, JSObject image, double w, double h);

    /** Class 1 as circles, class 0 as squares (regression: coloured by value); test points outlined dark. */
    private void points(State s, double[] p, boolean test, double w, double h) {
        int[] colors = new int[p.length / 3];
        boolean[] circle = new boolean[colors.length];
        for (int i = 0; i < colors.length; i++) {
            double v = p[3 * i + 2];
            circle[i] = s.classification() ? v >= 0.5 : v >= 0;
            colors[i] = s.classification() ? (circle[i] ? CLASS1 : CLASS0) : Pixels.diverging(v);
        }
        drawPoints(g, Float64Array.copyFromJavaArray(p), Int32Array.copyFromJavaArray(colors), circle, s.extent, w, h, test);
    }

    private static final int CLASS1 = 0xFFE8731A, CLASS0 = 0xFF0A71E8;

    @JSBody(params = {"g", "p", "colors", "circle", "extent", "w", "h", "test"}, script =
            "var js_r = Math.max(2.5, w / 140); g.strokeStyle = test ? '#202124' : '#ffffff'; g.lineWidth = test ? 1.5 : 1;"
            + "for (var js_i = 0; js_i < colors.length; js_i++) {"
            + "  var js_x = (p[3 * js_i] + extent) / (2 * extent) * w, js_y = (extent - p[3 * js_i + 1]) / (2 * extent) * h;"
            + "  var js_c = colors[js_i];"
            + "  g.fillStyle = 'rgb(' + (js_c & 255) + ',' + ((js_c >> 8) & 255) + ',' + ((js_c >> 16) & 255) + ')';"
            + "  g.beginPath();"
            + "  if (circle[js_i]) g.arc(js_x, js_y, js_r, 0, 2 * Math.PI);"
            + "  else g.rect(js_x - js_r * 0.9, js_y - js_r * 0.9, js_r * 1.8, js_r * 1.8);"
            + "  g.fill(); g.stroke(); }")
    private static native void drawPoints(CanvasRenderingContext2D g, Float64Array p, Int32Array colors, boolean[] circle,
                                          double extent, double w, double h, boolean test);
}
