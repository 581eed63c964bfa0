package studio.backprop.engine.nn;

import java.util.List;
import studio.backprop.engine.math.Kernels;
import studio.backprop.engine.math.Mat;

/** Z = W^T A + W0 for each sample; here, with samples as rows, Z = A W + W0. W is m x n. */
public final class Linear implements Module {
    public final int m, n;
    public final Param W, W0;
    /** W^T, refreshed at each backward call, so that dL/dA is a row-slice product too. */
    private final double[][] wt;

    public Linear(int m, int n) {
        this.m = m;
        this.n = n;
        this.W = new Param("W", m, n, true);
        this.W0 = new Param("W0", 1, n, false);
        this.wt = new double[n][m];
    }

    @Override public String kind() { return Modules.LINEAR; }

    @Override public int[] shape() { return new int[] {m, n}; }

    @Override public int outputSize(int inputSize) {
        if (inputSize != m) throw new IllegalArgumentException("linear expects " + m + " inputs, got " + inputSize);
        return n;
    }

    @Override public void forward(Mat u, Mat v) {
        double[] bias = W0.value[0];
        for (int i = 0; i < u.rows; i++) Mat.copy(bias, 0, v.row[i], 0, n);
        Kernels.addProduct(u, W.value, m, v);
    }

    /** dL/dA = dL/dZ W^T: the seed's W^l dL/dZ^l, one row per sample. */
    @Override public void backward(Mat u, Mat v, Mat dLdv, Mat dLdu) {
        double[][] w = W.value;
        for (int k = 0; k < m; k++) {
            double[] wk = w[k];
            for (int j = 0; j < n; j++) wt[j][k] = wk[j];
        }
        dLdu.zero();
        Kernels.addProduct(dLdv, wt, n, dLdu);
    }

    /** dL/dW = A (dL/dZ)^T summed over the batch; dL/dW0 = dL/dZ summed over the batch. */
    @Override public void weightGrad(Mat u, Mat dLdv) {
        Kernels.addTransposeProduct(u, dLdv, W.grad);
        double[] g0 = W0.grad[0];
        for (int i = 0; i < dLdv.rows; i++) {
            double[] d = dLdv.row[i];
            for (int j = 0; j < n; j++) g0[j] += d[j];
        }
    }

    @Override public List<Param> params() {
        return List.of(W, W0);
    }
}
