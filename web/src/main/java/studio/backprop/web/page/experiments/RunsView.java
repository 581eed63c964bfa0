package studio.backprop.web.page.experiments;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.canvas.CanvasRenderingContext2D;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.Js;
import studio.backprop.web.page.State;
import studio.backprop.web.page.UrlState;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;

/**
 * Every run is kept: from a reset or a new setup until now, its settings (as its URL hash; the
 * same setup trained again replaces its row, as it gives the same weights),
 * curves, last metrics, training time and weights hash; the last 50 in this browser
 * (localStorage), so they survive a reload. The list shows what differs between the runs and
 * reopens any of them; checked runs overlay their curves on one chart, each in its own colour
 * and dash, over epochs or seconds.
 */
public final class RunsView {
    static final String KEY = "backprop-studio-runs";
    static final int KEPT = 50, CURVE_POINTS = 200;

    /** A run as localStorage keeps it (JSON). curve: (epoch, seconds, train loss, test loss, train accuracy, test accuracy) rows, flat. */
    interface Run extends JSObject {
        @JSProperty String getId(); @JSProperty void setId(String v);
        @JSProperty String getSettings(); @JSProperty void setSettings(String v);
        @JSProperty String getDate(); @JSProperty void setDate(String v);
        @JSProperty double getSeconds(); @JSProperty void setSeconds(double v);
        @JSProperty int getEpochs(); @JSProperty void setEpochs(int v);
        @JSProperty boolean isClassifier(); @JSProperty void setClassifier(boolean v);
        @JSProperty double getTestLoss(); @JSProperty void setTestLoss(double v);
        @JSProperty double getTestMetric(); @JSProperty void setTestMetric(double v);
        @JSProperty String getHash(); @JSProperty void setHash(String v);
        @JSProperty JSArray<JSObject> getCurve(); @JSProperty void setCurve(JSArray<JSObject> v);
    }

    private final State state;
    private final HTMLElement table = Dom.byTestId("runs");
    private final HTMLCanvasElement chart = (HTMLCanvasElement) Dom.byTestId("compare-chart");
    private final List<String> compared = new ArrayList<>();
    /** The run now training (not yet in the list until it has trained), when it was last stored, the last epoch on its curve. */
    private Run current;
    private double lastSaved, lastEpoch = -1;
    private String shown = "";

    public RunsView(State state) {
        this.state = state;
        Dom.byTestId("runs-clear").addEventListener("click", e -> {
            save(JSArray.create());
            compared.clear();
            current = null;
            render();
        });
        Dom.byTestId("compare-metric").addEventListener("change", e -> drawChart(load()));
        Dom.byTestId("compare-x").addEventListener("change", e -> drawChart(load()));
        render();
    }

    /** A new run begins (a reset or a new setup): the one before stays in the list if it trained. */
    public void begin() {
        current = null;
        lastEpoch = -1;
    }

    /** A snapshot of the run now: its curve point, metrics, time and hash. */
    public void update() {
        if (state.epoch == 0 && state.samples == 0) return;
        double now = Js.now();
        boolean fresh = current == null;
        if (fresh) current = newRun(id(), UrlState.query(state.settings), date());
        if (!state.history.isEmpty()) current.setSeconds(state.history.get(state.history.size() - 1)[5]);
        current.setEpochs(state.epoch);
        current.setClassifier(state.classification());
        current.setTestLoss(state.testLoss);
        current.setTestMetric(state.classification() ? state.testAccuracy : state.testRmse);
        if (!state.hash.isEmpty()) current.setHash(state.hash);
        JSArray<JSObject> curve = current.getCurve();
        for (double[] p : state.history) {
            if (p[0] <= lastEpoch) continue;
            push(curve, new double[] {p[0], p[5], p[1], p[2], p[3], p[4]});
            lastEpoch = p[0];
            if (curve.getLength() > CURVE_POINTS) thin(curve);
        }
        if (fresh) {
            // its row shows its first numbers, not empty ones
            List<Run> runs = load();
            // the same setup trained again is the same run (training is deterministic): it replaces its row
            runs.removeIf(r -> r.getSettings().equals(current.getSettings()));
            runs.add(0, current);
            while (runs.size() > KEPT) runs.remove(runs.size() - 1);
            store(runs);
            render(runs);
            lastSaved = now;
            return;
        }
        // stored every few seconds while training (a closed tab keeps most of its run); the table is redrawn when it settles
        boolean settled = !state.status.equals("training");
        if (settled || now - lastSaved > 5000) {
            List<Run> runs = load();
            for (int i = 0; i < runs.size(); i++) if (runs.get(i).getId().equals(current.getId())) runs.set(i, current);
            store(runs);
            lastSaved = now;
            if (settled) render(runs);
        }
    }

    /** The table of kept runs, with what differs between them. */
    void render() {
        render(load());
    }

    private void render(List<Run> runs) {
        StringBuilder key = new StringBuilder();
        for (Run r : runs) key.append(r.getId()).append(r.getEpochs()).append(r.getHash()).append(';');
        key.append(compared);
        if (key.toString().equals(shown)) return;
        shown = key.toString();
        List<Settings> settings = new ArrayList<>();
        for (Run r : runs) settings.add(UrlState.parse(r.getSettings()));
        List<String> differ = Settings.differing(settings);
        Html.clear(table);
        Dom.byTestId("runs-panel").setHidden(runs.isEmpty());
        HTMLElement head = Html.el("tr");
        for (String h : new String[] {"compare", differ.isEmpty() ? "settings" : "what differs", "epochs", "test loss", "test acc. / RMSE", "compute time", ""}) {
            head.appendChild(Html.el("th", h));
        }
        table.appendChild(head);
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            HTMLElement tr = Html.el("tr");
            tr.setAttribute("data-testid", "run-row");
            tr.setAttribute("data-settings", r.getSettings());
            if (r.getHash() != null && !r.getHash().isEmpty()) tr.setAttribute("data-hash", r.getHash());
            tr.setAttribute(r.isClassifier() ? "data-test-accuracy" : "data-test-rmse", Dom.raw(r.getTestMetric()));
            HTMLElement pick = Html.el("td");
            HTMLElement box = Html.el("input");
            box.setAttribute("type", "checkbox");
            box.setAttribute("aria-label", "Compare run " + (i + 1));
            box.setAttribute("data-testid", "compare-" + i);
            String id = r.getId();
            Html.setChecked(box, compared.contains(id));
            box.addEventListener("change", e -> {
                if (Html.checked(box)) compared.add(id);
                else compared.remove(id);
                render();
            });
            // in a label, so that the whole cell is the box's target (a thumb's size on a phone)
            HTMLElement tap = Html.el("label");
            tap.setClassName("tap");
            tap.appendChild(box);
            pick.appendChild(tap);
            tr.appendChild(pick);
            tr.appendChild(Html.el("td", describe(settings.get(i), differ)));
            tr.appendChild(Html.el("td", Dom.grouped(r.getEpochs())));
            tr.appendChild(Html.el("td", Dom.fixed(r.getTestLoss(), 4)));
            tr.appendChild(Html.el("td", Dom.fixed(r.getTestMetric(), r.isClassifier() ? 3 : 4)));
            tr.appendChild(Html.el("td", Dom.fixed(r.getSeconds(), r.getSeconds() < 10 ? 2 : 1) + " s"));
            HTMLElement link = Html.el("a", "open");
            link.setAttribute("href", "#" + r.getSettings());
            link.setAttribute("data-testid", "run-link-" + i);
            link.setAttribute("title", "Reopen this setup (" + r.getDate() + ")");
            // the model on demand: training is deterministic, so the setup trained to the run's epochs is the run's model, ready to share
            Settings again = settings.get(i).copy().set("epochs", Integer.toString(Math.max(1, r.getEpochs())));
            HTMLElement model = Html.el("a", "model");
            model.setAttribute("href", "#" + UrlState.query(again) + "&play=1");
            model.setAttribute("data-testid", "run-model-" + i);
            model.setAttribute("title", "Train this setup again to its " + r.getEpochs() + " epochs: the same weights, ready to share");
            HTMLElement cell = Html.el("td");
            cell.appendChild(link);
            cell.appendChild(Html.el("span", " \u00b7 "));
            cell.appendChild(model);
            tr.appendChild(cell);
            table.appendChild(tr);
        }
        drawChart(runs);
    }

    /** The settings that tell a run apart, or its whole changed list when nothing differs. */
    private static String describe(Settings s, List<String> keys) {
        StringBuilder sb = new StringBuilder();
        if (keys.isEmpty()) {
            for (var e : s.changed().entrySet()) if (!e.getKey().equals("speed")) sb.append(sb.length() > 0 ? " " : "").append(e.getKey()).append('=').append(e.getValue());
        } else {
            for (String k : keys) sb.append(sb.length() > 0 ? " " : "").append(k).append('=').append(s.get(k));
        }
        String text = sb.length() == 0 ? "defaults" : sb.toString();
        return text.length() > 90 ? text.substring(0, 89) + "\u2026" : text;
    }

    /** The checked runs' curves on one chart, with a legend naming what differs. */
    private void drawChart(List<Run> runs) {
        List<Run> picked = new ArrayList<>();
        for (Run r : runs) if (compared.contains(r.getId())) picked.add(r);
        Dom.byTestId("compare").setHidden(picked.isEmpty());
        HTMLElement legend = Dom.byTestId("compare-legend");
        Html.clear(legend);
        if (picked.isEmpty()) return;
        List<Settings> settings = new ArrayList<>();
        for (Run r : picked) settings.add(UrlState.parse(r.getSettings()));
        List<String> differ = Settings.differing(settings);
        int column = Integer.parseInt(Html.value(Dom.byTestId("compare-metric")));
        boolean seconds = Html.value(Dom.byTestId("compare-x")).equals("seconds");
        JSArray<JSObject> curves = JSArray.create();
        for (int i = 0; i < picked.size(); i++) {
            curves.push(picked.get(i).getCurve());
            HTMLElement item = Html.el("li", describe(settings.get(i), differ));
            item.setAttribute("data-testid", "compare-item");
            item.setClassName("run-" + i % PALETTE);
            legend.appendChild(item);
        }
        draw((CanvasRenderingContext2D) chart.getContext("2d"), chart.getWidth(), chart.getHeight(), curves, seconds ? 1 : 0, column, column >= 4);
    }

    static final int PALETTE = 8;

    // JSBody locals are named js_* (TeaVM renames parameters to short names they could shadow).
    @JSBody(params = {"g", "w", "h", "curves", "x", "y", "unit"}, script =
            "var js_colors = ['#1a73e8', '#e8710a', '#188038', '#d93025', '#9334e6', '#007b83', '#b06000', '#5f6368'];"
            + "var js_dashes = [[], [6, 4], [2, 3], [8, 3, 2, 3]];"
            + "g.clearRect(0, 0, w, h); var js_xmax = 1e-9, js_ymax = unit ? 1 : 1e-9;"
            + "curves.forEach(function (js_c) { for (var js_i = 0; js_i < js_c.length; js_i++) { var js_p = js_c[js_i];"
            + "  js_xmax = Math.max(js_xmax, js_p[x]); if (js_p[y] === js_p[y] && js_p[y] !== null && !unit) js_ymax = Math.max(js_ymax, js_p[y]); } });"
            + "g.strokeStyle = '#dadce0'; g.lineWidth = 1; g.setLineDash([]);"
            + "for (var js_k = 1; js_k < 4; js_k++) { g.beginPath(); g.moveTo(0, h * js_k / 4); g.lineTo(w, h * js_k / 4); g.stroke(); }"
            + "g.fillStyle = '#5f6368'; g.font = '11px system-ui, sans-serif'; g.textBaseline = 'top';"
            + "g.fillText(String(Math.round(js_ymax * 1000) / 1000), 2, 2); g.textAlign = 'right'; g.textBaseline = 'bottom';"
            + "g.fillText((x ? js_xmax.toFixed(js_xmax < 10 ? 2 : 1) + ' s' : Math.round(js_xmax) + ' epochs'), w - 2, h - 2); g.textAlign = 'left';"
            + "curves.forEach(function (js_c, js_n) {"
            + "  g.strokeStyle = js_colors[js_n % 8]; g.lineWidth = 2; g.setLineDash(js_dashes[Math.floor(js_n / 2) % 4]); g.beginPath(); var js_started = false;"
            + "  for (var js_i = 0; js_i < js_c.length; js_i++) { var js_p = js_c[js_i], js_v = js_p[y]; if (js_v !== js_v || js_v === null) continue;"
            + "    var js_px = js_p[x] / js_xmax * (w - 4) + 2, js_py = h - 2 - Math.min(js_v, js_ymax) / js_ymax * (h - 16);"
            + "    if (js_started) g.lineTo(js_px, js_py); else g.moveTo(js_px, js_py); js_started = true; }"
            + "  g.stroke(); });"
            + "g.setLineDash([]);")
    private static native void draw(CanvasRenderingContext2D g, int w, int h, JSArray<JSObject> curves, int x, int y, boolean unit);

    private static List<Run> load() {
        JSArray<Run> stored = stored(KEY);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < stored.getLength(); i++) runs.add(stored.get(i));
        return runs;
    }

    private static void store(List<Run> runs) {
        JSArray<Run> out = JSArray.create();
        for (Run r : runs) out.push(r);
        save(out);
    }

    private static void save(JSArray<Run> runs) {
        write(KEY, runs);
    }

    private static void push(JSArray<JSObject> curve, double[] row) {
        curve.push(plain(Float64Array.copyFromJavaArray(row)));
    }

    @JSBody(params = "f", script = "return Array.from(f);")
    private static native JSObject plain(Float64Array f);

    /** Every other point goes (not the first nor the last): a long run keeps a bounded curve. */
    @JSBody(params = "curve", script = "for (var js_i = curve.length - 2; js_i > 0; js_i -= 2) curve.splice(js_i, 1);")
    private static native void thin(JSArray<JSObject> curve);

    @JSBody(params = {"id", "settings", "date"}, script = "return {id: id, settings: settings, date: date, seconds: 0, epochs: 0, classifier: false,"
            + " testLoss: NaN, testMetric: NaN, hash: '', curve: []};")
    private static native Run newRun(String id, String settings, String date);

    /** Runs from localStorage. */
    private static JSArray<Run> stored(String key) {
        return parse(item(key));
    }

    @JSBody(params = "key", script = "try { return localStorage.getItem(key) || '[]'; } catch (js_e) { return '[]'; }")
    private static native String item(String key);

    /** Runs from JSON text (NaN is kept as null by JSON: read back as NaN). */
    @JSBody(params = "text", script = "try { var js_v = JSON.parse(text); if (!Array.isArray(js_v)) return [];"
            + " js_v.forEach(function (js_r) { ['testLoss', 'testMetric', 'seconds'].forEach(function (js_k) { if (typeof js_r[js_k] !== 'number') js_r[js_k] = NaN; });"
            + "   if (!Array.isArray(js_r.curve)) js_r.curve = []; js_r.curve.forEach(function (js_p) { for (var js_i = 0; js_i < js_p.length; js_i++) if (js_p[js_i] === null) js_p[js_i] = NaN; }); });"
            + " return js_v; } catch (js_e) { return []; }")
    private static native JSArray<Run> parse(String text);

    /** The kept runs as JSON, for a project. */
    public static String json() {
        return item(KEY);
    }

    /** A project's runs (as Project.read cleans them) join the list, first and in their order (one of the same id or setup replaces its row). */
    public void merge(String json) {
        JSArray<Run> incoming = parse(json);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < incoming.getLength(); i++) runs.add(incoming.get(i));
        for (Run r : load()) {
            boolean same = false;
            for (int i = 0; i < incoming.getLength(); i++) same |= incoming.get(i).getId().equals(r.getId()) || incoming.get(i).getSettings().equals(r.getSettings());
            if (!same) runs.add(r);
        }
        while (runs.size() > KEPT) runs.remove(runs.size() - 1);
        store(runs);
        render(runs);
    }

    @JSBody(params = {"key", "runs"}, script = "try { localStorage.setItem(key, JSON.stringify(runs)); } catch (js_e) {}")
    private static native void write(String key, JSArray<Run> runs);

    @JSBody(script = "return Date.now().toString(36) + Math.random().toString(36).slice(2, 6);")
    private static native String id();

    @JSBody(script = "return new Date().toISOString().slice(0, 16).replace('T', ' ');")
    private static native String date();
}
