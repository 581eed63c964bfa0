package studio.backprop.web.worker.run;

import java.util.HashMap;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.Chars;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.Generators;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.protocol.FromWorker;

/**
 * The data a run needs, in the worker: a built-in table (a synchronous request, which a worker
 * may make: it blocks only this worker) or image set (fetched with progress, once) from the site,
 * which the service worker keeps offline; a user's file read here so that it never passes through
 * the page thread.
 */
public final class Data {
    private Data() {}

    @JSFunctor
    interface Loaded extends JSObject {
        /** The inflated records, or null and why not. */
        void done(Int8Array records, String error);
    }

    @JSFunctor
    interface Fraction extends JSObject {
        void progress(double fraction);
    }

    /** Image sets loaded so far, by name: a set is fetched and inflated once per worker. */
    private static final Map<String, byte[]> images = new HashMap<>();

    /** Whether the settings' data is an image set that {@link #load} must fetch first. */
    public static boolean needsLoading(Settings settings) {
        String data = settings.get("data");
        return Images.isImageSet(data) && !images.containsKey(data);
    }

    /**
     * Fetches an image set (about 2 to 4 MB gzipped; the service worker keeps it afterwards),
     * reporting progress to the page, and inflates it; then {@code then} runs, with null or
     * with what went wrong.
     */
    public static void load(String data, java.util.function.Consumer<String> then) {
        String url = "data/" + Images.fileName(data);
        fetchGzipped(url, fraction -> Outbox.post(FromWorker.dataProgress(data, fraction)), (records, error) -> {
            Outbox.post(FromWorker.dataProgress(data, -1));
            if (records != null) images.put(data, records.copyToJavaArray());
            then.accept(records == null ? "could not load " + url + " (" + error + ")" : null);
        });
    }

    /** The run on generated data or on a built-in image set (BuiltIn.isGeneratedOrImageSet): all the training program has. */
    public static Experiment experiment(Settings settings) {
        String data = settings.get("data");
        if (!Images.isImageSet(data)) return Experiment.generated(settings);
        byte[] records = images.get(data);
        if (records == null) throw new IllegalArgumentException("the " + data + " images are not loaded");
        return Experiment.fromImages(settings, records);
    }

    /** The run the settings describe, tables included (the full worker's); csv is the text of the user's file, or null for built-in data. */
    public static Experiment experiment(Settings settings, String csv) throws CsvException {
        if (BuiltIn.isGeneratedOrImageSet(settings.get("data"))) return experiment(settings);
        String data = settings.get("data");
        String text = csv;
        if (text == null && !Generators.isGenerated(data)) {
            String file = data.equals(Chars.NAMES) ? Chars.NAMES_FILE : BuiltIn.isTable(data) ? BuiltIn.fileName(data) : null;
            if (file == null) throw new IllegalArgumentException("data set '" + data + "' is not built in; upload it as a CSV or .txt file");
            text = fetchText("data/" + file);
            if (text == null) throw new IllegalArgumentException("could not load data/" + file);
        }
        return Experiment.create(settings, text);
    }

    /** The text of a File the page handed over; null for none or an unreadable file. */
    @JSBody(params = "file", script = "if (!file) return null; try { return new FileReaderSync().readAsText(file); } catch (e) { return null; }")
    public static native String readFile(JSObject file);

    /** A gzipped file, fetched chunk by chunk (progress: the share of its bytes in so far) and inflated by the browser. */
    @JSBody(params = {"url", "progress", "done"}, script =
            "fetch(url).then(function (js_r) {"
            + "  if (!js_r.ok) throw new Error('HTTP ' + js_r.status);"
            + "  var js_total = Number(js_r.headers.get('Content-Length')) || 0, js_got = 0, js_chunks = [], js_reader = js_r.body.getReader();"
            + "  function js_next() { return js_reader.read().then(function (js_x) {"
            + "    if (js_x.done) return new Response(new Blob(js_chunks).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();"
            + "    js_chunks.push(js_x.value); js_got += js_x.value.length; if (js_total) progress(Math.min(1, js_got / js_total));"
            + "    return js_next(); }); }"
            + "  return js_next();"
            + "}).then(function (js_b) { done(new Int8Array(js_b), null); }, function (js_e) { done(null, String(js_e && js_e.message || js_e)); });")
    private static native void fetchGzipped(String url, Fraction progress, Loaded done);

    @JSBody(params = "url", script = "try { var js_x = new XMLHttpRequest(); js_x.open('GET', url, false); js_x.send();"
            + " return js_x.status === 200 || js_x.status === 0 ? js_x.responseText : null; } catch (e) { return null; }")
    private static native String fetchText(String url);
}
