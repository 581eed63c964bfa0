package studio.backprop.web.library;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.model.ModelException;
import studio.backprop.web.Js;

/**
 * The studio's models in any web page: one ES module ({@code backprop-studio.js}) built from the
 * engine, with one function.
 *
 * <pre>
 * import { load } from './backprop-studio.js';
 * const model = await load('model-iris.bpsm');   // a model file's URL, a share link, JSON text, or the bytes
 * model.predict([5.1, 3.5, 1.4, 0.2]);           // or {"sepal length (cm)": 5.1, ...}; for a 2-D set [x1, x2]
 * model.predictImage(canvasOrImageOrVideo);      // image models
 * model.classes; model.columns; model.info;
 * </pre>
 *
 * A prediction is {@code {label, index, probabilities, outputs}}: the predicted class and its
 * index (null and -1 for a regression), each class's probability (null for a regression) and the
 * network's outputs (a regression's in its target's units). The arithmetic is the studio's, so
 * the numbers are the studio's to the last bit.
 */
public final class Library {
    private Library() {}

    /** A model from a model file's URL, a share link or the JSON of a model file (a string), or a model file's bytes (ArrayBuffer, a typed array). */
    @JSExport
    public static JSPromise<JSObject> load(JSObject source) {
        return new JSPromise<>((resolve, reject) -> {
            try {
                if (isString(source)) {
                    String text = asString(source);
                    if (Predictor.isModelText(text)) {
                        resolve.accept(wrap(Predictor.fromText(text)));
                        return;
                    }
                    fetchBytes(text, (bytes, error) -> {
                        try {
                            if (bytes == null) throw new ModelException("could not load " + text + ": " + error);
                            resolve.accept(wrap(Predictor.fromBytes(bytes.copyToJavaArray())));
                        } catch (ModelException | RuntimeException e) {
                            reject.accept(error(e));
                        }
                    });
                } else if (isBytes(source)) {
                    resolve.accept(wrap(Predictor.fromBytes(bytes(source).copyToJavaArray())));
                } else {
                    throw new ModelException("load takes a model file's URL, a share link, a model's JSON or its bytes");
                }
            } catch (ModelException | RuntimeException e) {
                reject.accept(error(e));
            }
        });
    }

    @JSFunctor
    interface Bytes extends JSObject {
        void done(Int8Array bytes, String error);
    }

    @JSFunctor
    interface Function extends JSObject {
        JSObject apply(JSObject argument);
    }

    /** The model as JavaScript sees it (see the class comment). */
    public static JSObject wrap(Predictor p) {
        String[] classes = p.model.classes;
        Function predict = input -> {
            try {
                return result(p, predict(p, input));
            } catch (RuntimeException e) {
                throw fail(e);
            }
        };
        Function predictImage = source -> {
            try {
                Pixels px = pixels(source);
                if (px == null) throw new IllegalArgumentException("predictImage takes an image, a canvas, a video, an ImageBitmap or ImageData");
                return result(p, p.outputsOfPixels(px.getWidth(), px.getHeight(), px.getRgba().copyToJavaArray()));
            } catch (RuntimeException e) {
                throw fail(e);
            }
        };
        return model(predict, predictImage, Js.strings(classes), Js.strings(p.columns()), info(p.kind, p.model.settings.get("data"),
                classes.length > 0 ? "classification" : "regression", p.layers(), p.model.network.parameterCount(),
                p.model.settings.toQuery(v -> v), p.image == null ? 0 : p.image.side, p.image == null ? 0 : p.image.channels));
    }

    /** The outputs for what predict was given: numbers (the inputs as they are, or a row of number columns), cells, or an object by column. */
    static double[] predict(Predictor p, JSObject input) {
        Float64Array numbers = numbers(input);
        if (numbers != null && p.numeric()) return p.outputs(numbers.copyToJavaArray());
        return p.outputsOfCells(cells(input, Js.strings(p.columns())));
    }

    static JSObject result(Predictor p, double[] outputs) {
        int index = p.label(outputs);
        double[] probabilities = p.probabilities(outputs);
        return result(index >= 0 ? p.model.classes[index] : null, index, probabilities == null ? null : Js.float64(probabilities),
                Js.float64(outputs));
    }

    private static Error error(Throwable e) {
        return newError(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    interface Error extends JSObject {}

    /** Throws a JavaScript Error with the message (what a caller of predict can read); the return only satisfies the compiler. */
    private static RuntimeException fail(RuntimeException e) {
        throwError(e.getMessage() == null ? e.toString() : e.getMessage());
        return e;
    }

    @JSBody(params = "message", script = "throw new Error(message);")
    private static native void throwError(String message);

    @JSBody(params = "message", script = "return new Error(message);")
    private static native Error newError(String message);

    interface Pixels extends JSObject {
        @org.teavm.jso.JSProperty int getWidth();
        @org.teavm.jso.JSProperty int getHeight();
        @org.teavm.jso.JSProperty Int8Array getRgba();
    }

    // JSBody scripts name their locals js_* (TeaVM renames parameters to short names that a short local could shadow).

    @JSBody(params = "v", script = "return typeof v === 'string' || v instanceof String;")
    private static native boolean isString(JSObject v);

    @JSBody(params = "v", script = "return String(v);")
    private static native String asString(JSObject v);

    @JSBody(params = "v", script = "return v instanceof ArrayBuffer || ArrayBuffer.isView(v);")
    private static native boolean isBytes(JSObject v);

    @JSBody(params = "v", script = "return v instanceof ArrayBuffer ? new Int8Array(v) : new Int8Array(v.buffer, v.byteOffset, v.byteLength);")
    private static native Int8Array bytes(JSObject v);

    @JSBody(params = {"url", "done"}, script = "fetch(url).then(function (js_r) {"
            + "  if (!js_r.ok) throw new Error('HTTP ' + js_r.status); return js_r.arrayBuffer(); })"
            + ".then(function (js_b) { done(new Int8Array(js_b), null); }, function (js_e) { done(null, String(js_e && js_e.message || js_e)); });")
    private static native void fetchBytes(String url, Bytes done);

    /** An array or typed array of numbers only, as doubles; else null. */
    @JSBody(params = "v", script = "if (!(Array.isArray(v) || ArrayBuffer.isView(v))) return null;"
            + "for (var js_i = 0; js_i < v.length; js_i++) if (typeof v[js_i] !== 'number') return null;"
            + "return Float64Array.from(v);")
    private static native Float64Array numbers(JSObject v);

    /** An array's items, or an object's values by column name, as text (numbers in JavaScript's shortest exact form). */
    @JSBody(params = {"v", "names"}, script = "if (Array.isArray(v)) return v.map(function (js_c) { return js_c == null ? '' : String(js_c); });"
            + "if (v && typeof v === 'object') return names.map(function (js_n) { var js_c = v[js_n]; return js_c == null ? '' : String(js_c); });"
            + "throw new Error('predict takes an array of values or an object of values by column name');")
    private static native String[] cells(JSObject v, JSObject names);

    /** An image, canvas, video, ImageBitmap or ImageData as RGBA bytes, at most 1024 pixels a side; null when it is none of those. */
    @JSBody(params = "s", script = "if (!s || typeof s !== 'object') return null;"
            + "var js_w = s.naturalWidth || s.videoWidth || s.displayWidth || s.width, js_h = s.naturalHeight || s.videoHeight || s.displayHeight || s.height;"
            + "if (!(js_w > 0 && js_h > 0)) return null;"
            + "if (typeof ImageData !== 'undefined' && s instanceof ImageData) return {width: js_w, height: js_h, rgba: new Int8Array(s.data.buffer.slice(0))};"
            + "var js_k = Math.min(1, 1024 / Math.max(js_w, js_h)), js_cw = Math.max(1, Math.round(js_w * js_k)), js_ch = Math.max(1, Math.round(js_h * js_k));"
            + "var js_c = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(js_cw, js_ch) : document.createElement('canvas');"
            + "js_c.width = js_cw; js_c.height = js_ch; var js_g = js_c.getContext('2d'); js_g.drawImage(s, 0, 0, js_cw, js_ch);"
            + "return {width: js_cw, height: js_ch, rgba: new Int8Array(js_g.getImageData(0, 0, js_cw, js_ch).data.buffer)};")
    private static native Pixels pixels(JSObject s);

    @JSBody(params = {"label", "index", "probabilities", "outputs"}, script =
            "return {label: label, index: index, probabilities: probabilities ? Array.from(probabilities) : null, outputs: Array.from(outputs)};")
    private static native JSObject result(String label, int index, Float64Array probabilities, Float64Array outputs);

    @JSBody(params = {"kind", "data", "task", "layers", "parameters", "settings", "side", "channels"}, script =
            "return {kind: kind, data: data, task: task, layers: layers, parameters: parameters, settings: settings,"
            + " image: side > 0 ? {side: side, channels: channels} : null};")
    private static native JSObject info(String kind, String data, String task, String layers, int parameters, String settings, int side, int channels);

    @JSBody(params = {"predict", "predictImage", "classes", "columns", "info"}, script =
            "return Object.freeze({predict: predict, predictImage: info.image ? predictImage : undefined, classes: classes, columns: columns,"
            + " kind: info.kind, info: info});")
    private static native JSObject model(Function predict, Function predictImage, JSObject classes, JSObject columns, JSObject info);
}
