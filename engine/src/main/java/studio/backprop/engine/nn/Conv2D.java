package studio.backprop.engine.nn;

import java.util.List;
import studio.backprop.engine.math.Blocked;
import studio.backprop.engine.math.Mat;

/**
 * F filters of K x K over C input channels, stride S, "same" zero padding: the output is
 * F x ceil(H/S) x ceil(W/S). For each output position p, the seed's Z = W^T A + W0 with A the
 * receptive field of p laid out as a vector of C K K values (index (c K + ky) K + kx), W of
 * shape C K K x F and W0 of F: every position shares the same W. Samples are rows; a row holds
 * one sample's channels (see {@link Shape}).
 *
 * <p>The fast path copies each sample's receptive fields into the columns of a matrix (im2col)
 * so that Z of all positions is one product with W, in register blocks ({@link Blocked});
 * {@link #forwardReference} is the plain loop that reads like the equation, and the tests
 * check one against the other.
 */
public final class Conv2D implements Module {
    public final int inC, inH, inW, F, K, S;
    /** Output height and width, and the zero rows and columns around the input (before and after). */
    public final int outH, outW, padTop, padLeft, padBottom, padRight;
    public final Param W, W0;
    /** One sample's receptive fields, transposed: row k (= (c K + ky) K + kx) holds that tap at every output position. */
    private final double[] cols, dCols;
    /**
     * A training batch's fields, kept from forward for weightGrad (batches up to KEPT_ROWS; a
     * larger forward, such as an evaluation, keeps none), and how many rows the last forward kept.
     */
    private static final int KEPT_ROWS = 64;
    private double[][] kept = new double[0][];
    private int keptRows;
    /** W^T (F x C K K) for the forward product, W (C K K x F) for the backward one, dL/dW^T of the batch: flat copies. */
    private final double[] wt, w, dWt;

    public Conv2D(int channels, int height, int width, int filters, int kernel, int stride) {
        if (kernel < 1 || stride < 1) throw new IllegalArgumentException("conv kernel and stride must be at least 1");
        inC = channels;
        inH = height;
        inW = width;
        F = filters;
        K = kernel;
        S = stride;
        outH = outputSide(inH, S);
        outW = outputSide(inW, S);
        int padRows = Math.max(0, (outH - 1) * S + K - inH), padColumns = Math.max(0, (outW - 1) * S + K - inW);
        padTop = padRows / 2;
        padLeft = padColumns / 2;
        padBottom = padRows - padTop;
        padRight = padColumns - padLeft;
        W = new Param("W", inC * K * K, F, true);
        W0 = new Param("W0", 1, F, false);
        int taps = inC * K * K, positions = outH * outW;
        cols = new double[taps * positions];
        dCols = new double[taps * positions];
        wt = new double[F * taps];
        w = new double[taps * F];
        dWt = new double[F * taps];
    }

    /** The output side of "same" padding with this stride: ceil(side / stride). */
    public static int outputSide(int side, int stride) {
        return (side + stride - 1) / stride;
    }

    @Override public String kind() { return Modules.CONV; }

    @Override public int[] shape() { return new int[] {inC, inH, inW, F, K, S}; }

    public Shape outputShape() {
        return new Shape(F, outH, outW);
    }

    @Override public int outputSize(int inputSize) {
        if (inputSize != inC * inH * inW) throw new IllegalArgumentException("conv expects " + inC * inH * inW + " inputs, got " + inputSize);
        return F * outH * outW;
    }

    /** The receptive fields of one sample into {@code cols} (zeros where they hang over the edge). */
    private void im2col(double[] a, double[] cols) {
        int positions = outH * outW;
        for (int c = 0, k = 0; c < inC; c++) {
            for (int ky = 0; ky < K; ky++) {
                for (int kx = 0; kx < K; kx++, k++) {
                    // the output columns whose input column x = ox S + kx - padLeft lies inside the image
                    int first = Math.max(0, (padLeft - kx + S - 1) / S), end = Math.min(outW, (inW + padLeft - kx + S - 1) / S);
                    if (end < first) end = first;
                    for (int oy = 0; oy < outH; oy++) {
                        int y = oy * S + ky - padTop, to = k * positions + oy * outW;
                        if (y < 0 || y >= inH) {
                            java.util.Arrays.fill(cols, to, to + outW, 0.0);
                            continue;
                        }
                        int from = (c * inH + y) * inW + kx - padLeft;
                        for (int ox = 0; ox < first; ox++) cols[to + ox] = 0.0;
                        if (S == 1) Mat.copy(a, from + first, cols, to + first, end - first);
                        else for (int ox = first; ox < end; ox++) cols[to + ox] = a[from + ox * S];
                        for (int ox = end; ox < outW; ox++) cols[to + ox] = 0.0;
                    }
                }
            }
        }
    }

    /** Z (F x positions, which is v's layout) = W^T fields + W0. */
    @Override public void forward(Mat u, Mat v) {
        int taps = inC * K * K, positions = outH * outW;
        filters(wt);
        double[] b = W0.value[0];
        boolean keep = u.rows <= KEPT_ROWS;
        if (keep && kept.length < u.rows) kept = new double[u.rows][];
        for (int i = 0; i < u.rows; i++) {
            double[] fields = cols;
            if (keep) {
                if (kept[i] == null) kept[i] = new double[cols.length];
                fields = kept[i];
            }
            im2col(u.row[i], fields);
            double[] z = v.row[i];
            for (int f = 0; f < F; f++) java.util.Arrays.fill(z, f * positions, (f + 1) * positions, b[f]);
            Blocked.multiply(wt, fields, z, F, taps, positions);
        }
        keptRows = keep ? u.rows : 0;
    }

    /**
     * dL/dA = W dL/dZ for every receptive field (C K K x positions), scattered back: an input
     * value receives the sum over the fields it lies in.
     */
    @Override public void backward(Mat u, Mat v, Mat dLdv, Mat dLdu) {
        int taps = inC * K * K, positions = outH * outW;
        double[][] weights = W.value;
        for (int k = 0; k < taps; k++) System.arraycopy(weights[k], 0, w, k * F, F);
        dLdu.zero();
        for (int i = 0; i < u.rows; i++) {
            java.util.Arrays.fill(dCols, 0.0);
            Blocked.multiply(w, dLdv.row[i], dCols, taps, F, positions);
            double[] d = dLdu.row[i];
            for (int c = 0, k = 0; c < inC; c++) {
                for (int ky = 0; ky < K; ky++) {
                    for (int kx = 0; kx < K; kx++, k++) {
                        // as in im2col: only the output columns whose input column lies inside the image
                        int first = Math.max(0, (padLeft - kx + S - 1) / S), end = Math.min(outW, (inW + padLeft - kx + S - 1) / S);
                        for (int oy = 0; oy < outH; oy++) {
                            int y = oy * S + ky - padTop, from = k * positions + oy * outW, to = (c * inH + y) * inW + kx - padLeft;
                            if (y < 0 || y >= inH) continue;
                            if (S == 1) for (int ox = first; ox < end; ox++) d[to + ox] += dCols[from + ox];
                            else for (int ox = first; ox < end; ox++) d[to + ox * S] += dCols[from + ox];
                        }
                    }
                }
            }
        }
    }

    /** W^T flat into {@code into} (F x C K K): filter f's taps in a row, as ONNX and the filter images take them. */
    public void filters(double[] into) {
        int taps = inC * K * K;
        double[][] weights = W.value;
        for (int k = 0; k < taps; k++) for (int f = 0; f < F; f++) into[f * taps + k] = weights[k][f];
    }

    /** dL/dW = the sum over samples and positions of A (dL/dZ)^T; dL/dW0 = the sum of dL/dZ. */
    @Override public void weightGrad(Mat u, Mat dLdv) {
        int taps = inC * K * K, positions = outH * outW;
        java.util.Arrays.fill(dWt, 0.0);
        double[] g0 = W0.grad[0];
        for (int i = 0; i < u.rows; i++) {
            // the fields of the forward pass just before, when they were kept
            double[] fields = keptRows == u.rows ? kept[i] : cols;
            if (fields == cols) im2col(u.row[i], cols);
            double[] d = dLdv.row[i];
            Blocked.multiplyTransposed(d, fields, dWt, F, positions, taps);
            for (int f = 0; f < F; f++) {
                double s = g0[f];
                for (int p = f * positions; p < (f + 1) * positions; p++) s += d[p];
                g0[f] = s;
            }
        }
        double[][] g = W.grad;
        for (int k = 0; k < taps; k++) for (int f = 0; f < F; f++) g[k][f] += dWt[f * taps + k];
    }

    @Override public List<Param> params() {
        return List.of(W, W0);
    }

    /** The forward pass as the equation reads, one output value at a time (the tests' reference). */
    public void forwardReference(double[] a, double[] out) {
        for (int f = 0; f < F; f++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    double sum = W0.value[0][f];
                    for (int c = 0; c < inC; c++) {
                        for (int ky = 0; ky < K; ky++) {
                            for (int kx = 0; kx < K; kx++) {
                                int y = oy * S + ky - padTop, x = ox * S + kx - padLeft;
                                if (y >= 0 && y < inH && x >= 0 && x < inW) sum += W.value[(c * K + ky) * K + kx][f] * a[(c * inH + y) * inW + x];
                            }
                        }
                    }
                    out[(f * outH + oy) * outW + ox] = sum;
                }
            }
        }
    }
}
