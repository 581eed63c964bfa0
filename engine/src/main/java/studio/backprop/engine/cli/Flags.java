package studio.backprop.engine.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import studio.backprop.engine.train.Settings;

/** --key=value flags after the command word; training keys go to {@link Settings}, the rest are the CLI's own. */
final class Flags {
    private static final String[] OWN = {"out", "model", "input", "values", "quiet", "site", "link", "sweep", "threads", "project",
        "start", "length", "lines", "temperature", "steps"};
    private final Map<String, String> values = new LinkedHashMap<>();

    static Flags parse(String[] args) {
        Flags f = new Flags();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("expected --key=value, got '" + a + "'");
            int eq = a.indexOf('=');
            String key = eq < 0 ? a.substring(2) : a.substring(2, eq);
            String value = eq < 0 ? "" : a.substring(eq + 1);
            if (!Settings.isKey(key) && !java.util.Arrays.asList(OWN).contains(key)) {
                throw new IllegalArgumentException("unknown flag --" + key + " (see --help)");
            }
            f.values.put(key, value);
        }
        return f;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String get(String key) {
        return values.get(key);
    }

    String require(String key) {
        if (!has(key) || get(key).isEmpty()) throw new IllegalArgumentException("--" + key + " is required");
        return get(key);
    }

    Map<String, String> settingsOverrides() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) if (Settings.isKey(e.getKey())) m.put(e.getKey(), e.getValue());
        return m;
    }

    /**
     * The settings the flags name, with the data set's recommended setup where they name none of
     * its keys (a folder or zip of sounds is heard as mel32 unless --sound says otherwise).
     */
    Settings settings() {
        Map<String, String> m = settingsOverrides();
        String data = m.getOrDefault("data", "");
        try {
            if (!m.containsKey("sound") && !data.isEmpty() && studio.backprop.engine.data.ImageFiles.isImages(data)
                    && studio.backprop.engine.sound.SoundFiles.isSounds(java.nio.file.Path.of(data))) {
                m.put("sound", "mel32");
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            // the run's own reading says what is wrong with it
        }
        return studio.backprop.engine.train.Recommended.named(m);
    }
}
