package studio.backprop.engine.nn;

import java.util.List;
import studio.backprop.engine.math.Kernels;
import studio.backprop.engine.math.Mat;

/**
 * F filters of K x K over C input channels, stride S, "same" zero padding: the output is
 * F x ceil(H/S) x ceil(W/S). For each output position p, the seed's Z = W^T A + W0 with A the
 * receptive field of p laid out as a vector of C K K values (index (c K + ky) K + kx), W of
 * shape C K K x F and W0 of F: every position shares the same W. Samples are rows; a row holds
 * one sample's channels (see {@link Shape}).
 *
 * <p>The fast path copies each sample's receptive fields into the rows of a matrix (im2col) so
 * that Z of all positions is one product with W ({@link Kernels}); {@link #forwardReference}
 * is the plain loop that reads like the equation, and the tests check one against the other.
 */
public final class Conv2D implements Module {
    public final int inC, inH, inW, F, K, S;
    /** Output height and width, and the zero rows and columns before the first input row and column. */
    public final int outH, outW, padTop, padLeft;
    public final Param W, W0;
    /** Per sample: its receptive fields (positions x inC K K), dL/dZ (positions x F), and their product buffers. */
    private final Mat fields, dZ, z, dFields;
    /** W^T, refreshed at each backward call. */
    private final double[][] wt;

    public Conv2D(int channels, int height, int width, int filters, int kernel, int stride) {
        if (kernel < 1 || stride < 1) throw new IllegalArgumentException("conv kernel and stride must be at least 1");
        inC = channels;
        inH = height;
        inW = width;
        F = filters;
        K = kernel;
        S = stride;
        outH = (inH + S - 1) / S;
        outW = (inW + S - 1) / S;
        padTop = Math.max(0, (outH - 1) * S + K - inH) / 2;
        padLeft = Math.max(0, (outW - 1) * S + K - inW) / 2;
        W = new Param("W", inC * K * K, F, true);
        W0 = new Param("W0", 1, F, false);
        int positions = outH * outW;
        fields = new Mat(positions, inC * K * K);
        dFields = new Mat(positions, inC * K * K);
        z = new Mat(positions, F);
        dZ = new Mat(positions, F);
        wt = new double[F][inC * K * K];
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

    /** Receptive fields of one sample into the rows of {@link #fields} (zeros where they hang over the edge). */
    private void im2col(double[] a) {
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                double[] r = fields.row[oy * outW + ox];
                int k = 0;
                for (int c = 0; c < inC; c++) {
                    for (int ky = 0; ky < K; ky++) {
                        int y = oy * S + ky - padTop, base = (c * inH + y) * inW;
                        for (int kx = 0; kx < K; kx++, k++) {
                            int x = ox * S + kx - padLeft;
                            r[k] = y >= 0 && y < inH && x >= 0 && x < inW ? a[base + x] : 0.0;
                        }
                    }
                }
            }
        }
    }

    /** Z = fields W + W0 per position, stored channel by channel: v[f][oy][ox]. */
    @Override public void forward(Mat u, Mat v) {
        double[] b = W0.value[0];
        int positions = outH * outW;
        for (int i = 0; i < u.rows; i++) {
            im2col(u.row[i]);
            for (int p = 0; p < positions; p++) System.arraycopy(b, 0, z.row[p], 0, F);
            Kernels.addProduct(fields, W.value, inC * K * K, z);
            double[] out = v.row[i];
            for (int p = 0; p < positions; p++) {
                double[] zp = z.row[p];
                for (int f = 0; f < F; f++) out[f * positions + p] = zp[f];
            }
        }
    }

    /** dL/dZ of sample i, position by position, from dL/dv stored channel by channel. */
    private void gatherDZ(double[] dLdv) {
        int positions = outH * outW;
        for (int p = 0; p < positions; p++) {
            double[] d = dZ.row[p];
            for (int f = 0; f < F; f++) d[f] = dLdv[f * positions + p];
        }
    }

    /**
     * dL/dA = dL/dZ W^T for every receptive field (the seed's W dL/dZ), scattered back: an input
     * value receives the sum over the fields it lies in.
     */
    @Override public void backward(Mat u, Mat v, Mat dLdv, Mat dLdu) {
        double[][] w = W.value;
        for (int k = 0; k < inC * K * K; k++) for (int f = 0; f < F; f++) wt[f][k] = w[k][f];
        dLdu.zero();
        for (int i = 0; i < u.rows; i++) {
            gatherDZ(dLdv.row[i]);
            dFields.zero();
            Kernels.addProduct(dZ, wt, F, dFields);
            double[] d = dLdu.row[i];
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    double[] r = dFields.row[oy * outW + ox];
                    int k = 0;
                    for (int c = 0; c < inC; c++) {
                        for (int ky = 0; ky < K; ky++) {
                            int y = oy * S + ky - padTop, base = (c * inH + y) * inW;
                            for (int kx = 0; kx < K; kx++, k++) {
                                int x = ox * S + kx - padLeft;
                                if (y >= 0 && y < inH && x >= 0 && x < inW) d[base + x] += r[k];
                            }
                        }
                    }
                }
            }
        }
    }

    /** dL/dW = sum over samples and positions of A (dL/dZ)^T; dL/dW0 = the sum of dL/dZ. */
    @Override public void weightGrad(Mat u, Mat dLdv) {
        double[] g0 = W0.grad[0];
        int positions = outH * outW;
        for (int i = 0; i < u.rows; i++) {
            im2col(u.row[i]);
            gatherDZ(dLdv.row[i]);
            Kernels.addTransposeProduct(fields, dZ, W.grad);
            for (int p = 0; p < positions; p++) {
                double[] d = dZ.row[p];
                for (int f = 0; f < F; f++) g0[f] += d[f];
            }
        }
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
