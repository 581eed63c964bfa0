package studio.backprop.web.worker;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.Generators;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/**
 * The data a run needs, in the worker: a built-in table or image set fetched from the site (the
 * service worker keeps them offline), a user's file read here so that it never passes through
 * the page thread. Synchronous requests are allowed in workers and block only this worker.
 */
final class Data {
    private Data() {}

    /** The run the settings describe; csv is the text of the user's file, or null for built-in data. */
    static Experiment experiment(Settings settings, String csv) throws CsvException {
        String data = settings.get("data");
        if (Images.isImageSet(data)) {
            Int8Array records = fetchBinary("data/" + Images.fileName(data));
            if (records == null) throw new IllegalArgumentException("could not load data/" + Images.fileName(data));
            return Experiment.fromImages(settings, records.copyToJavaArray());
        }
        String text = csv;
        if (text == null && !Generators.isGenerated(data)) {
            if (!BuiltIn.isTable(data)) throw new IllegalArgumentException("data set '" + data + "' is not built in; upload it as a CSV file");
            text = fetchText("data/" + BuiltIn.fileName(data));
            if (text == null) throw new IllegalArgumentException("could not load data/" + BuiltIn.fileName(data));
        }
        return Experiment.create(settings, text);
    }

    /** Whether the data is a user's file, which a model link does not carry. */
    static boolean isUploaded(String data) {
        return !Generators.isGenerated(data) && !BuiltIn.isTable(data) && !Images.isImageSet(data);
    }

    /** The text of a File the page handed over; null for none or an unreadable file. */
    @JSBody(params = "file", script = "if (!file) return null; try { return new FileReaderSync().readAsText(file); } catch (e) { return null; }")
    static native String readFile(JSObject file);

    @JSBody(params = "url", script = "try { var js_x = new XMLHttpRequest(); js_x.open('GET', url, false);"
            + " js_x.responseType = 'arraybuffer'; js_x.send();"
            + " return js_x.status === 200 || js_x.status === 0 ? new Int8Array(js_x.response) : null; } catch (e) { return null; }")
    private static native Int8Array fetchBinary(String url);

    @JSBody(params = "url", script = "try { var js_x = new XMLHttpRequest(); js_x.open('GET', url, false); js_x.send();"
            + " return js_x.status === 200 || js_x.status === 0 ? js_x.responseText : null; } catch (e) { return null; }")
    private static native String fetchText(String url);
}
