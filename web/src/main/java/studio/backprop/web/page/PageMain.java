package studio.backprop.web.page;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.events.MouseEvent;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.xml.NodeList;
import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.Generators;
import studio.backprop.engine.train.Settings;
import studio.backprop.engine.train.Trainer;
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
    private static NetworkView network;
    private static CurveView lossCurve, accuracyCurve;
    private static ConfusionView confusion;
    private static LayerEditor layers;
    private static CsvUpload upload;
    private static ImageView images;
    private static ExplorerView explorer;
    private static ModelFiles models;
    private static ShareView share;
    /** The user's CSV file (a File), kept so that reset and setting changes can rebuild the run. */
    private static JSObject csvFile;
    /** The file offered to a model that needs its data again, until the worker accepts it. */
    private static JSObject offeredFile;
    private static boolean frameRequested;
    private static double slowViewsDrawn;

    private PageMain() {}

    public static void main(String[] args) {
        state.backend = args.length > 0 && args[0].equals("wasm") ? "wasm" : "js";
        readUrl();
        HTMLElement backend = Dom.byTestId("backend");
        backend.setAttribute("data-value", state.backend);
        backend.setTextContent(state.backend.equals("wasm") ? "WebAssembly" : "JavaScript");
        heatmap = new HeatmapView((HTMLCanvasElement) Dom.byTestId("heatmap"));
        network = new NetworkView((HTMLCanvasElement) Dom.byTestId("network"), Dom.byTestId("network-hover"));
        lossCurve = new CurveView((HTMLCanvasElement) Dom.byTestId("loss-chart"), 1, false);
        accuracyCurve = new CurveView((HTMLCanvasElement) Dom.byTestId("accuracy-chart"), 3, true);
        confusion = new ConfusionView(Dom.byTestId("confusion"));
        layers = new LayerEditor(Dom.byTestId("layers"), Dom.byTestId("add-layer"), PageMain::change);
        worker = new WorkerClient(state.backend, PageMain::onWorkerMessage);
        images = new ImageView(box -> {
            if (state.imageSide == 0) return;
            JSObject m = Js.object();
            Js.set(m, "type", "predict");
            Js.set(m, "pixels", ImageView.padPixels(images.pad(), box, state.imageSide, state.imageSide == 28 ? 20 : 7, state.maxLevel));
            worker.send(m);
        });
        upload = new CsvUpload(worker, state, (settings, file) -> {
            csvFile = file;
            state.pending = null;
            apply(settings);
        });
        explorer = new ExplorerView(() -> {
            network.highlight = explorer.highlight;
            network.render(state);
        });
        models = new ModelFiles(worker, state);
        share = new ShareView(state);
        bindControls();
        start();
        requestRender();
    }

    private static void readUrl() {
        state.settings = new Settings();
        state.autoplay = false;
        try {
            UrlState.read(state);
        } catch (IllegalArgumentException e) {
            state.error = e.getMessage();
        }
    }

    private static void bindControls() {
        Dom.byTestId("play").addEventListener("click", e -> worker.send(state.status.equals("training") ? "pause" : "play"));
        Dom.byTestId("step").addEventListener("click", e -> step("batch"));
        Dom.byTestId("step-epoch").addEventListener("click", e -> step("epoch"));
        Dom.byTestId("reset").addEventListener("click", e -> initWorker());
        Dom.byTestId("new-seed").addEventListener("click", e -> {
            Settings s = LayerEditor.copy(state.settings);
            s.set("seed", Integer.toString((int) (Math.random() * 1_000_000) + 1));
            apply(s);
        });
        Dom.byTestId("show-test").addEventListener("change", e -> requestRender());
        Dom.byTestId("confirm-apply").addEventListener("click", e -> apply(state.pending));
        Dom.byTestId("confirm-cancel").addEventListener("click", e -> {
            state.pending = null;
            syncControls();
            requestRender();
        });
        Dom.byTestId("heatmap").addEventListener("click", e -> tryPoint((MouseEvent) e));
        Dom.byTestId("try-form").addEventListener("submit", e -> {
            e.preventDefault();
            tryRow();
        });
        NodeList<? extends HTMLElement> inputs = HTMLDocument.current().querySelectorAll("[data-key]");
        for (int i = 0; i < inputs.getLength(); i++) {
            HTMLElement input = inputs.get(i);
            input.addEventListener("change", e -> settingChanged(input));
        }
        NodeList<? extends HTMLElement> features = HTMLDocument.current().querySelectorAll("[data-feature]");
        for (int i = 0; i < features.getLength(); i++) features.get(i).addEventListener("change", e -> featuresChanged());
        Window.current().addEventListener("hashchange", e -> {
            readUrl();
            syncControls();
            start();
        });
        Dom.byTestId("share").addEventListener("click", e -> worker.send("share"));
        HTMLElement needFile = Dom.byTestId("need-file-input");
        needFile.addEventListener("change", e -> CsvUpload.readInput(needFile, (name, file) -> {
            offeredFile = file;
            JSObject m = Js.object();
            Js.set(m, "type", "resume-file");
            Js.set(m, "file", file);
            worker.send(m);
        }, m -> showError(Js.string(m, "message")), CsvUpload.MAX_BYTES));
        Dom.byTestId("csv-cancel-parse").addEventListener("click", e -> {
            // a parse runs to its end in the worker: stop that worker, start another on the same settings
            upload.progress(-1);
            worker.restart();
            start();
        });
        Dom.byTestId("explore").addEventListener("click", e -> {
            JSObject m = Js.object();
            Js.set(m, "type", "explain");
            Js.set(m, "part", Html.value(Dom.byTestId("explore-part")));
            double index;
            try {
                index = Integer.parseInt(Html.value(Dom.byTestId("explore-index")).trim()) - 1;
            } catch (NumberFormatException ex) {
                index = 0;
            }
            Js.set(m, "index", index);
            worker.send(m);
        });
        syncControls();
    }

    /** Opens the model link in the URL, or starts the run its settings describe. */
    private static void start() {
        if (state.linkPayload != null) {
            state.clearRun();
            JSObject m = Js.object();
            Js.set(m, "type", "open");
            Js.set(m, "payload", state.linkPayload);
            worker.send(m);
            requestRender();
            return;
        }
        initWorker();
        if (state.autoplay) worker.send("play");
    }

    private static void step(String unit) {
        JSObject m = Js.object();
        Js.set(m, "type", "step");
        Js.set(m, "unit", unit);
        worker.send(m);
    }

    /** Puts the settings' values into the form. */
    private static void syncControls() {
        Settings s = state.settings;
        NodeList<? extends HTMLElement> inputs = HTMLDocument.current().querySelectorAll("[data-key]");
        for (int i = 0; i < inputs.getLength(); i++) {
            HTMLElement input = inputs.get(i);
            String key = input.getAttribute("data-key");
            if (Settings.isKey(key)) Html.setValue(input, s.get(key));
        }
        String data = s.get("data");
        HTMLElement group = Dom.byTestId("upload-group");
        Html.clear(group);
        if (!Generators.isGenerated(data) && !BuiltIn.isTable(data)) {
            group.appendChild(Html.option(data, csvFile == null ? data + " (upload it again)" : data, true));
            Html.setValue(Dom.byTestId("data"), data);
        }
        boolean planar = Generators.isGenerated(data);
        Dom.byTestId("features").setHidden(!planar);
        HTMLElement noise = HTMLDocument.current().querySelector("[data-planar]");
        noise.setHidden(!planar);
        String features = "," + s.get("features") + ",";
        NodeList<? extends HTMLElement> boxes = HTMLDocument.current().querySelectorAll("[data-feature]");
        for (int i = 0; i < boxes.getLength(); i++) {
            Html.setChecked(boxes.get(i), features.contains("," + boxes.get(i).getAttribute("data-feature") + ","));
        }
        layers.show(s);
    }

    private static void settingChanged(HTMLElement input) {
        String key = input.getAttribute("data-key");
        String value = Html.value(input).trim();
        try {
            if (key.equals("lr")) {
                state.settings.set("lr", value);
                double lr = state.settings.number("lr", 0, 100);
                UrlState.write(state);
                JSObject m = Js.object();
                Js.set(m, "type", "lr");
                Js.set(m, "value", lr);
                worker.send(m);
                return;
            }
            Settings s = LayerEditor.copy(state.settings);
            s.set(key, value);
            if (key.equals("data")) {
                s.set("target", "");
                s.set("inputs", "");
            }
            change(s);
        } catch (IllegalArgumentException e) {
            showError(e.getMessage());
        }
    }

    private static void featuresChanged() {
        StringBuilder keys = new StringBuilder();
        NodeList<? extends HTMLElement> boxes = HTMLDocument.current().querySelectorAll("[data-feature]");
        for (int i = 0; i < boxes.getLength(); i++) {
            if (Html.checked(boxes.get(i))) keys.append(keys.length() > 0 ? "," : "").append(boxes.get(i).getAttribute("data-feature"));
        }
        if (keys.length() == 0) {
            showError("Keep at least one input.");
            syncControls();
            return;
        }
        Settings s = LayerEditor.copy(state.settings);
        s.set("features", keys.toString());
        change(s);
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
        syncControls();
        initWorker();
    }

    private static void initWorker() {
        state.clearRun();
        state.needFile = "";
        state.status = "idle";
        JSObject values = Js.object();
        for (var e : state.settings.asMap().entrySet()) Js.set(values, e.getKey(), e.getValue());
        JSObject m = Js.object();
        Js.set(m, "type", "init");
        Js.set(m, "settings", values);
        String data = state.settings.get("data");
        if (csvFile != null && !Generators.isGenerated(data) && !BuiltIn.isTable(data)) Js.set(m, "file", csvFile);
        String epochs = state.settings.get("epochs");
        try {
            Js.set(m, "stopAtEpoch", epochs.isEmpty() ? 0 : state.settings.integer("epochs", 0, 10_000_000));
        } catch (IllegalArgumentException e) {
            showError(e.getMessage());
        }
        worker.send(m);
        requestRender();
    }

    private static void tryPoint(MouseEvent e) {
        if (!state.planar) return;
        HTMLElement canvas = Dom.byTestId("heatmap");
        double fx = e.getOffsetX() / (double) Math.max(1, canvas.getClientWidth());
        double fy = e.getOffsetY() / (double) Math.max(1, canvas.getClientHeight());
        JSObject m = Js.object();
        Js.set(m, "type", "predict");
        Js.set(m, "x1", -state.extent + fx * 2 * state.extent);
        Js.set(m, "x2", state.extent - fy * 2 * state.extent);
        worker.send(m);
        // the explorer follows: the training sample nearest to the click
        JSObject explain = Js.object();
        Js.set(explain, "type", "explain");
        Js.set(explain, "part", Html.value(Dom.byTestId("explore-part")));
        Js.set(explain, "x1", Js.number(m, "x1"));
        Js.set(explain, "x2", Js.number(m, "x2"));
        worker.send(explain);
    }

    private static void tryRow() {
        NodeList<? extends HTMLElement> fields = Dom.byTestId("try-inputs").querySelectorAll("[data-column]");
        String[] cells = new String[fields.getLength()];
        for (int i = 0; i < cells.length; i++) cells[i] = Html.value(fields.get(i));
        JSObject m = Js.object();
        Js.set(m, "type", "predict");
        Js.set(m, "cells", Js.strings(cells));
        worker.send(m);
    }

    /** A checkbox per table column that could be an input (not for image sets: 784 pixels). */
    private static void buildColumnChooser() {
        HTMLElement box = Dom.byTestId("column-boxes");
        Html.clear(box);
        boolean show = state.candidates.length > 0 && state.imageSide == 0;
        Dom.byTestId("columns").setHidden(!show);
        if (!show) return;
        java.util.Set<String> chosen = new java.util.HashSet<>(java.util.Arrays.asList(state.columns));
        for (String name : state.candidates) {
            HTMLElement label = Html.el("label");
            HTMLElement check = Html.el("input");
            check.setAttribute("type", "checkbox");
            check.setAttribute("data-column-name", name);
            Html.setChecked(check, chosen.contains(name));
            check.addEventListener("change", e -> columnsChanged());
            label.appendChild(check);
            label.appendChild(Html.el("span", " " + name));
            box.appendChild(label);
        }
    }

    private static void columnsChanged() {
        NodeList<? extends HTMLElement> boxes = Dom.byTestId("column-boxes").querySelectorAll("[data-column-name]");
        StringBuilder inputs = new StringBuilder();
        int checked = 0;
        for (int i = 0; i < boxes.getLength(); i++) {
            if (!Html.checked(boxes.get(i))) continue;
            String name = boxes.get(i).getAttribute("data-column-name");
            if (name.indexOf(',') >= 0) {
                showError("Column names with a comma cannot be chosen one by one yet: \"" + name + "\".");
                return;
            }
            inputs.append(inputs.length() > 0 ? "," : "").append(name);
            checked++;
        }
        if (checked == 0) {
            showError("Keep at least one input column.");
            buildColumnChooser();
            return;
        }
        Settings s = LayerEditor.copy(state.settings);
        s.set("inputs", checked == boxes.getLength() ? "" : inputs.toString());
        change(s);
    }

    /** One field per table column: a number box, or a list of the column's categories. */
    private static void buildTryForm() {
        HTMLElement box = Dom.byTestId("try-inputs");
        Html.clear(box);
        for (int c = 0; c < state.columns.length; c++) {
            HTMLElement label = Html.el("label", state.columns[c]);
            HTMLElement field;
            if (state.categories[c] == null) {
                field = Html.el("input");
                field.setAttribute("type", "text");
                field.setAttribute("inputmode", "decimal");
                field.setAttribute("required", "");
            } else {
                field = Html.el("select");
                for (String cat : state.categories[c]) field.appendChild(Html.option(cat, cat, false));
            }
            field.setAttribute("data-column", Integer.toString(c));
            field.setAttribute("data-testid", "try-" + c);
            label.appendChild(field);
            box.appendChild(label);
        }
    }

    private static void onWorkerMessage(JSObject m) {
        String type = Js.string(m, "type");
        if ("setup".equals(type)) {
            state.clearRun();
            state.planar = Js.flag(m, "planar");
            state.classes = Js.strings(Js.get(m, "classes"));
            state.inputs = Js.strings(Js.get(m, "inputs"));
            state.loss = Js.string(m, "loss");
            state.parameters = (int) Js.number(m, "parameters");
            state.trainSize = (int) Js.number(m, "trainSize");
            state.testSize = (int) Js.number(m, "testSize");
            state.dropped = (int) Js.number(m, "dropped");
            double[] widths = Js.doubles(Js.get(m, "widths"));
            state.widths = new int[widths.length];
            for (int i = 0; i < widths.length; i++) state.widths[i] = (int) widths[i];
            JSObject columns = Js.get(m, "columns");
            state.candidates = Js.strings(Js.get(m, "candidates"));
            state.columns = new String[Js.length(columns)];
            state.categories = new String[state.columns.length][];
            for (int c = 0; c < state.columns.length; c++) {
                JSObject col = Js.at(columns, c);
                state.columns[c] = Js.string(col, "name");
                JSObject cats = Js.get(col, "categories");
                state.categories[c] = cats == null ? null : Js.strings(cats);
            }
            if (state.planar) {
                state.trainPoints = Js.doubles(Js.get(m, "train"));
                state.testPoints = Js.doubles(Js.get(m, "test"));
                state.grid = (int) Js.number(m, "grid");
                state.neuronGrid = (int) Js.number(m, "neuronGrid");
                state.extent = Js.number(m, "extent");
            } else {
                buildTryForm();
            }
            state.imageSide = (int) (Js.number(m, "imageSide") > 0 ? Js.number(m, "imageSide") : 0);
            buildColumnChooser();
            if (state.imageSide > 0) {
                state.maxLevel = Js.number(m, "maxLevel");
                state.gallery = Js.doubles(Js.get(m, "gallery"));
                state.galleryLabels = Js.doubles(Js.get(m, "galleryLabels"));
            }
            state.error = "";
        } else if ("snapshot".equals(type)) {
            readSnapshot(m);
        } else if ("error".equals(type)) {
            state.status = "error";
            state.error = Js.string(m, "message");
        } else if ("table".equals(type)) {
            upload.showTable(m);
        } else if ("progress".equals(type)) {
            upload.progress(Js.number(m, "fraction"));
            return; // only the bar changes
        } else if ("csv-error".equals(type)) {
            upload.progress(-1);
            state.error = Js.string(m, "message");
        } else if ("prediction".equals(type)) {
            readPrediction(m);
        } else if ("share".equals(type)) {
            JSObject options = Js.get(m, "options");
            if ("save".equals(Js.string(m, "purpose"))) models.store(Js.string(Js.at(options, 0), "payload"));
            else share.show(options);
        } else if ("export".equals(type)) {
            models.download(m);
        } else if ("need-file".equals(type)) {
            String target = Js.string(m, "target");
            state.needFile = "This model was trained on the file \u201c" + Js.string(m, "data") + "\u201d, which a link does not carry. "
                    + "Open that file, or one with the same columns (inputs: " + String.join(", ", Js.strings(Js.get(m, "inputs")))
                    + (target.isEmpty() ? "" : "; target: " + target) + "), to test, try and keep training the model.";
            String message = Js.string(m, "message");
            state.error = message == null ? "" : "This file cannot be used: " + message + ".";
            state.status = "idle";
            takeSettings(Js.get(m, "settings"));
        } else if ("opened".equals(type)) {
            // the link's settings fill the form; the URL keeps the link until something changes
            if (Js.flag(m, "withFile")) csvFile = offeredFile;
            offeredFile = null;
            state.needFile = "";
            takeSettings(Js.get(m, "settings"));
        } else if ("explanation".equals(type)) {
            Html.setValue(Dom.byTestId("explore-index"), Integer.toString((int) Js.number(m, "index") + 1));
            explorer.load(m, state);
            network.highlight = explorer.highlight;
            network.render(state);
        } else if ("link-error".equals(type)) {
            state.status = "error";
            state.error = Js.string(m, "message");
        }
        requestRender();
    }

    /** Settings that came with a model fill the form. */
    private static void takeSettings(JSObject values) {
        state.settings = new Settings();
        for (String[] key : Settings.KEYS) {
            String v = Js.string(values, key[0]);
            if (v != null) state.settings.set(key[0], v);
        }
        syncControls();
    }

    private static void readSnapshot(JSObject m) {
        state.status = Js.string(m, "status");
        state.epoch = (int) Js.number(m, "epoch");
        state.samples = Js.number(m, "samples");
        if (state.samples > 0) markFirstStep();
        state.samplesPerSecond = Js.number(m, "samplesPerSecond");
        state.workers = Math.max(1, (int) Js.number(m, "workers"));
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
        JSObject weights = Js.get(m, "weights");
        state.weights = weights == null ? new double[0] : Js.doubles(weights);
        JSObject neurons = Js.get(m, "neurons");
        if (neurons != null) state.neurons = Js.doubles(neurons);
        state.confusion = Js.doubles(Js.get(m, "confusion"));
        JSObject predicted = Js.get(m, "galleryPredicted");
        if (predicted != null) {
            state.galleryPredicted = Js.doubles(predicted);
            state.firstLayer = Js.doubles(Js.get(m, "firstLayer"));
        }
        if (state.history.isEmpty() || state.history.get(state.history.size() - 1)[0] != state.epoch) {
            state.history.add(new double[] {state.epoch, state.trainLoss, state.testLoss, state.trainAccuracy, state.testAccuracy});
            if (state.history.size() > 2000) thin();
        }
    }

    private static void readPrediction(JSObject m) {
        String message = Js.string(m, "message");
        if (message != null) {
            state.prediction = "Cannot predict: " + message;
            return;
        }
        double[] out = Js.doubles(Js.get(m, "outputs"));
        int label = (int) Js.number(m, "label");
        if (state.imageSide > 0) {
            images.showProbabilities(state, out);
            return;
        }
        if (state.classes.length > 0 && label >= 0) {
            double p = out.length == 1 ? (label == 1 ? out[0] : 1 - out[0]) : out[label];
            state.prediction = "Prediction: " + state.classes[label] + " (probability " + Dom.fixed(p, 3) + ")";
        } else {
            state.prediction = "Prediction: " + Dom.fixed(out[0], 4);
        }
        if (state.planar) {
            state.prediction += " at x\u2081 = " + Dom.fixed(Js.number(m, "x1"), 2) + ", x\u2082 = " + Dom.fixed(Js.number(m, "x2"), 2);
        }
    }

    /** The loss still finite but far above where it started: on its way to diverging. */
    private static boolean exploding(State s) {
        return !s.history.isEmpty() && s.epoch > 0 && Trainer.exploding(s.history.get(0)[1], s.trainLoss);
    }

    /** Keeps every other point, so long runs keep a bounded history. */
    private static void thin() {
        for (int i = state.history.size() - 2; i > 0; i -= 2) state.history.remove(i);
    }

    private static void showError(String message) {
        state.error = message;
        requestRender();
    }

    static void requestRender() {
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
        boolean exploding = exploding(s);
        status.setTextContent(s.status.equals("diverged") ? "diverged: the loss became NaN or infinite; lower the learning rate and reset"
                : exploding ? s.status + ", but the loss is over 1,000 times what it was at the start: lower the learning rate and reset"
                : s.status);
        status.setAttribute("data-exploding", exploding ? "true" : "false");
        Dom.number(Dom.byTestId("epoch"), s.epoch, 0);
        Dom.byTestId("epoch").setTextContent(Dom.grouped(s.epoch));
        Dom.byTestId("epoch").setAttribute("data-samples", Dom.raw(s.samples));
        Dom.number(Dom.byTestId("train-loss"), s.trainLoss, 4);
        Dom.number(Dom.byTestId("test-loss"), s.testLoss, 4);
        Dom.number(Dom.byTestId("train-accuracy"), s.classification() ? s.trainAccuracy : Double.NaN, 3);
        Dom.number(Dom.byTestId("test-accuracy"), s.classification() ? s.testAccuracy : Double.NaN, 3);
        Dom.number(Dom.byTestId("test-rmse"), s.classification() ? Double.NaN : s.testRmse, 4);
        Dom.number(Dom.byTestId("test-r2"), s.classification() ? Double.NaN : s.testR2, 4);
        Dom.number(Dom.byTestId("throughput"), s.samplesPerSecond, 0);
        Dom.byTestId("throughput").setTextContent(s.samplesPerSecond > 0
                ? Dom.grouped(s.samplesPerSecond) + "/s" + (s.workers > 1 ? " on " + s.workers + " workers" : "") : "\u2013");
        Dom.byTestId("throughput").setAttribute("data-workers", Integer.toString(s.workers));
        HTMLElement hash = Dom.byTestId("weights-hash");
        hash.setAttribute("data-value", s.hash);
        hash.setTextContent(s.hash.isEmpty() ? "\u2013" : s.hash);
        Dom.byTestId("parameters").setTextContent(Dom.grouped(s.parameters));
        Dom.byTestId("sizes").setTextContent(Dom.grouped(s.trainSize) + " train, " + Dom.grouped(s.testSize) + " test"
                + (s.dropped > 0 ? ", " + Dom.grouped(s.dropped) + " rows dropped" : ""));
        StringBuilder arch = new StringBuilder();
        for (int w : s.widths) arch.append(arch.length() > 0 ? "\u2013" : "").append(w);
        Dom.byTestId("architecture").setTextContent(arch.toString());
        HTMLElement error = Dom.byTestId("error");
        error.setTextContent(s.error);
        error.setHidden(s.error.isEmpty());
        Dom.byTestId("confirm-reset").setHidden(s.pending == null);
        Dom.byTestId("need-file").setHidden(s.needFile.isEmpty());
        Dom.byTestId("need-file-text").setTextContent(s.needFile);
        share.render();
        Dom.byTestId("heatmap-panel").setHidden(!s.planar);
        Dom.byTestId("try-form").setHidden(s.planar || s.columns.length == 0 || s.imageSide > 0);
        Dom.byTestId("images-panel").setHidden(s.imageSide == 0);
        Dom.byTestId("accuracy-panel").setHidden(!s.classification());
        Dom.byTestId("confusion-panel").setHidden(!s.classification());
        Dom.byTestId("prediction").setTextContent(s.prediction);
        heatmap.render(s, Html.checked(Dom.byTestId("show-test")));
        lossCurve.render(s.history);
        accuracyCurve.render(s.history);
        // The costlier views: while training, twice a second is enough (the page must never stall).
        double now = Js.now();
        if (!training || now - slowViewsDrawn > 450) {
            network.render(s);
            confusion.render(s);
            images.render(s);
            slowViewsDrawn = now;
        }
    }

    /** Milliseconds from navigation to the first trained batch the page heard of, for the budget test. */
    @JSBody(script = "if (!document.body.dataset.firstStep) document.body.dataset.firstStep = String(performance.now());")
    private static native void markFirstStep();
}
