package studio.backprop.web.page.views;

import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.xml.NodeList;
import studio.backprop.engine.train.Settings;
import studio.backprop.engine.train.Trainer;
import studio.backprop.web.Js;
import studio.backprop.web.page.State;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;

/**
 * Draws the state: status and metrics, the panels that fit the data, the heatmap, curves,
 * network, confusion matrix, regression's fit and image views. It only reads the state.
 */
public final class Views {
    final HeatmapView heatmap = new HeatmapView((HTMLCanvasElement) Dom.byTestId("heatmap"));
    public final NetworkView network = new NetworkView((HTMLCanvasElement) Dom.byTestId("network"), Dom.byTestId("network-hover"));
    final CurveView lossCurve = new CurveView((HTMLCanvasElement) Dom.byTestId("loss-chart"), 1, false);
    final CurveView accuracyCurve = new CurveView((HTMLCanvasElement) Dom.byTestId("accuracy-chart"), 3, true);
    final ConfusionView confusion = new ConfusionView(Dom.byTestId("confusion"), Dom.byTestId("confusion-summary"));
    public final ImageView images;
    final FitView fit = new FitView();
    final TimeGradientView timeGradient = new TimeGradientView();
    final TextView text = new TextView();
    private double slowViewsDrawn;
    /** The slow views (network, confusion, images, fit), as bits: those still to draw. */
    private static final int SLOW_VIEWS = 4;
    private int slowPending;
    /** The last frame left its due slow views for this one. */
    private boolean deferred;

    public Views() {
        images = new ImageView();
    }

    /** @param fresh the state changed since the last frame (false: a frame that only draws the slow views still due) */
    public void render(State s, boolean fresh) {
        boolean training = s.status.equals("training");
        double start = Js.now();
        if (fresh) drawFast(s, training);
        // never twice in a row, so that a slow machine still draws them every other frame
        boolean defer = !deferred && Js.now() - start > SLOW_AFTER_MS;
        slow(s, fresh, training, defer);
        deferred = defer && slowPending != 0;
    }

    /**
     * A frame whose fast views took longer than this draws no slow view (it waits for the next
     * frame): the first frames of a run, before the JIT has warmed up, take 13-16 ms for the heatmap
     * and 17-25 ms for the network, and both in one frame held it past 50 ms.
     */
    private static final double SLOW_AFTER_MS = 8;

    private void drawFast(State s, boolean training) {
        renderStatus(s, training);
        renderMetrics(s);
        HTMLElement error = Dom.byTestId("error");
        error.setTextContent(s.error);
        error.setHidden(s.error.isEmpty());
        Dom.byTestId("confirm-reset").setHidden(s.pending == null);
        if (s.pending != null) Dom.byTestId("confirm-text").setTextContent(pendingChange(s));
        Dom.byTestId("need-file").setHidden(s.needFile.isEmpty());
        Dom.byTestId("need-file-text").setTextContent(s.needFile);
        Dom.byTestId("heatmap-panel").setHidden(!s.planar && !s.drawing());
        Dom.byTestId("try-form").setHidden(s.planar || s.columns.length == 0 || s.imageSide > 0 || s.text() || s.settings.series());
        Dom.byTestId("forecast-form").setHidden(!s.settings.series());
        Dom.byTestId("images-panel").setHidden(s.imageSide == 0);
        Dom.byTestId("accuracy-panel").setHidden(!s.classification());
        // (a text's confusion is its characters against each other: the text view says more)
        Dom.byTestId("confusion-panel").setHidden(!s.classification() || s.text());
        Dom.byTestId("prediction").setTextContent(s.prediction);
        heatmap.render(s, Html.checked(Dom.byTestId("show-test")));
        lossCurve.render(s.history);
        accuracyCurve.render(s.history);
        timeGradient.render(s);
        text.render(s);
    }

    /** @param defer draw none of them in this frame, even if due (they stay pending) */
    private void slow(State s, boolean fresh, boolean training, boolean defer) {
        // The costlier views: while training, twice a second is enough, and one a frame (each
        // takes up to tens of milliseconds; together, at the first draw of a run, they would
        // hold a frame past 50 ms).
        double now = Js.now();
        if (fresh && (!training || now - slowViewsDrawn > 450)) {
            slowPending = (1 << SLOW_VIEWS) - 1;
            slowViewsDrawn = now;
        }
        if (defer) return;
        for (int v = 0; v < SLOW_VIEWS; v++) {
            if ((slowPending & (1 << v)) == 0) continue;
            slowPending &= ~(1 << v);
            if (v == 0) network.render(s);
            else if (v == 1) confusion.render(s);
            else if (v == 2) images.render(s);
            else fit.render(s);
            break;
        }
    }

    /** Whether a slow view still waits for its frame: the page asks for another. */
    public boolean morePending() {
        return slowPending != 0;
    }

    private static void renderStatus(State s, boolean training) {
        HTMLElement play = Dom.byTestId("play");
        play.setAttribute("aria-pressed", training ? "true" : "false");
        play.setAttribute("aria-label", training ? "Pause" : "Play");
        play.setTextContent(training ? "\u275a\u275a" : "\u25b6");
        HTMLElement status = Dom.byTestId("status");
        status.setAttribute("data-value", s.status);
        boolean exploding = exploding(s);
        status.setTextContent(s.status.equals("diverged") ? "diverged: the loss became NaN or infinite; lower the learning rate and reset"
                : exploding ? s.status + ", but the loss is over 1,000 times what it was at the start: lower the learning rate and reset"
                : s.status.equals("paused") && s.ended.equals("early") ? "done: the test loss stopped falling, so training stopped at epoch "
                        + Dom.grouped(s.epoch) + " with the weights of epoch " + Dom.grouped(s.bestEpoch) + ", its best (Play trains on)"
                : s.status.equals("paused") && s.ended.equals("epochs") ? "done: " + Dom.grouped(s.epoch) + " epochs (Play trains on)"
                : s.status);
        status.setAttribute("data-ended", s.status.equals("paused") ? s.ended : "");
        status.setAttribute("data-exploding", exploding ? "true" : "false");
    }

    /** What the waiting change is, in the URL's words: "data: moons → circle needs a new network, ...". */
    private static String pendingChange(State s) {
        StringBuilder what = new StringBuilder();
        for (String key : Settings.differing(java.util.List.of(s.settings, s.pending))) {
            if (what.length() > 0) what.append(", ");
            String from = s.settings.get(key), to = s.pending.get(key);
            what.append(key).append(": ").append(from.isEmpty() ? "(none)" : from).append(" \u2192 ").append(to.isEmpty() ? "(none)" : to);
        }
        return (what.length() == 0 ? "This change" : what.toString()) + " needs a new network, which restarts training.";
    }

    /** The loss still finite but far above where it started: on its way to diverging. */
    private static boolean exploding(State s) {
        return !s.history.isEmpty() && s.epoch > 0 && Trainer.exploding(s.history.get(0)[1], s.trainLoss);
    }

    /** Which task's metric rows show: 1 a classifier's, 0 a regression's, -1 none set yet. */
    private static int shownClassification = -1;

    private static void renderMetrics(State s) {
        Dom.number(Dom.byTestId("epoch"), s.epoch, 0);
        Dom.byTestId("epoch").setTextContent(Dom.grouped(s.epoch));
        Dom.byTestId("epoch").setAttribute("data-samples", Dom.raw(s.samples));
        Dom.number(Dom.byTestId("train-loss"), s.trainLoss, 4);
        Dom.number(Dom.byTestId("test-loss"), s.testLoss, 4);
        // a regression's loss is on its target standardised, its RMSE in the target's units
        String lossNote = !s.classification() && !s.settings.get("ynorm").equals("none")
                ? "on the target standardised, as the network learns it; RMSE is in the target's units" : "";
        Dom.byTestId("train-loss").setAttribute("title", lossNote);
        Dom.byTestId("test-loss").setAttribute("title", lossNote);
        // only the rows that the task has: accuracy for a classifier, RMSE and R² for a regression (looked up when the task changes)
        if (shownClassification != (s.classification() ? 1 : 0)) {
            shownClassification = s.classification() ? 1 : 0;
            NodeList<? extends HTMLElement> rows = HTMLDocument.current().querySelectorAll("[data-for]");
            for (int i = 0; i < rows.getLength(); i++) {
                rows.get(i).setHidden(rows.get(i).getAttribute("data-for").equals("classification") != s.classification());
            }
        }
        Dom.number(Dom.byTestId("train-accuracy"), s.classification() ? s.trainAccuracy : Double.NaN, 3);
        Dom.number(Dom.byTestId("test-accuracy"), s.classification() ? s.testAccuracy : Double.NaN, 3);
        double rmse = s.classification() ? Double.NaN : s.testRmse;
        Dom.number(Dom.byTestId("test-rmse"), rmse, Math.abs(rmse) >= 100 ? 0 : 4); // 25591, not 25590.8076
        Dom.number(Dom.byTestId("test-r2"), s.classification() ? Double.NaN : s.testR2, 4);
        HTMLElement throughput = Dom.byTestId("throughput");
        Dom.number(throughput, s.samplesPerSecond, 0);
        throughput.setTextContent(s.samplesPerSecond > 0
                ? Dom.grouped(s.samplesPerSecond) + "/s" + (s.workers > 1 ? " on " + s.workers + " workers" : "") : "\u2013");
        throughput.setAttribute("data-workers", Integer.toString(s.workers));
        HTMLElement hash = Dom.byTestId("weights-hash");
        hash.setAttribute("data-value", s.hash);
        hash.setTextContent(!s.hash.isEmpty() ? s.hash : s.status.equals("training") ? "shown when paused" : "\u2013");
        Dom.byTestId("parameters").setTextContent(Dom.grouped(s.parameters));
        Dom.byTestId("sizes").setTextContent(Dom.grouped(s.trainSize) + " train, " + Dom.grouped(s.testSize) + " test"
                + (s.dropped > 0 ? ", " + Dom.grouped(s.dropped) + " rows dropped" : ""));
        StringBuilder arch = new StringBuilder();
        if (s.widths.length > 0) for (int w : s.widths) arch.append(arch.length() > 0 ? "\u2013" : "").append(w);
        else for (String shape : s.layerShapes) arch.append(arch.length() > 0 ? "\u2013" : "").append(shape);
        Dom.byTestId("architecture").setTextContent(arch.toString());
    }
}
