package studio.backprop.web.worker.files;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelException;
import studio.backprop.engine.model.ModelJson;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.Onnx;
import studio.backprop.engine.model.OnnxImport;
import studio.backprop.engine.model.Project;
import studio.backprop.engine.model.Tfjs;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Metrics;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.OpenedMessages;
import studio.backprop.web.protocol.ToWorker;
import studio.backprop.web.worker.run.Data;
import studio.backprop.web.worker.run.Outbox;

/**
 * Models going out and coming in: share links (the binary form, deflated by the browser, in
 * base64url), model files for download, and opening a link or file. An opened model's run is
 * rebuilt from its settings (the data is built in, or generated from the seed, so it comes out
 * the same) and takes the model's weights; a model of a user's file waits for that file.
 */
public final class ModelExchange {
    /** Starts a run (the worker's current one is replaced). */
    public interface Start {
        void start(Experiment ex, int stopAtEpoch);
    }

    @JSFunctor
    interface Bytes extends JSObject {
        /** The result, or null and why not. */
        void done(Int8Array bytes, String error);
    }

    /** Runs a step once the settings' data is at hand (an image set may have to download first). */
    public interface Loading {
        void whenLoaded(Settings settings, Runnable then);
    }

    private final Start start;
    private final Loading loading;
    /** A model whose data is a file of its sharer's, until the user opens that file. */
    private Model awaitingFile;
    /** A model of its sharer's own images or sounds: it predicts at once, and a run on clips added to its classes starts from its weights. */
    private Model awaitingImages;

    private final OwnImages ownImages;
    private final OwnSounds ownSounds;

    ModelExchange(Start start, Loading loading, OwnImages ownImages, OwnSounds ownSounds) {
        this.start = start;
        this.loading = loading;
        this.ownImages = ownImages;
        this.ownSounds = ownSounds;
    }

    /** A new run from settings: no model waits for its file any more. */
    void forget() {
        awaitingFile = null;
        awaitingImages = null;
    }

    /** The opened model of someone's own images that waits for images (null for none). */
    Model awaitingImages() {
        return awaitingImages;
    }

    /** The links for the share dialog (exact, 16-bit, 8-bit), or, to save, the exact one (the training program's too). */
    public static void share(Experiment ex, boolean save) {
        int exact = ModelBinary.exactBits(ex.model);
        shareLinks(ex, save, save ? new int[] {exact} : new int[] {exact, 16, 8}, 0, JSArray.create());
    }

    /**
     * One link per weight precision (deflate is asynchronous, so they are made one after the
     * other), each with the test accuracy (R^2 for regression) of the model as the link holds it.
     */
    private static void shareLinks(Experiment ex, boolean save, int[] bits, int i, JSArray<FromWorker.ShareLink> links) {
        if (i == bits.length) {
            Outbox.post(FromWorker.shareLinks(save, links));
            return;
        }
        byte[] binary = ModelBinary.write(ex.model, bits[i]);
        deflate(Int8Array.copyFromJavaArray(binary), (bytes, error) -> {
            if (bytes == null) {
                Outbox.post(FromWorker.error("could not make the link: " + error));
                return;
            }
            // the weights as the link holds them (the exact link: the model's own)
            Network net = i == 0 ? ex.model.network : ModelBinary.asStored(ex.model.network, bits[i], ex.model.settings.math());
            Metrics test = Metrics.evaluate(net, ex.loss, ex.testX, ex.testY, ex.model.classes.length, ex.model.targets.scale);
            double quality = ex.model.classes.length > 0 ? test.accuracy : test.r2;
            links.push(FromWorker.shareLink(bits[i], ModelLink.sealed(bytes.copyToJavaArray()), quality));
            shareLinks(ex, save, bits, i + 1, links);
        });
    }

    /** A model file for download: the readable JSON form, the compact binary one, ONNX or TensorFlow.js. */
    static FromWorker.ExportFile export(Model model, ToWorker.Format format) {
        switch (format) {
            case JSON: return FromWorker.exportFile(format, ModelJson.write(model), null);
            case ONNX: return FromWorker.exportFile(format, null, Int8Array.copyFromJavaArray(Onnx.write(model)));
            case TFJS: return FromWorker.exportFile(format, null, Int8Array.copyFromJavaArray(Tfjs.write(model).zip()));
            default: return FromWorker.exportFile(format, null, Int8Array.copyFromJavaArray(ModelBinary.write(model)));
        }
    }

    /** A model file the user opened: JSON (text starting with '{' or '['), ONNX (see OnnxImport) or binary. */
    void openFile(Int8Array bytes) {
        byte[] b = bytes == null ? new byte[0] : bytes.copyToJavaArray();
        int first = 0;
        while (first < b.length && (b[first] == ' ' || b[first] == '\n' || b[first] == '\r' || b[first] == '\t')) first++;
        boolean json = first < b.length && (b[first] == '{' || b[first] == '[');
        if (Project.isZip(b)) {
            openProject(b);
            return;
        }
        try {
            restore(json ? ModelJson.read(Text.fromUtf8(b)) : OnnxImport.isOnnx(b) ? OnnxImport.read(b) : ModelBinary.read(b));
        } catch (ModelException e) {
            linkError(e.getMessage());
        }
    }

    /** A model link: the text after "#m=". */
    void openLink(String payload) {
        byte[] deflated;
        try {
            deflated = ModelLink.unsealed(payload == null ? "" : payload);
        } catch (ModelException e) {
            linkError(e.getMessage());
            return;
        }
        inflate(Int8Array.copyFromJavaArray(deflated), ModelLink.MAX_INFLATED, (bytes, error) -> {
            if (bytes == null) {
                linkError("the link's model data is damaged or cut short (" + error + ")");
                return;
            }
            try {
                restore(ModelBinary.read(bytes.copyToJavaArray()));
            } catch (ModelException e) {
                linkError(e.getMessage());
            }
        });
    }

    /**
     * A project: nothing changes unless it reads whole. Its runs go to the page; its model opens
     * on its data: the table it holds (handed to the page as a File, the run's file from now),
     * the images it holds (decoded first) or its sounds, or the built-in set, as a model file does.
     */
    private void openProject(byte[] bytes) {
        ProjectFiles.read(bytes, this::restore, why -> Outbox.post(FromWorker.linkError("This project cannot be opened: " + why + ".")));
    }

    private void restore(Project p) {
        forget();
        Outbox.post(OpenedMessages.projectOpened(p.runs, p.csv == null ? null : ProjectFiles.file(p.csv, p.csvName)));
        Model model = p.model;
        switch (p.dataKind()) {
            case "csv":
                try {
                    opened(Experiment.resume(model, p.csv), true);
                } catch (CsvException | IllegalArgumentException e) {
                    linkError(e.getMessage());
                }
                break;
            case "images":
                ownImages.replace(p.classes, p.images);
                ownImages.whenReady(model.settings, () -> {
                    try {
                        Experiment ex = ownImages.experiment(model.settings);
                        if (ex.takeWeights(model)) opened(ex, false);
                        else linkError("the project's network does not match its images");
                    } catch (IllegalArgumentException e) {
                        linkError(e.getMessage());
                    }
                });
                break;
            case "sounds":
                ownSounds.replace(model, p.classes, p.images);
                try {
                    Experiment ex = ownSounds.experiment(model.settings);
                    if (ex.takeWeights(model)) opened(ex, false);
                    else linkError("the project's network does not match its sounds");
                } catch (IllegalArgumentException e) {
                    linkError(e.getMessage());
                }
                break;
            default:
                restore(model);
        }
    }

    private void restore(Model model) {
        if (OwnSounds.isFor(model.settings)) {
            // a model of someone's sounds listens at once; recordings added to its classes train it on
            awaitingFile = null;
            awaitingImages = model;
            ownSounds.expect(model);
            ImageFormat picture = Experiment.picture(model.settings);
            Outbox.post(OpenedMessages.needImages(model.settings, model.classes, picture.side, 1));
            return;
        }
        ImageFormat image = Images.own(model.settings.get("data"), model.settings.get("image"))
                ? Images.format(model.settings.get("data"), model.settings.get("image")) : null;
        if (image != null) {
            awaitingFile = null;
            awaitingImages = model;
            ownImages.expect(model.classes);
            Outbox.post(OpenedMessages.needImages(model.settings, model.classes, image.side, image.channels));
            return;
        }
        if (!BuiltIn.isBuiltIn(model.settings.get("data"))) {
            // a link does not carry its sharer's file: ask for it, then check its columns
            awaitingFile = model;
            needFile(null);
            return;
        }
        loading.whenLoaded(model.settings, () -> rebuild(model));
    }

    private void rebuild(Model model) {
        try {
            // the model's own normalisation and weights on its data (an imported model's may differ from what the data would give)
            opened(Data.experiment(model.settings, null).adopt(model), false);
        } catch (CsvException | IllegalArgumentException e) {
            linkError(e.getMessage());
        }
    }

    /** The file a model awaiting its data was trained on, or one with the same columns (csv null: unreadable). */
    void resumeFile(String csv) {
        if (awaitingFile == null) return;
        if (csv == null) {
            needFile("the file could not be read");
            return;
        }
        try {
            Experiment ex = Experiment.resume(awaitingFile, csv);
            awaitingFile = null;
            opened(ex, true);
        } catch (CsvException | IllegalArgumentException e) {
            needFile(e.getMessage());
        }
    }

    private void opened(Experiment ex, boolean withFile) {
        Outbox.post(OpenedMessages.opened(ex.settings, withFile));
        start.start(ex, -1);
    }

    /** Asks the page for the file of {@link #awaitingFile}, naming its columns; message says why the last one failed. */
    private void needFile(String message) {
        Model model = awaitingFile;
        String[] columns = new String[model.encoding.columns.size()];
        for (int c = 0; c < columns.length; c++) columns[c] = model.encoding.columns.get(c).name;
        String target = model.targetNames.length > 0 ? model.targetNames[0] : "";
        Outbox.post(OpenedMessages.needFile(model.settings, model.settings.get("data"), columns, target, message));
    }

    private static void linkError(String message) {
        Outbox.post(FromWorker.linkError("This model cannot be opened: " + message + "."));
    }

    @JSBody(params = {"bytes", "done"}, script =
            "new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer()"
            + ".then(function (js_b) { done(new Int8Array(js_b), null); }, function (js_e) { done(null, String(js_e)); });")
    private static native void deflate(Int8Array bytes, Bytes done);

    /**
     * Inflates raw deflate (bytes: a typed array or a Blob) chunk by chunk and stops past
     * {@code max} bytes ("larger than ..."), so a small link or zip entry cannot claim gigabytes.
     */
    @JSBody(params = {"bytes", "max", "done"}, script =
            "var js_r, js_chunks = [], js_n = 0;"
            + "try { js_r = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader(); }"
            + "catch (js_e) { done(null, String(js_e)); return; }"
            + "function js_next() { js_r.read().then(function (js_x) {"
            + "  if (js_x.done) { var js_out = new Int8Array(js_n), js_o = 0;"
            + "    js_chunks.forEach(function (js_c) { js_out.set(js_c, js_o); js_o += js_c.length; }); done(js_out, null); return; }"
            + "  js_n += js_x.value.length;"
            + "  if (js_n > max) { js_r.cancel(); done(null, 'larger than ' + max + ' bytes'); return; }"
            + "  js_chunks.push(js_x.value); js_next();"
            + "}, function (js_e) { done(null, String(js_e && js_e.message || js_e)); }); }"
            + "js_next();")
    static native void inflate(JSObject bytes, int max, Bytes done);
}
