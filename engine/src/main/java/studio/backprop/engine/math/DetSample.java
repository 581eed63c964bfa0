package studio.backprop.engine.math;

/**
 * The engine's elementary functions ({@link Det}, both math versions) on a fixed spread of
 * arguments: the seams between each function's methods, the tails, NaN and the infinities, and
 * a seeded spread in between. Their hash (WeightsHash) is the same on every target, or one of
 * them computes a function differently (the browser test compares the JVM's with both builds'). Training hashes
 * alone can miss such a difference: weights are stored as floats, which can round it away.
 */
public final class DetSample {
    private DetSample() {}

    /** How many values {@link #values} gives per argument. */
    public static final int PER_ARGUMENT = 10;

    /** What {@link #values} gives for NaN. */
    public static final double NAN_MARK = 1234.5;

    /**
     * Both signs written out: TeaVM's WebAssembly negates a double as 0 - x, which makes -(+0.0)
     * +0.0 there (this list would differ by it).
     */
    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 0x1p-28, -0x1p-28, 1e-9, -1e-9,
            0.55, -0.55, 19.1, -19.1, 22, -22, 36, -36, 708.3, -708.3, 709.7, -709.7, 709.78, -709.78, 709.79, -709.79,
            745.1, -745.1, 0.34657359027997264, -0.34657359027997264, 1.0986122886681098, -1.0986122886681098,
            1e-300, -1e-300, 1e12, -1e12, 1.2e12, -1.2e12};

    /** n seeded arguments after the special ones. */
    public static double[] arguments(int n) {
        Rng rng = new Rng(0xDE7);
        double[] x = java.util.Arrays.copyOf(SPECIAL, SPECIAL.length + n);
        for (int i = SPECIAL.length; i < x.length; i++) {
            int range = i % 4;
            double u = rng.uniform(-1, 1);
            x[i] = range == 0 ? u * 750 : range == 1 ? u * 25 : range == 2 ? u : u * Det.exp(rng.uniform(-60, 0));
        }
        return x;
    }

    /** n seeded arguments of the range activations see, -8 to 8: what the functions benchmark times. */
    public static double[] activationArguments(int n) {
        Rng rng = new Rng(0xAC7);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rng.uniform(-8, 8);
        return x;
    }

    /** The sum of exp, tanh and sigmoid of this math version over x (3 calls an argument; the sum keeps them from being optimised away). */
    public static double activations(double[] x, int math) {
        double s = 0;
        if (math == 1) for (double a : x) s += Det.V1.exp(a) + Det.V1.tanh(a) + Det.V1.sigmoid(a);
        else for (double a : x) s += Det.exp(a) + Det.tanh(a) + Det.sigmoid(a);
        return s;
    }

    /** Every function at every argument, {@link #PER_ARGUMENT} values each. */
    public static double[] values(double[] x) {
        double[] v = new double[x.length * PER_ARGUMENT];
        for (int i = 0, k = 0; i < x.length; i++) {
            double a = x[i], positive = a < 0 ? -a : a;
            v[k++] = Det.exp(a);
            v[k++] = Det.tanh(a);
            v[k++] = Det.sigmoid(a);
            v[k++] = Det.log1pExp(a);
            v[k++] = Det.log(positive);
            v[k++] = Det.sin(a);
            v[k++] = Det.cos(a);
            v[k++] = Det.V1.exp(a);
            v[k++] = Det.V1.tanh(a);
            v[k++] = Det.V1.sigmoid(a);
        }
        // NaN's sign and payload are the platform's (x86 and WebAssembly differ), not the engine's:
        // each NaN counts as one fixed value that no function gives here
        for (int i = 0; i < v.length; i++) if (v[i] != v[i]) v[i] = NAN_MARK;
        return v;
    }
}
