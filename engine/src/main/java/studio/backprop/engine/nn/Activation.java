package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;
import studio.backprop.engine.math.Mat;

/**
 * A component-wise f: A = f(Z). Its Jacobian dA/dZ is diagonal, so backward multiplies
 * dL/dA elementwise by f'(Z), which subclasses give from z and a = f(z).
 */
public abstract class Activation implements Module {
    /**
     * The kinds whose loops below call their function directly, not through the virtual f and
     * derivative once per element (about 8 % of a small net's step in the browser): the same
     * arithmetic, so the same bits.
     */
    static final int GENERIC = 0, TANH = 1, SIGMOID = 2, RELU = 3;
    final int direct;

    protected Activation() {
        this(GENERIC);
    }

    Activation(int direct) {
        this.direct = direct;
    }

    protected abstract double f(double z);

    protected abstract double derivative(double z, double a);

    /** f'(z) where a = f(z): the diagonal of dA/dZ that backward multiplies by (the explorer shows it). */
    public final double slope(double z, double a) {
        return derivative(z, a);
    }

    @Override public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override public void forward(Mat u, Mat v) {
        int n = u.cols;
        for (int i = 0; i < u.rows; i++) {
            double[] z = u.row[i], a = v.row[i];
            switch (direct) {
                case TANH: for (int j = 0; j < n; j++) a[j] = Det.tanh(z[j]); break;
                case SIGMOID: for (int j = 0; j < n; j++) a[j] = Det.sigmoid(z[j]); break;
                case RELU: for (int j = 0; j < n; j++) a[j] = z[j] > 0 ? z[j] : 0.0; break;
                default: for (int j = 0; j < n; j++) a[j] = f(z[j]);
            }
        }
    }

    @Override public void backward(Mat u, Mat v, Mat dLdv, Mat dLdu) {
        int n = u.cols;
        for (int i = 0; i < u.rows; i++) {
            double[] z = u.row[i], a = v.row[i], g = dLdv.row[i], out = dLdu.row[i];
            // each is derivative(z, a) * g, see Det.kernelCos
            switch (direct) {
                case TANH: for (int j = 0; j < n; j++) out[j] = (1.0 - a[j] * a[j]) * g[j]; break;
                case SIGMOID: for (int j = 0; j < n; j++) out[j] = a[j] * (1.0 - a[j]) * g[j]; break;
                case RELU: for (int j = 0; j < n; j++) out[j] = (z[j] > 0 ? 1.0 : 0.0) * g[j]; break;
                default: for (int j = 0; j < n; j++) out[j] = derivative(z[j], a[j]) * g[j];
            }
        }
    }
}
