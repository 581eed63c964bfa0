package studio.backprop.engine.model;

import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.Features;
import studio.backprop.engine.data.Normalizer;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.train.Settings;

/**
 * Everything needed to use or resume a trained network: the settings that trained it, how raw
 * columns become inputs (encoding, 2-D features, normalisation), the target's name and class
 * labels, the loss, and the network with its weights.
 */
public final class Model {
    public static final int VERSION = 1;

    public final Settings settings;
    public final Encoding encoding;
    /** Indices into {@link Features#KEYS} for 2-D sets; empty when the encoded columns are the inputs. */
    public final int[] features;
    public final Normalizer normalizer;
    public final String[] targetNames;
    public final String[] classes;
    public final String loss;
    public final Network network;
    /**
     * Regression: the targets as the network learns them, (y - shift) / scale (see setting
     * ynorm); {@link #predict} turns its outputs back. The identity for classes.
     */
    public final Normalizer targets;

    public Model(Settings settings, Encoding encoding, int[] features, Normalizer normalizer,
                 String[] targetNames, String[] classes, String loss, Network network) {
        this(settings, encoding, features, normalizer, targetNames, classes, loss, network, Normalizer.identity(network.outputs()));
    }

    public Model(Settings settings, Encoding encoding, int[] features, Normalizer normalizer,
                 String[] targetNames, String[] classes, String loss, Network network, Normalizer targets) {
        this.targets = targets;
        this.settings = settings;
        this.encoding = encoding;
        this.features = features;
        this.normalizer = normalizer;
        this.targetNames = targetNames;
        this.classes = classes;
        this.loss = loss;
        this.network = network;
    }

    /** Encoded columns (for 2-D sets: x1, x2) to network inputs. */
    public double[][] prepare(double[][] encoded) {
        double[][] x = features.length == 0 ? encoded : Features.expand(encoded, features);
        return normalizer.apply(x);
    }

    /** Network outputs for each row of encoded columns (a regression's in the target's units). */
    public double[][] predict(double[][] encoded) {
        double[][] x = prepare(encoded);
        double[][] out = new double[x.length][];
        boolean scaled = !targets.isIdentity();
        for (int from = 0; from < x.length; from += 256) {
            int rows = Math.min(256, x.length - from);
            Mat in = network.input(rows);
            for (int i = 0; i < rows; i++) System.arraycopy(x[from + i], 0, in.row[i], 0, in.cols);
            Mat a = network.forward();
            for (int i = 0; i < rows; i++) {
                out[from + i] = a.row[i].clone();
                if (scaled) targets.invert(out[from + i], out[from + i]);
            }
        }
        return out;
    }

    public String[] inputNames() {
        if (features.length == 0) return encoding.inputNames();
        String[] names = new String[features.length];
        for (int i = 0; i < names.length; i++) names[i] = Features.KEYS[features[i]];
        return names;
    }
}
