package studio.backprop.engine.nn;

import java.util.List;
import studio.backprop.engine.math.Mat;

/**
 * What the recurrent modules ({@link RNN}, {@link GRU}, {@link LSTM}) share: the seed's module
 * API carried through time. A sample is a sequence of {@code steps} inputs of {@code inputs}
 * values each, stored flat, step after step (index t inputs + k); v is every step's hidden state
 * (steps x hidden, step after step) or, without {@code sequences}, the last step's only.
 *
 * <p>Forward keeps each step's state (h_t, and the gates) per sample. Weight grad runs back
 * through time (BPTT over the whole sequence): dL/dh_t gathers the step's own dL/dv and what step
 * t+1 sends back, and dL/dW is the sum over the steps. Backward gives dL/du from the same pass
 * (kept from weight grad when it ran on the same u and dL/dv, as {@link Network#backward} calls
 * them; else computed afresh).
 *
 * <p>Parameters, per gate g (one for RNN, three for GRU, four for LSTM) side by side in the
 * columns: W (inputs x gates·hidden) on x_t, Wh (hidden x gates·hidden) on h_{t-1}, W0 (1 x
 * gates·hidden): a_t = W^T x_t + Wh^T h_{t-1} + W0, as the seed's Z = W^T A + W0.
 */
public abstract class Recurrent implements Module {
    public final int inputs, hidden, steps, gates;
    public final boolean sequences;
    public final Param W, Wh, W0;

    /** Per sample: h_0 .. h_steps ((steps + 1) x hidden; h_0 = 0), and the cell's own state per step (see {@link #stateSize}). */
    double[][] h = new double[0][], state = new double[0][];
    /** dL/du of the last weight grad's pass, and which forward, u and dL/dv it was of. */
    private Mat dx;
    private Mat dxU, dxV;
    private long dxForward = -1, forwards;
    /**
     * After a weight grad: per step t, the root mean square over the batch's samples of the norm of
     * dL/dh_t (all the loss's gradient that reaches step t's state), so that a gradient vanishing or
     * exploding back through time can be seen.
     */
    public final double[] gradientByStep;
    /**
     * The explorer's view of one sample (see train/ExplainTime): with {@code trace} set, a weight
     * grad keeps, for its first sample and per step t, dL/dh_t from the step's own output
     * (steps x hidden), dL/dh_t in all (that and what step t+1 sends back), and dL/da_t (steps x
     * gates·hidden).
     */
    public boolean trace;
    public double[] traceOwn, traceDh, traceDa;
    /** Scratch of one step: dL/dh_t, dL/da_t (gates x hidden), and the step's pre-activations. */
    final double[] dh, da, pre;

    Recurrent(int inputs, int hidden, int steps, boolean sequences, int gates) {
        if (inputs < 1 || hidden < 1 || steps < 1) throw new IllegalArgumentException("a recurrent layer needs inputs, units and steps, got " + inputs + ", " + hidden + ", " + steps);
        this.inputs = inputs;
        this.hidden = hidden;
        this.steps = steps;
        this.sequences = sequences;
        this.gates = gates;
        W = new Param("W", inputs, gates * hidden, true);
        Wh = new Param("Wh", hidden, gates * hidden, true);
        W0 = new Param("W0", 1, gates * hidden, false);
        dh = new double[hidden];
        gradientByStep = new double[steps];
        da = new double[gates * hidden];
        pre = new double[gates * hidden];
    }

    @Override public int[] shape() {
        return new int[] {inputs, hidden, steps, sequences ? 1 : 0};
    }

    @Override public int outputSize(int inputSize) {
        if (inputSize != steps * inputs) {
            throw new IllegalArgumentException(kind() + " expects " + steps + " steps of " + inputs + " (" + steps * inputs + " inputs), got " + inputSize);
        }
        return sequences ? steps * hidden : hidden;
    }

    @Override public List<Param> params() {
        return List.of(W, Wh, W0);
    }

    /** Numbers of the cell's state kept per step and sample (its gates' values, LSTM's cell). */
    abstract int stateSize();

    /** The names of the gates side by side in W's columns (RNN: one, "a"). */
    public abstract String[] gateNames();

    /** The names of the cell's state per step, hidden values each (see {@link #stateSize}). */
    public abstract String[] stateNames();

    /** Sample i's states after the last forward: h_0 .. h_steps, hidden values each. */
    public double[] states(int i) {
        return h[i].clone();
    }

    /** Sample i's cell state per step after the last forward ({@link #stateNames}, hidden values each, step after step). */
    public double[] cellStates(int i) {
        return state[i].clone();
    }

    /** Step t of sample i: from its pre-activations {@link #pre} (x_t W + h_{t-1} Wh + W0, or what the cell needs), h_t and the step's state. */
    abstract void cell(int i, int t, double[] x, int xAt);

    /**
     * Back through step t of sample i: from dL/dh_t in {@link #dh} (and the cell's own carried
     * gradient), dL/da_t into {@link #da}; dL/dh_{t-1} (what goes back) into {@link #dh}.
     */
    abstract void cellBack(int i, int t, double[] x, int xAt);

    private void ensure(int rows) {
        if (h.length >= rows) return;
        h = new double[rows][(steps + 1) * hidden];
        state = new double[rows][steps * stateSize()];
    }

    @Override public void forward(Mat u, Mat v) {
        ensure(u.rows);
        forwards++;
        double[] b = W0.value[0];
        int width = gates * hidden;
        for (int i = 0; i < u.rows; i++) {
            double[] x = u.row[i], hi = h[i];
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < width; j++) pre[j] = b[j];
                addTimes(x, t * inputs, inputs, W.value, pre);
                addTimes(hi, t * hidden, hidden, Wh.value, preForWh());
                cell(i, t, x, t * inputs);
            }
            double[] out = v.row[i];
            if (sequences) System.arraycopy(hi, hidden, out, 0, steps * hidden);
            else System.arraycopy(hi, steps * hidden, out, 0, hidden);
        }
    }

    /** Where h_{t-1} Wh goes: the pre-activations (GRU keeps its candidate's part apart). */
    double[] preForWh() {
        return pre;
    }

    @Override public void weightGrad(Mat u, Mat dLdv) {
        if (dx == null || dx.capacity() < u.rows || dx.cols != u.cols) dx = new Mat(Math.max(u.rows, 1), u.cols);
        dx.rows = u.rows;
        pass(u, dLdv, true, dx);
        dxU = u;
        dxV = dLdv;
        dxForward = forwards;
    }

    @Override public void backward(Mat u, Mat v, Mat dLdv, Mat dLdu) {
        if (dxForward == forwards && dxU == u && dxV == dLdv) {
            for (int i = 0; i < u.rows; i++) System.arraycopy(dx.row[i], 0, dLdu.row[i], 0, u.cols);
        } else {
            pass(u, dLdv, false, dLdu);
        }
    }

    /** Back through time for every sample: dL/du into dLdu, and with grads, dL/dW, dL/dWh and dL/dW0 added. */
    private void pass(Mat u, Mat dLdv, boolean grads, Mat dLdu) {
        int width = gates * hidden;
        if (grads) Mat.zero(gradientByStep);
        boolean tracing = trace && grads;
        if (tracing && (traceDh == null || traceDh.length != steps * hidden)) {
            traceOwn = new double[steps * hidden];
            traceDh = new double[steps * hidden];
            traceDa = new double[steps * width];
        }
        for (int i = 0; i < u.rows; i++) {
            double[] x = u.row[i], dv = dLdv.row[i], dxi = dLdu.row[i], hi = h[i];
            Mat.zero(dh);
            startBack();
            Mat.zero(dxi);
            for (int t = steps - 1; t >= 0; t--) {
                if (sequences) for (int j = 0; j < hidden; j++) dh[j] += dv[t * hidden + j];
                else if (t == steps - 1) for (int j = 0; j < hidden; j++) dh[j] += dv[j];
                if (grads) gradientByStep[t] += dot(dh, dh, hidden);
                boolean traced = tracing && i == 0;
                if (traced) {
                    for (int j = 0; j < hidden; j++) traceOwn[t * hidden + j] = sequences ? dv[t * hidden + j] : t == steps - 1 ? dv[j] : 0.0;
                    System.arraycopy(dh, 0, traceDh, t * hidden, hidden);
                }
                cellBack(i, t, x, t * inputs);
                if (traced) System.arraycopy(da, 0, traceDa, t * width, width);
                // dL/dx_t = W dL/da_t
                for (int k = 0; k < inputs; k++) dxi[t * inputs + k] = dot(W.value[k], da, width);
                if (grads) {
                    addOuter(x, t * inputs, inputs, da, width, W.grad);
                    double[] g0 = W0.grad[0];
                    for (int j = 0; j < width; j++) g0[j] += da[j];
                    gradWh(i, t, hi);
                }
                backToPrevious(i, t);
            }
        }
        if (grads) for (int t = 0; t < steps; t++) gradientByStep[t] = Math.sqrt(gradientByStep[t] / Math.max(1, u.rows));
    }

    /** The carried gradients start at zero at the sequence's end (LSTM's dL/dc). */
    void startBack() {}

    /** dL/dWh += h_{t-1} dL/da_t (GRU's candidate takes r ⊙ h_{t-1}). */
    void gradWh(int i, int t, double[] hi) {
        addOuter(hi, t * hidden, hidden, da, gates * hidden, Wh.grad);
    }

    /** dL/dh_{t-1}: what the cell kept in {@link #dh} plus Wh dL/da_t (GRU's candidate part goes through r). */
    void backToPrevious(int i, int t) {
        int width = gates * hidden;
        for (int k = 0; k < hidden; k++) dh[k] += dot(Wh.value[k], da, width);
    }

    /** out[j] += sum_k a[at + k] m[k][j]: a row vector times a matrix, row by row. */
    static void addTimes(double[] a, int at, int n, double[][] m, double[] out) {
        for (int k = 0; k < n; k++) {
            double ak = a[at + k];
            if (ak == 0.0) continue;
            double[] mk = m[k];
            for (int j = 0; j < out.length; j++) out[j] += ak * mk[j];
        }
    }

    static double dot(double[] a, double[] b, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) s += a[j] * b[j];
        return s;
    }

    /** g[k][j] += a[at + k] d[j]. */
    static void addOuter(double[] a, int at, int n, double[] d, int width, double[][] g) {
        for (int k = 0; k < n; k++) {
            double ak = a[at + k];
            if (ak == 0.0) continue;
            double[] gk = g[k];
            for (int j = 0; j < width; j++) gk[j] += ak * d[j];
        }
    }
}
