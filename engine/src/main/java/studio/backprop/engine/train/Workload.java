package studio.backprop.engine.train;

import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.Normalizer;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.nn.Conv2D;
import studio.backprop.engine.nn.Init;
import studio.backprop.engine.nn.LayerSpec;
import studio.backprop.engine.nn.Linear;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Recurrent;
import studio.backprop.engine.nn.StepLinear;
import studio.backprop.engine.nn.Shape;

/**
 * The benchmark workloads: fixed architectures trained with plain SGD on seeded synthetic
 * data, so every platform runs exactly the same arithmetic. FLOPs per sample are counted as
 * 6 x the multiply-adds of the forward pass (forward 2, backward 2, weight grad 2).
 */
public final class Workload {
    public final String name;
    public final Shape input;
    /** Hidden layers and their activation, in the {@code layers} grammar. */
    public final String layers, hidden;
    public final int outputs;
    public final String output, loss;
    public final int batch;

    private Workload(String name, Shape input, String layers, String hidden, int outputs, String output, String loss, int batch) {
        this.name = name;
        this.input = input;
        this.layers = layers;
        this.hidden = hidden;
        this.outputs = outputs;
        this.output = output;
        this.loss = loss;
        this.batch = batch;
    }

    public static final String[] NAMES = {"playground", "digits", "mnist", "wide", "convnet", "charlstm", "series"};
    /** charlstm's characters (Shakespeare's, as in char-rnn) and window. */
    static final int CHARS = 65, CHAR_STEPS = 25;

    public static Workload of(String name) {
        switch (name) {
            case "playground": return new Workload(name, Shape.flat(2), "8,8", "tanh", 1, "sigmoid", "bce", 10);
            case "digits": return new Workload(name, Shape.flat(64), "32", "relu", 10, "softmax", "ce", 32);
            case "mnist": return new Workload(name, Shape.flat(784), "128", "relu", 10, "softmax", "ce", 32);
            case "wide": return new Workload(name, Shape.flat(784), "512,512", "relu", 10, "softmax", "ce", 128);
            // the ConvNetJS MNIST demo net, to compare with ConvNetJS and TF.js on the same net
            case "convnet": return new Workload(name, new Shape(1, 28, 28), "conv8x5,pool2,conv16x5,pool3", "relu", 10, "softmax", "ce", 20);
            // char-rnn's setup: 65 characters one-hot, an LSTM of 128, windows of 25, a softmax at every step
            case "charlstm": return new Workload(name, Shape.tokens(CHAR_STEPS, CHARS), "lstm128", "tanh", CHARS, "stepsoftmax", "stepce", 32);
            // a series forecast: an LSTM of 32 over windows of 50 values, one output
            case "series": return new Workload(name, Shape.sequence(50, 1), "lstm32", "tanh", 1, "identity", "mse", 32);
            default: throw new IllegalArgumentException("unknown workload '" + name + "' (" + String.join(", ", NAMES) + ")");
        }
    }

    /** A trainer over 2048 synthetic samples (uniform inputs, random labels; random characters and next characters for text), seeded. */
    public Trainer trainer(int seed) {
        return trainer(seed, 1);
    }

    /** The same, with each batch computed in {@code parts} parts (see {@link Parts}). */
    public Trainer trainer(int seed, int parts) {
        int inputs = input.size();
        Network net = network();
        Rng rng = new Rng(seed);
        Init.apply(net, "auto", rng);
        int n = 2048;
        boolean text = input.tokens(), regression = loss.equals("mse");
        double[][] x = new double[n][inputs], y = new double[n][text ? inputs : outputs];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < inputs; j++) x[i][j] = text ? rng.nextInt(input.vocab) : rng.uniform(-1, 1);
            if (text) for (int t = 0; t < inputs; t++) y[i][t] = rng.nextInt(outputs);
            else if (regression) y[i][0] = rng.uniform(-1, 1);
            else if (outputs == 1) y[i][0] = rng.nextInt(2);
            else y[i][rng.nextInt(outputs)] = 1;
        }
        return new Trainer(net, studio.backprop.engine.nn.Loss.of(loss), new Sgd(), 0.001, batch, true, "none", 0, x, y, seed, parts);
    }

    /** A network of this workload's architecture, not initialised. */
    public Network network() {
        return Network.build(input, LayerSpec.parse(layers, hidden), outputs, output);
    }

    /** The trainer's network as a model (numeric inputs x1.., no normalisation), e.g. to build replicas. */
    public Model model(Trainer t) {
        int inputs = input.size();
        String[] names = new String[inputs];
        for (int j = 0; j < inputs; j++) names[j] = "x" + (j + 1);
        String[] classes = new String[loss.equals("mse") ? 0 : Math.max(2, outputs)];
        for (int c = 0; c < classes.length; c++) classes[c] = Integer.toString(c);
        // a text's target: the next character at each step
        String[] targets = input.tokens() ? new String[inputs] : new String[] {"y"};
        for (int k = 0; targets.length > 1 && k < targets.length; k++) targets[k] = "next" + (k + 1);
        return new Model(new Settings(), Encoding.numeric(names), new int[0], Normalizer.identity(inputs), targets, classes, loss, t.network(),
                Normalizer.identity(input.tokens() ? inputs : t.network().outputs()));
    }

    public double flopsPerSample(Trainer t) {
        double multiplyAdds = 0;
        for (Module m : t.network().modules()) {
            if (m instanceof Linear) multiplyAdds += (double) ((Linear) m).m * ((Linear) m).n;
            if (m instanceof StepLinear) multiplyAdds += (double) ((StepLinear) m).steps * ((StepLinear) m).m * ((StepLinear) m).n;
            if (m instanceof Recurrent) {
                // per step every gate's W^T x_t and Wh^T h_{t-1} (a one-hot input's product counted in full, as a dense one)
                Recurrent r = (Recurrent) m;
                multiplyAdds += (double) r.steps * r.gates * r.hidden * (r.inputs + r.hidden);
            }
            if (m instanceof Conv2D) {
                Conv2D c = (Conv2D) m;
                multiplyAdds += (double) c.outH * c.outW * c.inC * c.K * c.K * c.F;
            }
        }
        return 6 * multiplyAdds;
    }
}
