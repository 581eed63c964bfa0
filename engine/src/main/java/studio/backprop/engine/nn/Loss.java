package studio.backprop.engine.nn;

/**
 * A per-sample loss. z is the input of the network's output module (the logits Z^L) and a its
 * output A^L; the value is computed from whichever is numerically safer.
 */
public interface Loss {
    /** Name used in model files, URLs and the CLI: "mse", "bce", "ce", "stepce". */
    String kind();

    /** The output module kind this loss is paired with; null when any output will do. */
    String pairedOutput();

    double value(double[] z, double[] a, double[] y);

    /**
     * Writes scale * dL/dZ^L when the loss is paired with its output module (whose backward is
     * then folded in: for sigmoid + BCE and softmax + CE it is A - Y), else scale * dL/dA^L.
     */
    void gradient(double[] z, double[] a, double[] y, double scale, double[] out);

    static Loss of(String kind) {
        switch (kind) {
            case "mse": return new MeanSquaredError();
            case "bce": return new BinaryCrossEntropy();
            case "ce": return new SoftmaxCrossEntropy();
            case StepCrossEntropy.KIND: return new StepCrossEntropy();
            default: throw new IllegalArgumentException("unknown loss '" + kind + "' (use mse, bce, ce, or stepce for text)");
        }
    }
}
