package studio.backprop.web.page.ui;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.web.Js;

/** The drawing pad of the image sets: white ink on black, handed over as the set's images are drawn (MNIST's way). */
public final class Pad {
    private Pad() {}

    /** The pixels the ink's box is scaled to fit: MNIST's digits fill 20 of 28 pixels, the 8x8 digits 7 of 8. */
    public static int fit(int side) {
        return side == 28 ? 20 : 7;
    }

    // JSBody locals are named js_* (TeaVM renames parameters to short names they could shadow).

    /**
     * Drawing with pointer events; on release the ink is cropped, scaled into the middle of the
     * image the way MNIST's digits were, and handed over as grey levels 0..1.
     */
    @JSBody(params = {"pad", "done"}, script =
            "var js_g = pad.getContext('2d'), js_down = false;"
            + "js_g.fillStyle = '#000'; js_g.fillRect(0, 0, pad.width, pad.height);"
            + "function js_pos(js_e) { var js_r = pad.getBoundingClientRect();"
            + "  return [(js_e.clientX - js_r.left) * pad.width / js_r.width, (js_e.clientY - js_r.top) * pad.height / js_r.height]; }"
            + "pad.addEventListener('pointerdown', function (js_e) { js_down = true; pad.setPointerCapture(js_e.pointerId); var js_p = js_pos(js_e);"
            + "  js_g.strokeStyle = '#fff'; js_g.lineWidth = pad.width / 11; js_g.lineCap = 'round'; js_g.lineJoin = 'round';"
            + "  js_g.beginPath(); js_g.moveTo(js_p[0], js_p[1]); js_g.lineTo(js_p[0] + 0.1, js_p[1]); js_g.stroke(); });"
            + "pad.addEventListener('pointermove', function (js_e) { if (!js_down) return; var js_p = js_pos(js_e); js_g.lineTo(js_p[0], js_p[1]); js_g.stroke(); });"
            + "pad.addEventListener('pointerup', function () { if (!js_down) return; js_down = false;"
            + "  var js_d = js_g.getImageData(0, 0, pad.width, pad.height).data, js_x0 = pad.width, js_y0 = pad.height, js_x1 = -1, js_y1 = -1;"
            + "  for (var js_y = 0; js_y < pad.height; js_y++) for (var js_x = 0; js_x < pad.width; js_x++) if (js_d[4 * (js_y * pad.width + js_x)] > 40) {"
            + "    js_x0 = Math.min(js_x0, js_x); js_x1 = Math.max(js_x1, js_x); js_y0 = Math.min(js_y0, js_y); js_y1 = Math.max(js_y1, js_y); }"
            + "  if (js_x1 < 0) return; done({x0: js_x0, y0: js_y0, x1: js_x1, y1: js_y1}); });")
    public static native void listen(HTMLCanvasElement pad, Js.Callback done);

    /** The pad's ink box, scaled to fit {@code fit} of {@code side} pixels, centred, as grey levels times maxLevel. */
    @JSBody(params = {"pad", "box", "side", "fit", "maxLevel"}, script =
            "var js_w = box.x1 - box.x0 + 1, js_h = box.y1 - box.y0 + 1, js_s = fit / Math.max(js_w, js_h);"
            + "var js_c = document.createElement('canvas'); js_c.width = side; js_c.height = side; var js_g = js_c.getContext('2d');"
            + "js_g.fillStyle = '#000'; js_g.fillRect(0, 0, side, side); js_g.imageSmoothingEnabled = true;"
            + "js_g.drawImage(pad, box.x0, box.y0, js_w, js_h, (side - js_w * js_s) / 2, (side - js_h * js_s) / 2, js_w * js_s, js_h * js_s);"
            + "var js_d = js_g.getImageData(0, 0, side, side).data, js_out = new Float64Array(side * side);"
            + "for (var js_i = 0; js_i < side * side; js_i++) js_out[js_i] = js_d[4 * js_i] / 255 * maxLevel;"
            + "return js_out;")
    public static native Float64Array pixels(HTMLCanvasElement pad, JSObject box, int side, double fit, double maxLevel);

    @JSBody(params = "pad", script = "var js_g = pad.getContext('2d'); js_g.fillStyle = '#000'; js_g.fillRect(0, 0, pad.width, pad.height);")
    public static native void clear(HTMLCanvasElement pad);
}
