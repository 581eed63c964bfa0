package studio.backprop.web.page.ui;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Int32Array;
import studio.backprop.web.protocol.Pixels;

/**
 * Puts the worker's pixels ({@link Pixels}) on canvases, and shades table cells in their palette.
 */
public final class Colors {
    private Colors() {}

    /**
     * An offscreen canvas holding {@code pixels} (width x height of them, as {@link Pixels} packs
     * them), for views to draw scaled or in tiles; null when there are none. {@code reuse}
     * (the canvas this view got last time, or null) is filled again rather than a new canvas made
     * at every draw: canvases are heavy, and one per snapshot kept the page's garbage collector busy.
     */
    public static JSObject image(JSObject reuse, Int32Array pixels, int width, int height) {
        if (pixels == null || width <= 0 || height <= 0 || pixels.getLength() != width * height) return null;
        return canvas(reuse, pixels, width, height);
    }

    /** A table cell's background for t in [-1, 1], in the diverging palette. */
    public static void shade(HTMLElement e, double t) {
        shadePixel(e, Pixels.diverging(t));
    }

    @JSBody(params = {"c", "px", "w", "h"}, script = "var js_c = c || document.createElement('canvas');"
            + "if (js_c.width !== w) js_c.width = w; if (js_c.height !== h) js_c.height = h;"
            + "js_c.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(px.buffer, px.byteOffset, px.length * 4), w, h), 0, 0);"
            + "return js_c;")
    private static native JSObject canvas(JSObject c, Int32Array px, int w, int h);

    /** Background by CSSOM (the content security policy blocks style attributes). */
    @JSBody(params = {"e", "pixel"}, script = "e.style.background = 'rgb(' + (pixel & 255) + ',' + ((pixel >> 8) & 255) + ',' + ((pixel >> 16) & 255) + ')';")
    private static native void shadePixel(HTMLElement e, int pixel);
}
