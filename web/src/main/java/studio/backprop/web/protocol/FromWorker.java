package studio.backprop.web.protocol;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.Js;

/**
 * The messages from a worker: from the training worker to the page, and from a helper to its
 * training worker (ready, and part-done of {@link PartMessages}). Each kind with its fields, the
 * factory that makes it, and the dispatch that hands it to a {@link Receiver}. See {@link Protocol} for the whole conversation.
 */
public final class FromWorker {
    private FromWorker() {}

    /** Receives what a worker sends: the page handles the page's messages, a training worker its helpers'. */
    public interface Receiver {
        default void ready() {}
        default void setup(Setup m) {}
        default void snapshot(Snapshot m) {}
        default void error(Failure m) {}
        default void table(Table m) {}
        default void progress(Progress m) {}
        default void dataProgress(DataProgress m) {}
        default void csvError(Failure m) {}
        default void prediction(Prediction m) {}
        default void shareLinks(ShareLinks m) {}
        default void exportFile(ExportFile m) {}
        default void exportModel(ExportModel m) {}
        default void needFile(OpenedMessages.NeedFile m) {}
        default void opened(OpenedMessages.Opened m) {}
        default void projectOpened(OpenedMessages.ProjectOpened m) {}
        default void needImages(OpenedMessages.NeedImages m) {}
        default void explanation(Explanation m) {}
        default void linkError(Failure m) {}
        default void images(ImagesSummary m) {}
        default void benchResult(BenchMessages.BenchResult m) {}
        default void partDone(PartMessages.PartDone m) {}
        default void textSample(TextMessages.Sample m) {}
        default void sounds(SoundMessages.Summary m) {}
        default void soundsDecode(SoundMessages.Decode m) {}
        default void soundClip(SoundMessages.Clip m) {}
    }
    public static void dispatch(Message m, Receiver to) {
        String type = m.getType();
        switch (type == null ? "" : type) {
            case "ready": to.ready(); break;
            case "setup": to.setup((Setup) m); break;
            case "snapshot": to.snapshot((Snapshot) m); break;
            case "error": to.error((Failure) m); break;
            case "table": to.table((Table) m); break;
            case "progress": to.progress((Progress) m); break;
            case "data-progress": to.dataProgress((DataProgress) m); break;
            case "csv-error": to.csvError((Failure) m); break;
            case "prediction": to.prediction((Prediction) m); break;
            case "share-links": to.shareLinks((ShareLinks) m); break;
            case "export-file": to.exportFile((ExportFile) m); break;
            case "export-model": to.exportModel((ExportModel) m); break;
            case "need-file": to.needFile((OpenedMessages.NeedFile) m); break;
            case "opened": to.opened((OpenedMessages.Opened) m); break;
            case "project-opened": to.projectOpened((OpenedMessages.ProjectOpened) m); break;
            case "need-images": to.needImages((OpenedMessages.NeedImages) m); break;
            case "explanation": to.explanation((Explanation) m); break;
            case "link-error": to.linkError((Failure) m); break;
            case "images": to.images((ImagesSummary) m); break;
            case "bench-result": to.benchResult((BenchMessages.BenchResult) m); break;
            case "part-done": to.partDone((PartMessages.PartDone) m); break;
            case "text-sample": to.textSample((TextMessages.Sample) m); break;
            case "sounds": to.sounds((SoundMessages.Summary) m); break;
            case "sounds-decode": to.soundsDecode((SoundMessages.Decode) m); break;
            case "sound-clip": to.soundClip((SoundMessages.Clip) m); break;
            default: Js.error("unknown message from a worker: " + type);
        }
    }

    /** The worker's build has loaded: messages can go to it now. */
    public static Message ready() {
        return Protocol.message("ready");
    }

    /** What went wrong, in words for the user: error (training, settings), csv-error (a preview), link-error (opening a model). */
    public interface Failure extends Message { @JSProperty String getMessage(); }
    @JSBody(params = {"type", "message"}, script = "return {type: type, message: message};")
    private static native Failure failure(String type, String message);

    public static Failure error(String message) {
        return failure("error", message);
    }

    public static Failure csvError(String message) {
        return failure("csv-error", message);
    }

    public static Failure linkError(String message) {
        return failure("link-error", message);
    }

    /** What the run is: data, network and the fixed parts of the views; sent once per run. */
    public interface Setup extends Message {
        @JSProperty boolean isPlanar(); @JSProperty void setPlanar(boolean v);
        @JSProperty String[] getClasses(); @JSProperty void setClasses(String[] v);
        @JSProperty String[] getInputs(); @JSProperty void setInputs(String[] v);
        @JSProperty String getLoss(); @JSProperty void setLoss(String v);
        @JSProperty int getParameters(); @JSProperty void setParameters(int v);
        @JSProperty int getTrainSize(); @JSProperty void setTrainSize(int v);
        @JSProperty int getTestSize(); @JSProperty void setTestSize(int v);
        /** Rows left out for missing values. */
        @JSProperty int getDropped(); @JSProperty void setDropped(int v);
        /** Units per layer, inputs first, for the drawing of a dense network (empty when it has other layers). */
        @JSProperty Float64Array getWidths(); @JSProperty void setWidths(Float64Array v);
        /** Every layer, the input first and the output last: its name, the shape of its output, its parameter count. */
        @JSProperty String[] getLayerNames(); @JSProperty void setLayerNames(String[] v);
        @JSProperty String[] getLayerShapes(); @JSProperty void setLayerShapes(String[] v);
        @JSProperty Float64Array getLayerParameters(); @JSProperty void setLayerParameters(Float64Array v);
        /** The side of each first-layer tile in the image views: the image's for a dense first layer, the kernel's for a conv one. */
        @JSProperty int getTileSide(); @JSProperty void setTileSide(int v);
        /** A table's encoded input columns, for the try-it form. */
        @JSProperty JSArray<Column> getColumns(); @JSProperty void setColumns(JSArray<Column> v);
        /** Every table column that could be an input. */
        @JSProperty String[] getCandidates(); @JSProperty void setCandidates(String[] v);
        /** Per candidate: its note ("" when plain), and "out" when it stays out of the inputs unless chosen (else ""). */
        @JSProperty String[] getCandidateNotes(); @JSProperty void setCandidateNotes(String[] v);
        @JSProperty String[] getCandidateDefaults(); @JSProperty void setCandidateDefaults(String[] v);
        /** 2-D sets: (x1, x2, target) triples of the points, the grids' sizes and extent; else null and 0. */
        @JSProperty Float64Array getTrain(); @JSProperty void setTrain(Float64Array v);
        @JSProperty Float64Array getTest(); @JSProperty void setTest(Float64Array v);
        @JSProperty int getGrid(); @JSProperty void setGrid(int v);
        @JSProperty int getNeuronGrid(); @JSProperty void setNeuronGrid(int v);
        @JSProperty double getExtent(); @JSProperty void setExtent(double v);
        /** Image sets: pixels per side (0: not images), the largest grey level, test images and their labels (else null). */
        @JSProperty int getImageSide(); @JSProperty void setImageSide(int v);
        @JSProperty double getMaxLevel(); @JSProperty void setMaxLevel(double v);
        /** 1 (grey) or 3 (RGB planes), and whether they are the user's own pictures (drawn as they are, not as ink on paper). */
        @JSProperty int getImageChannels(); @JSProperty void setImageChannels(int v);
        @JSProperty boolean isPhotos(); @JSProperty void setPhotos(boolean v);
        /** The gallery's test images as {@link Pixels#images} makes them, one side x side tile after another. */
        @JSProperty Int32Array getGalleryPixels(); @JSProperty void setGalleryPixels(Int32Array v);
        @JSProperty Float64Array getGalleryLabels(); @JSProperty void setGalleryLabels(Float64Array v);
    }
    public static Setup setup() {
        return (Setup) Protocol.message("setup");
    }

    /** An encoded input column of a table: its name, and its categories (null for a numeric column). */
    /** An input column: categories for a categorical one, the date form (engine Dates spec) for a date column, else null. */
    public interface Column extends JSObject {
        @JSProperty String getName();
        @JSProperty String[] getCategories();
        @JSProperty String getDate();
    }
    @JSBody(params = {"name", "categories", "date"}, script = "return {name: name, categories: categories, date: date};")
    public static native Column column(String name, String[] categories, String date);

    /** The run now: status (idle, training, paused, diverged), metrics and what the views draw (null: not sent this time). */
    public interface Snapshot extends Message {
        @JSProperty String getStatus(); @JSProperty void setStatus(String v);
        @JSProperty int getEpoch(); @JSProperty void setEpoch(int v);
        @JSProperty double getSamples(); @JSProperty void setSamples(double v);
        @JSProperty double getSamplesPerSecond(); @JSProperty void setSamplesPerSecond(double v);
        /** Workers training the run: more than 1 once a data-parallel run's helpers have loaded. */
        @JSProperty int getWorkers(); @JSProperty void setWorkers(int v);
        @JSProperty double getTrainLoss(); @JSProperty void setTrainLoss(double v);
        @JSProperty double getTestLoss(); @JSProperty void setTestLoss(double v);
        @JSProperty double getTrainAccuracy(); @JSProperty void setTrainAccuracy(double v);
        @JSProperty double getTestAccuracy(); @JSProperty void setTestAccuracy(double v);
        @JSProperty double getTestRmse(); @JSProperty void setTestRmse(double v);
        @JSProperty double getTestR2(); @JSProperty void setTestR2(double v);
        @JSProperty String getHash(); @JSProperty void setHash(String v);
        /**
         * Why a paused run ended by itself: "early" (its test loss stopped falling: the weights
         * are those of epoch {@code bestEpoch}), "epochs" (it reached its epochs), or "" (the user paused it, or it has not ended).
         */
        @JSProperty String getEnded(); @JSProperty void setEnded(String v);
        @JSProperty int getBestEpoch(); @JSProperty void setBestEpoch(int v);
        /** W of every linear module, row-major, for the network drawing (small networks only). */
        @JSProperty Float64Array getWeights(); @JSProperty void setWeights(Float64Array v);
        /**
         * A run with a recurrent layer: the first one's dL/dh_t per step of the last batch (root
         * mean square over its samples; see Recurrent.gradientByStep), else null; and how many
         * batches the gradient clipping has scaled down.
         */
        @JSProperty Float64Array getStepGradients(); @JSProperty void setStepGradients(Float64Array v);
        @JSProperty double getClipped(); @JSProperty void setClipped(double v);
        /**
         * 2-D sets: the output over the plane's grid (grid x grid {@link Pixels}), and each drawn
         * neuron's over the small grid (tiles of neuronGrid x neuronGrid, hidden layers, then the output).
         */
        @JSProperty Int32Array getOutputPixels(); @JSProperty void setOutputPixels(Int32Array v);
        @JSProperty Int32Array getNeuronPixels(); @JSProperty void setNeuronPixels(Int32Array v);
        /**
         * The curves' points since the last snapshot, one per epoch or a few per second: (epoch,
         * train loss, test loss, train accuracy, test accuracy, training seconds) rows; and the
         * run's training seconds now.
         */
        @JSProperty Float64Array getCurve(); @JSProperty void setCurve(Float64Array v);
        @JSProperty double getSeconds(); @JSProperty void setSeconds(double v);
        /**
         * Regression's fit: "curve" (the 1-D sine: the prediction at FIT_POINTS values of x1 from
         * -extent to extent, x2 = 0) or "scatter" (a table: actual, predicted pairs of the first
         * test rows); null for classification and the plane.
         */
        @JSProperty String getFitKind(); @JSProperty void setFitKind(String v);
        @JSProperty Float64Array getFit(); @JSProperty void setFit(Float64Array v);
        /** Test confusion counts, row = true class. */
        @JSProperty Float64Array getConfusion(); @JSProperty void setConfusion(Float64Array v);
        /**
         * Image sets: the gallery's predicted labels, and the first layer's weights into each of its
         * first units as tiles of tileSide x tileSide {@link Pixels}, each scaled to its own largest weight.
         */
        @JSProperty Float64Array getGalleryPredicted(); @JSProperty void setGalleryPredicted(Float64Array v);
        @JSProperty Int32Array getFirstLayerPixels(); @JSProperty void setFirstLayerPixels(Int32Array v);
        /** The user's own images: when the gallery shows other test images (mistakes first), their pixels and labels (as in Setup); else null. */
        @JSProperty Int32Array getGalleryPixels(); @JSProperty void setGalleryPixels(Int32Array v);
        @JSProperty Float64Array getGalleryLabels(); @JSProperty void setGalleryLabels(Float64Array v);
        /**
         * Conv nets: the watched test image's index, each conv layer's first maps (after its
         * activation) as ink tiles ({@link Pixels#ink}, each map scaled to its own largest value),
         * and per layer their count, height and width.
         */
        @JSProperty int getWatched(); @JSProperty void setWatched(int v);
        @JSProperty Int32Array getFeatureMapPixels(); @JSProperty void setFeatureMapPixels(Int32Array v);
        @JSProperty Float64Array getFeatureShapes(); @JSProperty void setFeatureShapes(Float64Array v);
    }
    public static Snapshot snapshot() {
        return (Snapshot) Protocol.message("snapshot");
    }

    /** A CSV file's preview: column names and kinds (number or category), the first rows' cells row by row, the row count. */
    public interface Table extends Message {
        @JSProperty String[] getNames();
        /** Per column: number, category, date, id or text; why ("" when plain); the role it starts with (input, target, ignore). */
        @JSProperty String[] getKinds();
        @JSProperty String[] getNotes();
        @JSProperty String[] getRoles();
        /** Per column: what would stop it from being an input, or the target ("" when nothing). */
        @JSProperty String[] getInputProblems();
        @JSProperty String[] getTargetProblems();
        @JSProperty String[] getCells();
        @JSProperty int getRowCount();
    }
    @JSBody(params = {"names", "kinds", "notes", "roles", "inputProblems", "targetProblems", "cells", "rowCount"},
            script = "return {type: 'table', names: names, kinds: kinds, notes: notes, roles: roles, inputProblems: inputProblems,"
            + " targetProblems: targetProblems, cells: cells, rowCount: rowCount};")
    public static native Table table(String[] names, String[] kinds, String[] notes, String[] roles, String[] inputProblems,
            String[] targetProblems, String[] cells, int rowCount);

    /** How far the parse of a CSV file is, 0 to 1. */
    public interface Progress extends Message { @JSProperty double getFraction(); }
    @JSBody(params = "fraction", script = "return {type: 'progress', fraction: fraction};")
    public static native Progress progress(double fraction);

    /** How far the download of a built-in image set is, 0 to 1; -1 when it is over. */
    public interface DataProgress extends Message {
        @JSProperty String getData();
        @JSProperty double getFraction();
    }
    @JSBody(params = {"data", "fraction"}, script = "return {type: 'data-progress', data: data, fraction: fraction};")
    public static native DataProgress dataProgress(String data, double fraction);

    /** The answer to predict: outputs and predicted class (-1: regression) for the point asked about, or why not (message). */
    public interface Prediction extends Message {
        @JSProperty String getMessage();
        @JSProperty Float64Array getOutputs();
        @JSProperty int getLabel();
        @JSProperty double getX1();
        @JSProperty double getX2();
    }
    @JSBody(params = {"message", "outputs", "label", "x1", "x2"},
            script = "return {type: 'prediction', message: message, outputs: outputs, label: label, x1: x1, x2: x2};")
    public static native Prediction prediction(String message, Float64Array outputs, int label, double x1, double x2);

    /**
     * The user's own images: the classes in the order they came, each one's count, the first
     * {@code thumbsPerClass} images of each as the network sees them (RGB planes of side x side
     * levels, class after class, absent ones left zero), the files skipped with why, how far a
     * load is (0 to 1, -1 when done) and what went wrong ("" for nothing).
     */
    public interface ImagesSummary extends Message {
        @JSProperty String[] getClasses();
        @JSProperty Float64Array getCounts();
        @JSProperty int getSide();
        @JSProperty int getThumbsPerClass();
        @JSProperty Int8Array getThumbs();
        @JSProperty String[] getSkipped();
        @JSProperty double getFraction();
        @JSProperty String getMessage();
    }
    @JSBody(params = {"classes", "counts", "side", "thumbsPerClass", "thumbs", "skipped", "fraction", "message"}, script = "return {type: 'images',"
            + " classes: classes, counts: counts, side: side, thumbsPerClass: thumbsPerClass, thumbs: thumbs, skipped: skipped, fraction: fraction,"
            + " message: message};")
    public static native ImagesSummary imagesSummary(String[] classes, Float64Array counts, int side, int thumbsPerClass, Int8Array thumbs,
                                                     String[] skipped, double fraction, String message);

    /** One link to the model: its weight bits, the text after "#m=", and the test accuracy (R² for regression) of what it holds. */
    public interface ShareLink extends JSObject {
        @JSProperty int getBits();
        @JSProperty String getPayload();
        @JSProperty double getQuality();
    }
    @JSBody(params = {"bits", "payload", "quality"}, script = "return {bits: bits, payload: payload, quality: quality};")
    public static native ShareLink shareLink(int bits, String payload, double quality);

    /** The answer to share: the exact link first, then smaller ones. */
    public interface ShareLinks extends Message {
        @JSProperty boolean isSave();
        @JSProperty JSArray<ShareLink> getLinks();
    }
    @JSBody(params = {"save", "links"}, script = "return {type: 'share-links', save: save, links: links};")
    public static native ShareLinks shareLinks(boolean save, JSArray<ShareLink> links);

    /**
     * The training program's answer to export: it writes no model files, so the page hands the
     * run's model (binary form, 64-bit weights) to the full worker, which does.
     */
    public interface ExportModel extends Message {
        @JSProperty String getFormat();
        @JSProperty Int8Array getModel();
    }
    @JSBody(params = {"format", "model"}, script = "return {type: 'export-model', format: format, model: model};")
    public static native ExportModel exportModel(String format, Int8Array model);

    /** A model file to download: JSON text, or the bytes of the binary or ONNX form (the other null). */
    public interface ExportFile extends Message {
        @JSProperty String getFormat();
        @JSProperty String getText();
        @JSProperty Int8Array getBytes();
    }
    public static ExportFile exportFile(ToWorker.Format format, String text, Int8Array bytes) {
        return exportFile(format.name(), text, bytes);
    }

    @JSBody(params = {"format", "text", "bytes"}, script = "return {type: 'export-file', format: format, text: text, bytes: bytes};")
    private static native ExportFile exportFile(String format, String text, Int8Array bytes);

    /** The explorer's numbers for one sample, computed by the engine itself; or why there are none (message, else null). */
    public interface Explanation extends Message {
        @JSProperty String getMessage(); @JSProperty void setMessage(String v);
        @JSProperty boolean isTest(); @JSProperty void setTest(boolean v);
        @JSProperty int getIndex(); @JSProperty void setIndex(int v);
        @JSProperty int getCount(); @JSProperty void setCount(int v);
        @JSProperty double getLoss(); @JSProperty void setLoss(double v);
        @JSProperty String getLossKind(); @JSProperty void setLossKind(String v);
        @JSProperty double getLr(); @JSProperty void setLr(double v);
        @JSProperty Float64Array getTarget(); @JSProperty void setTarget(Float64Array v);
        /** A regression's target as the network learns it: standardised (see the setting ynorm). */
        @JSProperty boolean isTargetScaled(); @JSProperty void setTargetScaled(boolean v);
        @JSProperty JSArray<Explained.Layer> getLayers(); @JSProperty void setLayers(JSArray<Explained.Layer> v);
        /** Per layer, the largest relative error of dL/dW against central differences. */
        @JSProperty Float64Array getCheck(); @JSProperty void setCheck(Float64Array v);
        @JSProperty Explained.Batch getBatch(); @JSProperty void setBatch(Explained.Batch v);
    }
    public static Explanation explanation() {
        return (Explanation) Protocol.message("explanation");
    }
}
