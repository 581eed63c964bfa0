package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;
import studio.backprop.engine.math.Mat;

/**
 * {@link Softmax} at every step of a sequence: each step's {@code classes} values become a
 * distribution over the classes (a text's next symbol). Paired with {@link StepCrossEntropy},
 * which hands over dL/dZ directly; this backward (each step's full Jacobian) serves any other use.
 */
public final class StepSoftmax implements Module {
    public final int classes;

    public StepSoftmax(int classes) {
        if (classes < 1) throw new IllegalArgumentException("a per-step softmax needs classes, got " + classes);
        this.classes = classes;
    }

    @Override public String kind() { return Modules.STEP_SOFTMAX; }

    @Override public int[] shape() { return new int[] {classes}; }

    @Override public int outputSize(int inputSize) {
        if (inputSize % classes != 0) throw new IllegalArgumentException("per-step softmax of " + classes + " classes gets " + inputSize + " values");
        return inputSize;
    }

    @Override public void forward(Mat u, Mat v) {
        int n = classes;
        for (int i = 0; i < u.rows; i++) {
            double[] z = u.row[i], a = v.row[i];
            for (int at = 0; at < u.cols; at += n) {
                double max = z[at];
                for (int j = 1; j < n; j++) if (z[at + j] > max) max = z[at + j];
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    a[at + j] = Det.exp(z[at + j] - max);
                    sum += a[at + j];
                }
                for (int j = 0; j < n; j++) a[at + j] /= sum;
            }
        }
    }

    @Override public void backward(Mat u, Mat v, Mat dLdv, Mat dLdu) {
        int n = classes;
        for (int i = 0; i < u.rows; i++) {
            double[] a = v.row[i], g = dLdv.row[i], out = dLdu.row[i];
            for (int at = 0; at < u.cols; at += n) {
                double dot = 0;
                for (int j = 0; j < n; j++) dot += g[at + j] * a[at + j];
                for (int j = 0; j < n; j++) out[at + j] = a[at + j] * (g[at + j] - dot);
            }
        }
    }
}
