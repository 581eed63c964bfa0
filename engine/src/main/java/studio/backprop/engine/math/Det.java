package studio.backprop.engine.math;

/**
 * Elementary functions built from + - * / and comparisons only, so that the JVM, TeaVM's
 * JavaScript and TeaVM's WebAssembly produce the same bits. java.lang.Math differs across
 * those targets (TeaVM's exp is off by an ulp at times, its tanh fails at 710), so the engine
 * never calls it for anything but sqrt, abs, floor and max, which IEEE 754 pins down exactly.
 *
 * <p>exp, log and the sin/cos kernels follow fdlibm's algorithms and coefficients.
 */
public final class Det {
    private Det() {}

    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double EXP_MAX = 7.09782712893383973096e+02;
    private static final double EXP_MIN = -7.45133219101941108420e+02;
    private static final double P1 = 1.66666666666666019037e-01;
    private static final double P2 = -2.77777777770155933842e-03;
    private static final double P3 = 6.61375632143793436117e-05;
    private static final double P4 = -1.65339022054652515390e-06;
    private static final double P5 = 4.13813679705723846039e-08;

    /** POW2[i] = 2^(i - 1074), exact, for every exponent a double can carry. */
    private static final double[] POW2 = new double[1074 + 1024];

    static {
        POW2[1074] = 1.0;
        for (int i = 1075; i < POW2.length; i++) POW2[i] = POW2[i - 1] * 2.0;
        for (int i = 1073; i >= 0; i--) POW2[i] = POW2[i + 1] * 0.5;
    }

    private static final double SPLIT = 536870913.0; // 2^29 + 1
    private static final double FLOAT_MIN_NORMAL = 1.17549435082228750797e-38; // 2^-126
    private static final double FLOAT_MAX = 3.40282346638528859812e+38;

    /**
     * x rounded to 24 significant bits, which makes it a float for |x| in float's normal range
     * (Veltkamp's split: the high part of x * (2^29 + 1), + - * only, no branch, so loops over
     * weights stay vectorised). The engine stores every weight this way, so the exact model is 32
     * bits per weight while all arithmetic stays double. Beyond about 1e299 the result is NaN.
     */
    public static double single(double x) {
        double c = SPLIT * x;
        return c - (c - x);
    }

    /** Whether x is a float: 0, or in float's normal range with at most 24 significant bits. */
    public static boolean isSingle(double x) {
        double ax = x < 0 ? -x : x;
        return x == 0 || ax >= FLOAT_MIN_NORMAL && ax <= FLOAT_MAX && single(x) == x;
    }

    /** 2^k for -1074 <= k <= 1023. */
    static double pow2(int k) {
        return POW2[k + 1074];
    }

    public static double exp(double x) {
        if (x != x) return x;
        if (x > EXP_MAX) return Double.POSITIVE_INFINITY;
        if (x < EXP_MIN) return 0.0;
        double ax = x < 0 ? -x : x;
        if (ax < 3.7252902984e-09) return 1.0 + x;
        int k = 0;
        double hi = x, lo = 0.0;
        if (ax > 0.5 * 0.6931471805599453) {
            k = (int) (INV_LN2 * x + (x < 0 ? -0.5 : 0.5));
            hi = x - k * LN2_HI;
            lo = k * LN2_LO;
        }
        double r = hi - lo;
        double t = r * r;
        double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        double y = k == 0 ? 1.0 - ((r * c) / (c - 2.0) - r)
                          : 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
        if (k >= -1021) return k <= 1023 ? y * pow2(k) : y * 2.0 * pow2(k - 1);
        return y * pow2(k + 1000) * pow2(-1000);
    }

    private static final double LG1 = 6.666666666666735130e-01;
    private static final double LG2 = 3.999999999940941908e-01;
    private static final double LG3 = 2.857142874366239149e-01;
    private static final double LG4 = 2.222219843214978396e-01;
    private static final double LG5 = 1.818357216161805012e-01;
    private static final double LG6 = 1.531383769920937332e-01;
    private static final double LG7 = 1.479819860511658591e-01;
    private static final double SQRT2 = 1.4142135623730951;

    /** Natural logarithm; log(0) = -inf, log(negative) = NaN. */
    public static double log(double x) {
        if (x != x || x < 0) return Double.NaN;
        if (x == 0) return Double.NEGATIVE_INFINITY;
        if (x == Double.POSITIVE_INFINITY) return x;
        // Scale x into [1, 2) by exact powers of two; k counts the halvings.
        int k = 0;
        for (int step = 512; step >= 1; step >>= 1) {
            if (x >= pow2(step)) { x *= pow2(-step); k += step; }
        }
        if (x < 1.0) {
            if (x < pow2(-1022)) { x *= pow2(54); k -= 54; } // lift subnormals first
            for (int step = 512; step >= 1; step >>= 1) {
                if (x < pow2(-step)) { x *= pow2(step); k -= step; }
            }
            while (x < 1.0) { x *= 2.0; k -= 1; }
        }
        if (x >= SQRT2) { x *= 0.5; k += 1; }
        double f = x - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        double r = t2 + t1;
        double hfsq = 0.5 * f * f;
        return k * LN2_HI - ((hfsq - (s * (hfsq - (-r)) + k * LN2_LO)) - f); // -(-r): see kernelCos
    }

    /** log(1 + e^x) without overflow: the softplus that stable cross-entropy needs. */
    public static double log1pExp(double x) {
        if (x > 36) return x + exp(-x);
        if (x < -36) return exp(x);
        return log(1.0 + exp(x));
    }

    public static double tanh(double x) {
        if (x != x) return x;
        double ax = x < 0 ? -x : x;
        if (ax > 22) return x < 0 ? -1.0 : 1.0;
        if (ax < 1e-9) return x;
        double e = exp(-2.0 * ax);
        double t = (1.0 - e) / (1.0 + e);
        return x < 0 ? -t : t;
    }

    public static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + exp(-x));
        double e = exp(x);
        return e / (1.0 + e);
    }

    private static final double TWO_PI = 6.283185307179586;
    private static final double INV_PIO2 = 6.36619772367581382433e-01;
    private static final double PIO2_1 = 1.57079632673412561417e+00;
    private static final double PIO2_2 = 6.07710050630396597660e-11;
    private static final double PIO2_3 = 2.02226624871116645580e-21;
    private static final double PIO2_3T = 8.47842766036889956997e-32;
    private static final double S1 = -1.66666666666666324348e-01;
    private static final double S2 = 8.33333333332248946124e-03;
    private static final double S3 = -1.98412698298579493134e-04;
    private static final double S4 = 2.75573137070700676789e-06;
    private static final double S5 = -2.50507602534068634195e-08;
    private static final double S6 = 1.58969099521155010221e-10;
    private static final double C1 = 4.16666666666666019037e-02;
    private static final double C2 = -1.38888888888741095749e-03;
    private static final double C3 = 2.48015872894767294178e-05;
    private static final double C4 = -2.75573143513906633035e-07;
    private static final double C5 = 2.08757232129817482790e-09;
    private static final double C6 = -1.13596475577881948265e-11;

    public static double sin(double x) {
        return sinCos(x, 0);
    }

    public static double cos(double x) {
        return sinCos(x, 1);
    }

    /** sin(x + shift * pi/2): reduce by multiples of pi/2, then one of the two kernels. */
    private static double sinCos(double x, int shift) {
        if (x != x || x == Double.POSITIVE_INFINITY || x == Double.NEGATIVE_INFINITY) return Double.NaN;
        // Beyond 2^40 the three-part reduction runs out of bits: first take off whole turns
        // (inexact, as any argument this large must be, but finite and the same everywhere).
        while (x > 1.0995e12 || x < -1.0995e12) x -= Math.floor(x / TWO_PI) * TWO_PI;
        double n = Math.floor(x * INV_PIO2 + 0.5);
        // Cody-Waite reduction with pi/2 split in three parts; exact for |x| < 2^19 * pi/2
        // and still deterministic (if less accurate) beyond.
        double r = ((x - n * PIO2_1) - n * PIO2_2) - n * PIO2_3;
        double rr = -(n * PIO2_3T);
        double q = n - 4.0 * Math.floor(n * 0.25) + shift;
        if (q >= 4) q -= 4;
        if (q == 0) return kernelSin(r, rr);
        if (q == 1) return kernelCos(r, rr);
        if (q == 2) return -kernelSin(r, rr);
        return -kernelCos(r, rr);
    }

    private static double kernelSin(double x, double y) {
        double z = x * x;
        double v = z * x;
        double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
        return x - ((z * (0.5 * y - v * r) - y) - v * S1);
    }

    private static double kernelCos(double x, double y) {
        double z = x * x;
        double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        double hz = 0.5 * z;
        double w = 1.0 - hz;
        // fdlibm's w + (((1 - w) - hz) + (z r - x y)). TeaVM's JavaScript output drops the
        // parentheses of a sum on the right of '+' and of a product on the right of '*' (as
        // if doubles were associative), so such a sum is written as a difference with a
        // negated operand, which it keeps. The three-way browser test guards all of this.
        double tail = ((1.0 - w) - hz) - (-(z * r - x * y));
        return w - (-tail);
    }
}
