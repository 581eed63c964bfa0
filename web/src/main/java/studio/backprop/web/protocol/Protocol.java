package studio.backprop.web.protocol;

import org.teavm.jso.JSBody;
import studio.backprop.engine.train.Settings;

/**
 * Messages between the page, the training worker and its helper workers. Every kind of {@link Message} is declared
 * once, with its fields (one line per field), the factory that makes it and the dispatch that
 * hands it to its receiver: {@link ToWorker} and {@link FromWorker}, one class per direction
 * (the data-parallel ones declared in {@link PartMessages}, the answers to an opened model in
 * {@link OpenedMessages}, a text run's in {@link TextMessages}, the user's sounds' in
 * {@link SoundMessages}, dispatched with them).
 * Both ends compile against them, so a misspelt field or a message nobody can receive is a
 * compile error. Their type names are the only message-type strings in the code; a factory's
 * object literal names the same fields as its interface, just above it.
 *
 * <pre>
 * page -> worker             init play pause step lr speed inspect predict share explain bench
 *                            open open-file resume-file export watch text-view
 *                            images-add images-frame images-edit                      (ToWorker)
 *                            sounds-add sounds-pcm sounds-edit predict-sound     (SoundMessages)
 * training worker -> helper  part-init part      (a helper runs the same worker script) (PartMessages)
 * training worker -> page    ready setup snapshot error table progress data-progress csv-error prediction
 *                            share-links export-model export-file need-file need-images opened project-opened
 *                            explanation link-error images bench-result text-sample   (FromWorker)
 *                            sounds sounds-decode sound-clip                     (SoundMessages)
 * helper -> training worker  ready part-done                                (FromWorker, PartMessages)
 * </pre>
 *
 * A message is a plain object (structured-cloneable, so postMessage copies it). A field a message
 * may lack is null (or NaN), never undefined.
 */
public final class Protocol {
    private Protocol() {}

    @JSBody(params = "type", script = "return {type: type};")
    static native Message message(String type);

    /** Settings as key, value, key, value, ... */
    static String[] pairs(Settings settings) {
        String[] out = new String[settings.asMap().size() * 2];
        int i = 0;
        for (var e : settings.asMap().entrySet()) {
            out[i++] = e.getKey();
            out[i++] = e.getValue();
        }
        return out;
    }

    /** The settings that a message carries as pairs; unknown keys are left out. */
    public static Settings settings(String[] pairs) {
        Settings s = new Settings();
        for (int i = 0; i + 1 < pairs.length; i += 2) if (Settings.isKey(pairs[i])) s.set(pairs[i], pairs[i + 1]);
        return s;
    }
}
