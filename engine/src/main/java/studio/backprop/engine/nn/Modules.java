package studio.backprop.engine.nn;

/** The one place that maps a module kind to its class. */
public final class Modules {
    private Modules() {}

    public static final String LINEAR = "linear", CONV = "conv2d", POOL = "maxpool2d", DROPOUT = "dropout", RNN = "rnn", GRU = "gru", LSTM = "lstm",
            ONE_HOT = "onehot", STEP_LINEAR = "steplinear", STEP_SOFTMAX = "stepsoftmax";

    /** Whether modules of this kind run through time. */
    public static boolean isRecurrent(String kind) {
        return kind.equals(RNN) || kind.equals(GRU) || kind.equals(LSTM);
    }

    /** How many numbers the {@link Module#shape} of a module of this kind has. */
    public static int shapeSize(String kind) {
        switch (kind) {
            case LINEAR: return 2;
            case CONV: return 6;
            case POOL: return 4;
            case DROPOUT: case STEP_SOFTMAX: return 1;
            case ONE_HOT: return 2;
            case STEP_LINEAR: return 3;
            case RNN: return 5;
            case GRU: case LSTM: return 4;
            default: return 0;
        }
    }

    /** The parameter count of a module of this kind and shape, known before it is built (a model file's sizes are checked first). */
    public static long parameterCount(String kind, int[] shape) {
        if (shape.length != shapeSize(kind)) return 0;
        if (kind.equals(LINEAR) || kind.equals(STEP_LINEAR)) return (long) shape[0] * shape[1] + shape[1];
        if (kind.equals(CONV)) return (long) shape[0] * shape[4] * shape[4] * shape[3] + shape[3];
        int gates = kind.equals(RNN) ? 1 : kind.equals(GRU) ? 3 : kind.equals(LSTM) ? 4 : 0;
        return gates == 0 ? 0 : gates * ((long) shape[0] * shape[1] + (long) shape[1] * shape[1] + shape[1]);
    }

    /**
     * A module of this kind and shape (see {@link Module#shape}), its parameters zero; its
     * activation, if any, of this math version ({@link studio.backprop.engine.math.Det#MATH}).
     */
    public static Module create(String kind, int[] shape, int math) {
        if (shape.length != shapeSize(kind)) throw new IllegalArgumentException(kind + " takes " + shapeSize(kind) + " shape numbers, got " + shape.length);
        switch (kind) {
            case LINEAR: return new Linear(shape[0], shape[1]);
            case CONV: return new Conv2D(shape[0], shape[1], shape[2], shape[3], shape[4], shape[5]);
            case POOL: return new MaxPool2D(shape[0], shape[1], shape[2], shape[3]);
            case DROPOUT: return new Dropout(shape[0]);
            case ONE_HOT: return new OneHot(shape[0], shape[1]);
            case STEP_LINEAR: return new StepLinear(shape[0], shape[1], shape[2]);
            case STEP_SOFTMAX: return new StepSoftmax(shape[0]);
            case RNN: return new studio.backprop.engine.nn.RNN(shape[0], shape[1], shape[2], shape[3] == 1, shape[4] == 1);
            case GRU: return new studio.backprop.engine.nn.GRU(shape[0], shape[1], shape[2], shape[3] == 1);
            case LSTM: return new studio.backprop.engine.nn.LSTM(shape[0], shape[1], shape[2], shape[3] == 1);
            default: return activation(kind, math);
        }
    }

    public static final String[] ACTIVATIONS = {"tanh", "relu", "leaky-relu", "sigmoid", "sine", "identity"};

    public static Module activation(String kind, int math) {
        switch (kind) {
            case "tanh": return new Tanh(math);
            case "relu": return new ReLU();
            case "leaky-relu": case "leaky": return new LeakyReLU();
            case "sigmoid": return new Sigmoid(math);
            case "sine": case "sin": return new Sine();
            case "identity": case "linear": return new Identity();
            case "softmax": return new Softmax(math);
            default: throw new IllegalArgumentException(
                    "unknown activation '" + kind + "' (use tanh, relu, leaky-relu, sigmoid, sine, identity)");
        }
    }
}
