package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;

/**
 * Long short-term memory, its gates i (input), f (forget), g (candidate), o (output) side by
 * side in the columns of W, Wh and W0 (PyTorch's order), c_0 = h_0 = 0:
 *
 * <pre>
 * i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o)   with a = W^T x_t + Wh^T h_{t-1} + W0
 * c_t = f ⊙ c_{t-1} + i ⊙ g
 * h_t = o ⊙ tanh(c_t)
 * </pre>
 *
 * Back through time the cell carries dL/dc_t too: dL/dc_{t-1} = dL/dc_t ⊙ f.
 */
public final class LSTM extends Recurrent {
    /** dL/dc_t while going back. */
    private final double[] dc;

    public LSTM(int inputs, int hidden, int steps, boolean sequences) {
        super(inputs, hidden, steps, sequences, 4);
        dc = new double[hidden];
    }

    @Override public String kind() { return Modules.LSTM; }

    /** i, f, g, o, c_t and tanh(c_t), per step. */
    @Override public String[] gateNames() { return new String[] {"i", "f", "g", "o"}; }

    @Override public String[] stateNames() { return new String[] {"i", "f", "g", "o", "c", "tanh c"}; }

    @Override int stateSize() { return 6 * hidden; }

    @Override void cell(int i, int t, double[] x, int xAt) {
        double[] hi = h[i], s = state[i];
        int H = hidden, out = (t + 1) * H, at = t * 6 * H, before = at - 6 * H;
        for (int j = 0; j < H; j++) {
            double in = Det.sigmoid(pre[j]), f = Det.sigmoid(pre[H + j]), g = Det.tanh(pre[2 * H + j]), o = Det.sigmoid(pre[3 * H + j]);
            double cPrev = t == 0 ? 0.0 : s[before + 4 * H + j];
            double c = f * cPrev + in * g, tc = Det.tanh(c);
            s[at + j] = in;
            s[at + H + j] = f;
            s[at + 2 * H + j] = g;
            s[at + 3 * H + j] = o;
            s[at + 4 * H + j] = c;
            s[at + 5 * H + j] = tc;
            hi[out + j] = o * tc;
        }
    }

    @Override void startBack() {
        for (int j = 0; j < hidden; j++) dc[j] = 0.0;
    }

    @Override void cellBack(int i, int t, double[] x, int xAt) {
        double[] s = state[i];
        int H = hidden, at = t * 6 * H, before = at - 6 * H;
        for (int j = 0; j < H; j++) {
            double in = s[at + j], f = s[at + H + j], g = s[at + 2 * H + j], o = s[at + 3 * H + j], tc = s[at + 5 * H + j];
            double cPrev = t == 0 ? 0.0 : s[before + 4 * H + j];
            double dhj = dh[j];
            double dct = dc[j] + dhj * o * (1.0 - tc * tc);
            da[j] = dct * g * in * (1.0 - in);
            da[H + j] = dct * cPrev * f * (1.0 - f);
            da[2 * H + j] = dct * in * (1.0 - g * g);
            da[3 * H + j] = dhj * tc * o * (1.0 - o);
            dc[j] = dct * f;
            dh[j] = 0.0;
        }
    }
}
