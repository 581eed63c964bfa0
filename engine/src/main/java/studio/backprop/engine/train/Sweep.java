package studio.backprop.engine.train;

import java.util.ArrayList;
import java.util.List;
import studio.backprop.engine.data.Text;

/**
 * A grid of runs from one setup: one or more settings, each over a list of values, written as
 * the URL key and CLI flag sweep take it: {@code lr:0.001|0.01|0.1;layers:8|16,16} (values split
 * by |, settings by ;). Every run of the grid is exactly the run its settings make alone.
 */
public final class Sweep {
    /** The most runs a grid may hold. */
    public static final int MAX_RUNS = 100;

    /** One setting and its values. */
    public static final class Axis {
        public final String key;
        public final List<String> values;

        Axis(String key, List<String> values) {
            this.key = key;
            this.values = values;
        }
    }

    public final List<Axis> axes;

    private Sweep(List<Axis> axes) {
        this.axes = axes;
    }

    public static Sweep parse(String spec) {
        List<Axis> axes = new ArrayList<>();
        for (String part : Text.split(spec, ';')) {
            if (part.trim().isEmpty()) continue;
            int colon = part.indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("sweep: expected setting:value|value, got '" + part + "'");
            String key = part.substring(0, colon).trim();
            if (!Settings.isKey(key)) throw new IllegalArgumentException("sweep: unknown setting '" + key + "'");
            if (key.equals("data") || key.equals("epochs") || key.equals("speed")) {
                throw new IllegalArgumentException("sweep: '" + key + "' is the same for every run of a grid");
            }
            for (Axis a : axes) if (a.key.equals(key)) throw new IllegalArgumentException("sweep: '" + key + "' is swept twice");
            List<String> values = new ArrayList<>();
            for (String v : Text.split(part.substring(colon + 1), '|')) values.add(v.trim());
            if (values.size() < 1 || values.contains("") && !key.equals("layers")) {
                throw new IllegalArgumentException("sweep: '" + key + "' needs values split by |, got '" + part.substring(colon + 1) + "'");
            }
            axes.add(new Axis(key, values));
        }
        if (axes.isEmpty()) throw new IllegalArgumentException("sweep: give at least one setting, e.g. lr:0.001|0.01|0.1");
        long runs = 1;
        for (Axis a : axes) runs *= a.values.size();
        if (runs > MAX_RUNS) throw new IllegalArgumentException("sweep: " + runs + " runs; at most " + MAX_RUNS);
        return new Sweep(axes);
    }

    /** Every run's settings, the first axis varying slowest; each is checked as a run would check it. */
    public List<Settings> grid(Settings base) {
        List<Settings> out = new ArrayList<>();
        out.add(base.copy());
        for (Axis a : axes) {
            List<Settings> next = new ArrayList<>();
            for (Settings s : out) for (String v : a.values) next.add(s.copy().set(a.key, v));
            out = next;
        }
        return out;
    }

    /**
     * Whether run a beats run b: a higher test accuracy (a classifier) or a lower RMSE, and on a
     * tie the lower test loss (runs of a small test set often tie on accuracy).
     */
    public static boolean better(boolean classifier, double metricA, double lossA, double metricB, double lossB) {
        if (metricA != metricB) return classifier ? metricA > metricB : metricA < metricB;
        return lossA < lossB;
    }
}
