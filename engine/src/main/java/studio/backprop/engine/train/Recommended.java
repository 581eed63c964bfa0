package studio.backprop.engine.train;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import studio.backprop.engine.data.BuiltIn;

/**
 * The settings the studio recommends for each built-in data set, with what they reach (LearningTest
 * holds every one to it): the 2-D sets the playground's net (a deeper one with Adam for the spiral,
 * Adam for the sine, whose plain SGD diverges); the tables a small ReLU net with Adam; the
 * 28 x 28 image sets a small conv net (two 3 x 3 conv layers with pooling, dropout, a dense
 * layer) with Adam on raw pixels, on two workers. Each names its epochs, so that every run ends
 * (the tables and images sooner when their test loss stops falling: {@link EarlyStop}).
 */
public final class Recommended {
    private Recommended() {}

    /**
     * Two data-parallel parts: in the browser two workers, 1.5-1.6x one on this net (measured in
     * the studio, WebAssembly build, 2 cores); a fixed number, not "auto", so the weights are the
     * same on every machine.
     */
    /** The series: an LSTM reads the window; a dense layer gives the forecast. */
    public static final String SERIES = "layers=lstm16&opt=adam&lr=0.01&batch=16&split=0.8&epochs=40";
    /**
     * Text: an LSTM over windows of 16 characters (a name or two), a softmax over the next
     * character at every step; clipped, as recurrent nets are. On the names, 32 units reach the
     * test loss of 64 (2.128 against 2.125 nats after 10 epochs) in a third of the time.
     */
    public static final String TEXT = "layers=lstm32&opt=adam&lr=0.01&batch=32&window=16&split=0.9&clip=5&epochs=10";
    /** A .txt file of the user's own: a wider LSTM over longer windows. */
    public static final String YOUR_TEXT = "layers=lstm128&opt=adam&lr=0.005&batch=32&window=32&split=0.9&clip=5&epochs=20";
    public static final String IMAGES = "layers=conv8x3,pool2,conv16x3,pool2,drop0.25,64&act=relu&opt=adam&lr=0.002&batch=32&norm=none&split=0.8&workers=2";

    /**
     * Data set, recommended pairs, and the test accuracy (R^2 for a regression) that a run of them
     * reaches, seed 1, to its epochs or its early stop (text: the share of next characters right;
     * its loss beats the bigram floor, see LearningTest).
     */
    public static final String[][] TABLE = {
        {"spiral", "layers=16,16,16&opt=adam&lr=0.01&epochs=300", "0.95"},
        {"circle", "epochs=200", "0.95"},
        {"xor", "epochs=200", "0.95"},
        {"gauss", "epochs=200", "0.95"},
        {"moons", "epochs=200", "0.95"},
        {"draw", "epochs=300", "0.9"},
        {"plane", "epochs=100", "0.99"},
        {"sine", "opt=adam&lr=0.01&epochs=300", "0.99"},
        {"wave", SERIES + "&noise=0.05", "0.95"},
        {"sines", SERIES, "0.95"},
        {"saw", SERIES, "0.9"},
        {"damped", SERIES + "&window=30", "0.9"},
        {"names", TEXT, "0.3"},
        {"iris", "layers=8&act=relu&opt=adam&lr=0.01&split=0.7&epochs=200", "0.95"},
        {"wine", "layers=16&act=relu&opt=adam&lr=0.01&batch=16&epochs=100", "0.95"},
        {"cancer", "layers=16&act=relu&opt=adam&lr=0.01&batch=16&epochs=100", "0.95"},
        {"digits", "layers=32&act=relu&opt=adam&lr=0.01&batch=32&epochs=50", "0.95"},
        {"mnist", IMAGES + "&epochs=3", "0.97"},
        {"fashion", IMAGES + "&epochs=3", "0.85"},
    };

    /**
     * The user's own sounds: a conv net over the one-second spectrograms (32 x 32), as for images
     * but smaller, trained longer (a few dozen clips a class: early stopping ends it sooner).
     */
    public static final String SOUNDS = "layers=conv8x3,pool2,conv16x3,pool2,drop0.25,32&act=relu&opt=adam&lr=0.002&batch=16&norm=none&split=0.8&epochs=40";

    /** A table of the user's own: the setup of wine and cancer, to 200 epochs (early stopping ends it sooner). */
    public static final String YOUR_TABLE = "layers=16&act=relu&opt=adam&lr=0.01&batch=16&epochs=200";

    /**
     * The recommended pairs ("key=value&...") for these settings' data set: a built-in set's, or
     * for a table of the user's own {@link #YOUR_TABLE}; "" for the user's own images (their panel
     * brings the image net).
     */
    public static String of(Settings settings) {
        String data = settings.get("data");
        for (String[] r : TABLE) if (r[0].equals(data)) return r[1];
        if (!settings.get("series").isEmpty()) return SERIES;
        if (settings.text()) return YOUR_TEXT;
        if (!settings.get("sound").isEmpty()) return SOUNDS;
        return BuiltIn.isBuiltIn(data) || !settings.get("image").isEmpty() ? "" : YOUR_TABLE;
    }

    /** These settings with the data set's recommendation applied (the data set and its seed kept). */
    public static Settings apply(Settings settings) {
        Settings s = settings.copy();
        String pairs = of(settings);
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
     * so they do for a user's file (whose recommendation is {@link #YOUR_TABLE}).
     */
    public static Settings forData(Settings current, String data) {
        Settings next = current.copy().set("data", data).set("target", "").set("inputs", "").set("series", "").set("image", "").set("sound", "");
        Settings defaults = new Settings();
        boolean untouched = same(current, defaults) || (!of(current).isEmpty() && followed(current));
        if (!untouched) return next;
        for (String key : KEYS) next.set(key, defaults.get(key));
        return apply(next);
    }

    /**
     * The settings that a URL's hash or the CLI's flags name: where they name none of the keys a
     * recommendation sets (the network, its training, the epochs), the data set's recommended
     * setup fills them in, so that "#data=sine" or "--data=sine" is the sine as the studio
     * recommends it. {@link #query} writes settings so that they read back as they are.
     */
    public static Settings named(Map<String, String> pairs) {
        Settings s = new Settings();
        for (Map.Entry<String, String> e : pairs.entrySet()) s.set(e.getKey(), e.getValue());
        return Collections.disjoint(pairs.keySet(), KEYS) ? apply(s) : s;
    }

    /**
     * The settings as a URL query that {@link #named} reads back to the same: for settings that
     * follow their data set's recommendation, what differs from the defaults but the
     * recommendation's keys; otherwise what differs from the defaults, plus the layers where that
     * names no recommendation key but the data set has a recommendation these settings do not follow.
     */
    public static String query(Settings s, UnaryOperator<String> escape) {
        if (!of(s).isEmpty() && followed(s)) {
            // as the recommendation: the other keys alone ("#data=sine"), which read back to it
            Settings bare = s.copy(), defaults = new Settings();
            for (String key : KEYS) bare.set(key, defaults.get(key));
            if (named(bare.changed()).asMap().equals(s.asMap())) return bare.toQuery(escape);
        }
        String q = s.toQuery(escape);
        if (!Collections.disjoint(s.changed().keySet(), KEYS) || followed(s)) return q;
        return q + (q.isEmpty() ? "" : "&") + "layers=" + escape.apply(s.get("layers"));
    }

    /** Every key some recommendation sets (read from the table once: the page asks at every URL it writes or reads). */
    private static final Set<String> KEYS = keysOf(TABLE);

    private static Set<String> keysOf(String[][] table) {
        Set<String> keys = new LinkedHashSet<>();
        for (String[] r : table) keys.addAll(Settings.of(r[1], '&').changed().keySet());
        return Collections.unmodifiableSet(keys);
    }

    private static boolean same(Settings a, Settings b) {
        for (String key : KEYS) if (!a.get(key).equals(b.get(key))) return false;
        return true;
    }
}
