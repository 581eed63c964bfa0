package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;

/**
 * The gated recurrent unit, as PyTorch's and Keras's default (the reset gate after the recurrent
 * product; ONNX's linear_before_reset = 1), its gates z (update), r (reset), n (candidate) side
 * by side in the columns of W, Wh and W0:
 *
 * <pre>
 * z = σ(W_z^T x_t + Wh_z^T h_{t-1} + W0_z)
 * r = σ(W_r^T x_t + Wh_r^T h_{t-1} + W0_r)
 * n = tanh(W_n^T x_t + W0_n + r ⊙ Wh_n^T h_{t-1})
 * h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}
 * </pre>
 */
public final class GRU extends Recurrent {
    /** h_{t-1} Wh of one step (the three gates' parts). */
    private final double[] hw;
    /** dL/d(h_{t-1} Wh): dL/da for z and r, dL/da_n ⊙ r for the candidate. */
    private final double[] dhw;

    public GRU(int inputs, int hidden, int steps, boolean sequences) {
        super(inputs, hidden, steps, sequences, 3);
        hw = new double[3 * hidden];
        dhw = new double[3 * hidden];
    }

    @Override public String kind() { return Modules.GRU; }

    /** z, r, n and the candidate's recurrent part Wh_n^T h_{t-1}, per step. */
    @Override public String[] gateNames() { return new String[] {"z", "r", "n"}; }

    @Override public String[] stateNames() { return new String[] {"z", "r", "n", "Wh_n h"}; }

    @Override int stateSize() { return 4 * hidden; }

    @Override double[] preForWh() {
        for (int j = 0; j < hw.length; j++) hw[j] = 0.0;
        return hw;
    }

    @Override void cell(int i, int t, double[] x, int xAt) {
        double[] hi = h[i], s = state[i];
        int H = hidden, prev = t * H, out = (t + 1) * H, at = t * 4 * H;
        for (int j = 0; j < H; j++) {
            double z = Det.sigmoid(pre[j] + hw[j]);
            double r = Det.sigmoid(pre[H + j] + hw[H + j]);
            double n = Det.tanh(pre[2 * H + j] + r * hw[2 * H + j]);
            s[at + j] = z;
            s[at + H + j] = r;
            s[at + 2 * H + j] = n;
            s[at + 3 * H + j] = hw[2 * H + j];
            hi[out + j] = (1.0 - z) * n + z * hi[prev + j];
        }
    }

    @Override void cellBack(int i, int t, double[] x, int xAt) {
        double[] hi = h[i], s = state[i];
        int H = hidden, prev = t * H, at = t * 4 * H;
        for (int j = 0; j < H; j++) {
            double z = s[at + j], r = s[at + H + j], n = s[at + 2 * H + j], hn = s[at + 3 * H + j];
            double g = dh[j];
            double dan = g * (1.0 - z) * (1.0 - n * n);
            double daz = g * (hi[prev + j] - n) * z * (1.0 - z);
            double dar = dan * hn * r * (1.0 - r);
            da[j] = daz;
            da[H + j] = dar;
            da[2 * H + j] = dan;
            dhw[j] = daz;
            dhw[H + j] = dar;
            dhw[2 * H + j] = dan * r;
            dh[j] = g * z;
        }
    }

    @Override void gradWh(int i, int t, double[] hi) {
        addOuter(hi, t * hidden, hidden, dhw, 3 * hidden, Wh.grad);
    }

    @Override void backToPrevious(int i, int t) {
        for (int k = 0; k < hidden; k++) dh[k] += dot(Wh.value[k], dhw, 3 * hidden);
    }
}
