package studio.backprop.engine.nn;

import studio.backprop.engine.math.Mat;

/**
 * K x K windows with stride K and no padding over each of C channels: u is C x H x W, v is
 * C x outH x outW with outH = floor((H - K) / K) + 1. v is each window's largest value;
 * backward routes dL/dv to that value's place (ties: the first in row order), so backward
 * finds it again from u and needs no state.
 */
public final class MaxPool2D implements Module {
    public final int inC, inH, inW, K;
    public final int outH, outW;

    public MaxPool2D(int channels, int height, int width, int kernel) {
        if (kernel < 1 || kernel > height || kernel > width) {
            throw new IllegalArgumentException("a " + kernel + "\u00d7" + kernel + " pool does not fit " + height + "\u00d7" + width);
        }
        inC = channels;
        inH = height;
        inW = width;
        K = kernel;
        outH = outputSide(inH, K);
        outW = outputSide(inW, K);
    }

    /** Windows of K along a side of this length: floor((side - K) / K) + 1 (0 or less: none fits). */
    public static int outputSide(int side, int kernel) {
        return (side - kernel) / kernel + 1;
    }

    @Override public String kind() { return Modules.POOL; }

    @Override public int[] shape() { return new int[] {inC, inH, inW, K}; }

    public Shape outputShape() {
        return new Shape(inC, outH, outW);
    }

    @Override public int outputSize(int inputSize) {
        if (inputSize != inC * inH * inW) throw new IllegalArgumentException("pool expects " + inC * inH * inW + " inputs, got " + inputSize);
        return inC * outH * outW;
    }

    /** Index in a of the largest value of window (oy, ox) of channel c, the first of equals. */
    private int argmax(double[] a, int c, int oy, int ox) {
        int best = (c * inH + oy * K) * inW + ox * K;
        for (int ky = 0; ky < K; ky++) {
            int rowStart = (c * inH + oy * K + ky) * inW + ox * K;
            for (int kx = 0; kx < K; kx++) if (a[rowStart + kx] > a[best]) best = rowStart + kx;
        }
        return best;
    }

    @Override public void forward(Mat u, Mat v) {
        for (int i = 0; i < u.rows; i++) {
            double[] a = u.row[i], out = v.row[i];
            for (int c = 0; c < inC; c++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) out[(c * outH + oy) * outW + ox] = a[argmax(a, c, oy, ox)];
                }
            }
        }
    }

    @Override public void backward(Mat u, Mat v, Mat dLdv, Mat dLdu) {
        dLdu.zero();
        for (int i = 0; i < u.rows; i++) {
            double[] a = u.row[i], d = dLdv.row[i], out = dLdu.row[i];
            for (int c = 0; c < inC; c++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) out[argmax(a, c, oy, ox)] += d[(c * outH + oy) * outW + ox];
                }
            }
        }
    }
}
