package studio.backprop.web.worker;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.Generators;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.data.Table;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelException;
import studio.backprop.engine.model.ModelJson;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.Onnx;
import studio.backprop.engine.train.Metrics;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Explain;
import studio.backprop.engine.train.Settings;
import studio.backprop.engine.train.Trainer;
import studio.backprop.web.Js;

/**
 * The training worker: it owns the experiment, trains in slices of a few milliseconds (so
 * that pause and step messages get through), and posts snapshots for the page to draw. The
 * page never trains.
 */
public final class WorkerMain {
    /** Training time per slice before the worker yields to its message queue. */
    private static final double SLICE_MS = 20;

    private static Experiment experiment;
    private static boolean playing;
    private static int stopAtEpoch = -1;
    private static boolean loopScheduled;
    private static Snapshots snapshots;
    /** The first slice after play is reported at once, so the page shows progress without delay. */
    private static boolean firstSlice;

    /** A model opened from a link or file whose data is a file of its sharer's, until the user opens that file. */
    private static Model awaitingFile;

    /** Helper workers when the run has more than one part (data-parallel), else null. */
    private static Helpers helpers;
    /** A step the user asked for while a parallel batch was in flight: it runs when the batch is done. */
    private static String deferredStep;

    private WorkerMain() {}

    public static void main(String[] args) {
        onMessage(WorkerMain::handle);
        JSObject ready = Js.object();
        Js.set(ready, "type", "ready");
        post(ready);
    }

    private static void handle(JSObject msg) {
        String type = Js.string(msg, "type");
        try {
            switch (type) {
                case "init": init(Js.get(msg, "settings"), readFile(Js.get(msg, "file")), Js.number(msg, "stopAtEpoch")); break;
                case "play": play(); break;
                case "pause": pause(); break;
                case "step": step(Js.string(msg, "unit")); break;
                case "lr": if (experiment != null) experiment.trainer.learningRate = Js.number(msg, "value"); break;
                case "inspect": inspect(readFile(Js.get(msg, "file"))); break;
                case "predict": predict(msg); break;
                case "share": share(Js.string(msg, "purpose")); break;
                case "explain": explain(msg); break;
                case "bench": BenchRun.run(Js.string(msg, "workload"), Js.number(msg, "seconds"), (int) Js.number(msg, "workers")); break;
                case "part-init": Helpers.init((Int8Array) Js.get(msg, "model")); break;
                case "part": Helpers.part(msg); break;
                case "open": open(Js.string(msg, "payload")); break;
                case "open-file": openFile((Int8Array) Js.get(msg, "bytes")); break;
                case "resume-file": resumeFile(readFile(Js.get(msg, "file"))); break;
                case "export": export(Js.string(msg, "format")); break;
                default: Js.error("worker: unknown message " + type);
            }
        } catch (IllegalArgumentException | CsvException e) {
            playing = false;
            postError(e.getMessage());
        }
    }

    private static void init(JSObject values, String csv, double stopAt) throws CsvException {
        awaitingFile = null;
        experiment = build(values, csv);
        startHelpers();
        stopAtEpoch = stopAt > 0 ? (int) stopAt : -1;
        snapshots = new Snapshots(experiment);
        post(snapshots.setup());
        post(snapshot("idle", true));
    }

    /** The run the settings describe; a built-in table or image set is fetched from the site. */
    private static Experiment build(JSObject values, String csv) throws CsvException {
        playing = false;
        experiment = null;
        Settings settings = new Settings();
        for (String[] key : Settings.KEYS) {
            String v = Js.string(values, key[0]);
            if (v != null) settings.set(key[0], v);
        }
        String data = settings.get("data");
        String text = csv;
        if (Images.isImageSet(data)) {
            byte[] records = fetchBytes("data/" + Images.fileName(data));
            if (records == null) throw new IllegalArgumentException("could not load data/" + Images.fileName(data));
            return Experiment.fromImages(settings, records);
        }
        if (text == null && !Generators.isGenerated(data)) {
            if (!BuiltIn.isTable(data)) throw new IllegalArgumentException("data set '" + data + "' is not built in; upload it as a CSV file");
            text = fetchText("data/" + BuiltIn.fileName(data));
            if (text == null) throw new IllegalArgumentException("could not load data/" + BuiltIn.fileName(data));
        }
        return Experiment.create(settings, text);
    }

    private static void play() {
        if (experiment == null || experiment.trainer.status() == Trainer.Status.DIVERGED) return;
        playing = true;
        firstSlice = true;
        schedule();
    }

    private static void pause() {
        playing = false;
        if (experiment != null) post(snapshot("paused", true));
    }

    /** Helper workers for a run in parts; the parts give the same result whether or not they come. */
    private static void startHelpers() {
        if (helpers != null) helpers.terminate();
        helpers = null;
        deferredStep = null;
        int parts = experiment.trainer.parts;
        if (parts > 1) {
            // tell the page when the helpers are in (a snapshot carries the worker count)
            helpers = new Helpers(parts - 1, experiment.model, () -> {
                if (!playing) post(snapshot(experiment.trainer.samples() == 0 ? "idle" : statusName(), true));
            });
        }
    }

    private static boolean batchInFlight() {
        return helpers != null && helpers.busy();
    }

    private static void step(String unit) {
        if (experiment == null) return;
        playing = false;
        if (batchInFlight()) {
            deferredStep = unit;
            return;
        }
        Trainer t = experiment.trainer;
        if ("epoch".equals(unit)) t.stepEpoch();
        else t.step();
        post(snapshot(statusName(), true));
    }

    private static void schedule() {
        if (loopScheduled) return;
        loopScheduled = true;
        Js.setTimeout(WorkerMain::loop, 0);
    }

    private static void loop() {
        loopScheduled = false;
        if (!playing || experiment == null || batchInFlight()) return;
        if (helpers != null && helpers.ready()) {
            parallelBatches(Js.now());
            return;
        }
        Trainer t = experiment.trainer;
        double start = Js.now();
        boolean stopped = false;
        while (Js.now() - start < SLICE_MS) {
            boolean epochEnded = t.step();
            if (t.status() == Trainer.Status.DIVERGED || (epochEnded && t.epoch() == stopAtEpoch)) {
                stopped = true;
                break;
            }
        }
        if (stopped) {
            playing = false;
            post(snapshot(statusName(), true));
            return;
        }
        if (snapshots.due() || firstSlice) post(snapshot("training", false));
        firstSlice = false;
        schedule();
    }

    /** Batches on the helpers, one after another, for a slice of time; the worker stays responsive between them. */
    private static void parallelBatches(double sliceStart) {
        Trainer t = experiment.trainer;
        helpers.step(t, epochEnded -> {
            if (deferredStep != null) {
                String unit = deferredStep;
                deferredStep = null;
                step(unit);
                return;
            }
            if (t.status() == Trainer.Status.DIVERGED || (epochEnded && t.epoch() == stopAtEpoch)) {
                playing = false;
                post(snapshot(statusName(), true));
                return;
            }
            if (!playing) {
                post(snapshot("paused", true)); // the batch that was in flight at the pause
                return;
            }
            if (snapshots.due() || firstSlice) post(snapshot("training", false));
            firstSlice = false;
            if (Js.now() - sliceStart < SLICE_MS) parallelBatches(sliceStart);
            else schedule();
        });
    }

    /** A snapshot of the run, with how many workers train it (helpers count once they have loaded). */
    private static JSObject snapshot(String status, boolean full) {
        JSObject m = snapshots.snapshot(status, full);
        Js.set(m, "workers", helpers != null && helpers.ready() ? experiment.trainer.parts : 1);
        return m;
    }

    private static String statusName() {
        if (experiment.trainer.status() == Trainer.Status.DIVERGED) return "diverged";
        return playing ? "training" : "paused";
    }

    /** A user's file: columns, detected types and the first rows, or what is wrong with it. */
    private static void inspect(String csv) {
        JSObject m = Js.object();
        if (csv == null) {
            Js.set(m, "type", "csv-error");
            Js.set(m, "message", "This file cannot be read.");
            post(m);
            return;
        }
        try {
            // progress goes out while this loop runs: the page gets it at once, the worker carries on
            Table t = Table.parse(csv, "auto", fraction -> {
                JSObject p = Js.object();
                Js.set(p, "type", "progress");
                Js.set(p, "fraction", fraction);
                post(p);
            });
            Js.set(m, "type", "table");
            Js.set(m, "names", Js.strings(t.names));
            String[] kinds = new String[t.names.length];
            for (int c = 0; c < kinds.length; c++) kinds[c] = t.numeric[c] ? "number" : "category";
            Js.set(m, "kinds", Js.strings(kinds));
            JSObject rows = Js.array();
            for (int r = 0; r < Math.min(8, t.rows.length); r++) Js.push(rows, Js.strings(t.rows[r]));
            Js.set(m, "rows", rows);
            Js.set(m, "rowCount", t.rows.length);
        } catch (CsvException e) {
            Js.set(m, "type", "csv-error");
            Js.set(m, "message", "This file cannot be used: " + e.getMessage());
        }
        post(m);
    }

    /** "Try it": the model's output for one input, from the plane (x1, x2) or a table row. */
    private static void predict(JSObject msg) {
        if (experiment == null) return;
        Model model = experiment.model;
        JSObject m = Js.object();
        Js.set(m, "type", "prediction");
        try {
            double[] encoded;
            JSObject cells = Js.get(msg, "cells"), pixels = Js.get(msg, "pixels");
            if (pixels != null) encoded = Js.doubles(pixels);
            else if (cells != null) encoded = model.encoding.encode(Js.strings(cells), null);
            else encoded = new double[] {Js.number(msg, "x1"), Js.number(msg, "x2")};
            Js.set(m, "x1", Js.number(msg, "x1"));
            Js.set(m, "x2", Js.number(msg, "x2"));
            double[] out = model.predict(new double[][] {encoded})[0];
            Js.set(m, "outputs", Js.float64(out));
            Js.set(m, "label", model.classes.length > 0 ? Metrics.predictedClass(out) : -1);
        } catch (IllegalArgumentException e) {
            Js.set(m, "message", e.getMessage());
        }
        post(m);
    }

    /**
     * The backprop explorer's numbers for one sample ("train" or "test" part, by index): the
     * forward and backward pass of the engine itself, a gradient check and a batch view.
     */
    private static void explain(JSObject msg) {
        if (experiment == null) return;
        Experiment ex = experiment;
        boolean test = "test".equals(Js.string(msg, "part"));
        double[][] xs = test ? ex.testX : ex.trainX, ys = test ? ex.testY : ex.trainY;
        int index = (int) Math.max(0, Math.min(xs.length - 1, Js.number(msg, "index")));
        double x1 = Js.number(msg, "x1"), x2 = Js.number(msg, "x2");
        if (x1 == x1 && x2 == x2) index = nearest(test ? ex.test.x : ex.train.x, x1, x2);
        Network net = ex.model.network;
        Explain e = Explain.of(net, ex.loss, xs[index], ys[index], ex.trainer.learningRate);
        JSObject m = Js.object();
        Js.set(m, "type", "explanation");
        Js.set(m, "part", test ? "test" : "train");
        Js.set(m, "index", index);
        Js.set(m, "count", xs.length);
        Js.set(m, "loss", e.loss);
        Js.set(m, "lossKind", e.lossKind);
        Js.set(m, "lr", ex.trainer.learningRate);
        Js.set(m, "target", Js.float64(e.target));
        JSObject layers = Js.array();
        for (Explain.Layer l : e.layers) {
            JSObject o = Js.object();
            Js.set(o, "m", l.m);
            Js.set(o, "n", l.n);
            Js.set(o, "activation", l.activation);
            Js.set(o, "aPrev", Js.float64(l.aPrev));
            Js.set(o, "w", Js.float64(l.w));
            Js.set(o, "w0", Js.float64(l.w0));
            Js.set(o, "z", Js.float64(l.z));
            Js.set(o, "a", Js.float64(l.a));
            if (l.dLdA != null) Js.set(o, "dLdA", Js.float64(l.dLdA));
            Js.set(o, "dLdZ", Js.float64(l.dLdZ));
            Js.set(o, "dLdAPrev", Js.float64(l.dLdAPrev));
            Js.set(o, "dLdW", Js.float64(l.dLdW));
            Js.set(o, "dLdW0", Js.float64(l.dLdW0));
            Js.set(o, "wAfter", Js.float64(l.wAfter));
            Js.push(layers, o);
        }
        Js.set(m, "layers", layers);
        Js.set(m, "check", Js.float64(Explain.gradientCheck(net, ex.loss, xs[index], ys[index], 400)));
        int b = Math.min(ex.trainer.batchSize, Math.min(8, ex.trainX.length));
        Explain.Batch batch = Explain.batch(net, ex.loss, java.util.Arrays.copyOf(ex.trainX, b),
                java.util.Arrays.copyOf(ex.trainY, b), ex.trainer.mean);
        JSObject bo = Js.object();
        double[] per = new double[b * batch.m * batch.n];
        for (int s = 0; s < b; s++) System.arraycopy(batch.perSample[s], 0, per, s * batch.m * batch.n, batch.m * batch.n);
        Js.set(bo, "samples", b);
        Js.set(bo, "m", batch.m);
        Js.set(bo, "n", batch.n);
        Js.set(bo, "mean", batch.mean);
        Js.set(bo, "perSample", Js.float64(per));
        Js.set(bo, "sum", Js.float64(batch.sum));
        Js.set(bo, "batch", Js.float64(batch.batch));
        Js.set(bo, "maxDifference", batch.maxDifference);
        Js.set(m, "batch", bo);
        post(m);
    }

    /** The sample nearest to a point of the 2-D plane (a click on the heatmap). */
    private static int nearest(double[][] points, double x1, double x2) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < points.length; i++) {
            double dx = points[i][0] - x1, dy = points[i][1] - x2, d = dx * dx + dy * dy;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** The model as a link payload: binary form, raw deflate (the browser's own), base64url. */
    private static void share(String purpose) {
        if (experiment == null) return;
        JSObject m = Js.object();
        Js.set(m, "type", "share");
        if (purpose != null) Js.set(m, "purpose", purpose);
        JSObject options = Js.array();
        Js.set(m, "options", options);
        int exact = ModelBinary.exactBits(experiment.model);
        shareOption(experiment, "save".equals(purpose) ? new int[] {exact} : new int[] {exact, 16, 8}, 0, options, m);
    }

    /**
     * One link per weight precision (deflate is asynchronous, so they are made one after the
     * other), each with the test accuracy (R^2 for regression) of the model as the link holds it.
     */
    private static void shareOption(Experiment ex, int[] bits, int i, JSObject options, JSObject m) {
        if (i == bits.length) {
            post(m);
            return;
        }
        byte[] binary = ModelBinary.write(ex.model, bits[i]);
        deflate(Int8Array.copyFromJavaArray(binary), result -> {
            JSObject bytes = Js.get(result, "bytes");
            if (bytes == null) {
                postError("could not make the link: " + Js.string(result, "error"));
                return;
            }
            JSObject o = Js.object();
            Js.set(o, "bits", bits[i]);
            Js.set(o, "payload", ModelLink.base64url(((Int8Array) bytes).copyToJavaArray()));
            try {
                Network net = i == 0 ? ex.model.network : ModelBinary.read(binary).network;
                Metrics test = Metrics.evaluate(net, ex.loss, ex.testX, ex.testY, ex.model.classes.length);
                Js.set(o, "quality", ex.model.classes.length > 0 ? test.accuracy : test.r2);
            } catch (ModelException e) {
                Js.set(o, "quality", Double.NaN);
            }
            Js.push(options, o);
            shareOption(ex, bits, i + 1, options, m);
        });
    }

    /** A model file for download: the readable JSON form, the compact binary one, or ONNX. */
    private static void export(String format) {
        if (experiment == null) return;
        JSObject m = Js.object();
        Js.set(m, "type", "export");
        Js.set(m, "format", format);
        if ("json".equals(format)) Js.set(m, "text", ModelJson.write(experiment.model));
        else if ("onnx".equals(format)) Js.set(m, "bytes", Int8Array.copyFromJavaArray(Onnx.write(experiment.model)));
        else Js.set(m, "bytes", Int8Array.copyFromJavaArray(ModelBinary.write(experiment.model)));
        post(m);
    }

    /** A model file the user opened: JSON (text starting with '{' or '[') or binary. */
    private static void openFile(Int8Array bytes) {
        playing = false;
        byte[] b = bytes == null ? new byte[0] : bytes.copyToJavaArray();
        int first = 0;
        while (first < b.length && (b[first] == ' ' || b[first] == '\n' || b[first] == '\r' || b[first] == '\t')) first++;
        boolean json = first < b.length && (b[first] == '{' || b[first] == '[');
        try {
            Model model = json ? ModelJson.read(new String(b, java.nio.charset.StandardCharsets.UTF_8)) : ModelBinary.read(b);
            restore(model);
        } catch (ModelException e) {
            postLinkError(e.getMessage());
        }
    }

    /**
     * Opens a shared model: rebuilds its run from its settings (the data is built in or
     * generated from the seed, so it comes out the same), then takes the link's weights.
     */
    private static void open(String payload) {
        playing = false;
        byte[] deflated;
        try {
            deflated = ModelLink.fromBase64url(payload == null ? "" : payload);
        } catch (ModelException e) {
            postLinkError(e.getMessage());
            return;
        }
        inflate(Int8Array.copyFromJavaArray(deflated), ModelLink.MAX_INFLATED, result -> {
            JSObject bytes = Js.get(result, "bytes");
            if (bytes == null) {
                postLinkError("the link's model data is damaged or cut short (" + Js.string(result, "error") + ")");
                return;
            }
            try {
                restore(ModelBinary.read(((Int8Array) bytes).copyToJavaArray()));
            } catch (ModelException e) {
                postLinkError(e.getMessage());
            }
        });
    }

    /** Rebuilds a shared or saved model's run and takes its weights. */
    private static void restore(Model model) {
        try {
            String data = model.settings.get("data");
            if (!Generators.isGenerated(data) && !BuiltIn.isTable(data) && !Images.isImageSet(data)) {
                // a link does not carry its sharer's file: ask for it, then check its columns
                awaitingFile = model;
                postNeedFile(null);
                return;
            }
            Experiment ex = build(values(model.settings), null);
            if (!ex.takeWeights(model)) {
                postLinkError("the link's network does not match its own settings");
                return;
            }
            opened(ex, false);
        } catch (CsvException | IllegalArgumentException e) {
            postLinkError(e.getMessage());
        }
    }

    /** The file a model awaiting its data was trained on, or one with the same columns. */
    private static void resumeFile(String csv) {
        if (awaitingFile == null) return;
        if (csv == null) {
            postNeedFile("the file could not be read");
            return;
        }
        try {
            Experiment ex = Experiment.resume(awaitingFile, csv);
            awaitingFile = null;
            opened(ex, true);
        } catch (CsvException | IllegalArgumentException e) {
            postNeedFile(e.getMessage());
        }
    }

    private static void opened(Experiment ex, boolean withFile) {
        experiment = ex;
        startHelpers();
        stopAtEpoch = -1;
        snapshots = new Snapshots(ex);
        JSObject m = Js.object();
        Js.set(m, "type", "opened");
        Js.set(m, "settings", values(ex.settings));
        Js.set(m, "withFile", withFile);
        post(m);
        post(snapshots.setup());
        post(snapshot("idle", true));
    }

    private static JSObject values(Settings settings) {
        JSObject values = Js.object();
        for (var e : settings.asMap().entrySet()) Js.set(values, e.getKey(), e.getValue());
        return values;
    }

    /** Asks the page for the file of {@link #awaitingFile}, naming its columns; message says why the last one failed. */
    private static void postNeedFile(String message) {
        Model model = awaitingFile;
        String[] columns = new String[model.encoding.columns.size()];
        for (int c = 0; c < columns.length; c++) columns[c] = model.encoding.columns.get(c).name;
        JSObject m = Js.object();
        Js.set(m, "type", "need-file");
        Js.set(m, "settings", values(model.settings));
        Js.set(m, "data", model.settings.get("data"));
        Js.set(m, "inputs", Js.strings(columns));
        Js.set(m, "target", model.targetNames.length > 0 ? model.targetNames[0] : "");
        if (message != null) Js.set(m, "message", message);
        post(m);
    }

    private static void postLinkError(String message) {
        JSObject m = Js.object();
        Js.set(m, "type", "link-error");
        Js.set(m, "message", "This model cannot be opened: " + message + ".");
        post(m);
    }

    @JSBody(params = {"bytes", "done"}, script =
            "new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer()"
            + ".then(function (js_b) { done({bytes: new Int8Array(js_b)}); }, function (js_e) { done({error: String(js_e)}); });")
    private static native void deflate(Int8Array bytes, Js.Callback done);

    /** Inflates chunk by chunk and stops past {@code max} bytes, so a small link cannot claim gigabytes. */
    @JSBody(params = {"bytes", "max", "done"}, script =
            "var js_r, js_chunks = [], js_n = 0;"
            + "try { js_r = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader(); }"
            + "catch (js_e) { done({error: String(js_e)}); return; }"
            + "function js_next() { js_r.read().then(function (js_x) {"
            + "  if (js_x.done) { var js_out = new Int8Array(js_n), js_o = 0;"
            + "    js_chunks.forEach(function (js_c) { js_out.set(js_c, js_o); js_o += js_c.length; }); done({bytes: js_out}); return; }"
            + "  js_n += js_x.value.length;"
            + "  if (js_n > max) { js_r.cancel(); done({error: 'larger than ' + max + ' bytes'}); return; }"
            + "  js_chunks.push(js_x.value); js_next();"
            + "}, function (js_e) { done({error: String(js_e && js_e.message || js_e)}); }); }"
            + "js_next();")
    private static native void inflate(Int8Array bytes, int max, Js.Callback done);

    private static void postError(String message) {
        JSObject m = Js.object();
        Js.set(m, "type", "error");
        Js.set(m, "message", message == null ? "unexpected error" : message);
        post(m);
    }

    @JSBody(params = "m", script = "self.postMessage(m);")
    static native void post(JSObject m);

    @JSBody(params = "f", script = "self.onmessage = function(e) { f(e.data); };")
    private static native void onMessage(Js.Callback f);

    @JSBody(params = "url", script = "try { var js_x = new XMLHttpRequest(); js_x.open('GET', url, false);"
            + " js_x.responseType = 'arraybuffer'; js_x.send();"
            + " return js_x.status === 200 || js_x.status === 0 ? new Int8Array(js_x.response) : null; } catch (e) { return null; }")
    private static native Int8Array fetchBinary(String url);

    private static byte[] fetchBytes(String url) {
        Int8Array bytes = fetchBinary(url);
        return bytes == null ? null : bytes.copyToJavaArray();
    }

    /** The text of a File the page handed over; null for none or an unreadable file. */
    @JSBody(params = "file", script = "if (!file) return null; try { return new FileReaderSync().readAsText(file); } catch (e) { return null; }")
    private static native String readFile(JSObject file);

    /** Synchronous XHR is allowed in workers and blocks only this worker, never the page. */
    @JSBody(params = "url", script = "try { var js_x = new XMLHttpRequest(); js_x.open('GET', url, false); js_x.send();"
            + " return js_x.status === 200 || js_x.status === 0 ? js_x.responseText : null; } catch (e) { return null; }")
    private static native String fetchText(String url);
}
