package studio.backprop.web.page;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.xml.NodeList;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.Js;

/**
 * The page: reads the settings from the URL, starts the training worker, forwards the user's
 * commands to it and draws what it reports. Drawing happens in animation frames and only when
 * something changed, so a paused page costs nothing.
 */
public final class PageMain {
    private static final State state = new State();
    private static WorkerClient worker;
    private static HeatmapView heatmap;
    private static CurveView lossCurve, accuracyCurve;
    private static boolean frameRequested;

    private PageMain() {}

    public static void main(String[] args) {
        state.backend = args.length > 0 && args[0].equals("wasm") ? "wasm" : "js";
        try {
            UrlState.read(state);
        } catch (IllegalArgumentException e) {
            state.error = e.getMessage();
        }
        HTMLElement backend = Dom.byTestId("backend");
        backend.setAttribute("data-value", state.backend);
        backend.setTextContent(state.backend.equals("wasm") ? "WebAssembly" : "JavaScript");
        heatmap = new HeatmapView((HTMLCanvasElement) Dom.byTestId("heatmap"));
        lossCurve = new CurveView((HTMLCanvasElement) Dom.byTestId("loss-chart"), 1, false);
        accuracyCurve = new CurveView((HTMLCanvasElement) Dom.byTestId("accuracy-chart"), 3, true);
        bindControls();
        worker = new WorkerClient(state.backend, PageMain::onWorkerMessage);
        initWorker();
        if (state.autoplay) worker.send("play");
        requestRender();
    }

    private static void bindControls() {
        Dom.byTestId("play").addEventListener("click", e -> worker.send(state.status.equals("training") ? "pause" : "play"));
        Dom.byTestId("step").addEventListener("click", e -> step("batch"));
        Dom.byTestId("step-epoch").addEventListener("click", e -> step("epoch"));
        Dom.byTestId("reset").addEventListener("click", e -> initWorker());
        Dom.byTestId("new-seed").addEventListener("click", e -> {
            int seed = (int) (Math.random() * 1_000_000) + 1;
            state.settings.set("seed", Integer.toString(seed));
            syncControls();
            UrlState.write(state);
            initWorker();
        });
        Dom.byTestId("show-test").addEventListener("change", e -> requestRender());
        Window.current().addEventListener("hashchange", e -> {
            state.settings = new Settings();
            try {
                UrlState.read(state);
            } catch (IllegalArgumentException ex) {
                showError(ex.getMessage());
            }
            syncControls();
            initWorker();
            if (state.autoplay) worker.send("play");
        });
        NodeList<? extends HTMLElement> inputs = HTMLDocument.current().querySelectorAll("[data-key]");
        for (int i = 0; i < inputs.getLength(); i++) {
            HTMLElement input = inputs.get(i);
            input.addEventListener("change", e -> settingChanged(input));
        }
        syncControls();
    }

    private static void step(String unit) {
        JSObject m = Js.object();
        Js.set(m, "type", "step");
        Js.set(m, "unit", unit);
        worker.send(m);
    }

    /** Puts the settings' values into the form. */
    private static void syncControls() {
        NodeList<? extends HTMLElement> inputs = HTMLDocument.current().querySelectorAll("[data-key]");
        for (int i = 0; i < inputs.getLength(); i++) {
            HTMLElement input = inputs.get(i);
            String key = input.getAttribute("data-key");
            if (Settings.isKey(key)) setValue(input, state.settings.get(key));
        }
    }

    private static void settingChanged(HTMLElement input) {
        String key = input.getAttribute("data-key");
        String value = getValue(input).trim();
        try {
            state.settings.set(key, value);
            if (key.equals("lr")) {
                double lr = state.settings.number("lr", 0, 100);
                UrlState.write(state);
                JSObject m = Js.object();
                Js.set(m, "type", "lr");
                Js.set(m, "value", lr);
                worker.send(m);
                return;
            }
            UrlState.write(state);
            initWorker();
        } catch (IllegalArgumentException e) {
            showError(e.getMessage());
        }
    }

    private static void initWorker() {
        state.clearRun();
        state.status = "idle";
        JSObject values = Js.object();
        for (var e : state.settings.asMap().entrySet()) Js.set(values, e.getKey(), e.getValue());
        JSObject m = Js.object();
        Js.set(m, "type", "init");
        Js.set(m, "settings", values);
        String epochs = state.settings.get("epochs");
        try {
            Js.set(m, "stopAtEpoch", epochs.isEmpty() ? 0 : state.settings.integer("epochs", 0, 10_000_000));
        } catch (IllegalArgumentException e) {
            showError(e.getMessage());
        }
        worker.send(m);
        requestRender();
    }

    private static void onWorkerMessage(JSObject m) {
        String type = Js.string(m, "type");
        if ("setup".equals(type)) {
            state.planar = Js.flag(m, "planar");
            state.classes = lines(Js.string(m, "classes"));
            state.inputs = lines(Js.string(m, "inputs"));
            state.parameters = (int) Js.number(m, "parameters");
            state.trainSize = (int) Js.number(m, "trainSize");
            state.testSize = (int) Js.number(m, "testSize");
            if (state.planar) {
                state.trainPoints = Js.doubles(Js.get(m, "train"));
                state.testPoints = Js.doubles(Js.get(m, "test"));
                state.grid = (int) Js.number(m, "grid");
                state.extent = Js.number(m, "extent");
            }
            state.error = "";
        } else if ("snapshot".equals(type)) {
            state.status = Js.string(m, "status");
            state.epoch = (int) Js.number(m, "epoch");
            state.samples = Js.number(m, "samples");
            if (state.samples > 0) markFirstStep();
            state.samplesPerSecond = Js.number(m, "samplesPerSecond");
            state.trainLoss = Js.number(m, "trainLoss");
            state.testLoss = Js.number(m, "testLoss");
            state.trainAccuracy = Js.number(m, "trainAccuracy");
            state.testAccuracy = Js.number(m, "testAccuracy");
            state.testRmse = Js.number(m, "testRmse");
            state.testR2 = Js.number(m, "testR2");
            String hash = Js.string(m, "hash");
            if (hash != null) state.hash = hash;
            JSObject output = Js.get(m, "output");
            if (output != null) state.output = Js.doubles(output);
            if (state.history.isEmpty() || state.history.get(state.history.size() - 1)[0] != state.epoch) {
                state.history.add(new double[] {state.epoch, state.trainLoss, state.testLoss, state.trainAccuracy, state.testAccuracy});
                if (state.history.size() > 2000) thin();
            }
        } else if ("error".equals(type)) {
            state.status = "error";
            state.error = Js.string(m, "message");
        }
        requestRender();
    }

    /** Keeps every other point, so long runs keep a bounded history. */
    private static void thin() {
        for (int i = state.history.size() - 2; i > 0; i -= 2) state.history.remove(i);
    }

    private static void showError(String message) {
        state.error = message;
        requestRender();
    }

    private static void requestRender() {
        if (frameRequested) return;
        frameRequested = true;
        Window.requestAnimationFrame(t -> {
            frameRequested = false;
            render();
        });
    }

    private static void render() {
        State s = state;
        HTMLElement play = Dom.byTestId("play");
        boolean training = s.status.equals("training");
        play.setAttribute("aria-pressed", training ? "true" : "false");
        play.setAttribute("aria-label", training ? "Pause" : "Play");
        play.setTextContent(training ? "\u275a\u275a" : "\u25b6");
        HTMLElement status = Dom.byTestId("status");
        status.setAttribute("data-value", s.status);
        status.setTextContent(s.status.equals("diverged") ? "diverged: the loss became NaN or infinite; lower the learning rate and reset" : s.status);
        Dom.number(Dom.byTestId("epoch"), s.epoch, 0);
        Dom.byTestId("epoch").setTextContent(Dom.grouped(s.epoch));
        Dom.number(Dom.byTestId("train-loss"), s.trainLoss, 4);
        Dom.number(Dom.byTestId("test-loss"), s.testLoss, 4);
        Dom.number(Dom.byTestId("train-accuracy"), s.classification() ? s.trainAccuracy : Double.NaN, 3);
        Dom.number(Dom.byTestId("test-accuracy"), s.classification() ? s.testAccuracy : Double.NaN, 3);
        Dom.number(Dom.byTestId("throughput"), s.samplesPerSecond, 0);
        Dom.byTestId("throughput").setTextContent(s.samplesPerSecond > 0 ? Dom.grouped(s.samplesPerSecond) + "/s" : "\u2013");
        HTMLElement hash = Dom.byTestId("weights-hash");
        hash.setAttribute("data-value", s.hash);
        hash.setTextContent(s.hash.isEmpty() ? "\u2013" : s.hash);
        Dom.byTestId("parameters").setTextContent(Dom.grouped(s.parameters));
        HTMLElement error = Dom.byTestId("error");
        error.setTextContent(s.error);
        error.setHidden(s.error.isEmpty());
        Dom.byTestId("heatmap-panel").setHidden(!s.planar);
        heatmap.render(s, ((HTMLInputElement) Dom.byTestId("show-test")).isChecked());
        lossCurve.render(s.history);
        accuracyCurve.render(s.history);
    }

    private static String[] lines(String s) {
        return s == null || s.isEmpty() ? new String[0] : Text.split(s, '\n');
    }

    /** Milliseconds from navigation to the first trained batch the page heard of, for the budget test. */
    @JSBody(script = "if (!document.body.dataset.firstStep) document.body.dataset.firstStep = String(performance.now());")
    private static native void markFirstStep();

    @JSBody(params = "e", script = "return e.value;")
    private static native String getValue(HTMLElement e);

    @JSBody(params = {"e", "v"}, script = "e.value = v;")
    private static native void setValue(HTMLElement e, String v);
}
