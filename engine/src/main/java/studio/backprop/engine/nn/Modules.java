package studio.backprop.engine.nn;

/** The one place that maps a module kind to its class. */
public final class Modules {
    private Modules() {}

    public static final String[] ACTIVATIONS = {"tanh", "relu", "leaky-relu", "sigmoid", "sine", "identity"};

    public static Module activation(String kind) {
        switch (kind) {
            case "tanh": return new Tanh();
            case "relu": return new ReLU();
            case "leaky-relu": case "leaky": return new LeakyReLU();
            case "sigmoid": return new Sigmoid();
            case "sine": case "sin": return new Sine();
            case "identity": case "linear": return new Identity();
            case "softmax": return new Softmax();
            default: throw new IllegalArgumentException(
                    "unknown activation '" + kind + "' (use tanh, relu, leaky-relu, sigmoid, sine, identity)");
        }
    }
}
