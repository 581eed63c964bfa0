package studio.backprop.web.page;

import org.teavm.jso.JSBody;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLElement;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.Js;
import studio.backprop.web.page.bench.BenchPage;
import studio.backprop.web.page.data.CsvUpload;
import studio.backprop.web.page.data.DrawTool;
import studio.backprop.web.page.data.OwnData;
import studio.backprop.web.page.editor.SettingsForm;
import studio.backprop.web.page.experiments.RunsView;
import studio.backprop.web.page.experiments.SweepView;
import studio.backprop.web.page.explorer.ExplorerView;
import studio.backprop.web.page.share.ModelFiles;
import studio.backprop.web.page.share.PageExport;
import studio.backprop.web.page.share.ShareView;
import studio.backprop.web.page.tryit.TextTry;
import studio.backprop.web.page.tryit.TryIt;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.page.views.Views;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.OpenedMessages;
import studio.backprop.web.protocol.Protocol;
import studio.backprop.web.protocol.SoundMessages;
import studio.backprop.web.protocol.TextMessages;
import studio.backprop.web.protocol.ToWorker;

/**
 * The page: reads the settings from the URL, starts the training worker, forwards the user's
 * commands to it and draws what it reports. Drawing happens in animation frames and only when
 * something changed, so a paused page costs nothing.
 */
public final class PageMain implements FromWorker.Receiver {
    private static final State state = new State();
    private static WorkerClient worker;
    private static Views views;
    private static SettingsForm form;
    private static TryIt tryIt;
    private static TextTry textTry;
    private static CsvUpload upload;
    private static OwnData ownData;
    private static DrawTool drawTool;
    private static RunsView runs;
    private static SweepView sweep;
    private static ExplorerView explorer;
    private static ModelFiles models;
    private static PageExport pageExport;
    private static ShareView share;
    private static boolean frameRequested;

    private PageMain() {}

    /** args: the build (js or wasm), then the page (studio, or bench for bench.html). */
    public static void main(String[] args) {
        String backend = args.length > 0 && args[0].equals("wasm") ? "wasm" : "js";
        if (args.length > 1 && args[1].equals("bench")) {
            BenchPage.run(backend);
            return;
        }
        state.backend = backend;
        UrlState.read(state);
        HTMLElement badge = Dom.byTestId("backend");
        badge.setAttribute("data-value", state.backend);
        badge.setTextContent(state.backend.equals("wasm") ? "WebAssembly" : "JavaScript");
        worker = new WorkerClient(state.backend, new PageMain(), message -> {
            state.status = "error";
            showError(message);
        });
        views = new Views();
        // The rest in slices after the first frame (the worker loads meanwhile; it is sent its run last).
        Slices.run(PageMain::startUpStep, 0);
    }

    private static final int LAST_STEP = 12;

    /** Start-up step i (the panels, then the form and the run); whether there is a step after it. */
    private static boolean startUpStep(int i) {
        switch (i) {
            case 0: form = new SettingsForm(state, worker, PageMain::change, PageMain::showError); break;
            case 1:
                tryIt = new TryIt(state, worker, views.images, ExplorerView::testPart, PageMain::requestRender);
                textTry = new TextTry(state, worker); break;
            case 2:
                upload = new CsvUpload(worker, state, (settings, file) -> {
                    state.csvFile = file;
                    state.pending = null;
                    apply(settings);
                }, PageMain::requestRender);
                break;
            case 3:
                ownData = new OwnData(worker, state, settings -> {
                    state.pending = null;
                    apply(settings);
                }, PageMain::showError);
                break;
            case 4:
                explorer = new ExplorerView(worker, () -> {
                    views.network.highlight = explorer.highlight;
                    views.network.render(state);
                });
                break;
            case 5:
                drawTool = new DrawTool(state, (settings, keepPlaying) -> {
                    apply(settings);
                    if (keepPlaying) worker.send(ToWorker.play());
                }, PageMain::requestRender);
                break;
            case 6: models = new ModelFiles(worker, state, PageMain::requestRender, RunsView::json); break;
            case 7: pageExport = new PageExport(worker, state, PageMain::requestRender); break;
            case 8:
                runs = new RunsView(state);
                sweep = new SweepView(state);
                share = new ShareView(state, PageMain::requestRender);
                break;
            case 9: bindControls(); break;
            case 10: form.sync(); break;
            case 11: ownData.sync(state.settings); break;
            default:
                start();
                requestRender();
        }
        return i < LAST_STEP;
    }

    private static void bindControls() {
        Dom.byTestId("play").addEventListener("click", e -> worker.send(state.status.equals("training") ? ToWorker.pause() : ToWorker.play()));
        Dom.byTestId("step").addEventListener("click", e -> worker.send(ToWorker.step(false)));
        Dom.byTestId("step-epoch").addEventListener("click", e -> worker.send(ToWorker.step(true)));
        Dom.byTestId("reset").addEventListener("click", e -> initWorker());
        Dom.byTestId("new-seed").addEventListener("click", e -> apply(state.settings.copy().set("seed", Integer.toString((int) (Math.random() * 1_000_000) + 1))));
        Dom.byTestId("show-test").addEventListener("change", e -> requestRender());
        Dom.byTestId("confirm-apply").addEventListener("click", e -> apply(state.pending));
        Dom.byTestId("confirm-cancel").addEventListener("click", e -> {
            state.pending = null;
            form.sync();
            requestRender();
        });
        Window.current().addEventListener("hashchange", e -> {
            UrlState.read(state);
            form.sync();
            start();
        });
        Dom.byTestId("share").addEventListener("click", e -> worker.send(ToWorker.share(false)));
        HTMLElement needFile = Dom.byTestId("need-file-input");
        // chosen, or dropped on its label
        Dom.onFile(needFile, (HTMLElement) needFile.getParentNode(), (name, file) -> {
            state.offeredFile = file;
            worker.sendFull(ToWorker.resumeFile(file));
        }, PageMain::showError, CsvUpload.MAX_BYTES);
        Dom.byTestId("csv-cancel-parse").addEventListener("click", e -> {
            // a parse runs to its end in the worker: stop that worker, start another on the same settings
            upload.progress(-1);
            worker.restart();
            start();
        });
    }

    /** Opens the model link in the URL, or starts the run its settings describe. */
    private static void start() {
        if (state.linkPayload != null) {
            state.clearRun();
            worker.sendFull(ToWorker.open(state.linkPayload));
            requestRender();
            return;
        }
        initWorker();
        if (state.autoplay) worker.send(ToWorker.play());
        if (!state.sweep.isEmpty()) sweep.start(state.sweep);
    }

    /** A change that needs a new network: at once when idle, after confirmation while training. */
    private static void change(Settings changed) {
        if (state.status.equals("training")) {
            state.pending = changed;
            requestRender();
        } else {
            apply(changed);
        }
    }

    private static void apply(Settings s) {
        if (s == null) return;
        state.pending = null;
        state.settings = s;
        UrlState.write(state);
        form.sync();
        ownData.sync(s);
        ownData.awaiting(false);
        initWorker();
    }

    private static void initWorker() {
        state.clearRun();
        state.needFile = "";
        state.status = "idle";
        String epochs = state.settings.get("epochs");
        int stopAt = 0;
        try {
            stopAt = epochs.isEmpty() ? 0 : state.settings.integer("epochs", 0, 10_000_000);
        } catch (IllegalArgumentException e) {
            showError(e.getMessage());
        }
        worker.init(state.settings, state.csvFile, stopAt);
        requestRender();
    }

    // --- what the worker reports ---

    @Override public void setup(FromWorker.Setup m) {
        upload.started();
        runs.begin();
        Reports.setup(state, m);
        if (!linkFailure.isEmpty()) state.error = linkFailure;
        linkFailure = "";
        if (!state.planar) tryIt.buildForm();
        form.buildColumnChooser();
        form.showLayerShapes();
        textTry.started(state);
        requestRender();
    }

    @Override public void textSample(TextMessages.Sample m) {
        state.textSample = m;
        requestRender();
    }

    @Override public void snapshot(FromWorker.Snapshot m) {
        Reports.snapshot(state, m);
        runs.update();
        if (state.samples > 0) markFirstStep();
        requestRender();
    }

    @Override public void error(FromWorker.Failure m) {
        upload.failed();
        state.status = "error";
        showError(m.getMessage());
    }

    @Override public void table(FromWorker.Table m) {
        upload.showTable(m);
        requestRender();
    }

    @Override public void progress(FromWorker.Progress m) { upload.progress(m.getFraction()); } // only the bar changes

    @Override public void dataProgress(FromWorker.DataProgress m) {
        Dom.byTestId("data-loading").setHidden(m.getFraction() < 0);
        Dom.byTestId("data-loading-text").setTextContent("Loading the " + m.getData() + " images (once; they stay offline)\u2026");
        if (m.getFraction() >= 0) Html.setValue(Dom.byTestId("data-progress"), Dom.raw(m.getFraction()));
    }

    @Override public void csvError(FromWorker.Failure m) {
        upload.progress(-1);
        showError(m.getMessage());
    }

    @Override public void prediction(FromWorker.Prediction m) {
        tryIt.show(m);
        requestRender();
    }

    @Override public void shareLinks(FromWorker.ShareLinks m) {
        if (m.isSave()) models.store(m.getLinks().get(0).getPayload());
        else share.show(m.getLinks());
        requestRender();
    }

    @Override public void exportFile(FromWorker.ExportFile m) { models.download(m); }

    @Override public void exportModel(FromWorker.ExportModel m) {
        // the training program writes no model files: the full one does, from the model it sent
        if (ToWorker.Format.PROJECT.name().equals(m.getFormat())) models.saveProject(m.getModel());
        else worker.sendFiles(ToWorker.export(m.getFormat(), m.getModel(), PageExport.score(state)));
    }

    @Override public void projectOpened(OpenedMessages.ProjectOpened m) {
        worker.promoteFiles();
        runs.merge(m.getRuns());
        // the run opens on the project's table (opened, with its file, follows)
        state.offeredFile = m.getFile();
        state.linkPayload = null;
    }

    @Override public void needFile(OpenedMessages.NeedFile m) {
        worker.promoteFiles();
        String target = m.getTarget();
        state.needFile = "This model was trained on the file \u201c" + m.getData() + "\u201d, which a link does not carry. "
                + "Open that file, or one with the same columns (inputs: " + String.join(", ", m.getInputs())
                + (target.isEmpty() ? "" : "; target: " + target) + "), to test, try and keep training the model.";
        state.error = m.getMessage() == null ? "" : "This file cannot be used: " + m.getMessage() + ".";
        state.status = "idle";
        takeSettings(m.getSettings());
    }

    @Override public void opened(OpenedMessages.Opened m) {
        worker.promoteFiles();
        // the link's settings fill the form; the URL keeps the link until something changes
        if (m.isWithFile()) state.csvFile = state.offeredFile;
        state.offeredFile = null;
        state.needFile = "";
        takeSettings(m.getSettings());
    }

    @Override public void needImages(OpenedMessages.NeedImages m) {
        worker.promoteFiles();
        state.clearRun();
        state.status = "idle";
        state.classes = m.getClasses();
        state.imageSide = m.getSide();
        state.imageChannels = m.getChannels();
        state.photos = true;
        state.galleryPixels = null;
        state.galleryLabels = new double[0];
        takeSettings(m.getSettings());
        ownData.awaiting(true);
    }

    @Override public void images(FromWorker.ImagesSummary m) { ownData.images.update(m); }
    @Override public void sounds(SoundMessages.Summary m) { ownData.sounds.update(m); }
    @Override public void soundsDecode(SoundMessages.Decode m) { ownData.sounds.decode(m); }
    @Override public void soundClip(SoundMessages.Clip m) { ownData.sounds.play(m); }

    @Override public void explanation(FromWorker.Explanation m) {
        explorer.load(m);
        views.network.highlight = explorer.highlight;
        views.network.render(state);
        requestRender();
    }

    /**
     * A model that cannot be opened. A model file leaves the run on screen as it was; a link in the
     * URL had nothing on screen yet: the page starts its first screen, so that it is usable at
     * once, and the message stays above it.
     */
    @Override public void linkError(FromWorker.Failure m) {
        if (state.linkPayload == null) {
            state.status = "error";
            showError(m.getMessage());
            return;
        }
        state.linkPayload = null;
        state.settings = Recommended.named(new java.util.HashMap<>());
        UrlState.write(state);
        form.sync();
        ownData.sync(state.settings);
        initWorker();
        linkFailure = m.getMessage();
        showError(linkFailure);
    }

    /** The message of a link that could not be opened, shown over the first screen that replaced it (its setup clears errors). */
    private static String linkFailure = "";

    /** Settings that came with a model fill the form. */
    private static void takeSettings(String[] pairs) {
        state.settings = Protocol.settings(pairs);
        form.sync();
        ownData.sync(state.settings);
        requestRender();
    }

    private static void showError(String message) {
        state.error = message;
        requestRender();
    }

    static void requestRender() {
        changed = true;
        requestFrame();
    }

    /** Whether the state changed since the last frame drew it. */
    private static boolean changed;

    private static void requestFrame() {
        if (frameRequested) return;
        frameRequested = true;
        Window.requestAnimationFrame(t -> {
            frameRequested = false;
            boolean fresh = changed;
            changed = false;
            views.render(state, fresh);
            drawTool.render();
            share.render();
            if (views.morePending()) requestFrame();
        });
    }

    /** Milliseconds from navigation to the first trained batch the page heard of, for the budget test. */
    @JSBody(script = "if (!document.body.dataset.firstStep) document.body.dataset.firstStep = String(performance.now());")
    private static native void markFirstStep();
}
