package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;

/**
 * The Elman recurrent layer: h_t = f(W^T x_t + Wh^T h_{t-1} + W0), h_0 = 0, f tanh or ReLU. Back
 * through time, dL/da_t = dL/dh_t ⊙ f'(a_t), and dL/dh_{t-1} = Wh dL/da_t (see {@link Recurrent}).
 */
public final class RNN extends Recurrent {
    /** Whether f is ReLU (else tanh). */
    public final boolean relu;

    public RNN(int inputs, int hidden, int steps, boolean sequences, boolean relu) {
        super(inputs, hidden, steps, sequences, 1);
        this.relu = relu;
    }

    @Override public String kind() { return Modules.RNN; }

    @Override public int[] shape() {
        return new int[] {inputs, hidden, steps, sequences ? 1 : 0, relu ? 1 : 0};
    }

    @Override public String[] gateNames() { return new String[] {"a"}; }

    @Override public String[] stateNames() { return new String[] {}; }

    @Override int stateSize() { return 0; }

    @Override void cell(int i, int t, double[] x, int xAt) {
        double[] hi = h[i];
        int out = (t + 1) * hidden;
        for (int j = 0; j < hidden; j++) {
            double a = pre[j];
            hi[out + j] = relu ? (a > 0 ? a : 0.0) : Det.tanh(a);
        }
    }

    @Override void cellBack(int i, int t, double[] x, int xAt) {
        double[] hi = h[i];
        int at = (t + 1) * hidden;
        for (int j = 0; j < hidden; j++) {
            double ht = hi[at + j];
            da[j] = dh[j] * (relu ? (ht > 0 ? 1.0 : 0.0) : 1.0 - ht * ht);
            dh[j] = 0.0;
        }
    }
}
