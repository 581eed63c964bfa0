package studio.backprop.web.page.data;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;
import studio.backprop.engine.data.Chars;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.page.State;
import studio.backprop.web.page.WorkerClient;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;

/**
 * The user's own CSV: file picker or drag and drop; the worker parses it (a big file never
 * blocks the page) and answers with the columns, their kinds and the first rows; the user picks
 * the target, the inputs and the missing-value policy, and sees before training what a choice
 * would run into; then training starts on it. A bad file, or a failure to start, only shows a
 * message: whatever was on screen, the preview and its choices included, stays. A .txt file is a
 * text: the run on its characters starts at once.
 */
public final class CsvUpload {
    public static final double MAX_BYTES = 50e6;

    public interface Use {
        void use(Settings settings, JSObject file);
    }

    private final WorkerClient worker;
    private final State state;
    private final Use onUse;
    private final Runnable repaint;
    private final HTMLElement preview = Dom.byTestId("csv-preview");
    private final HTMLElement table = Dom.byTestId("csv-table");
    private String name = "";
    /** The chosen File: the worker reads it (FileReaderSync), so a big file never passes through this thread. */
    private JSObject file;
    private String[] columns = new String[0], inputProblems = new String[0], targetProblems = new String[0];
    private HTMLElement[] roles = new HTMLElement[0], problems = new HTMLElement[0];
    /** Training has been asked for on the previewed file: the preview stays until the run is set up, and on a failure. */
    private boolean starting;

    public CsvUpload(WorkerClient worker, State state, Use onUse, Runnable repaint) {
        this.repaint = repaint;
        this.worker = worker;
        this.state = state;
        this.onUse = onUse;
        Dom.onFile(Dom.byTestId("csv-file"), Dom.byTestId("drop-zone"), this::inspect, this::showError, MAX_BYTES);
        Dom.byTestId("csv-use").addEventListener("click", e -> use());
        Dom.byTestId("csv-cancel").addEventListener("click", e -> preview.setHidden(true));
    }

    private void inspect(String fileName, JSObject chosen) {
        if (Chars.isText(fileName)) {
            // a text has no columns to choose: the run on its characters starts (its network as the setup recommends for text)
            preview.setHidden(true);
            onUse.use(Recommended.forData(state.settings, fileName), chosen);
            return;
        }
        name = fileName.endsWith(".csv") || fileName.endsWith(".CSV") ? fileName : fileName + ".csv";
        file = chosen;
        progress(0);
        worker.sendFiles(ToWorker.inspect(chosen));
    }

    /** Parsing progress (0 to 1) of the file being read; negative hides the bar. */
    public void progress(double fraction) {
        Dom.byTestId("csv-progress").setHidden(fraction < 0);
        if (fraction >= 0) Html.setValue(Dom.byTestId("csv-progress-bar"), Dom.raw(Math.min(1, fraction)));
    }

    /**
     * The worker's answer to "inspect": per column its name, kind and why (an identifier or free
     * text starts as "ignore", a date says what it becomes), a role to choose, a line for the
     * problem a choice would meet (shown before training), then the first rows.
     */
    public void showTable(FromWorker.Table m) {
        progress(-1);
        columns = m.getNames();
        inputProblems = m.getInputProblems();
        targetProblems = m.getTargetProblems();
        String[] kinds = m.getKinds(), notes = m.getNotes(), startRoles = m.getRoles(), cells = m.getCells();
        Dom.byTestId("csv-name").setTextContent(name + " (" + Dom.grouped(m.getRowCount()) + " rows)");
        Html.clear(table);
        HTMLElement head = Html.el("thead"), names = Html.el("tr"), types = Html.el("tr"), choose = Html.el("tr"), issues = Html.el("tr");
        roles = new HTMLElement[columns.length];
        problems = new HTMLElement[columns.length];
        for (int c = 0; c < columns.length; c++) {
            names.appendChild(Html.el("th", columns[c]));
            HTMLElement type = Html.el("th");
            HTMLElement kind = Html.el("span", kinds[c]);
            kind.setClassName("kind " + kinds[c]);
            kind.setAttribute("data-testid", "kind-of-" + c);
            type.appendChild(kind);
            if (!notes[c].isEmpty()) {
                HTMLElement note = Html.el("small", notes[c]);
                note.setClassName("note");
                note.setAttribute("data-testid", "note-" + c);
                type.appendChild(note);
            }
            types.appendChild(type);
            HTMLElement th = Html.el("th");
            HTMLElement role = Html.el("select");
            role.setAttribute("aria-label", "Role of column " + columns[c]);
            role.setAttribute("data-testid", "role-" + c);
            for (String r : new String[] {"input", "target", "ignore"}) role.appendChild(Html.option(r, r, r.equals(startRoles[c])));
            final int column = c;
            role.addEventListener("change", e -> {
                oneTarget(role);
                checkRoles();
            });
            roles[c] = role;
            th.appendChild(role);
            choose.appendChild(th);
            HTMLElement problem = Html.el("td");
            problem.setClassName("problem");
            problem.setAttribute("data-testid", "problem-" + column);
            problems[c] = problem;
            issues.appendChild(problem);
        }
        head.appendChild(names);
        head.appendChild(types);
        head.appendChild(choose);
        head.appendChild(issues);
        table.appendChild(head);
        HTMLElement body = Html.el("tbody");
        for (int r = 0; columns.length > 0 && r < cells.length / columns.length; r++) {
            HTMLElement tr = Html.el("tr");
            for (int c = 0; c < columns.length; c++) tr.appendChild(Html.el("td", cells[r * columns.length + c]));
            body.appendChild(tr);
        }
        table.appendChild(body);
        preview.setHidden(false);
        checkRoles();
        state.error = "";
    }

    /** Shows, next to each column, what its chosen role would run into; true when nothing would. */
    private boolean checkRoles() {
        boolean ok = true;
        for (int c = 0; c < columns.length; c++) {
            String role = Html.value(roles[c]), problem = role.equals("input") ? inputProblems[c] : role.equals("target") ? targetProblems[c] : "";
            problems[c].setTextContent(problem.isEmpty() ? "" : "As " + (role.equals("input") ? "an input" : "the target") + ": " + problem + ".");
            ok &= problem.isEmpty();
        }
        Dom.byTestId("csv-use").setAttribute("aria-invalid", ok ? "false" : "true");
        return ok;
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
        if (!checkRoles()) {
            showError("A column's role cannot work: see the note under it in the table.");
            return;
        }
        for (String c : columns) {
            if (c.indexOf(',') >= 0 && !c.equals(target)) {
                showError("Column names with a comma cannot be chosen as inputs yet: rename \"" + c + "\" in the file.");
                return;
            }
        }
        // a network still as some data set recommends it becomes the one for tables
        Settings s = Recommended.forData(state.settings, name);
        boolean series = Html.value(Dom.byTestId("csv-task")).equals("series");
        if (series) {
            // the target's own past is the input: the series' recommended network, unless the user has one of their own
            boolean recommended = Recommended.followed(s);
            s.set("series", target).set("inputs", "").set("target", "");
            if (recommended) for (String pair : Text.split(Recommended.SERIES, '&')) s.set(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        } else {
            s.set("series", "");
            s.set("target", target);
            s.set("inputs", inputs.toString());
        }
        s.set("missing", Html.value(Dom.byTestId("csv-missing")));
        starting = true;
        onUse.use(s, file);
    }

    /** The run on the previewed file is set up: the preview has done its work. A failure leaves it, and the choices, on screen. */
    public void started() {
        if (!starting) return;
        starting = false;
        preview.setHidden(true);
    }

    /** Starting on the file failed: the preview stays as the user left it. */
    public void failed() {
        starting = false;
    }

    private void showError(String message) {
        state.error = message;
        repaint.run();
    }

}
