package studio.backprop.engine.train;

import studio.backprop.engine.model.Model;

/**
 * A series model's forecasts: the series back in order from its windows, and a forecast rolled out
 * past a window (each next value from the last {@code window} values, the forecast ones included).
 */
public final class Forecast {
    private Forecast() {}

    /** A series run's values in time order: its first window, then each window's first target (train, then test). */
    public static double[] values(Experiment ex) {
        int window = ex.train.x[0].length, n = ex.train.size() + ex.test.size();
        double[] v = new double[window + n];
        System.arraycopy(ex.train.x[0], 0, v, 0, window);
        for (int i = 0; i < n; i++) v[window + i] = (i < ex.train.size() ? ex.train.y[i] : ex.test.y[i - ex.train.size()])[0];
        return v;
    }

    /** The next {@code steps} values after these (their last window is read), each forecast fed back as the newest value. */
    public static double[] rollout(Model model, double[] values, int steps) {
        int window = model.network.inputs;
        if (values.length < window) throw new IllegalArgumentException("the model reads " + window + " values, got " + values.length);
        double[] last = java.util.Arrays.copyOfRange(values, values.length - window, values.length), out = new double[steps];
        for (int k = 0; k < steps; k++) {
            double next = model.predict(new double[][] {last})[0][0];
            out[k] = next;
            System.arraycopy(last, 1, last, 0, window - 1);
            last[window - 1] = next;
        }
        return out;
    }
}
