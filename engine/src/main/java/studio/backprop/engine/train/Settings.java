package studio.backprop.engine.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.backprop.engine.data.Numbers;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.nn.LayerSpec;

/**
 * Every setting of a training run, as text under the keys that the CLI flags (--key=value),
 * the page's URL hash (#key=value&...) and model files share. One table of keys, defaults
 * and help serves reading, writing and --help.
 */
public final class Settings {
    /** The pace of "auto" on the 2-D sets, in epochs per second: the boundary forms over seconds, as in TensorFlow Playground. */
    public static final double AUTO_PACE = 30;

    public static final String[][] KEYS = {
        {"data", "spiral", "spiral|circle|xor|gauss|moons|plane|sine|draw|wave|sines|saw|damped|names|iris|wine|cancer|digits|mnist|fashion|PATH.csv|PATH.txt|FOLDER|IMAGES.zip|SOUNDS.zip"},
        {"image", "", "your own images (data=FOLDER or FILE.zip, one sub-folder per class) are scaled to: auto (28x28, grey if they all are), or grey28, grey32, grey64, rgb28, rgb32, rgb64"},
        {"sound", "", "your own sounds (data=FOLDER or FILE.zip of WAV files, one sub-folder per class) as the network hears them: a log-mel spectrogram of each second, "
                + "mel32 (32 bands x 32 frames, the default for sounds) or mel64"},
        {"augment", "", "images only: none, flip, shift or flip,shift: training images mirrored and moved a little, seeded (test images never)"},
        {"points", "", "the points of data=draw, as the studio writes them (3 characters a point; empty: a starter set)"},
        {"target", "", "target column of a CSV (default: the last)"},
        {"inputs", "", "input columns of a CSV, comma separated (default: all but the target)"},
        {"missing", "drop", "rows with missing values: drop, or mean (fill with the column mean)"},
        {"samples", "500", "number of points of a generated 2-D set"},
        {"noise", "0", "noise of a generated 2-D set, 0 to 0.5; of a series (wave, sines, saw, damped), the deviation of its Gaussian noise"},
        {"series", "", "a CSV's numeric column to forecast as a time series (in the order of its first date column, if it has one; window and horizon as for the built-in series)"},
        {"window", "20", "a series: the steps the network reads (the recurrent layers' sequence, back through time); text (names, PATH.txt): the characters of each window, each one's next character the target"},
        {"horizon", "1", "a series: the steps after the window that it forecasts"},
        {"split", "0.5", "fraction of the samples used for training; the rest is the test part"},
        {"features", "x1,x2", "inputs of a 2-D set: x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2"},
        {"norm", "auto", "input normalisation: auto, none, standard, minmax"},
        {"ynorm", "auto", "regression targets as the network learns them: auto (= standard: mean 0, deviation 1; predictions in the target's units), none"},
        {"layers", "8,8", "hidden layer widths, e.g. 8,8 (empty: no hidden layer)"},
        {"act", "tanh", "hidden activation, or one per layer: tanh, relu, leaky-relu, sigmoid, sine, identity"},
        {"freeze", "", "frozen layers, whose weights stay as they are (no gradient step): their numbers, 1 the first hidden layer, out the output layer (e.g. 1,2); "
                + "to fine-tune a model you opened"},
        {"loss", "auto", "auto, mse, bce (sigmoid output), ce (softmax output), stepce (text: a softmax at every step, in nats per character)"},
        {"opt", "sgd", "optimiser: sgd, momentum, adam"},
        {"lr", "0.03", "learning rate"},
        {"batch", "10", "mini-batch size (1: per-sample SGD)"},
        {"reduce", "sum", "batch gradient: sum (the seed's) or mean of the per-sample gradients"},
        {"clip", "0", "gradient clipping by global norm: a batch gradient longer than this is scaled down to it (0: off; e.g. 5 for recurrent layers)"},
        {"reg", "none", "regularisation: none, l1, l2"},
        {"rate", "0", "regularisation rate"},
        {"init", "auto", "auto, xavier-uniform, xavier-normal, he-uniform, he-normal, zero"},
        {"seed", "1", "seed of data generation, split, initialisation and shuffling"},
        {"math", "2", "version of the engine's exp, tanh and sigmoid: 2, or 1 (before December 2026); a model keeps the version it was trained with, so it keeps training to the same weights"},
        {"workers", "1", "data-parallel parts of each batch, one per worker in the browser and one per thread in the CLI (1 to 8, or auto: every core), added in a fixed order"},
        {"epochs", "", "stop after this many epochs (CLI default 100; page: until paused)"},
        {"patience", "auto", "early stopping: stop once the test loss has not improved for this many epochs, keeping the weights of its best epoch; 0: off; auto: "
                + "10 for tables and images, off for the 2-D sets"},
        {"speed", "auto", "page only: training pace in epochs per second, or max; auto is " + (int) AUTO_PACE + " on the 2-D sets, max otherwise (the CLI ignores it)"},
    };


    private final Map<String, String> values = new LinkedHashMap<>();

    public Settings() {
        for (String[] k : KEYS) values.put(k[0], k[1]);
    }

    /** Settings from "key=value" pairs joined by {@code separator}, e.g. "data=xor&layers=4" (values not escaped). */
    public static Settings of(String pairs, char separator) {
        Settings s = new Settings();
        for (String pair : Text.split(pairs, separator)) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("expected key=value, got '" + pair + "'");
            s.set(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return s;
    }

    public Settings copy() {
        Settings c = new Settings();
        c.values.putAll(values);
        return c;
    }

    public static boolean isKey(String key) {
        for (String[] k : KEYS) if (k[0].equals(key)) return true;
        return false;
    }

    public Settings set(String key, String value) {
        if (!isKey(key)) throw new IllegalArgumentException("unknown setting '" + key + "'");
        if (value.length() > 10_000) throw new IllegalArgumentException("setting '" + key + "' is too long");
        values.put(key, value);
        return this;
    }

    /** Whether the data is a series: a built-in one, or a CSV's column (setting series). */
    /** Whether the data is text: the built-in names, or a .txt file (see {@link studio.backprop.engine.data.Chars}). */
    public boolean text() {
        return studio.backprop.engine.data.Chars.isText(get("data"));
    }

    public boolean series() {
        return studio.backprop.engine.data.Series.isSeries(get("data")) || !get("series").isEmpty();
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) throw new IllegalArgumentException("unknown setting '" + key + "'");
        return v;
    }

    /** Only the settings that differ from their defaults, in table order. */
    public Map<String, String> changed() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] k : KEYS) if (!values.get(k[0]).equals(k[1])) m.put(k[0], values.get(k[0]));
        return m;
    }

    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Early stopping's patience in epochs (0: off), auto resolved for the data set. */
    public int patience() {
        if (get("patience").equals("auto")) return studio.backprop.engine.data.Generators.isGenerated(get("data")) ? 0 : EarlyStop.AUTO_PATIENCE;
        return integer("patience", 0, 1_000_000);
    }

    public double number(String key, double min, double max) {
        double v = Numbers.parse(get(key));
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(key + " must be a number from " + fmt(min) + " to " + fmt(max) + ", got '" + get(key) + "'");
        }
        return v;
    }

    public int integer(String key, int min, int max) {
        double v = number(key, min, max);
        if (v != Math.floor(v)) throw new IllegalArgumentException(key + " must be a whole number, got '" + get(key) + "'");
        return (int) v;
    }

    /**
     * A limit as people write it (0.01, 1000000): a limit is a short decimal, under a million,
     * with at most 9 decimals. By its digits as a whole number, so that the page program, which
     * reads settings, carries no double-to-text conversion (TeaVM's is 8 KB gzipped).
     */
    static String fmt(double v) {
        double a = Math.abs(v), scale = 1;
        int decimals = 0;
        while (decimals < 9 && Math.floor(a * scale) != a * scale) {
            scale *= 10;
            decimals++;
        }
        StringBuilder digits = new StringBuilder(Integer.toString((int) Math.floor(a * scale + 0.5)));
        while (digits.length() <= decimals) digits.insert(0, '0');
        if (decimals > 0) digits.insert(digits.length() - decimals, '.');
        return (v < 0 ? "-" : "") + digits;
    }

    /** The math version of the run's exp, tanh and sigmoid ({@link Det#MATH}). */
    public int math() {
        return integer("math", 1, Det.MATH);
    }

    /**
     * The page's training pace (key speed) in epochs per second, infinite for as fast as the
     * engine can. The pace changes when batches run, never which: a run's weights are the same
     * at any pace.
     */
    public double epochsPerSecond() {
        String v = get("speed");
        if (v.equals("max")) return Double.POSITIVE_INFINITY;
        if (v.equals("auto")) return studio.backprop.engine.data.Generators.isGenerated(get("data")) ? AUTO_PACE : Double.POSITIVE_INFINITY;
        return number("speed", 0.1, 1_000_000);
    }

    /** The hidden layers that {@code layers} and {@code act} describe (see {@link LayerSpec#parse}). */
    public List<LayerSpec> layers() {
        return LayerSpec.parse(get("layers"), get("act"));
    }

    /** Sets {@code layers} and {@code act} to describe these hidden layers (act unchanged when there is none). */
    public Settings setLayers(List<LayerSpec> layers) {
        String[] text = LayerSpec.format(layers, Text.split(get("act"), ',')[0].trim());
        set("layers", text[0]);
        return set("act", text[1]);
    }

    /**
     * The keys (in table order) whose values are not the same in all of these settings: what
     * tells runs apart in a list of them. The pace (speed) never does: it changes no result.
     */
    public static List<String> differing(List<Settings> runs) {
        List<String> keys = new java.util.ArrayList<>();
        for (String[] k : KEYS) {
            if (k[0].equals("speed") || runs.isEmpty()) continue;
            String first = runs.get(0).get(k[0]);
            for (Settings s : runs) {
                if (!s.get(k[0]).equals(first)) {
                    keys.add(k[0]);
                    break;
                }
            }
        }
        return keys;
    }

    /** "key=value" pairs joined by '&amp;', values escaped by {@code escape}; only keys that differ from their default. */
    public String toQuery(java.util.function.UnaryOperator<String> escape) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : changed().entrySet()) {
            if (sb.length() > 0) sb.append('&');
            sb.append(e.getKey()).append('=').append(escape.apply(e.getValue()));
        }
        return sb.toString();
    }
}
