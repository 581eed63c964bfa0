package studio.backprop.web.page.experiments;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLElement;
import studio.backprop.engine.train.Settings;
import studio.backprop.engine.train.Sweep;
import studio.backprop.web.Js;
import studio.backprop.web.page.State;
import studio.backprop.web.page.UrlState;
import studio.backprop.web.page.WorkerClient;
import studio.backprop.web.page.ui.Colors;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;

/**
 * A sweep from the current setup: settings over lists of values (URL key sweep, in the CLI's
 * form), the grid trained side by side on a pool of workers, one per core (up to four), each
 * run exactly the run it would be alone (the same weights hash). A progress bar, Cancel, a
 * table sortable by any column with the best marked, and a heat grid when two settings vary.
 */
public final class SweepView {
    /** Epochs of a run when the setup names none, and the most workers side by side. */
    static final int DEFAULT_EPOCHS = 100, MAX_WORKERS = 4;

    /** One run of the grid and, once done, its results. */
    private static final class Result {
        final Settings settings;
        boolean done, classifier;
        int epochs;
        double testLoss = Double.NaN, metric = Double.NaN, seconds;
        String hash = "";

        Result(Settings settings) {
            this.settings = settings;
        }
    }

    /** A worker of the pool and the run it trains. */
    private final class Slot implements FromWorker.Receiver {
        WorkerClient worker;
        int running = -1;
        double started;

        @Override public void setup(FromWorker.Setup m) {
            started = Js.now();
            worker.send(ToWorker.play());
        }

        @Override public void snapshot(FromWorker.Snapshot m) {
            // the run stops at its epochs: the snapshot that says so carries the weights hash
            if (running < 0 || !m.getStatus().equals("paused") && !m.getStatus().equals("diverged") || m.getHash() == null) return;
            Result r = results.get(running);
            r.done = true;
            r.epochs = m.getEpoch();
            r.classifier = !Double.isNaN(m.getTestAccuracy());
            r.testLoss = m.getTestLoss();
            r.metric = r.classifier ? m.getTestAccuracy() : m.getTestRmse();
            r.seconds = (Js.now() - started) / 1000;
            r.hash = m.getHash();
            finished();
        }

        @Override public void error(FromWorker.Failure m) {
            if (running < 0) return;
            results.get(running).done = true;
            failures.add("run " + (running + 1) + ": " + m.getMessage());
            finished();
        }

        private void finished() {
            finishedRuns++;
            take(this);
            render();
        }
    }

    private final State state;
    private final HTMLElement table = Dom.byTestId("sweep-table"), heat = Dom.byTestId("sweep-grid"), status = Dom.byTestId("sweep-status");
    private final List<Slot> pool = new ArrayList<>();
    private final List<Result> results = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private Sweep sweep;
    private int next, finishedRuns;
    private boolean cancelled;
    /** The column the table is sorted by (-1: grid order), and whether it runs up. */
    private int sortColumn = -1;
    private boolean ascending = true;

    public SweepView(State state) {
        this.state = state;
        Dom.byTestId("sweep-start").addEventListener("click", e -> start(Html.value(Dom.byTestId("sweep-spec")).trim()));
        Dom.byTestId("sweep-cancel").addEventListener("click", e -> {
            cancelled = true;
            stop();
            render();
        });
    }

    /** Starts the grid of this spec from the current setup. */
    public void start(String spec) {
        stop();
        Html.setValue(Dom.byTestId("sweep-spec"), spec);
        results.clear();
        failures.clear();
        try {
            sweep = Sweep.parse(spec);
            Settings base = state.settings.copy().set("speed", "max");
            if (studio.backprop.engine.data.Images.own(base.get("data"), base.get("image"))) {
                // the pool's workers would each need the images; the CLI's sweep runs on the folder or zip
                throw new IllegalArgumentException("a sweep does not run on your own images in the studio yet: use the CLI's sweep with --data=FOLDER_OR_ZIP");
            }
            if (base.get("epochs").isEmpty()) base.set("epochs", Integer.toString(DEFAULT_EPOCHS));
            for (Settings s : sweep.grid(base)) results.add(new Result(s));
        } catch (IllegalArgumentException e) {
            sweep = null;
            status.setTextContent(e.getMessage());
            status.setAttribute("data-value", "error");
            render();
            return;
        }
        next = 0;
        finishedRuns = 0;
        cancelled = false;
        sortColumn = -1;
        int workers = Math.max(1, Math.min(Math.min(MAX_WORKERS, cores()), results.size()));
        for (int i = 0; i < workers; i++) {
            Slot slot = new Slot();
            slot.worker = new WorkerClient(state.backend, slot, failures::add);
            pool.add(slot);
        }
        for (Slot slot : new ArrayList<>(pool)) take(slot);
        render();
    }

    /** Gives a worker the next run of the grid, or stops it when none is left. */
    private void take(Slot slot) {
        if (cancelled || next >= results.size()) {
            slot.running = -1;
            slot.worker.terminate();
            pool.remove(slot);
            return;
        }
        slot.running = next++;
        Settings s = results.get(slot.running).settings;
        slot.worker.init(s, state.csvFile, s.integer("epochs", 1, 10_000_000));
    }

    private void stop() {
        for (Slot slot : pool) slot.worker.terminate();
        pool.clear();
    }

    private static final String[] RESULT_COLUMNS = {"test loss", "test acc. / RMSE", "epochs", "seconds"};

    private void render() {
        boolean running = !pool.isEmpty();
        Dom.byTestId("sweep-cancel").setHidden(!running);
        HTMLElement progress = Dom.byTestId("sweep-progress");
        progress.setHidden(!running);
        if (sweep == null) {
            Html.clear(table);
            Html.clear(heat);
            return;
        }
        Html.setValue(progress, Dom.raw(results.isEmpty() ? 0 : finishedRuns / (double) results.size()));
        String phase = running ? "running" : cancelled ? "cancelled" : "done";
        status.setAttribute("data-value", phase);
        status.setTextContent(finishedRuns + " of " + results.size() + " runs done" + (running ? ", " + pool.size() + " side by side" : cancelled ? "; cancelled" : "")
                + (failures.isEmpty() ? "" : "; " + String.join("; ", failures)));
        int best = best();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) order.add(i);
        if (sortColumn >= 0) order.sort((a, b) -> compare(results.get(a), results.get(b)));
        Html.clear(table);
        HTMLElement head = Html.el("tr");
        int axes = sweep.axes.size();
        for (int c = 0; c < axes + RESULT_COLUMNS.length + 1; c++) {
            String name = c < axes ? sweep.axes.get(c).key : c < axes + RESULT_COLUMNS.length ? RESULT_COLUMNS[c - axes] : "weights hash";
            HTMLElement th = Html.el("th", name + (c == sortColumn ? (ascending ? " \u25b2" : " \u25bc") : ""));
            final int column = c;
            th.setAttribute("data-testid", "sweep-sort-" + c);
            th.setAttribute("title", "sort by " + name);
            th.addEventListener("click", e -> {
                ascending = column != sortColumn || !ascending;
                sortColumn = column;
                render();
            });
            head.appendChild(th);
        }
        table.appendChild(head);
        for (int i : order) {
            Result r = results.get(i);
            HTMLElement tr = Html.el("tr");
            tr.setAttribute("data-testid", "run-row");
            tr.setAttribute("data-settings", UrlState.query(r.settings.copy().set("speed", "auto")));
            if (r.done && !r.hash.isEmpty()) {
                tr.setAttribute("data-hash", r.hash);
                tr.setAttribute(r.classifier ? "data-test-accuracy" : "data-test-rmse", Dom.raw(r.metric));
            }
            if (i == best) tr.setClassName("best");
            for (Sweep.Axis a : sweep.axes) tr.appendChild(Html.el("td", r.settings.get(a.key)));
            tr.appendChild(Html.el("td", r.done ? Dom.fixed(r.testLoss, 4) : "\u2026"));
            tr.appendChild(Html.el("td", r.done ? Dom.fixed(r.metric, r.classifier ? 3 : 4) + (i == best ? " \u2605 best" : "") : ""));
            tr.appendChild(Html.el("td", r.done ? Dom.grouped(r.epochs) : ""));
            tr.appendChild(Html.el("td", r.done ? Dom.fixed(r.seconds, 2) : ""));
            HTMLElement hash = Html.el("td", r.hash);
            hash.setClassName("mono");
            tr.appendChild(hash);
            table.appendChild(tr);
        }
        heatGrid(best);
    }

    /** The best finished run: highest test accuracy, or lowest RMSE, the lower test loss on a tie; -1 when none is done. */
    private int best() {
        int best = -1;
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            if (!r.done || r.metric != r.metric) continue;
            if (best < 0 || Sweep.better(r.classifier, r.metric, r.testLoss, results.get(best).metric, results.get(best).testLoss)) best = i;
        }
        return best;
    }

    private int compare(Result a, Result b) {
        int axes = sweep.axes.size(), c;
        if (sortColumn < axes) {
            String key = sweep.axes.get(sortColumn).key, x = a.settings.get(key), y = b.settings.get(key);
            double nx = studio.backprop.engine.data.Numbers.parse(x), ny = studio.backprop.engine.data.Numbers.parse(y);
            c = nx == nx && ny == ny ? Double.compare(nx, ny) : x.compareTo(y);
        } else {
            double[] va = values(a), vb = values(b);
            int k = Math.min(sortColumn - axes, 3);
            c = Double.compare(va[k] == va[k] ? va[k] : Double.POSITIVE_INFINITY, vb[k] == vb[k] ? vb[k] : Double.POSITIVE_INFINITY);
            if (sortColumn - axes > 3) c = a.hash.compareTo(b.hash);
        }
        return ascending ? c : -c;
    }

    private static double[] values(Result r) {
        return r.done ? new double[] {r.testLoss, r.metric, r.epochs, r.seconds} : new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    }

    /** Two settings vary: the test result at each pair, shaded from worst to best. */
    private void heatGrid(int best) {
        Html.clear(heat);
        if (sweep.axes.size() != 2) return;
        Sweep.Axis rows = sweep.axes.get(0), cols = sweep.axes.get(1);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Result r : results) {
            if (r.done && r.metric == r.metric) {
                lo = Math.min(lo, r.metric);
                hi = Math.max(hi, r.metric);
            }
        }
        HTMLElement grid = Html.el("table");
        grid.setClassName("heat");
        HTMLElement head = Html.el("tr");
        head.appendChild(Html.el("th", rows.key + " \\ " + cols.key));
        for (String v : cols.values) head.appendChild(Html.el("th", v));
        grid.appendChild(head);
        for (int i = 0; i < rows.values.size(); i++) {
            HTMLElement tr = Html.el("tr");
            tr.appendChild(Html.el("th", rows.values.get(i)));
            for (int j = 0; j < cols.values.size(); j++) {
                int k = i * cols.values.size() + j;
                Result r = results.get(k);
                HTMLElement td = Html.el("td", r.done ? Dom.fixed(r.metric, r.classifier ? 3 : 4) : "\u2026");
                td.setAttribute("data-testid", "sweep-cell");
                if (r.done && hi > lo) {
                    double t = (r.metric - lo) / (hi - lo);
                    Colors.shade(td, r.classifier ? 2 * t - 1 : 1 - 2 * t);
                }
                if (k == best) td.setClassName("best");
                tr.appendChild(td);
            }
            grid.appendChild(tr);
        }
        heat.appendChild(grid);
    }

    @JSBody(script = "return Math.max(1, navigator.hardwareConcurrency || 1);")
    private static native int cores();
}
