package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;
import studio.backprop.engine.math.Mat;

/**
 * A_j = e^(Z_j) / sum_k e^(Z_k) per sample. Unlike the component-wise activations its
 * Jacobian is full: dL/dZ_i = A_i (dL/dA_i - sum_j dL/dA_j A_j). Paired with cross-entropy,
 * the loss hands over dL/dZ = A - Y directly and this backward is not used.
 */
public final class Softmax implements Module {
    /** Math version 1's exp (see {@link Det#MATH}). */
    private final boolean v1;

    public Softmax(int math) {
        v1 = math == 1;
    }

    @Override public String kind() { return "softmax"; }

    @Override public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override public void forward(Mat u, Mat v) {
        for (int i = 0; i < u.rows; i++) {
            double[] z = u.row[i], a = v.row[i];
            double max = z[0];
            for (int j = 1; j < u.cols; j++) if (z[j] > max) max = z[j];
            double sum = 0;
            if (v1) for (int j = 0; j < u.cols; j++) a[j] = Det.V1.exp(z[j] - max);
            else for (int j = 0; j < u.cols; j++) a[j] = Det.exp(z[j] - max);
            for (int j = 0; j < u.cols; j++) sum += a[j];
            for (int j = 0; j < u.cols; j++) a[j] /= sum;
        }
    }

    @Override public void backward(Mat u, Mat v, Mat dLdv, Mat dLdu) {
        for (int i = 0; i < u.rows; i++) {
            double[] a = v.row[i], g = dLdv.row[i], out = dLdu.row[i];
            double dot = 0;
            for (int j = 0; j < u.cols; j++) dot += g[j] * a[j];
            for (int j = 0; j < u.cols; j++) out[j] = a[j] * (g[j] - dot);
        }
    }
}
