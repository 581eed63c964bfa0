package studio.backprop.engine.data;

import studio.backprop.engine.math.Det;
import studio.backprop.engine.math.Rng;

/**
 * The built-in time series, generated from the seed: a noisy sine ("wave"), a sum of two sines
 * ("sines"), a sawtooth ("saw") and a damped oscillation struck again and again ("damped"). The
 * task is to forecast the next {@code horizon} values from the last {@code window}: sample i is
 * the window of values i .. i + window - 1 (inputs t-window .. t-1, the oldest first) and the
 * values after it (targets t+1 .. t+horizon). The samples keep their order, so that train and
 * test are the earlier and the later part of the series (see DataSet#splitInOrder).
 */
public final class Series {
    private Series() {}

    public static final String[] NAMES = {"wave", "sines", "saw", "damped"};
    /** Values of a generated series. */
    public static final int LENGTH = 1000;
    public static final int MAX_WINDOW = 200, MAX_HORIZON = 50;
    private static final double TWO_PI = 6.283185307179586;

    public static boolean isSeries(String name) {
        for (String s : NAMES) if (s.equals(name)) return true;
        return false;
    }

    /** The series' values at t = 0 .. length - 1, with Gaussian noise of this deviation. */
    public static double[] values(String name, int length, double noise, Rng rng) {
        double[] v = new double[length];
        for (int t = 0; t < length; t++) {
            double x;
            switch (name) {
                case "wave": x = Det.sin(TWO_PI * t / 50.0); break;
                case "sines": x = 0.6 * Det.sin(TWO_PI * t / 40.0) + 0.4 * Det.sin(TWO_PI * t / 13.0); break;
                case "saw": x = (t % 30) / 15.0 - 1.0; break;
                case "damped": {
                    double s = (t % 60) / 60.0;
                    x = Det.exp(-3.0 * s) * Det.cos(TWO_PI * 4.0 * s);
                    break;
                }
                default: throw new IllegalArgumentException("unknown series '" + name + "'");
            }
            v[t] = x + (noise > 0 ? noise * rng.nextGaussian() : 0.0);
        }
        return v;
    }

    /** The forecasting samples of a series (see the class comment). */
    public static DataSet dataSet(String name, int window, int horizon, double noise, Rng rng) {
        if (window < 1 || window > MAX_WINDOW) throw new IllegalArgumentException("window must be 1 to " + MAX_WINDOW + " steps, got " + window);
        if (horizon < 1 || horizon > MAX_HORIZON) throw new IllegalArgumentException("horizon must be 1 to " + MAX_HORIZON + " steps, got " + horizon);
        if (!(noise >= 0 && noise <= 1)) throw new IllegalArgumentException("noise must be between 0 and 1");
        return windows(name, values(name, LENGTH, noise, rng), window, horizon);
    }

    /**
     * A numeric column of a table as a series: in the order of the table's first date column
     * when it has one (rows of equal dates keep their order), else in the file's order; rows
     * whose value is missing are left out.
     *
     * @throws CsvException naming the column, or the line whose value is no number
     */
    public static DataSet fromTable(Table t, String column, String name, int window, int horizon) throws CsvException {
        int c = t.column(column);
        int date = -1;
        for (int k = 0; k < t.names.length && date < 0; k++) if (k != c && Table.DATE.equals(t.kinds[k]) && t.dateSpecs[k] != null) date = k;
        Integer[] order = new Integer[t.rows.length];
        for (int r = 0; r < order.length; r++) order[r] = r;
        if (date >= 0) {
            double[] when = new double[t.rows.length];
            for (int r = 0; r < when.length; r++) when[r] = Dates.instant(t.rows[r][date], t.dateSpecs[date]);
            java.util.Arrays.sort(order, (a, b) -> Double.compare(when[a], when[b]));
        }
        double[] v = new double[t.rows.length];
        int n = 0;
        for (int r : order) {
            String cell = t.rows[r][c];
            if (Numbers.isMissing(cell)) continue;
            double x = Numbers.parse(cell);
            if (!(x == x) || Double.isInfinite(x)) throw new CsvException(t.lines[r], c + 1, "the series '" + column + "' has '" + cell + "', which is no number");
            v[n++] = x;
        }
        if (n < window + horizon + 2) {
            throw new IllegalArgumentException("the series '" + column + "' has " + n + " values: a window of " + window + " and a horizon of " + horizon
                    + " need at least " + (window + horizon + 2));
        }
        return windows(name, java.util.Arrays.copyOf(v, n), window, horizon);
    }

    /** The forecasting samples of these values (see the class comment). */
    static DataSet windows(String name, double[] v, int window, int horizon) {
        int n = v.length - window - horizon + 1;
        double[][] x = new double[n][window], y = new double[n][horizon];
        for (int i = 0; i < n; i++) {
            System.arraycopy(v, i, x[i], 0, window);
            System.arraycopy(v, i + window, y[i], 0, horizon);
        }
        String[] inputs = new String[window], targets = new String[horizon];
        for (int k = 0; k < window; k++) inputs[k] = "t-" + (window - k);
        for (int k = 0; k < horizon; k++) targets[k] = "t+" + (k + 1);
        return new DataSet(name, inputs, x, targets, new String[0], y);
    }
}
