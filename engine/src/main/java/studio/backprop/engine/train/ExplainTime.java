package studio.backprop.engine.train;

import studio.backprop.engine.nn.GRU;
import studio.backprop.engine.nn.Recurrent;

/**
 * A recurrent layer of one sample unrolled through time, every number the engine's own (its
 * forward and its backward through time, see {@link Explain}): per step t the input x_t, the
 * state h_{t-1} it starts from, the pre-activations a_t = W^T x_t + Wh^T h_{t-1} + W0 of every
 * gate, the cell's state (the gates' values, LSTM's c_t) and h_t; back through time dL/dh_t, as
 * what the step's own output sends plus what step t + 1 sends back, and dL/da_t; then dL/dW,
 * dL/dWh and dL/dW0, each the sum over the steps.
 */
public final class ExplainTime {
    /** rnn, gru or lstm. */
    public final String cell;
    public final int inputs, hidden, steps, gates;
    /** Whether the layer hands on every step's state (else the last step's only). */
    public final boolean sequences;
    public final String[] gateNames, stateNames;
    /** x_t (steps x inputs), h_0 .. h_T ((steps + 1) x hidden), a_t (steps x gates·hidden), the cell's state per step. */
    public final double[] x, h, a, state;
    /** dL/dh_t from the step's own output, dL/dh_t in all, dL/da_t (as a_t). */
    public final double[] dLdhOwn, dLdh, dLda;
    /** W (inputs x gates·hidden), Wh (hidden x gates·hidden), W0 and their gradients, row-major. */
    public final double[] w, wh, w0, dLdW, dLdWh, dLdW0;

    ExplainTime(Recurrent r, double[] input) {
        cell = r.kind();
        inputs = r.inputs;
        hidden = r.hidden;
        steps = r.steps;
        gates = r.gates;
        sequences = r.sequences;
        gateNames = r.gateNames();
        stateNames = r.stateNames();
        x = input.clone();
        h = r.states(0);
        state = r.cellStates(0);
        dLdhOwn = r.traceOwn.clone();
        dLdh = r.traceDh.clone();
        dLda = r.traceDa.clone();
        w = flat(r.W.value);
        wh = flat(r.Wh.value);
        w0 = r.W0.value[0].clone();
        dLdW = flat(r.W.grad);
        dLdWh = flat(r.Wh.grad);
        dLdW0 = r.W0.grad[0].clone();
        a = preActivations(r);
    }

    /**
     * a_t added up as the forward pass adds it (RNN and LSTM: x_t's terms, then h_{t-1}'s, onto
     * W0; GRU: h_{t-1}'s terms apart, the candidate's times r), so that each is the engine's number.
     */
    private double[] preActivations(Recurrent r) {
        int width = gates * hidden;
        boolean gru = r instanceof GRU;
        double[] out = new double[steps * width];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < width; j++) {
                double s = w0[j];
                for (int k = 0; k < inputs; k++) if (x[t * inputs + k] != 0.0) s += x[t * inputs + k] * w[k * width + j];
                double rec = gru ? 0.0 : s;
                for (int k = 0; k < hidden; k++) if (h[t * hidden + k] != 0.0) rec += h[t * hidden + k] * wh[k * width + j];
                out[t * width + j] = !gru ? rec : j < 2 * hidden ? s + rec : s + state[t * 4 * hidden + hidden + (j - 2 * hidden)] * rec;
            }
        }
        return out;
    }

    /** Whether this is an LSTM (its cell carries c_t beside h_t). */
    public boolean lstm() {
        return cell.equals(studio.backprop.engine.nn.Modules.LSTM);
    }

    static double[] flat(double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        double[] out = new double[m.length * cols];
        for (int r = 0; r < m.length; r++) System.arraycopy(m[r], 0, out, r * cols, cols);
        return out;
    }

}
