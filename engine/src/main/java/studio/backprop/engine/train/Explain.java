package studio.backprop.engine.train;

import java.util.ArrayList;
import java.util.List;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.nn.Activation;
import studio.backprop.engine.nn.Conv2D;
import studio.backprop.engine.nn.Dropout;
import studio.backprop.engine.nn.Linear;
import studio.backprop.engine.nn.Loss;
import studio.backprop.engine.nn.MaxPool2D;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.OneHot;
import studio.backprop.engine.nn.Param;
import studio.backprop.engine.nn.Recurrent;
import studio.backprop.engine.nn.StepLinear;

/**
 * One sample through the seed's equations, with every number taken from the engine's own
 * forward, backward and weight grad (the code that trains): per layer l, A^(l-1), W^l, W0^l,
 * Z^l, A^l on the way forward; dL/dA^l, dL/dZ^l, dL/dW^l, dL/dW0^l and dL/dA^(l-1) on the way
 * back; and W^l after one SGD step. Conv and pool layers also follow one place through their
 * equations ({@link Focus}), a recurrent layer is unrolled through time ({@link ExplainTime}). Also a
 * finite-difference check of every dL/dW (a recurrent layer's W and Wh) and the
 * batch gradient as the sum of per-sample gradients.
 */
public final class Explain {
    /**
     * Layer l as the layer editor lists it: "dense" or "conv" (a map with weights, then its
     * activation), "pool" or "dropout". Vectors are per sample; spatial ones are C x H x W maps
     * in that order. Dense: W is m x n (row-major). Conv: W is C K K x F (row k = tap
     * (c K + ky) K + kx), m and n are the input and output sizes. z, activation, w, w0, dLdZ,
     * dLdW, dLdW0 and wAfter are null for pool and dropout; dLdA is null where the loss hands
     * over dL/dZ.
     */
    public static final class Layer {
        public String kind;
        public int m, n;
        /** C, H, W of A^(l-1) and of A^l (1 x 1 x size for flat ones). */
        public int[] inShape, outShape;
        public String activation;
        /** Dropout's rate (0 for other layers). */
        public double rate;
        public double[] aPrev, w, w0, z, a, dLdA, dLdZ, dLdAPrev, dLdW, dLdW0, wAfter;
        /** f'(Z) of an elementwise activation (null for softmax, whose dA/dZ is not diagonal, and where the loss hands over dL/dZ). */
        public double[] fPrime;
        /** Conv and pool: one place of the layer followed through its equations. */
        public Focus focus;
        /** A recurrent layer ("recurrent"): the sample unrolled through time. */
        public ExplainTime time;
    }

    public final Layer[] layers;
    public final double loss;
    public final double[] target;
    public final String lossKind;

    private Explain(Layer[] layers, double loss, double[] target, String lossKind) {
        this.layers = layers;
        this.loss = loss;
        this.target = target;
        this.lossKind = lossKind;
    }

    /** x: the network's input (prepared), y: the loss target; lr for the SGD step shown; the focus at the centre, filter 1. */
    public static Explain of(Network net, Loss loss, double[] x, double[] y, double lr) {
        return of(net, loss, x, y, lr, 0.5, 0.5, 0);
    }

    /**
     * The same, with conv and pool layers followed at the place (fy, fx) given as fractions of
     * the image's height and width (each layer's nearest position), and filter {@code filter}
     * (modulo each layer's count; a pool layer follows that channel).
     */
    public static Explain of(Network net, Loss loss, double[] x, double[] y, double lr, double fy, double fx, int filter) {
        Mat in = net.input(1);
        System.arraycopy(x, 0, in.row[0], 0, x.length);
        List<Module> ms = net.modules();
        for (Module m : ms) if (m instanceof Recurrent) ((Recurrent) m).trace = true;
        net.forward();
        double value = net.backward(loss, Mat.of(new double[][] {y}), 1.0, true);
        for (Module m : ms) if (m instanceof Recurrent) ((Recurrent) m).trace = false;
        boolean paired = loss.pairedOutput() != null;
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < ms.size(); ) {
            Module mod = ms.get(i);
            boolean weighted = mod instanceof Linear || mod instanceof Conv2D || mod instanceof StepLinear;
            int out = weighted ? i + 2 : i + 1;
            Layer L = new Layer();
            L.aPrev = row(net.activation(i));
            L.a = row(net.activation(out));
            L.dLdAPrev = row(net.gradient(i));
            L.dLdA = out == ms.size() && paired ? null : row(net.gradient(out));
            L.m = L.aPrev.length;
            L.n = L.a.length;
            L.inShape = new int[] {1, 1, L.m};
            L.outShape = new int[] {1, 1, L.n};
            if (weighted) {
                Param W = mod.params().get(0), W0 = mod.params().get(1);
                L.activation = ms.get(i + 1).kind();
                L.z = row(net.activation(i + 1));
                if (ms.get(i + 1) instanceof Activation && L.dLdA != null) {
                    Activation f = (Activation) ms.get(i + 1);
                    L.fPrime = new double[L.z.length];
                    for (int k = 0; k < L.z.length; k++) L.fPrime[k] = f.slope(L.z[k], L.a[k]);
                }
                L.dLdZ = row(net.gradient(i + 1));
                L.w = flat(W.value);
                L.w0 = W0.value[0].clone();
                L.dLdW = flat(W.grad);
                L.dLdW0 = W0.grad[0].clone();
                L.wAfter = new double[L.w.length];
                for (int k = 0; k < L.w.length; k++) L.wAfter[k] = Det.single(L.w[k] - lr * L.dLdW[k]); // as Sgd stores it
            }
            if (mod instanceof Linear) {
                L.kind = "dense";
            } else if (mod instanceof Conv2D) {
                Conv2D c = (Conv2D) mod;
                L.kind = "conv";
                L.inShape = new int[] {c.inC, c.inH, c.inW};
                L.outShape = new int[] {c.F, c.outH, c.outW};
                L.focus = Focus.conv(c, L.aPrev, L.dLdZ, L.dLdAPrev, L.z, fy, fx, filter);
            } else if (mod instanceof MaxPool2D) {
                MaxPool2D p = (MaxPool2D) mod;
                L.kind = "pool";
                L.inShape = new int[] {p.inC, p.inH, p.inW};
                L.outShape = new int[] {p.inC, p.outH, p.outW};
                L.focus = Focus.pool(p, L.aPrev, L.dLdA, L.dLdAPrev, fy, fx, filter);
            } else if (mod instanceof StepLinear) {
                // the same W at every step: Z_t = W^T A_t + W0
                StepLinear s = (StepLinear) mod;
                L.kind = "stepdense";
                L.inShape = new int[] {1, s.steps, s.m};
                L.outShape = new int[] {1, s.steps, s.n};
            } else if (mod instanceof Recurrent) {
                Recurrent r = (Recurrent) mod;
                L.kind = "recurrent";
                L.inShape = new int[] {1, r.steps, r.inputs};
                L.outShape = r.sequences ? new int[] {1, r.steps, r.hidden} : new int[] {1, 1, r.hidden};
                L.time = new ExplainTime(r, L.aPrev);
            } else if (mod instanceof OneHot) {
                OneHot o = (OneHot) mod;
                L.kind = "onehot";
                L.inShape = new int[] {1, o.steps, 1};
                L.outShape = new int[] {1, o.steps, o.vocab};
            } else if (mod instanceof Dropout) {
                L.kind = "dropout";
                L.inShape = layers.isEmpty() ? L.inShape : layers.get(layers.size() - 1).outShape;
                L.outShape = L.inShape;
                L.rate = ((Dropout) mod).rate;
            } else {
                throw new IllegalArgumentException("the explorer does not know " + mod.kind() + " modules");
            }
            layers.add(L);
            i = out;
        }
        return new Explain(layers.toArray(new Layer[0]), value, y.clone(), loss.kind());
    }

    /**
     * The largest relative error (absolute for gradients below 1e-4 in size), per weight matrix (a
     * dense or conv layer's W, a recurrent layer's W and Wh), between dL/dW from backprop and central
     * finite differences ((L(w + h) - L(w - h)) / 2h), over at most {@code limit} entries per matrix.
     * Weights are restored bit for bit afterwards.
     */
    public static double[] gradientCheck(Network net, Loss loss, double[] x, double[] y, int limit) {
        Mat target = Mat.of(new double[][] {y});
        forwardOne(net, x);
        net.backward(loss, target, 1.0, false);
        List<Param> weights = new ArrayList<>();
        for (Param p : net.params()) if (p.regularised) weights.add(p);
        double[] worst = new double[weights.size()];
        double h = 1e-5;
        for (int l = 0; l < worst.length; l++) {
            Param p = weights.get(l);
            double[][] analytic = new double[p.grad.length][];
            for (int r = 0; r < analytic.length; r++) analytic[r] = p.grad[r].clone();
            int cols = p.value[0].length, total = p.value.length * cols, step = Math.max(1, total / limit);
            for (int k = 0; k < total; k += step) {
                int r = k / cols, c = k % cols;
                double keep = p.value[r][c];
                p.value[r][c] = keep + h;
                double plus = lossOf(net, loss, x, y);
                p.value[r][c] = keep - h;
                double minus = lossOf(net, loss, x, y);
                p.value[r][c] = keep;
                double numeric = (plus - minus) / (2 * h), exact = analytic[r][c];
                // relative, and absolute below 1e-4: the differences of a loss near 1 carry some 1e-11 of rounding,
                // which would swamp a tiny gradient (a text's, averaged over its steps)
                double err = Math.abs(numeric - exact) / Math.max(1e-4, Math.abs(numeric) + Math.abs(exact));
                worst[l] = Math.max(worst[l], err);
            }
        }
        return worst;
    }

    private static void forwardOne(Network net, double[] x) {
        Mat in = net.input(1);
        System.arraycopy(x, 0, in.row[0], 0, x.length);
        net.forward();
    }

    private static double lossOf(Network net, Loss loss, double[] x, double[] y) {
        forwardOne(net, x);
        int L = net.modules().size();
        return loss.value(net.activation(L - 1).row[0], net.activation(L).row[0], y);
    }

    /** The last layer's dL/dW for each sample, their sum, and the gradient of the whole batch at once. */
    public static final class Batch {
        public double[][] perSample;
        public double[] sum, batch;
        public int m, n;
        public boolean mean;
        /** max |sum (or mean) of per-sample gradients - batch gradient| over every parameter of every layer. */
        public double maxDifference;
    }

    public static Batch batch(Network net, Loss loss, double[][] x, double[][] y, boolean mean) {
        List<Param> params = net.params();
        double[][][] sum = new double[params.size()][][];
        Batch b = new Batch();
        b.perSample = new double[x.length][];
        // the last layer with weights: its W (a Linear's, a StepLinear's, ...)
        Param lastW = null;
        for (Module m : net.modules()) if (!m.params().isEmpty()) lastW = m.params().get(0);
        b.m = lastW.value.length;
        b.n = lastW.value[0].length;
        b.mean = mean;
        for (int s = 0; s < x.length; s++) {
            forwardOne(net, x[s]);
            net.backward(loss, Mat.of(new double[][] {y[s]}), 1.0, false);
            for (int p = 0; p < params.size(); p++) {
                double[][] g = params.get(p).grad;
                if (sum[p] == null) sum[p] = new double[g.length][g[0].length];
                for (int r = 0; r < g.length; r++) for (int c = 0; c < g[r].length; c++) sum[p][r][c] += g[r][c];
            }
            b.perSample[s] = flat(lastW.grad);
        }
        Mat in = net.input(x.length);
        for (int s = 0; s < x.length; s++) System.arraycopy(x[s], 0, in.row[s], 0, x[s].length);
        net.forward();
        net.backward(loss, Mat.of(y), mean ? 1.0 / x.length : 1.0, false);
        for (int p = 0; p < params.size(); p++) {
            double[][] g = params.get(p).grad;
            for (int r = 0; r < g.length; r++) {
                for (int c = 0; c < g[r].length; c++) {
                    double expected = mean ? sum[p][r][c] / x.length : sum[p][r][c];
                    b.maxDifference = Math.max(b.maxDifference, Math.abs(expected - g[r][c]));
                }
            }
        }
        int last = params.indexOf(lastW);
        b.sum = flat(sum[last]);
        if (mean) for (int i = 0; i < b.sum.length; i++) b.sum[i] /= x.length;
        b.batch = flat(lastW.grad);
        return b;
    }

    private static double[] row(Mat m) {
        return m.row[0].clone();
    }

    private static double[] flat(double[][] a) {
        int cols = a.length == 0 ? 0 : a[0].length;
        double[] out = new double[a.length * cols];
        for (int r = 0; r < a.length; r++) System.arraycopy(a[r], 0, out, r * cols, cols);
        return out;
    }
}
