package studio.backprop.engine.nn;

import java.util.ArrayList;
import java.util.List;
import studio.backprop.engine.data.Numbers;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.math.Det;

/**
 * One hidden layer of an architecture, as the settings, the page and the CLI name it: its kind
 * and parameters. A network is its list of layer specs, then the output layer that fits the loss
 * ({@link Network#build}). The text form is the URL key and CLI flag {@code layers}, comma
 * separated, in order, with {@code act}: one activation for every layer that takes one (dense
 * and conv), or one per such layer.
 *
 * <pre>
 * N          dense: N units, then the activation (a {@link Linear} module)
 * convFxK    conv: F filters of K x K, stride 1, same padding, then the activation ({@link Conv2D})
 * convFxKsS  the same with stride S
 * poolK      K x K max pool, stride K ({@link MaxPool2D})
 * dropP      dropout with rate P, 0 to 0.95 ({@link Dropout})
 * rnnN       a recurrent layer of N units, tanh ({@link RNN}); gruN and lstmN the gated ones ({@link GRU},
 *            {@link LSTM}). They take a sequence (a series' window); one followed by another
 *            recurrent layer gives it every step's state, the last gives the last step's (to the
 *            dense layers after it), e.g. lstm32,lstm32,16. They take no activation.
 * </pre>
 *
 * e.g. the ConvNetJS MNIST demo net, {@code layers=conv8x5,pool2,conv16x5,pool3&act=relu}.
 */
public final class LayerSpec {
    public static final int MAX_LAYERS = 10, MAX_UNITS = 1024, MAX_FILTERS = 256, MAX_KERNEL = 15;

    public enum Kind { DENSE, CONV, POOL, DROPOUT, RNN, GRU, LSTM }

    /** Whether the layer runs through time. */
    public boolean recurrent() {
        return kind == Kind.RNN || kind == Kind.GRU || kind == Kind.LSTM;
    }

    public final Kind kind;
    /** Dense: units; conv: filters. */
    public final int units;
    /** Conv and pool: the window's side; conv: its stride. */
    public final int kernel, stride;
    /** Dropout: the rate in millionths. */
    public final int ratePpm;
    /** Dense and conv: the activation module after the layer's linear map; else null. */
    public final String activation;

    private LayerSpec(Kind kind, int units, int kernel, int stride, int ratePpm, String activation) {
        this.kind = kind;
        this.units = units;
        this.kernel = kernel;
        this.stride = stride;
        this.ratePpm = ratePpm;
        this.activation = activation;
        if (activation != null) Modules.activation(activation, Det.MATH); // an unknown name fails now, not at build
    }

    public static LayerSpec dense(int units, String activation) {
        if (units < 1 || units > MAX_UNITS) throw new IllegalArgumentException("a dense layer has 1 to " + MAX_UNITS + " units, got " + units);
        return new LayerSpec(Kind.DENSE, units, 0, 0, 0, activation);
    }

    public static LayerSpec conv(int filters, int kernel, int stride, String activation) {
        return new LayerSpec(Kind.CONV, filters, kernel, stride, 0, activation);
    }

    public static LayerSpec pool(int kernel) {
        return new LayerSpec(Kind.POOL, 0, kernel, kernel, 0, null);
    }

    /** Whether layer l of these hands every step's state on: it is recurrent, and so is the next one. */
    public static boolean sequencesAfter(List<LayerSpec> specs, int l) {
        return specs.get(l).recurrent() && l + 1 < specs.size() && specs.get(l + 1).recurrent();
    }

    public static LayerSpec recurrent(Kind kind, int units) {
        if (units < 1 || units > MAX_UNITS) throw new IllegalArgumentException("a recurrent layer has 1 to " + MAX_UNITS + " units, got " + units);
        return new LayerSpec(kind, units, 0, 0, 0, null);
    }

    public static LayerSpec dropout(double rate) {
        return new LayerSpec(Kind.DROPOUT, 0, 0, 0, (int) Math.floor(rate * 1e6 + 0.5), null);
    }

    /** The layer's modules, in order, after an input of this shape, activations of this math version (a recurrent layer: its last step's state). */
    public List<Module> modules(Shape in, int math) {
        return modules(in, math, false);
    }

    /** The same; a recurrent layer with {@code sequences} gives every step's state (another recurrent layer follows). */
    public List<Module> modules(Shape in, int math, boolean sequences) {
        switch (kind) {
            case RNN: return List.of(new RNN(in.width, units, in.height, sequences, false));
            case GRU: return List.of(new GRU(in.width, units, in.height, sequences));
            case LSTM: return List.of(new LSTM(in.width, units, in.height, sequences));
            case CONV:
                return List.of(new Conv2D(in.channels, in.height, in.width, units, kernel, stride), Modules.activation(activation, math));
            case POOL:
                return List.of(new MaxPool2D(in.channels, in.height, in.width, kernel));
            case DROPOUT:
                return List.of(new Dropout(ratePpm));
            default:
                return List.of(new Linear(in.size(), units), Modules.activation(activation, math));
        }
    }

    /** The shape after this layer; the message names what does not fit (the caller names the layer). */
    public Shape output(Shape in) {
        return output(in, false);
    }

    /** The same; a recurrent layer with {@code sequences} gives every step's state. */
    public Shape output(Shape in, boolean sequences) {
        if (recurrent()) {
            if (!in.sequence) {
                throw new IllegalArgumentException("a recurrent layer needs a sequence (a series), and gets " + (in.spatial() ? "an image of " + in : in.size() + " values"));
            }
            return sequences ? Shape.sequence(in.height, units) : Shape.flat(units);
        }
        if (in.sequence && (kind == Kind.CONV || kind == Kind.POOL)) {
            throw new IllegalArgumentException("a " + (kind == Kind.CONV ? "conv" : "pool") + " layer needs image inputs, and gets a sequence of " + in.height + " steps");
        }
        switch (kind) {
            case CONV:
                if (!in.spatial()) throw new IllegalArgumentException("a conv layer needs image inputs, and gets " + in.size() + " values");
                if (kernel > in.height || kernel > in.width) throw new IllegalArgumentException("its " + kernel + "\u00d7" + kernel + " kernel is larger than its " + in + " input");
                return new Shape(units, Conv2D.outputSide(in.height, stride), Conv2D.outputSide(in.width, stride));
            case POOL:
                if (!in.spatial()) throw new IllegalArgumentException("a pool layer needs image inputs, and gets " + in.size() + " values");
                if (kernel > in.height || kernel > in.width) throw new IllegalArgumentException("a " + kernel + "\u00d7" + kernel + " pool of its " + in + " input leaves nothing");
                return new Shape(in.channels, MaxPool2D.outputSide(in.height, kernel), MaxPool2D.outputSide(in.width, kernel));
            case DROPOUT:
                return in;
            default:
                return Shape.flat(units);
        }
    }

    /** Parameters of this layer after an input of this shape. */
    public int parameters(Shape in) {
        switch (kind) {
            case CONV: return in.channels * kernel * kernel * units + units;
            case DENSE: return in.size() * units + units;
            case RNN: return in.width * units + units * units + units;
            case GRU: return 3 * (in.width * units + units * units + units);
            case LSTM: return 4 * (in.width * units + units * units + units);
            default: return 0;
        }
    }

    /** The layer in the text form of {@code layers}. */
    @Override public String toString() {
        switch (kind) {
            case CONV: return "conv" + units + "x" + kernel + (stride == 1 ? "" : "s" + stride);
            case POOL: return "pool" + kernel;
            case DROPOUT: return "drop" + decimal(ratePpm);
            case RNN: return "rnn" + units;
            case GRU: return "gru" + units;
            case LSTM: return "lstm" + units;
            default: return Integer.toString(units);
        }
    }

    /** millionths as a decimal fraction: 250000 is "0.25". */
    private static String decimal(int ppm) {
        String digits = Integer.toString(1_000_000 + ppm).substring(1);
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') end--;
        return end == 0 ? "0" : "0." + digits.substring(0, end);
    }

    /**
     * The layers of {@code layers} ("8,8"; empty: none) with the activations of {@code act}. A
     * bad part is named: its position, its text and what was expected.
     */
    public static List<LayerSpec> parse(String layers, String act) {
        String text = layers.trim();
        List<LayerSpec> specs = new ArrayList<>();
        if (text.isEmpty()) return specs;
        String[] parts = Text.split(text, ',');
        if (parts.length > MAX_LAYERS) throw new IllegalArgumentException("at most " + MAX_LAYERS + " hidden layers, got " + parts.length);
        int activated = 0;
        for (String p : parts) if (!takesNoActivation(p.trim())) activated++;
        String[] acts = Text.split(act, ',');
        if (acts.length != 1 && acts.length != activated) {
            throw new IllegalArgumentException("act lists " + acts.length + " activations for " + activated + " layers");
        }
        for (String name : acts) Modules.activation(name.trim(), Det.MATH); // an unknown name is act's fault, not a layer's
        int a = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            try {
                LayerSpec spec = parseOne(part, takesNoActivation(part) ? null : acts[acts.length == 1 ? 0 : a].trim());
                if (spec.activation != null) a++;
                specs.add(spec);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (i + 1) + " of '" + text + "' is '" + part + "': " + e.getMessage());
            }
        }
        return specs;
    }

    private static boolean takesNoActivation(String part) {
        return part.startsWith("pool") || part.startsWith("drop") || part.startsWith("rnn") || part.startsWith("gru") || part.startsWith("lstm");
    }

    private static LayerSpec parseOne(String part, String activation) {
        for (Kind k : new Kind[] {Kind.RNN, Kind.GRU, Kind.LSTM}) {
            String prefix = k == Kind.RNN ? "rnn" : k == Kind.GRU ? "gru" : "lstm";
            if (part.startsWith(prefix)) return recurrent(k, whole(part.substring(prefix.length()), 1, MAX_UNITS, "number of units"));
        }
        if (part.startsWith("conv")) {
            String rest = part.substring(4);
            int x = rest.indexOf('x'), s = rest.indexOf('s');
            if (x < 0) throw new IllegalArgumentException("a conv layer is convFxK (F filters of K\u00d7K) or convFxKsS (stride S), e.g. conv8x5");
            int filters = whole(rest.substring(0, x), 1, MAX_FILTERS, "filters");
            int kernel = whole(s < 0 ? rest.substring(x + 1) : rest.substring(x + 1, s), 1, MAX_KERNEL, "kernel side");
            int stride = s < 0 ? 1 : whole(rest.substring(s + 1), 1, MAX_KERNEL, "stride");
            return conv(filters, kernel, stride, activation);
        }
        if (part.startsWith("pool")) return pool(whole(part.substring(4), 2, MAX_KERNEL, "pool side"));
        if (part.startsWith("drop")) {
            double rate = Numbers.parse(part.substring(4));
            if (!(rate >= 0 && rate <= 0.95)) throw new IllegalArgumentException("a dropout rate is from 0 to 0.95, e.g. drop0.25");
            return dropout(rate);
        }
        double units = Numbers.parse(part);
        if (!(units >= 1 && units <= MAX_UNITS) || units != Math.floor(units)) {
            throw new IllegalArgumentException("a dense layer is its number of units, a whole number from 1 to " + MAX_UNITS
                    + " (other layers: convFxK, poolK, dropP, rnnN, gruN, lstmN)");
        }
        return dense((int) units, activation);
    }

    private static int whole(String text, int min, int max, String what) {
        double v = Numbers.parse(text);
        if (!(v >= min && v <= max) || v != Math.floor(v)) throw new IllegalArgumentException("its " + what + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
        return (int) v;
    }

    /**
     * The {@code layers} and {@code act} texts of these specs: act is one name when every
     * activated layer shares it ({@code emptyAct} when none has one).
     */
    public static String[] format(List<LayerSpec> specs, String emptyAct) {
        StringBuilder layers = new StringBuilder(), acts = new StringBuilder();
        String first = null;
        boolean same = true;
        for (LayerSpec s : specs) {
            if (layers.length() > 0) layers.append(',');
            layers.append(s);
            if (s.activation == null) continue;
            if (acts.length() > 0) acts.append(',');
            acts.append(s.activation);
            if (first == null) first = s.activation;
            same &= s.activation.equals(first);
        }
        String act = first == null ? emptyAct : same ? first : acts.toString();
        return new String[] {layers.toString(), act};
    }
}
