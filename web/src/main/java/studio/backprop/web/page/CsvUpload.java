package studio.backprop.web.page;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;

/**
 * The user's own CSV: file picker or drag and drop; the worker parses it (a big file never
 * blocks the page) and answers with the columns and first rows; the user picks the target,
 * the inputs and the missing-value policy; then training starts on it. A bad file only
 * shows a message: whatever was on screen stays.
 */
final class CsvUpload {
    static final double MAX_BYTES = 50e6;

    @JSFunctor
    interface FileText extends JSObject {
        void accept(String name, JSObject file);
    }

    @JSFunctor
    interface Failed extends JSObject {
        void failed(String message);
    }

    interface Use {
        void use(Settings settings, JSObject file);
    }

    private final WorkerClient worker;
    private final State state;
    private final Use onUse;
    private final HTMLElement preview = Dom.byTestId("csv-preview");
    private final HTMLElement table = Dom.byTestId("csv-table");
    private String name = "";
    /** The chosen File: the worker reads it (FileReaderSync), so a big file never passes through this thread. */
    private JSObject file;
    private String[] columns = new String[0];
    private HTMLElement[] roles = new HTMLElement[0];

    CsvUpload(WorkerClient worker, State state, Use onUse) {
        this.worker = worker;
        this.state = state;
        this.onUse = onUse;
        HTMLElement input = Dom.byTestId("csv-file");
        FileText got = this::inspect;
        Failed failed = this::showError;
        input.addEventListener("change", e -> readInput(input, got, failed, MAX_BYTES));
        listenDrop(Dom.byTestId("drop-zone"), got, failed, MAX_BYTES);
        Dom.byTestId("csv-use").addEventListener("click", e -> use());
        Dom.byTestId("csv-cancel").addEventListener("click", e -> preview.setHidden(true));
    }

    private void inspect(String fileName, JSObject chosen) {
        name = fileName.endsWith(".csv") || fileName.endsWith(".CSV") ? fileName : fileName + ".csv";
        file = chosen;
        progress(0);
        worker.send(ToWorker.inspect(chosen));
    }

    /** Parsing progress (0 to 1) of the file being read; negative hides the bar. */
    void progress(double fraction) {
        Dom.byTestId("csv-progress").setHidden(fraction < 0);
        if (fraction >= 0) Html.setValue(Dom.byTestId("csv-progress-bar"), Dom.raw(Math.min(1, fraction)));
    }

    /** The worker's answer to "inspect": column names, types and the first rows. */
    void showTable(FromWorker.Table m) {
        progress(-1);
        columns = m.getNames();
        String[] kinds = m.getKinds(), cells = m.getCells();
        Dom.byTestId("csv-name").setTextContent(name + " (" + Dom.grouped(m.getRowCount()) + " rows)");
        Html.clear(table);
        HTMLElement head = Html.el("thead"), names = Html.el("tr"), types = Html.el("tr"), choose = Html.el("tr");
        roles = new HTMLElement[columns.length];
        for (int c = 0; c < columns.length; c++) {
            names.appendChild(Html.el("th", columns[c]));
            types.appendChild(Html.el("th", kinds[c]));
            HTMLElement th = Html.el("th");
            HTMLElement role = Html.el("select");
            role.setAttribute("aria-label", "Role of column " + columns[c]);
            role.setAttribute("data-testid", "role-" + c);
            boolean last = c == columns.length - 1;
            role.appendChild(Html.option("input", "input", !last));
            role.appendChild(Html.option("target", "target", last));
            role.appendChild(Html.option("ignore", "ignore", false));
            role.addEventListener("change", e -> oneTarget(role));
            roles[c] = role;
            th.appendChild(role);
            choose.appendChild(th);
        }
        head.appendChild(names);
        head.appendChild(types);
        head.appendChild(choose);
        table.appendChild(head);
        HTMLElement body = Html.el("tbody");
        for (int r = 0; columns.length > 0 && r < cells.length / columns.length; r++) {
            HTMLElement tr = Html.el("tr");
            for (int c = 0; c < columns.length; c++) tr.appendChild(Html.el("td", cells[r * columns.length + c]));
            body.appendChild(tr);
        }
        table.appendChild(body);
        preview.setHidden(false);
        state.error = "";
    }

    /** Choosing a target makes the previous target an input. */
    private void oneTarget(HTMLElement chosen) {
        if (!Html.value(chosen).equals("target")) return;
        for (HTMLElement r : roles) if (r != chosen && Html.value(r).equals("target")) Html.setValue(r, "input");
    }

    private void use() {
        String target = null;
        StringBuilder inputs = new StringBuilder();
        for (int c = 0; c < columns.length; c++) {
            String role = Html.value(roles[c]);
            if (role.equals("target")) target = columns[c];
            else if (role.equals("input")) inputs.append(inputs.length() > 0 ? "," : "").append(columns[c]);
        }
        if (target == null) {
            showError("Choose the column to predict: set one column to \"target\".");
            return;
        }
        for (String c : columns) {
            if (c.indexOf(',') >= 0 && !c.equals(target)) {
                showError("Column names with a comma cannot be chosen as inputs yet: rename \"" + c + "\" in the file.");
                return;
            }
        }
        Settings s = state.settings.copy();
        s.set("data", name);
        s.set("target", target);
        s.set("inputs", inputs.toString());
        s.set("missing", Html.value(Dom.byTestId("csv-missing")));
        preview.setHidden(true);
        onUse.use(s, file);
    }

    private void showError(String message) {
        state.error = message;
        PageMain.requestRender();
    }

    @JSBody(params = {"input", "ok", "fail", "max"}, script =
            "var js_f = input.files && input.files[0]; if (!js_f) return;"
            + "if (js_f.size > max) { fail(js_f.name + ' is ' + Math.round(js_f.size / 1e6) + ' MB; the limit is ' + Math.round(max / 1e6) + ' MB.'); return; }"
            + "ok(js_f.name, js_f); input.value = '';")
    static native void readInput(HTMLElement input, FileText ok, Failed fail, double max);

    @JSBody(params = {"zone", "ok", "fail", "max"}, script =
            "zone.addEventListener('dragover', function (js_e) { js_e.preventDefault(); zone.classList.add('dragging'); });"
            + "zone.addEventListener('dragleave', function () { zone.classList.remove('dragging'); });"
            + "zone.addEventListener('drop', function (js_e) { js_e.preventDefault(); zone.classList.remove('dragging');"
            + "  var js_f = js_e.dataTransfer.files[0]; if (!js_f) return;"
            + "  if (js_f.size > max) { fail(js_f.name + ' is ' + Math.round(js_f.size / 1e6) + ' MB; the limit is ' + Math.round(max / 1e6) + ' MB.'); return; }"
            + "  ok(js_f.name, js_f); });")
    private static native void listenDrop(HTMLElement zone, FileText ok, Failed fail, double max);
}
