package studio.backprop.web.protocol;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The user's own sounds (the rest of {@link ToWorker} and {@link FromWorker}, dispatched with
 * them). To the full worker: files or a zip (sounds-add), a recording or a file the page decoded
 * (sounds-pcm), a change to the classes or clips (sounds-edit), a second of sound to classify
 * (predict-sound, answered by prediction). From it: what it holds (sounds), a file for the page to
 * decode (sounds-decode: the worker has no decodeAudioData), a clip to play (sound-clip).
 */
public final class SoundMessages {
    private SoundMessages() {}

    /** Files (a .zip, sound files) with their paths; with a class name they go to that class, with "" their folders name the classes. */
    public interface Add extends Message {
        @JSProperty JSObject[] getFiles();
        @JSProperty String[] getPaths();
        @JSProperty String getClassName();
    }
    @JSBody(params = {"files", "paths", "className"}, script = "return {type: 'sounds-add', files: files, paths: paths, className: className};")
    public static native Add add(JSObject[] files, String[] paths, String className);

    /**
     * A sound for a class: mono samples at rate Hz (a recording, or a file the page decoded; the
     * buffer is moved), named name; or, with an error, the file that could not be decoded and why.
     */
    public interface Pcm extends Message {
        @JSProperty String getClassName();
        @JSProperty String getName();
        @JSProperty Float32Array getSamples();
        @JSProperty double getRate();
        @JSProperty String getError();
    }
    @JSBody(params = {"className", "name", "samples", "rate", "error"},
            script = "return {type: 'sounds-pcm', className: className, name: name, samples: samples, rate: rate, error: error};")
    public static native Pcm pcm(String className, String name, Float32Array samples, double rate, String error);

    /** The kinds of change: a class added (name), renamed or removed (index); all cleared; the loading cancelled; a clip (index: its id) deleted or played. */
    public enum Op { ADD, RENAME, REMOVE, CLEAR, CANCEL, DELETE, PLAY }

    public interface Edit extends Message {
        @JSProperty String getOp();
        @JSProperty int getIndex();
        @JSProperty String getName();
    }
    public static Edit edit(Op op, int index, String name) {
        return edit(op.name(), index, name);
    }

    @JSBody(params = {"op", "index", "name"}, script = "return {type: 'sounds-edit', op: op, index: index, name: name};")
    private static native Edit edit(String op, int index, String name);

    /** Sound to classify (the microphone's last second, or a file the page decoded): mono samples at rate Hz. */
    public interface Listen extends Message {
        @JSProperty Float32Array getSamples();
        @JSProperty double getRate();
    }
    @JSBody(params = {"samples", "rate"}, script = "return {type: 'predict-sound', samples: samples, rate: rate};")
    public static native Listen listen(Float32Array samples, double rate);

    /**
     * What the worker holds: the classes and their clip counts, the format's side, and the last
     * clips of each class (their class, id, name and spectrogram, side x side levels of 0-255 row
     * after row, highest band first), the skipped files, the loading's progress (-1: none) and a message.
     */
    public interface Summary extends Message {
        @JSProperty String[] getClasses();
        @JSProperty Float64Array getCounts();
        @JSProperty int getSide();
        @JSProperty Int32Array getClipClasses();
        @JSProperty Int32Array getClipIds();
        @JSProperty String[] getClipNames();
        @JSProperty Int8Array getSpectrograms();
        @JSProperty String[] getSkipped();
        @JSProperty double getFraction();
        @JSProperty String getMessage();
    }
    @JSBody(params = {"classes", "counts", "side", "clipClasses", "clipIds", "clipNames", "spectrograms", "skipped", "fraction", "message"},
            script = "return {type: 'sounds', classes: classes, counts: counts, side: side, clipClasses: clipClasses, clipIds: clipIds,"
            + " clipNames: clipNames, spectrograms: spectrograms, skipped: skipped, fraction: fraction, message: message};")
    public static native Summary summary(String[] classes, Float64Array counts, int side, Int32Array clipClasses, Int32Array clipIds,
                                         String[] clipNames, Int8Array spectrograms, String[] skipped, double fraction, String message);

    /** A file the worker cannot decode itself (not WAV), for the page to decode and send back as sounds-pcm. */
    public interface Decode extends Message {
        @JSProperty Int8Array getBytes();
        @JSProperty String getClassName();
        @JSProperty String getName();
    }
    @JSBody(params = {"bytes", "className", "name"}, script = "return {type: 'sounds-decode', bytes: bytes, className: className, name: name};")
    public static native Decode decode(Int8Array bytes, String className, String name);

    /** A clip to play: its samples at 16 kHz. */
    public interface Clip extends Message {
        @JSProperty Float32Array getSamples();
    }
    @JSBody(params = "samples", script = "return {type: 'sound-clip', samples: samples};")
    public static native Clip clip(Float32Array samples);
}
