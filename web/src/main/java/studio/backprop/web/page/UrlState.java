package studio.backprop.web.page;

import java.util.LinkedHashMap;
import java.util.Map;
import org.teavm.jso.JSBody;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Settings;

/**
 * The settings in the URL hash, with the CLI's keys, plus the page's own keys: backend, play
 * and sweep. One table ({@link Settings#KEYS}) drives reading and writing; a hash that names
 * none of a recommendation's keys gets the data set's recommended setup, as the CLI's flags do
 * ({@link Recommended#named}).
 */
public final class UrlState {
    private UrlState() {}

    /** The settings, link, autoplay and sweep of the URL into the state (a bad setting becomes the state's error). */
    static void read(State state) {
        state.settings = new Settings();
        state.autoplay = false;
        state.sweep = "";
        try {
            readHash(state);
        } catch (IllegalArgumentException e) {
            state.error = e.getMessage();
        }
    }

    private static void readHash(State state) {
        String hash = hash();
        if (hash.startsWith("#")) hash = hash.substring(1);
        state.linkPayload = null;
        if (hash.startsWith("m=")) {
            int end = hash.indexOf('&');
            state.linkPayload = end < 0 ? hash.substring(2) : hash.substring(2, end);
            return;
        }
        Map<String, String> named = new LinkedHashMap<>();
        for (String pair : Text.split(hash, '&')) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            String key = decode(pair.substring(0, eq)), value = decode(pair.substring(eq + 1));
            if (Settings.isKey(key)) named.put(key, value);
            else if (key.equals("play")) state.autoplay = value.equals("1");
            else if (key.equals("sweep")) state.sweep = value;
        }
        state.settings = Recommended.named(named);
    }

    /** The settings of a hash as {@link #write} writes it (without the #); unknown keys are skipped. */
    public static Settings parse(String query) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String pair : Text.split(query, '&')) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            String key = decode(pair.substring(0, eq)), value = decode(pair.substring(eq + 1));
            if (Settings.isKey(key)) named.put(key, value);
        }
        return Recommended.named(named);
    }

    /** The hash's query for these settings, as the URL holds it. */
    public static String query(Settings s) {
        return Recommended.query(s, UrlState::encode);
    }

    public static void write(State state) {
        String query = query(state.settings);
        replaceHash(query.isEmpty() ? "" : "#" + query);
    }

    @JSBody(script = "return location.hash;")
    private static native String hash();

    /** This page's address without the hash: a link keeps the site's host and path. */
    @JSBody(script = "return location.href.split('#')[0];")
    public static native String page();

    @JSBody(params = "h", script = "history.replaceState(null, '', h || location.pathname + location.search);")
    private static native void replaceHash(String h);

    @JSBody(params = "s", script = "try { return decodeURIComponent(s.replace(/\\+/g, ' ')); } catch (e) { return s; }")
    private static native String decode(String s);

    @JSBody(params = "s", script = "return encodeURIComponent(s).replace(/%2C/g, ',');")
    private static native String encode(String s);
}
