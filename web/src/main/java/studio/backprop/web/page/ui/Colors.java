package studio.backprop.web.page.ui;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * Playground's diverging palette: orange for class 0 / low values, blue for class 1 / high,
 * white in between. Points also differ by shape (square vs circle), for readers who cannot
 * tell the colours apart.
 */
public final class Colors {
    private Colors() {}

    /** t in [-1, 1] to an opaque pixel, as the int that little-endian RGBA bytes make. */
    public static int diverging(double t) {
        if (t != t) t = 0;
        t = Math.max(-1, Math.min(1, t));
        double s = t < 0 ? -t : t;
        int r = mix(255, t < 0 ? 245 : 8, s), g = mix(255, t < 0 ? 147 : 119, s), b = mix(255, t < 0 ? 34 : 189, s);
        return 0xFF000000 | (b << 16) | (g << 8) | r;
    }

    /**
     * Pixels for tiles of {@code cells} values each, every tile scaled by its own largest
     * magnitude (but never by less than {@code minScale}).
     */
    public static int[] tiles(double[] values, int cells, double minScale) {
        int[] px = new int[values.length];
        for (int t = 0; cells > 0 && t < values.length / cells; t++) {
            double max = minScale;
            for (int i = 0; i < cells; i++) max = Math.max(max, Math.abs(values[t * cells + i]));
            for (int i = 0; i < cells; i++) px[t * cells + i] = diverging(values[t * cells + i] / max);
        }
        return px;
    }

    /**
     * An offscreen canvas holding {@code pixels} (width x height, as {@link #diverging} packs
     * them), for views to draw scaled or in tiles; null when there are no pixels. {@code reuse}
     * (the canvas this view got last time, or null) is filled again rather than a new canvas made
     * at every draw: canvases are heavy, and one per snapshot kept the page's garbage collector busy.
     */
    public static JSObject image(JSObject reuse, int[] pixels, int width, int height) {
        if (width <= 0 || height <= 0 || pixels.length != width * height) return null;
        return canvas(reuse, Int32Array.copyFromJavaArray(pixels), width, height);
    }

    @JSBody(params = {"c", "px", "w", "h"}, script = "var js_c = c || document.createElement('canvas');"
            + "if (js_c.width !== w) js_c.width = w; if (js_c.height !== h) js_c.height = h;"
            + "js_c.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(px.buffer, px.byteOffset, px.length * 4), w, h), 0, 0);"
            + "return js_c;")
    private static native JSObject canvas(JSObject c, Int32Array px, int w, int h);

    private static int mix(int from, int to, double s) {
        return (int) Math.round(from + (to - from) * s * 0.85);
    }

    /** Background by CSSOM (the content security policy blocks style attributes). */
    @JSBody(params = {"e", "pixel"}, script = "e.style.background = 'rgb(' + (pixel & 255) + ',' + ((pixel >> 8) & 255) + ',' + ((pixel >> 16) & 255) + ')';")
    public static native void shade(HTMLElement e, int pixel);
}
