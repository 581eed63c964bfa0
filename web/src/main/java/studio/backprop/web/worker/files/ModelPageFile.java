package studio.backprop.web.worker.files;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;
import studio.backprop.web.worker.run.Outbox;

/**
 * "Download as a web page": the site's template ({@code model-page.html}) filled with the model
 * (its exact binary form, base64), what describes it (JSON: the test figure, the date, the
 * studio's address) and the inference page's program ({@code lib/model-page.js}, the
 * library.ModelPage build), one HTML file with no other file and no network. Written here, in the
 * full worker, not on the page: a large model's base64 is a long task.
 */
public final class ModelPageFile {
    private ModelPageFile() {}

    @JSFunctor
    interface Done extends JSObject {
        /** The page's HTML, or null and why not. */
        void done(String html, String error);
    }

    static void write(Model model, String score) {
        // (an if, not a conditional expression of the two messages: TeaVM's WebAssembly GC output
        // types such an expression wrongly, and the module would not compile)
        build(Int8Array.copyFromJavaArray(ModelBinary.write(model)), score, (html, error) -> {
            if (html != null) Outbox.post(FromWorker.exportFile(ToWorker.Format.PAGE, html, null));
            else Outbox.post(FromWorker.error("could not make the page: " + error));
        });
    }

    // JSBody locals are named js_* (TeaVM renames parameters to short names they could shadow).

    /**
     * The worker's address is the site's folder (its loader is there), so the template and the
     * program are fetched relative to it (the service worker has both offline). The program's
     * text can hold no "&lt;/script", which would end its element.
     */
    @JSBody(params = {"bytes", "score", "done"}, script =
            "Promise.all([fetch('model-page.html'), fetch('lib/model-page.js')]).then(function (js_r) {"
            + "  if (!js_r[0].ok || !js_r[1].ok) throw new Error('HTTP ' + js_r[0].status + ', ' + js_r[1].status);"
            + "  return Promise.all([js_r[0].text(), js_r[1].text()]); }).then(function (js_t) {"
            + "  var js_u = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), js_s = '';"
            + "  for (var js_i = 0; js_i < js_u.length; js_i += 32768) js_s += String.fromCharCode.apply(null, js_u.subarray(js_i, js_i + 32768));"
            + "  var js_model = btoa(js_s).replace(/.{100}/g, function (js_l) { return js_l + '\\n'; });"
            + "  var js_meta = JSON.stringify({score: score, date: new Date().toISOString().slice(0, 16).replace('T', ' '),"
            + "    studio: new URL('./', self.location.href).href}).replace(/</g, '\\\\u003c');"
            + "  var js_program = js_t[1].replace(/<\\/script/gi, '<\\\\/script');"
            + "  done(js_t[0].replace('{{model}}', function () { return js_model; }).replace('{{meta}}', function () { return js_meta; })"
            + "    .replace('{{program}}', function () { return js_program; }), null);"
            + "}).catch(function (js_e) { done(null, String(js_e && js_e.message || js_e)); });")
    private static native void build(Int8Array bytes, String score, Done done);
}
