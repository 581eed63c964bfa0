package studio.backprop.engine.train;

import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.Normalizer;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.nn.Init;
import studio.backprop.engine.nn.LayerSpec;
import studio.backprop.engine.nn.Network;

/**
 * The benchmark workloads: fixed architectures trained with plain SGD on seeded synthetic
 * data, so every platform runs exactly the same arithmetic. FLOPs per sample are counted as
 * 6 x parameters (forward 2, backward 2, weight grad 2).
 */
public final class Workload {
    public final String name;
    public final int[] widths;
    public final String hidden, output, loss;
    public final int batch;

    private Workload(String name, int[] widths, String hidden, String output, String loss, int batch) {
        this.name = name;
        this.widths = widths;
        this.hidden = hidden;
        this.output = output;
        this.loss = loss;
        this.batch = batch;
    }

    public static final String[] NAMES = {"playground", "digits", "mnist", "wide"};

    public static Workload of(String name) {
        switch (name) {
            case "playground": return new Workload(name, new int[] {2, 8, 8, 1}, "tanh", "sigmoid", "bce", 10);
            case "digits": return new Workload(name, new int[] {64, 32, 10}, "relu", "softmax", "ce", 32);
            case "mnist": return new Workload(name, new int[] {784, 128, 10}, "relu", "softmax", "ce", 32);
            case "wide": return new Workload(name, new int[] {784, 512, 512, 10}, "relu", "softmax", "ce", 128);
            default: throw new IllegalArgumentException("unknown workload '" + name + "' (playground, digits, mnist, wide)");
        }
    }

    /** A trainer over 2048 synthetic samples (uniform inputs, random labels), seeded. */
    public Trainer trainer(int seed) {
        return trainer(seed, 1);
    }

    /** The same, with each batch computed in {@code parts} parts (see {@link Parts}). */
    public Trainer trainer(int seed, int parts) {
        int inputs = widths[0], outputs = widths[widths.length - 1];
        java.util.List<LayerSpec> layers = new java.util.ArrayList<>();
        for (int l = 1; l < widths.length - 1; l++) layers.add(LayerSpec.dense(widths[l], hidden));
        Network net = Network.build(inputs, layers, outputs, output);
        Rng rng = new Rng(seed);
        Init.apply(net, "auto", rng);
        int n = 2048;
        double[][] x = new double[n][inputs], y = new double[n][outputs];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < inputs; j++) x[i][j] = rng.uniform(-1, 1);
            if (outputs == 1) y[i][0] = rng.nextInt(2);
            else y[i][rng.nextInt(outputs)] = 1;
        }
        return new Trainer(net, studio.backprop.engine.nn.Loss.of(loss), new Sgd(), 0.001, batch, true, "none", 0, x, y, seed, parts);
    }

    /** The trainer's network as a model (numeric inputs x1.., no normalisation), e.g. to build replicas. */
    public Model model(Trainer t) {
        int inputs = widths[0], outputs = widths[widths.length - 1];
        String[] names = new String[inputs];
        for (int j = 0; j < inputs; j++) names[j] = "x" + (j + 1);
        String[] classes = new String[Math.max(2, outputs)];
        for (int c = 0; c < classes.length; c++) classes[c] = Integer.toString(c);
        return new Model(new Settings(), Encoding.numeric(names), new int[0], Normalizer.identity(inputs),
                new String[] {"y"}, classes, loss, t.network());
    }

    public double flopsPerSample(Trainer t) {
        return 6.0 * t.network().parameterCount();
    }
}
