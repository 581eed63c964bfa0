package studio.backprop.web.page;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;
import studio.backprop.web.Js;

/**
 * Model files and "my models": download the model (JSON or binary), open a model file, and a
 * list of models saved in this browser (localStorage; each entry keeps the model as its link
 * payload, with name, date, data set and test accuracy).
 */
final class ModelFiles {
    private static final String KEY = "backprop-studio-models";

    private final WorkerClient worker;
    private final State state;

    ModelFiles(WorkerClient worker, State state) {
        this.worker = worker;
        this.state = state;
        Dom.byTestId("download-json").addEventListener("click", e -> request("export", "format", "json"));
        Dom.byTestId("download-binary").addEventListener("click", e -> request("export", "format", "binary"));
        Dom.byTestId("download-onnx").addEventListener("click", e -> request("export", "format", "onnx"));
        Dom.byTestId("save-model").addEventListener("click", e -> request("share", "purpose", "save"));
        HTMLElement input = Dom.byTestId("model-file");
        input.addEventListener("change", e -> readBytes(input, 200e6, m -> {
            String error = Js.string(m, "error");
            if (error != null) {
                state.error = error;
                PageMain.requestRender();
                return;
            }
            JSObject msg = Js.object();
            Js.set(msg, "type", "open-file");
            Js.set(msg, "bytes", Js.get(m, "bytes"));
            worker.send(msg);
        }));
        showList();
    }

    private void request(String type, String key, String value) {
        JSObject m = Js.object();
        Js.set(m, "type", type);
        Js.set(m, key, value);
        worker.send(m);
    }

    /** The worker's "export" answer (JSON, binary or ONNX) becomes a download named after the data set. */
    void download(JSObject m) {
        StringBuilder base = new StringBuilder("model-");
        for (char c : state.settings.get("data").toCharArray()) {
            base.append(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' ? c : '_');
        }
        String format = Js.string(m, "format");
        if ("json".equals(format)) save(base + ".json", Js.string(m, "text"), null, "application/json");
        else save(base + ("onnx".equals(format) ? ".onnx" : ".bpsm"), null, Js.get(m, "bytes"), "application/octet-stream");
    }

    /** Stores the model (as its link payload) with what describes it, newest first. */
    void store(String payload) {
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
        JSObject entries = entries(KEY);
        for (int i = 0; i < Js.length(entries); i++) {
            JSObject e = Js.at(entries, i);
            final int index = i;
            HTMLElement li = Html.el("li");
            HTMLElement name = Html.el("span", Js.string(e, "name"));
            name.setClassName("name");
            li.appendChild(name);
            String accuracy = Js.string(e, "accuracy");
            HTMLElement meta = Html.el("span", Js.string(e, "data") + (accuracy == null || accuracy.isEmpty() ? "" : ", accuracy " + accuracy)
                    + ", " + Js.string(e, "date"));
            meta.setClassName("meta");
            li.appendChild(meta);
            HTMLElement open = Html.el("button", "Open");
            open.setAttribute("type", "button");
            open.setClassName("small");
            open.setAttribute("data-testid", "open-model-" + i);
            String payload = Js.string(e, "payload");
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
    private static native JSObject entries(String key);

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
    private static native void save(String name, String text, JSObject bytes, String type);

    @JSBody(params = {"input", "max", "done"}, script =
            "var js_f = input.files && input.files[0]; if (!js_f) return;"
            + "if (js_f.size > max) { done({error: js_f.name + ' is larger than ' + Math.round(max / 1e6) + ' MB.'}); return; }"
            + "js_f.arrayBuffer().then(function (js_b) { input.value = ''; done({bytes: new Int8Array(js_b)}); },"
            + "  function () { done({error: 'Could not read ' + js_f.name + '.'}); });")
    private static native void readBytes(HTMLElement input, double max, Js.Callback done);
}
