package studio.backprop.engine.nn;

import java.util.ArrayList;
import java.util.List;
import studio.backprop.engine.data.Numbers;
import studio.backprop.engine.data.Text;

/**
 * One hidden layer of an architecture, as the settings, the page and the CLI name it: its kind
 * and parameters. A network is its list of layer specs, then the output layer that fits the loss
 * ({@link Network#build}). The text form is the URL key and CLI flag {@code layers} (comma
 * separated, in order) with {@code act} (one activation for every layer that takes one, or one
 * per such layer): {@code layers=16,8&act=relu,tanh}.
 *
 * <p>Kinds: dense, written as its number of units: a {@link Linear} module, then its activation.
 */
public final class LayerSpec {
    public static final int MAX_LAYERS = 10, MAX_UNITS = 1024;

    public enum Kind { DENSE }

    public final Kind kind;
    /** Dense: units. */
    public final int units;
    /** The activation module after the layer's linear map. */
    public final String activation;

    private LayerSpec(Kind kind, int units, String activation) {
        this.kind = kind;
        this.units = units;
        this.activation = activation;
    }

    public static LayerSpec dense(int units, String activation) {
        if (units < 1 || units > MAX_UNITS) throw new IllegalArgumentException("a dense layer has 1 to " + MAX_UNITS + " units, got " + units);
        Modules.activation(activation); // names an unknown activation now, not when the network is built
        return new LayerSpec(Kind.DENSE, units, activation);
    }

    /** The layer's modules, in order, after an input of {@code inputWidth} values. */
    public List<Module> modules(int inputWidth) {
        return List.of(new Linear(inputWidth, units), Modules.activation(activation));
    }

    /** The layer in the text form of {@code layers}. */
    @Override public String toString() {
        return Integer.toString(units);
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
        String[] acts = Text.split(act, ',');
        if (acts.length != 1 && acts.length != parts.length) {
            throw new IllegalArgumentException("act lists " + acts.length + " activations for " + parts.length + " layers");
        }
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            double units = Numbers.parse(part);
            if (!(units >= 1 && units <= MAX_UNITS) || units != Math.floor(units)) {
                throw new IllegalArgumentException("layer " + (i + 1) + " of '" + text + "' is '" + part
                        + "': a dense layer is its number of units, a whole number from 1 to " + MAX_UNITS);
            }
            specs.add(dense((int) units, acts[acts.length == 1 ? 0 : i].trim()));
        }
        return specs;
    }

    /**
     * The {@code layers} and {@code act} texts of these specs: act is one name when every layer
     * shares it ({@code emptyAct} when there is no layer).
     */
    public static String[] format(List<LayerSpec> specs, String emptyAct) {
        StringBuilder layers = new StringBuilder(), acts = new StringBuilder();
        boolean same = true;
        for (LayerSpec s : specs) {
            if (layers.length() > 0) {
                layers.append(',');
                acts.append(',');
            }
            layers.append(s);
            acts.append(s.activation);
            same &= s.activation.equals(specs.get(0).activation);
        }
        String act = specs.isEmpty() ? emptyAct : same ? specs.get(0).activation : acts.toString();
        return new String[] {layers.toString(), act};
    }
}
