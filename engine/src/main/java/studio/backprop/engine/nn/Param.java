package studio.backprop.engine.nn;

/** A parameter matrix and its gradient, side by side. Optimisers walk a list of these. */
public final class Param {
    public final String name;
    public final double[][] value;
    public final double[][] grad;
    /** Biases (W0) are not regularised. */
    public final boolean regularised;

    public Param(String name, int rows, int cols, boolean regularised) {
        this.name = name;
        this.value = new double[rows][cols];
        this.grad = new double[rows][cols];
        this.regularised = regularised;
    }

    public int size() {
        return value.length * (value.length == 0 ? 0 : value[0].length);
    }

    public void zeroGrad() {
        for (double[] r : grad) studio.backprop.engine.math.Mat.zero(r);
    }
}
