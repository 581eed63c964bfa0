package studio.backprop.web.page.share;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import studio.backprop.web.page.State;
import studio.backprop.web.page.WorkerClient;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.protocol.ToWorker;

/**
 * The model outside the studio: "Download as a web page" (one HTML file, the model and the
 * inference program inside, see {@code library.ModelPage}; the full worker writes it) and "Use in
 * your page" (the inference library, {@code lib/backprop-studio.js}, with a snippet for the
 * current model).
 */
public final class PageExport {
    private final State state;
    private final Runnable repaint;

    public PageExport(WorkerClient worker, State state, Runnable repaint) {
        this.state = state;
        this.repaint = repaint;
        Dom.byTestId("download-page").addEventListener("click", e -> worker.send(ToWorker.export(ToWorker.Format.PAGE.name(), null, score(state))));
        Dom.byTestId("use-in-page-box").addEventListener("toggle", e -> Dom.byTestId("snippet").setTextContent(snippet()));
        Dom.byTestId("download-library").addEventListener("click", e -> saveUrl("lib/backprop-studio.js", "backprop-studio.js"));
        Dom.byTestId("copy-snippet").addEventListener("click", e -> copy(Dom.byTestId("snippet").getTextContent()));
    }

    private void failed(String why) {
        state.error = why;
        repaint.run();
    }

    /** What a page of its own states about the model's test part ("" before there is a figure). */
    public static String score(State state) {
        return !state.classification() ? (Double.isNaN(state.testRmse) ? "" : "test RMSE " + Dom.precision(state.testRmse, 4))
                : Double.isNaN(state.testAccuracy) ? "" : "test accuracy " + Dom.fixed(state.testAccuracy, 3);
    }

    /** The snippet for the current model: the library and the model file beside the user's page. */
    String snippet() {
        String file = ModelFiles.baseName(state) + ".bpsm";
        String call;
        if (state.imageSide > 0) {
            call = "model.predictImage(document.querySelector('img'))";
        } else if (state.planar) {
            call = "model.predict([1.5, -2])";
        } else {
            StringBuilder row = new StringBuilder("{");
            for (int i = 0; i < state.columns.length; i++) {
                String[] categories = i < state.categories.length ? state.categories[i] : null;
                row.append(i > 0 ? ", " : "").append(json(state.columns[i])).append(": ")
                        .append(categories != null && categories.length > 0 ? json(categories[0]) : "0");
            }
            call = "model.predict(" + row.append("}") + ")";
        }
        // the text is the page's (the snippet element's data-template), with the model's file and call in it
        return Dom.byTestId("snippet").getAttribute("data-template").replace("FILE", file).replace("CALL", call);
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // JSBody locals are named js_* (TeaVM renames parameters to short names they could shadow).

    @JSFunctor
    interface Fetched extends JSObject {
        /** The file's contents (a Blob), or null and why not. */
        void done(JSObject blob, String error);
    }

    /** A file of the site, saved as a download (the model files' way). */
    private void saveUrl(String url, String name) {
        fetchBlob(url, (blob, error) -> {
            if (blob == null) failed("Could not download " + name + ": " + error);
            else ModelFiles.save(name, null, blob, "text/javascript");
        });
    }

    @JSBody(params = {"url", "done"}, script =
            "fetch(url).then(function (js_r) { if (!js_r.ok) throw new Error('HTTP ' + js_r.status); return js_r.blob(); })"
            + ".then(function (js_b) { done(js_b, null); }, function (js_e) { done(null, String(js_e && js_e.message || js_e)); });")
    private static native void fetchBlob(String url, Fetched done);

    @JSBody(params = "text", script = "if (navigator.clipboard) navigator.clipboard.writeText(text).catch(function () {});")
    private static native void copy(String text);
}
