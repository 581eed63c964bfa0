package studio.backprop.engine.train;

import java.util.LinkedHashSet;
import java.util.Set;
import studio.backprop.engine.data.BuiltIn;

/**
 * The settings the studio recommends for each built-in table and image set, with what they
 * reach (LearningTest holds every one to it): the tables a small ReLU net with Adam; the 28 x 28
 * image sets a small conv net (two 3 x 3 conv layers with pooling, dropout, a dense layer) with
 * Adam on raw pixels, on two workers. The 2-D sets start from the playground's defaults.
 */
public final class Recommended {
    private Recommended() {}

    /**
     * Two data-parallel parts: in the browser two workers, 1.5-1.6x one on this net (measured in
     * the studio, WebAssembly build, 2 cores); a fixed number, not "auto", so the weights are the
     * same on every machine.
     */
    public static final String IMAGES = "layers=conv8x3,pool2,conv16x3,pool2,drop0.25,64&act=relu&opt=adam&lr=0.002&batch=32&norm=none&split=0.8&workers=2";

    /** Data set, recommended pairs, epochs and the test accuracy they reach in that many epochs (seed 1). */
    public static final String[][] TABLE = {
        {"iris", "layers=8&act=relu&opt=adam&lr=0.01&split=0.7", "100", "0.95"},
        {"wine", "layers=16&act=relu&opt=adam&lr=0.01&batch=16", "50", "0.95"},
        {"cancer", "layers=16&act=relu&opt=adam&lr=0.01&batch=16", "50", "0.95"},
        {"digits", "layers=32&act=relu&opt=adam&lr=0.01&batch=32", "30", "0.95"},
        {"mnist", IMAGES, "3", "0.97"},
        {"fashion", IMAGES, "3", "0.85"},
    };

    /** The recommended pairs ("key=value&...") for a data set, or "" when there is none. */
    public static String of(String data) {
        for (String[] r : TABLE) if (r[0].equals(data)) return r[1];
        return "";
    }

    /** These settings with the data set's recommendation applied (the data set and its seed kept). */
    public static Settings apply(Settings settings) {
        Settings s = settings.copy();
        String pairs = of(settings.get("data"));
        if (!pairs.isEmpty()) for (var e : Settings.of(pairs, '&').changed().entrySet()) s.set(e.getKey(), e.getValue());
        return s;
    }

    /** Whether the settings already follow the data set's recommendation (true when there is none). */
    public static boolean followed(Settings settings) {
        return apply(settings).asMap().equals(settings.asMap());
    }

    /**
     * The settings after the user picks another data set: its recommendation when the network and
     * training settings are still the defaults or the previous set's recommendation; otherwise
     * the user's own settings stay (the studio then offers the recommendation in one click), and
     * so they do for a user's file.
     */
    public static Settings forData(Settings current, String data) {
        Settings next = current.copy().set("data", data).set("target", "").set("inputs", "").set("image", "");
        if (!BuiltIn.isBuiltIn(data)) return next;
        Settings defaults = new Settings();
        boolean untouched = same(current, defaults) || (!of(current.get("data")).isEmpty() && followed(current));
        if (!untouched) return next;
        for (String key : keys()) next.set(key, defaults.get(key));
        return apply(next);
    }

    /** Every key some recommendation sets. */
    private static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (String[] r : TABLE) keys.addAll(Settings.of(r[1], '&').changed().keySet());
        return keys;
    }

    private static boolean same(Settings a, Settings b) {
        for (String key : keys()) if (!a.get(key).equals(b.get(key))) return false;
        return true;
    }
}
