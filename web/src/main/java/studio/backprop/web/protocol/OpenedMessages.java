package studio.backprop.web.protocol;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import studio.backprop.engine.train.Settings;

/**
 * The full worker's answers to a model link, model file or project that opened (the rest of
 * {@link FromWorker}, dispatched with it): what the page shows and asks for before the run goes on.
 */
public final class OpenedMessages {
    private OpenedMessages() {}

    /**
     * An opened model of someone's own images, which a link does not carry: its settings, its
     * classes and what its images are (side, channels). It answers "try it" at once; with
     * images added to its classes, Train goes on from its weights. A model of someone's sounds
     * comes the same way (setting sound; side: its spectrograms', channels 1).
     */
    public interface NeedImages extends Message {
        @JSProperty String[] getSettings();
        @JSProperty String[] getClasses();
        @JSProperty int getSide();
        @JSProperty int getChannels();
    }
    public static NeedImages needImages(Settings settings, String[] classes, int side, int channels) {
        return needImages(Protocol.pairs(settings), classes, side, channels);
    }

    @JSBody(params = {"settings", "classes", "side", "channels"},
            script = "return {type: 'need-images', settings: settings, classes: classes, side: side, channels: channels};")
    private static native NeedImages needImages(String[] settings, String[] classes, int side, int channels);

    /** An opened model was trained on a file a link does not carry: its settings, the file's name, the inputs and target it needs, why the last file failed (or null). */
    public interface NeedFile extends Message {
        @JSProperty String[] getSettings();
        @JSProperty String getData();
        @JSProperty String[] getInputs();
        @JSProperty String getTarget();
        @JSProperty String getMessage();
    }
    public static NeedFile needFile(Settings settings, String data, String[] inputs, String target, String message) {
        return needFile(Protocol.pairs(settings), data, inputs, target, message);
    }

    @JSBody(params = {"settings", "data", "inputs", "target", "message"},
            script = "return {type: 'need-file', settings: settings, data: data, inputs: inputs, target: target, message: message};")
    private static native NeedFile needFile(String[] settings, String data, String[] inputs, String target, String message);

    /** A model link or file is open: its settings fill the form; withFile when it runs on the file the page offered. */
    public interface Opened extends Message {
        @JSProperty String[] getSettings();
        @JSProperty boolean isWithFile();
    }
    public static Opened opened(Settings settings, boolean withFile) {
        return opened(Protocol.pairs(settings), withFile);
    }

    @JSBody(params = {"settings", "withFile"}, script = "return {type: 'opened', settings: settings, withFile: withFile};")
    private static native Opened opened(String[] settings, boolean withFile);

    /**
     * A project is open (its model follows as opened, or as need-images while its images load):
     * runs, the runs panel's list it kept (JSON); file, a File of the table it holds (the CSV the
     * run is on from now), or null.
     */
    public interface ProjectOpened extends Message {
        @JSProperty String getRuns();
        @JSProperty JSObject getFile();
    }
    @JSBody(params = {"runs", "file"}, script = "return {type: 'project-opened', runs: runs, file: file};")
    public static native ProjectOpened projectOpened(String runs, JSObject file);

}
