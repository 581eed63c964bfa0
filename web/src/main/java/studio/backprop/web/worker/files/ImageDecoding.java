package studio.backprop.web.worker.files;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.data.ImageHeader;
import studio.backprop.web.protocol.ToWorker;

/**
 * Image files in the worker, by the browser: their first bytes (for {@link ImageHeader}), their
 * pixels (createImageBitmap with no colour conversion, read back from an OffscreenCanvas: the
 * decoded pixels are the data, the engine crops and scales them), and "try it" on a file or a
 * camera frame prepared as a model's images.
 */
public final class ImageDecoding {
    private ImageDecoding() {}

    /** Bytes read to find an image's kind and size (a JPEG's frame header may follow a large EXIF block). */
    static final int HEAD = 256 * 1024;

    @JSFunctor
    interface Decoded extends JSObject {
        void done(int width, int height, Int8Array rgba, String error);
    }

    /** "Try it" on a file or a camera frame: prepared as the model's images, then given to then (the network's inputs, or null and why). */
    static void prepare(ToWorker.Predict m, ImageFormat format, java.util.function.BiConsumer<double[], String> then) {
        if (m.getFrame() != null) {
            then.accept(format.inputs(ImageFormat.scale(m.getWidth(), m.getHeight(), m.getFrame().copyToJavaArray(), format.side)), null);
            return;
        }
        Int8Array head = readBytes(m.getFile(), 0, HEAD);
        ImageHeader h = head == null ? null : ImageHeader.of(head.copyToJavaArray());
        if (h == null) {
            then.accept(null, "not an image (PNG, JPEG, GIF or WebP)");
            return;
        }
        decode(m.getFile(), h, (width, height, rgba, error) -> {
            if (error != null) then.accept(null, "unreadable " + h.kind + " (" + error + ")");
            else then.accept(format.inputs(ImageFormat.scale(width, height, rgba.copyToJavaArray(), format.side)), null);
        });
    }

    /** Decodes an image file at its size, or scaled to fit {@link ImageFormat#MAX_PIXELS} when larger (the browser scales it then). */
    static void decode(JSObject blob, ImageHeader h, Decoded done) {
        int width = ImageFormat.decodeWidth(h.width, h.height);
        int height = width == h.width ? h.height : Math.max(1, (int) ((long) h.height * width / h.width));
        decode(blob, width == h.width ? 0 : width, height, done);
    }

    @JSBody(params = {"blob", "width", "height", "done"}, script =
            "var js_o = {colorSpaceConversion: 'none', premultiplyAlpha: 'none'};"
            + "if (width > 0) { js_o.resizeWidth = width; js_o.resizeHeight = height; js_o.resizeQuality = 'high'; }"
            + "createImageBitmap(blob, js_o).then(function (js_b) {"
            // one canvas, grown when an image needs more room (resizing it for every image costs more than the decode)
            + "  var js_c = self.js_decodeCanvas || (self.js_decodeCanvas = new OffscreenCanvas(64, 64));"
            + "  if (js_c.width < js_b.width || js_c.height < js_b.height) {"
            + "    js_c.width = Math.max(js_c.width, js_b.width); js_c.height = Math.max(js_c.height, js_b.height); }"
            + "  var js_x = js_c.getContext('2d', {willReadFrequently: true});"
            + "  js_x.clearRect(0, 0, js_b.width, js_b.height); js_x.drawImage(js_b, 0, 0);"
            + "  var js_d = js_x.getImageData(0, 0, js_b.width, js_b.height);"
            + "  var js_w = js_b.width, js_h = js_b.height; js_b.close();"
            // (a canvas grown for a huge image goes back to small, not to hold its memory)
            + "  if (js_c.width > 1024 || js_c.height > 1024) { js_c.width = 64; js_c.height = 64; }"
            + "  done(js_w, js_h, new Int8Array(js_d.data.buffer), null);"
            + "}, function (js_e) { done(0, 0, null, String(js_e && js_e.message || js_e)); });")
    private static native void decode(JSObject blob, int width, int height, Decoded done);

    /** Bytes of a Blob or File from start, at most length of them (-1: to the end); null when it cannot be read. */
    @JSBody(params = {"blob", "start", "length"}, script = "try { var js_p = length < 0 ? blob : blob.slice(start, start + length);"
            + " return new Int8Array(new FileReaderSync().readAsArrayBuffer(js_p)); } catch (e) { return null; }")
    static native Int8Array readBytes(JSObject blob, int start, int length);

    @JSBody(params = "bytes", script = "return new Blob([bytes]);")
    static native JSObject blob(Int8Array bytes);
}
