package studio.backprop.web.page.share;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.web.page.State;
import studio.backprop.web.page.WorkerClient;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;

/**
 * Model files and "my models": download the model (JSON or binary) or the project, open a model
 * or project file (chosen or dropped), and a
 * list of models saved in this browser (localStorage; each entry keeps the model as its link
 * payload, with name, date, data set and test accuracy).
 */
public final class ModelFiles {
    private static final String KEY = "backprop-studio-models";
    /** The largest model or project file opened (a project holds its data: a CSV of up to 50 MB, or images). */
    static final double MAX_BYTES = 500e6;

    private final WorkerClient worker;
    private final State state;

    private final Runnable repaint;

    /** The runs panel's list as JSON, which a project keeps. */
    public interface Runs {
        String json();
    }

    private final Runs runs;

    public ModelFiles(WorkerClient worker, State state, Runnable repaint, Runs runs) {
        this.worker = worker;
        this.state = state;
        this.repaint = repaint;
        this.runs = runs;
        Dom.byTestId("download-json").addEventListener("click", e -> worker.send(ToWorker.export(ToWorker.Format.JSON)));
        Dom.byTestId("download-binary").addEventListener("click", e -> worker.send(ToWorker.export(ToWorker.Format.BINARY)));
        Dom.byTestId("download-onnx").addEventListener("click", e -> worker.send(ToWorker.export(ToWorker.Format.ONNX)));
        Dom.byTestId("download-tfjs").addEventListener("click", e -> worker.send(ToWorker.export(ToWorker.Format.TFJS)));
        Dom.byTestId("save-model").addEventListener("click", e -> worker.send(ToWorker.share(true)));
        // the full program writes the project, with the user's data it holds; the training program first sends its model (export-model)
        Dom.byTestId("save-project").addEventListener("click",
                e -> worker.send(worker.trainerIsFull() ? projectRequest(null) : ToWorker.export(ToWorker.Format.PROJECT)));
        Dom.Failed failed = error -> {
            state.error = error;
            repaint.run();
        };
        // to the full program beside the run: the run stays unless the file opens (see WorkerClient.promoteFiles)
        Dom.onFile(Dom.byTestId("model-file"), Dom.byTestId("open-zone"), (name, file) -> readBytes(file, name, bytes -> worker.sendFiles(ToWorker.openFile(bytes)), failed),
                failed, MAX_BYTES);
        showList();
    }

    @JSFunctor
    interface Bytes extends JSObject {
        void done(Int8Array bytes);
    }

    /** A model saved in this browser, as localStorage keeps it. */
    interface Saved extends JSObject {
        @JSProperty String getName();
        @JSProperty String getDate();
        @JSProperty String getData();
        @JSProperty String getAccuracy();
        @JSProperty String getPayload();
    }

    /** The training program's model (export-model, format PROJECT), to the full program with the runs and the run's CSV file. */
    public void saveProject(Int8Array model) {
        worker.sendFiles(projectRequest(model));
    }

    private ToWorker.ExportRequest projectRequest(Int8Array model) {
        return ToWorker.exportProject(model, runs.json(), state.csvFile);
    }

    /** The worker's export-file answer (JSON, binary or ONNX) becomes a download named after the data set. */
    public void download(FromWorker.ExportFile m) {
        String base = baseName(state);
        ToWorker.Format format = ToWorker.format(m.getFormat());
        if (format == ToWorker.Format.JSON) save(base + ".json", m.getText(), null, "application/json");
        else if (format == ToWorker.Format.PAGE) save(base + ".html", m.getText(), null, "text/html");
        else if (format == ToWorker.Format.PROJECT) save("project-" + base.substring("model-".length()) + ".zip", null, m.getBytes(), "application/zip");
        else save(base + (format == ToWorker.Format.ONNX ? ".onnx" : format == ToWorker.Format.TFJS ? ".tfjs.zip" : ".bpsm"), null,
                m.getBytes(), "application/octet-stream");
    }

    /** A model file's name without its extension: "model-" and the data set's name, as a file name may have it. */
    static String baseName(State state) {
        StringBuilder base = new StringBuilder("model-");
        for (char c : state.settings.get("data").toCharArray()) {
            base.append(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' ? c : '_');
        }
        return base.toString();
    }

    /** Stores the model (as its link payload) with what describes it, newest first. */
    public void store(String payload) {
        String name = Html.value(Dom.byTestId("model-name")).trim();
        if (name.isEmpty()) name = state.settings.get("data") + " " + String.join("-", widths());
        add(KEY, name, now(), state.settings.get("data"), state.classification() ? Dom.fixed(state.testAccuracy, 3) : "", payload);
        Html.setValue(Dom.byTestId("model-name"), "");
        showList();
    }

    private String[] widths() {
        String[] w = new String[state.widths.length];
        for (int i = 0; i < w.length; i++) w[i] = Integer.toString(state.widths[i]);
        return w;
    }

    void showList() {
        HTMLElement list = Dom.byTestId("my-models");
        Html.clear(list);
        JSArray<Saved> entries = entries(KEY);
        for (int i = 0; i < entries.getLength(); i++) {
            Saved e = entries.get(i);
            final int index = i;
            HTMLElement li = Html.el("li");
            HTMLElement name = Html.el("span", e.getName());
            name.setClassName("name");
            li.appendChild(name);
            String accuracy = e.getAccuracy();
            HTMLElement meta = Html.el("span", e.getData() + (accuracy == null || accuracy.isEmpty() ? "" : ", accuracy " + accuracy)
                    + ", " + e.getDate());
            meta.setClassName("meta");
            li.appendChild(meta);
            HTMLElement open = Html.el("button", "Open");
            open.setAttribute("type", "button");
            open.setClassName("small");
            open.setAttribute("data-testid", "open-model-" + i);
            String payload = e.getPayload();
            open.addEventListener("click", ev -> openLink(payload));
            HTMLElement delete = Html.el("button", "Delete");
            delete.setAttribute("type", "button");
            delete.setClassName("small");
            delete.setAttribute("data-testid", "delete-model-" + i);
            delete.addEventListener("click", ev -> {
                remove(KEY, index);
                showList();
            });
            li.appendChild(open);
            li.appendChild(delete);
            list.appendChild(li);
        }
    }

    @JSBody(params = "payload", script = "location.hash = 'm=' + payload;")
    private static native void openLink(String payload);

    @JSBody(script = "return new Date().toISOString().slice(0, 16).replace('T', ' ');")
    private static native String now();

    @JSBody(params = "key", script = "try { var js_v = JSON.parse(localStorage.getItem(key) || '[]'); return Array.isArray(js_v) ? js_v : []; }"
            + " catch (js_e) { return []; }")
    private static native JSArray<Saved> entries(String key);

    @JSBody(params = {"key", "name", "date", "data", "accuracy", "payload"}, script =
            "var js_list; try { js_list = JSON.parse(localStorage.getItem(key) || '[]'); } catch (js_e) { js_list = []; }"
            + "if (!Array.isArray(js_list)) js_list = [];"
            + "js_list.unshift({name: name, date: date, data: data, accuracy: accuracy, payload: payload});"
            + "try { localStorage.setItem(key, JSON.stringify(js_list)); } catch (js_e) {}")
    private static native void add(String key, String name, String date, String data, String accuracy, String payload);

    @JSBody(params = {"key", "index"}, script =
            "try { var js_list = JSON.parse(localStorage.getItem(key) || '[]'); js_list.splice(index, 1);"
            + " localStorage.setItem(key, JSON.stringify(js_list)); } catch (js_e) {}")
    private static native void remove(String key, int index);

    @JSBody(params = {"name", "text", "bytes", "type"}, script =
            "var js_a = document.createElement('a'); js_a.href = URL.createObjectURL(new Blob([text !== null ? text : bytes], {type: type}));"
            + "js_a.download = name; document.body.appendChild(js_a); js_a.click();"
            + "setTimeout(function () { URL.revokeObjectURL(js_a.href); js_a.remove(); }, 0);")
    static native void save(String name, String text, JSObject bytes, String type);

    @JSBody(params = {"file", "name", "done", "fail"}, script =
            "file.arrayBuffer().then(function (js_b) { done(new Int8Array(js_b)); }, function () { fail('Could not read ' + name + '.'); });")
    private static native void readBytes(JSObject file, String name, Bytes done, Dom.Failed fail);
}
