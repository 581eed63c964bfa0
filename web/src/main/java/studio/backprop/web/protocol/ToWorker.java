package studio.backprop.web.protocol;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.train.Settings;

/**
 * The messages to a worker: from the page to the training worker, and from a training worker to
 * its helpers (part-init, part). Each kind with its fields, the factory that makes it, and the
 * dispatch that hands it to the worker's {@link Receiver}. See {@link Protocol} for the whole
 * conversation.
 */
public final class ToWorker {
    private ToWorker() {}

    /** Receives what the page, or (part-init, part) a training worker, sends a worker. */
    public interface Receiver {
        void init(Init m);
        void play();
        void pause();
        void step(Step m);
        void learningRate(LearningRate m);
        void freeze(Freeze m);
        void speed(Speed m);
        void inspect(FileMessage m);
        void predict(Predict m);
        void share(ShareRequest m);
        void explain(ExplainRequest m);
        void bench(Bench m);
        void open(Open m);
        void openFile(OpenFile m);
        void resumeFile(FileMessage m);
        void export(ExportRequest m);
        void watch(Watch m);
        void textView(TextMessages.View m);
        void imagesAdd(ImagesAdd m);
        void imagesFrame(ImagesFrame m);
        void imagesEdit(ImagesEdit m);
        void soundsAdd(SoundMessages.Add m);
        void soundsPcm(SoundMessages.Pcm m);
        void soundsEdit(SoundMessages.Edit m);
        void predictSound(SoundMessages.Listen m);
        void partInit(PartMessages.PartInit m);
        void part(PartMessages.Part m);
        void unknown(String type);
    }
    public static void dispatch(Message m, Receiver to) {
        String type = m.getType();
        switch (type == null ? "" : type) {
            case "init": to.init((Init) m); break;
            case "play": to.play(); break;
            case "pause": to.pause(); break;
            case "step": to.step((Step) m); break;
            case "lr": to.learningRate((LearningRate) m); break;
            case "freeze": to.freeze((Freeze) m); break;
            case "speed": to.speed((Speed) m); break;
            case "inspect": to.inspect((FileMessage) m); break;
            case "predict": to.predict((Predict) m); break;
            case "share": to.share((ShareRequest) m); break;
            case "explain": to.explain((ExplainRequest) m); break;
            case "bench": to.bench((Bench) m); break;
            case "open": to.open((Open) m); break;
            case "open-file": to.openFile((OpenFile) m); break;
            case "resume-file": to.resumeFile((FileMessage) m); break;
            case "export": to.export((ExportRequest) m); break;
            case "watch": to.watch((Watch) m); break;
            case "text-view": to.textView((TextMessages.View) m); break;
            case "images-add": to.imagesAdd((ImagesAdd) m); break;
            case "images-frame": to.imagesFrame((ImagesFrame) m); break;
            case "images-edit": to.imagesEdit((ImagesEdit) m); break;
            case "sounds-add": to.soundsAdd((SoundMessages.Add) m); break;
            case "sounds-pcm": to.soundsPcm((SoundMessages.Pcm) m); break;
            case "sounds-edit": to.soundsEdit((SoundMessages.Edit) m); break;
            case "predict-sound": to.predictSound((SoundMessages.Listen) m); break;
            case "part-init": to.partInit((PartMessages.PartInit) m); break;
            case "part": to.part((PartMessages.Part) m); break;
            default: to.unknown(type);
        }
    }

    /** Build the run these settings describe, on the user's CSV file (a File, or null); stop at an epoch (0: never). */
    public interface Init extends Message {
        @JSProperty String[] getSettings();
        @JSProperty JSObject getFile();
        @JSProperty int getStopAtEpoch();
    }
    public static Init init(Settings settings, JSObject file, int stopAtEpoch) {
        return init(Protocol.pairs(settings), file, stopAtEpoch);
    }

    @JSBody(params = {"settings", "file", "stopAtEpoch"}, script = "return {type: 'init', settings: settings, file: file, stopAtEpoch: stopAtEpoch};")
    private static native Init init(String[] settings, JSObject file, int stopAtEpoch);

    public static Message play() {
        return Protocol.message("play");
    }

    public static Message pause() {
        return Protocol.message("pause");
    }

    /** Train one batch, or one epoch. */
    public interface Step extends Message { @JSProperty boolean isEpoch(); }
    @JSBody(params = "epoch", script = "return {type: 'step', epoch: epoch};")
    public static native Step step(boolean epoch);

    /** The learning rate, applied at once (even while training). */
    public interface LearningRate extends Message { @JSProperty double getValue(); }
    @JSBody(params = "value", script = "return {type: 'lr', value: value};")
    public static native LearningRate learningRate(double value);

    /** The frozen layers (setting freeze: "1,out"), from the next step on, as lr: the weights so far stay; answered by an error when it names no layer with weights. */
    public interface Freeze extends Message { @JSProperty String getLayers(); }
    @JSBody(params = "layers", script = "return {type: 'freeze', layers: layers};")
    public static native Freeze freeze(String layers);

    /** The training pace, from now on: epochs per second (Infinity: as fast as the engine can). Like lr, it changes no weights. */
    public interface Speed extends Message { @JSProperty double getEpochsPerSecond(); }
    @JSBody(params = "epochsPerSecond", script = "return {type: 'speed', epochsPerSecond: epochsPerSecond};")
    public static native Speed speed(double epochsPerSecond);

    /** A user's File: a CSV to preview (inspect: answered by table, progress, csv-error), or the file a model awaits (resume-file). */
    public interface FileMessage extends Message { @JSProperty JSObject getFile(); }
    @JSBody(params = "file", script = "return {type: 'inspect', file: file};")
    public static native FileMessage inspect(JSObject file);

    @JSBody(params = "file", script = "return {type: 'resume-file', file: file};")
    public static native FileMessage resumeFile(JSObject file);

    /**
     * "Try it": a point of the plane (x1, x2), a table row (cells), the network's inputs of an image
     * (pixels), or, for a model of the user's own images, an image file (file) or a camera frame
     * (frame: width x height RGBA) that the worker prepares as the model's images were; the others
     * null or NaN.
     */
    public interface Predict extends Message {
        @JSProperty double getX1();
        @JSProperty double getX2();
        @JSProperty String[] getCells();
        @JSProperty Float64Array getPixels();
        @JSProperty JSObject getFile();
        @JSProperty Int8Array getFrame();
        @JSProperty int getWidth();
        @JSProperty int getHeight();
    }
    @JSBody(params = {"x1", "x2", "cells", "pixels", "file", "frame", "width", "height"}, script = "return {type: 'predict', x1: x1, x2: x2,"
            + " cells: cells, pixels: pixels, file: file, frame: frame, width: width, height: height};")
    private static native Predict predict(double x1, double x2, String[] cells, Float64Array pixels, JSObject file, Int8Array frame, int width, int height);

    public static Predict predictPoint(double x1, double x2) {
        return predict(x1, x2, null, null, null, null, 0, 0);
    }

    public static Predict predictRow(String[] cells) {
        return predict(Double.NaN, Double.NaN, cells, null, null, null, 0, 0);
    }

    public static Predict predictImage(Float64Array pixels) {
        return predict(Double.NaN, Double.NaN, null, pixels, null, null, 0, 0);
    }

    public static Predict predictFile(JSObject file) {
        return predict(Double.NaN, Double.NaN, null, null, file, null, 0, 0);
    }

    public static Predict predictFrame(Int8Array rgba, int width, int height) {
        return predict(Double.NaN, Double.NaN, null, null, null, rgba, width, height);
    }

    /** The model as links (answered by share-links): for the share dialog, or (save) the exact one for "my models". */
    public interface ShareRequest extends Message { @JSProperty boolean isSave(); }
    @JSBody(params = "save", script = "return {type: 'share', save: save};")
    public static native ShareRequest share(boolean save);

    /** The explorer's numbers for a sample of the train or test part: by index, or nearest to (x1, x2) when both are numbers. */
    public interface ExplainRequest extends Message {
        @JSProperty boolean isTest();
        @JSProperty int getIndex();
        @JSProperty double getX1();
        @JSProperty double getX2();
        /** Conv and pool layers: the place to follow, as fractions of the image's height and width (NaN: the centre), and the filter. */
        @JSProperty double getFy();
        @JSProperty double getFx();
        @JSProperty int getFilter();
    }
    @JSBody(params = {"test", "index", "x1", "x2", "fy", "fx", "filter"},
            script = "return {type: 'explain', test: test, index: index, x1: x1, x2: x2, fy: fy, fx: fx, filter: filter};")
    public static native ExplainRequest explain(boolean test, int index, double x1, double x2, double fy, double fx, int filter);

    /** The benchmark page's run: a workload for some seconds on some workers (answered by bench-result). */
    public interface Bench extends Message {
        @JSProperty String getWorkload();
        @JSProperty double getSeconds();
        @JSProperty int getWorkers();
    }
    @JSBody(params = {"workload", "seconds", "workers"}, script = "return {type: 'bench', workload: workload, seconds: seconds, workers: workers};")
    public static native Bench bench(String workload, double seconds, int workers);

    /** Open a model link: the text after "#m=". */
    public interface Open extends Message { @JSProperty String getPayload(); }
    @JSBody(params = "payload", script = "return {type: 'open', payload: payload};")
    public static native Open open(String payload);

    /** Open a model file (JSON, binary or ONNX) or a project (a .zip: see Project). */
    public interface OpenFile extends Message { @JSProperty Int8Array getBytes(); }
    @JSBody(params = "bytes", script = "return {type: 'open-file', bytes: bytes};")
    public static native OpenFile openFile(Int8Array bytes);

    /** The model file formats: readable JSON, the compact binary form, ONNX. */
    /**
     * TFJS: a TensorFlow.js layers model (a .zip of model.json and its weights); PAGE: the model's own web page (one HTML file,
     * the model inside); PROJECT: the whole project (see save-project).
     */
    public enum Format { JSON, BINARY, ONNX, TFJS, PAGE, PROJECT }

    /**
     * A model file for download (answered by export-file): of the run's model, or of model (its
     * binary form, from export-model) when that is not null; score is the test figure a page of
     * its own states ("test accuracy 0.967", or ""). A project (format PROJECT, written by the
     * full program, which holds the user's images) also takes runs, the runs panel's list as
     * JSON, and file, the File of the run's CSV (or null); both null for the other formats.
     */
    public interface ExportRequest extends Message {
        @JSProperty String getFormat();
        @JSProperty Int8Array getModel();
        @JSProperty String getScore();
        @JSProperty String getRuns();
        @JSProperty JSObject getFile();
    }
    public static ExportRequest export(Format format) {
        return export(format.name(), null, "");
    }

    @JSBody(params = {"format", "model", "score"},
            script = "return {type: 'export', format: format, model: model, score: score, runs: null, file: null};")
    public static native ExportRequest export(String format, Int8Array model, String score);

    @JSBody(params = {"model", "runs", "file"}, script = "return {type: 'export', format: 'PROJECT', model: model, score: '', runs: runs, file: file};")
    public static native ExportRequest exportProject(Int8Array model, String runs, JSObject file);

    public static Format format(String name) {
        for (Format f : Format.values()) if (f.name().equals(name)) return f;
        return Format.BINARY;
    }

    /** The test image (of the gallery) whose feature maps the snapshots carry. */
    public interface Watch extends Message { @JSProperty int getIndex(); }
    @JSBody(params = "index", script = "return {type: 'watch', index: index};")
    public static native Watch watch(int index);

    /**
     * The user's own images: Files (a .zip, or image files) with their paths (a folder's
     * webkitRelativePath, or the file name). With a class name the images go to that class; with
     * "" the folder layout gives the classes (a zip always does). Answered by images.
     */
    public interface ImagesAdd extends Message {
        @JSProperty JSObject[] getFiles();
        @JSProperty String[] getPaths();
        @JSProperty String getClassName();
    }
    @JSBody(params = {"files", "paths", "className"}, script = "return {type: 'images-add', files: files, paths: paths, className: className};")
    public static native ImagesAdd imagesAdd(JSObject[] files, String[] paths, String className);

    /** A camera frame for a class: width x height RGBA (the buffer is moved, not copied). Answered by images. */
    public interface ImagesFrame extends Message {
        @JSProperty String getClassName();
        @JSProperty int getWidth();
        @JSProperty int getHeight();
        @JSProperty Int8Array getPixels();
    }
    @JSBody(params = {"className", "width", "height", "pixels"},
            script = "return {type: 'images-frame', className: className, width: width, height: height, pixels: pixels};")
    public static native ImagesFrame imagesFrame(String className, int width, int height, Int8Array pixels);

    /** The kinds of change to the user's classes. */
    public enum ImagesOp { ADD, RENAME, REMOVE, CLEAR, CANCEL }

    /** A change to the classes: add one (name), rename or remove the index-th, clear all, cancel the loading. Answered by images. */
    public interface ImagesEdit extends Message {
        @JSProperty String getOp();
        @JSProperty int getIndex();
        @JSProperty String getName();
    }
    public static ImagesEdit imagesEdit(ImagesOp op, int index, String name) {
        return imagesEdit(op.name(), index, name);
    }

    @JSBody(params = {"op", "index", "name"}, script = "return {type: 'images-edit', op: op, index: index, name: name};")
    private static native ImagesEdit imagesEdit(String op, int index, String name);
}
