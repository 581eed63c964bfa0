package studio.backprop.engine.train;

import studio.backprop.engine.nn.Conv2D;
import studio.backprop.engine.nn.MaxPool2D;

/**
 * One place of a conv or pool layer followed through the seed's equations for the explorer,
 * recomputed here in the plainest order beside the engine's own numbers (which add in other
 * orders, so the two agree to rounding).
 *
 * <p>Conv: output (filter, y, x) is Z = W^T A + W0 with A its receptive field (C K K values,
 * zeros where the window hangs over the edge) and W the filter's column; dL/dW of the filter
 * is the sum over every position of (field) x dL/dZ; dL/dA of one input value is the sum of
 * W dL/dZ over each filter and each position whose field holds it. Pool: output (channel, y,
 * x) is the largest value of its window, and backward hands dL/dv to that value alone.
 */
public final class Focus {
    /** The output place: filter (pool: channel), row, column; its window's top-left in the input (negative in the padding) and side. */
    public int filter, y, x, top, left, size;
    /** Conv: the receptive field, the filter's weights over it, their elementwise products (each C K K, tap order). */
    public double[] field, kernel, products;
    /** Conv: W0 of the filter, the products' sum plus W0, and Z at the place as the engine computed it. */
    public double bias, sum, z;
    /** Conv: the filter's dL/dW as the engine computed it, the sum over positions recomputed, over this many positions. */
    public double[] dLdW, dLdWSum;
    public double dLdW0, dLdW0Sum;
    public int positions;
    /** Conv: the input value followed back (channel, row, column), how many W dL/dZ terms reach it, their sum, the engine's dL/dA. */
    public int channel, inY, inX, terms;
    public double scatterSum, dLdAPrev;
    /** Conv: the output places whose window holds that input value: rows reachTop..reachBottom, columns reachLeft..reachRight. */
    public int reachTop, reachLeft, reachBottom, reachRight;
    /** Pool: the window's values (K x K), the index of the largest in it, dL/dv at the place, dL/du over the window. */
    public double[] window, dLdWindow;
    public int argmax;
    public double dLdOut;

    private Focus() {}

    private static int place(double fraction, int side) {
        if (!(fraction >= 0)) fraction = 0.5;
        return Math.min(side - 1, (int) (fraction * side));
    }

    static Focus conv(Conv2D c, double[] a, double[] dLdZ, double[] dLdA, double[] z, double fy, double fx, int filter) {
        Focus o = new Focus();
        int K = c.K, taps = c.inC * K * K, positions = c.outH * c.outW;
        o.filter = Math.floorMod(filter, c.F);
        o.y = place(fy, c.outH);
        o.x = place(fx, c.outW);
        o.top = o.y * c.S - c.padTop;
        o.left = o.x * c.S - c.padLeft;
        o.size = K;
        int f = o.filter;
        o.field = field(c, a, o.y, o.x);
        o.kernel = new double[taps];
        o.products = new double[taps];
        double sum = c.W0.value[0][f];
        for (int k = 0; k < taps; k++) {
            o.kernel[k] = c.W.value[k][f];
            o.products[k] = o.kernel[k] * o.field[k];
            sum += o.products[k];
        }
        o.bias = c.W0.value[0][f];
        o.sum = sum;
        o.z = z[(f * c.outH + o.y) * c.outW + o.x];

        o.positions = positions;
        o.dLdW = new double[taps];
        o.dLdWSum = new double[taps];
        for (int k = 0; k < taps; k++) o.dLdW[k] = c.W.grad[k][f];
        for (int oy = 0; oy < c.outH; oy++) {
            for (int ox = 0; ox < c.outW; ox++) {
                double d = dLdZ[(f * c.outH + oy) * c.outW + ox];
                double[] at = field(c, a, oy, ox);
                for (int k = 0; k < taps; k++) o.dLdWSum[k] += at[k] * d;
                o.dLdW0Sum += d;
            }
        }
        o.dLdW0 = c.W0.grad[0][f];

        o.channel = f % c.inC;
        o.inY = Math.max(0, Math.min(c.inH - 1, o.top + K / 2));
        o.inX = Math.max(0, Math.min(c.inW - 1, o.left + K / 2));
        for (int g = 0; g < c.F; g++) {
            for (int ky = 0; ky < K; ky++) {
                for (int kx = 0; kx < K; kx++) {
                    // the output place whose window puts tap (ky, kx) on the followed input value
                    int ry = o.inY + c.padTop - ky, rx = o.inX + c.padLeft - kx;
                    if (ry < 0 || rx < 0 || ry % c.S != 0 || rx % c.S != 0) continue;
                    int oy = ry / c.S, ox = rx / c.S;
                    if (oy >= c.outH || ox >= c.outW) continue;
                    o.scatterSum += c.W.value[(o.channel * K + ky) * K + kx][g] * dLdZ[(g * c.outH + oy) * c.outW + ox];
                    o.terms++;
                }
            }
        }
        o.dLdAPrev = dLdA[(o.channel * c.inH + o.inY) * c.inW + o.inX];
        o.reachTop = reach(o.inY + c.padTop - K + 1, c.S, c.outH);
        o.reachBottom = Math.min(c.outH - 1, (o.inY + c.padTop) / c.S);
        o.reachLeft = reach(o.inX + c.padLeft - K + 1, c.S, c.outW);
        o.reachRight = Math.min(c.outW - 1, (o.inX + c.padLeft) / c.S);
        return o;
    }

    /** The first output place at or after input offset {@code from} (stride s), within 0..side-1. */
    private static int reach(int from, int s, int side) {
        return Math.min(side - 1, Math.max(0, Math.floorDiv(from + s - 1, s)));
    }

    /** The receptive field of output place (oy, ox), tap order (c K + ky) K + kx, zeros outside the image. */
    private static double[] field(Conv2D c, double[] a, int oy, int ox) {
        int K = c.K;
        double[] out = new double[c.inC * K * K];
        for (int ch = 0, k = 0; ch < c.inC; ch++) {
            for (int ky = 0; ky < K; ky++) {
                for (int kx = 0; kx < K; kx++, k++) {
                    int yy = oy * c.S + ky - c.padTop, xx = ox * c.S + kx - c.padLeft;
                    if (yy >= 0 && yy < c.inH && xx >= 0 && xx < c.inW) out[k] = a[(ch * c.inH + yy) * c.inW + xx];
                }
            }
        }
        return out;
    }

    static Focus pool(MaxPool2D p, double[] a, double[] dLdv, double[] dLdu, double fy, double fx, int filter) {
        Focus o = new Focus();
        int K = p.K;
        o.filter = Math.floorMod(filter, p.inC);
        o.y = place(fy, p.outH);
        o.x = place(fx, p.outW);
        o.top = o.y * K;
        o.left = o.x * K;
        o.size = K;
        o.window = new double[K * K];
        o.dLdWindow = new double[K * K];
        for (int ky = 0, k = 0; ky < K; ky++) {
            for (int kx = 0; kx < K; kx++, k++) {
                int at = (o.filter * p.inH + o.top + ky) * p.inW + o.left + kx;
                o.window[k] = a[at];
                o.dLdWindow[k] = dLdu[at];
                if (o.window[k] > o.window[o.argmax]) o.argmax = k;
            }
        }
        o.dLdOut = dLdv[(o.filter * p.outH + o.y) * p.outW + o.x];
        return o;
    }
}
