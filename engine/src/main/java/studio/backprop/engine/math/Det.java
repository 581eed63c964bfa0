package studio.backprop.engine.math;

/**
 * Elementary functions built from + - * / and comparisons only, so that the JVM, TeaVM's
 * JavaScript and TeaVM's WebAssembly produce the same bits. java.lang.Math differs across
 * those targets (TeaVM's exp is off by an ulp at times, its tanh fails at 710), so the engine
 * never calls it for anything but sqrt, abs, floor and max, which IEEE 754 pins down exactly.
 *
 * <p>log and the sin/cos kernels follow fdlibm's algorithms and coefficients; exp, tanh and
 * sigmoid are table-driven (math version 2, see {@link #MATH}), with {@link V1} keeping the
 * functions of version 1 for the models trained with them. Accuracy against the exact values
 * (DetTest): exp within 1 ulp, tanh within 3, sigmoid within 3, over the whole range.
 */
public final class Det {
    private Det() {}

    /**
     * The version of exp, tanh and sigmoid that new runs use (setting {@code math}). Version 1,
     * fdlibm's exp and tanh as (1 - e^-2|x|) / (1 + e^-2|x|), is kept in {@link V1}: a model
     * trained with it keeps predicting and training to the same bits. Each version gives the same
     * bits on the JVM, in JavaScript and in WebAssembly.
     */
    public static final int MATH = 2;

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
        return Tables.POW2[k + 1074];
    }

    /** The shifter that rounds x 64/ln 2 to an integer by adding it: 1.5 * 2^52. */
    private static final double SHIFTER = 0x1.8p52;
    private static final double INV_LN2_64 = 0x1.71547652b82fep+6;
    /** ln 2 / 64 in two parts; the high one has 33 significant bits, so k LN2_64_HI is exact for |k| < 2^20. */
    private static final double LN2_64_HI = 0x1.62e42fef00000p-7;
    private static final double LN2_64_LO = 0x1.473de6af278edp-40;
    private static final double E3 = 1.0 / 6, E4 = 1.0 / 24, E5 = 1.0 / 120, E6 = 1.0 / 720;

    /**
     * The tables, in a class of their own: Det then has no static initialiser, and TeaVM calls a
     * class's initialiser at the top of each of its static methods called from outside, Det.single
     * (once per weight per update) included.
     */
    private static final class Tables {
        /** POW2[i] = 2^(i - 1074), exact, for every exponent a double can carry. */
        static final double[] POW2 = new double[1074 + 1024];

        static {
            POW2[1074] = 1.0;
            for (int i = 1075; i < POW2.length; i++) POW2[i] = POW2[i - 1] * 2.0;
            for (int i = 1073; i >= 0; i--) POW2[i] = POW2[i + 1] * 0.5;
        }

        /** T_HI[j] + T_LO[j] = 2^(j/64) to about 107 bits (each part rounded to nearest; DetTest checks them). */
        static final double[] T_HI = {
            0x1.0000000000000p+0, 0x1.02c9a3e778061p+0, 0x1.059b0d3158574p+0, 0x1.0874518759bc8p+0,
            0x1.0b5586cf9890fp+0, 0x1.0e3ec32d3d1a2p+0, 0x1.11301d0125b51p+0, 0x1.1429aaea92de0p+0,
            0x1.172b83c7d517bp+0, 0x1.1a35beb6fcb75p+0, 0x1.1d4873168b9aap+0, 0x1.2063b88628cd6p+0,
            0x1.2387a6e756238p+0, 0x1.26b4565e27cddp+0, 0x1.29e9df51fdee1p+0, 0x1.2d285a6e4030bp+0,
            0x1.306fe0a31b715p+0, 0x1.33c08b26416ffp+0, 0x1.371a7373aa9cbp+0, 0x1.3a7db34e59ff7p+0,
            0x1.3dea64c123422p+0, 0x1.4160a21f72e2ap+0, 0x1.44e086061892dp+0, 0x1.486a2b5c13cd0p+0,
            0x1.4bfdad5362a27p+0, 0x1.4f9b2769d2ca7p+0, 0x1.5342b569d4f82p+0, 0x1.56f4736b527dap+0,
            0x1.5ab07dd485429p+0, 0x1.5e76f15ad2148p+0, 0x1.6247eb03a5585p+0, 0x1.6623882552225p+0,
            0x1.6a09e667f3bcdp+0, 0x1.6dfb23c651a2fp+0, 0x1.71f75e8ec5f74p+0, 0x1.75feb564267c9p+0,
            0x1.7a11473eb0187p+0, 0x1.7e2f336cf4e62p+0, 0x1.82589994cce13p+0, 0x1.868d99b4492edp+0,
            0x1.8ace5422aa0dbp+0, 0x1.8f1ae99157736p+0, 0x1.93737b0cdc5e5p+0, 0x1.97d829fde4e50p+0,
            0x1.9c49182a3f090p+0, 0x1.a0c667b5de565p+0, 0x1.a5503b23e255dp+0, 0x1.a9e6b5579fdbfp+0,
            0x1.ae89f995ad3adp+0, 0x1.b33a2b84f15fbp+0, 0x1.b7f76f2fb5e47p+0, 0x1.bcc1e904bc1d2p+0,
            0x1.c199bdd85529cp+0, 0x1.c67f12e57d14bp+0, 0x1.cb720dcef9069p+0, 0x1.d072d4a07897cp+0,
            0x1.d5818dcfba487p+0, 0x1.da9e603db3285p+0, 0x1.dfc97337b9b5fp+0, 0x1.e502ee78b3ff6p+0,
            0x1.ea4afa2a490dap+0, 0x1.efa1bee615a27p+0, 0x1.f50765b6e4540p+0, 0x1.fa7c1819e90d8p+0,
        };
        static final double[] T_LO = {
            0x0.0p+0, -0x1.19083535b085dp-56, 0x1.d73e2a475b465p-55, 0x1.186be4bb284ffp-57,
            0x1.8a62e4adc610bp-54, 0x1.03a1727c57b53p-59, -0x1.6c51039449b3ap-54, -0x1.32fbf9af1369ep-54,
            -0x1.19041b9d78a76p-55, 0x1.e5b4c7b4968e4p-55, 0x1.e016e00a2643cp-54, 0x1.dc775814a8495p-55,
            0x1.9b07eb6c70573p-54, 0x1.2bd339940e9d9p-55, 0x1.612e8afad1255p-55, 0x1.0024754db41d5p-54,
            0x1.6f46ad23182e4p-55, 0x1.32721843659a6p-54, -0x1.63aeabf42eae2p-54, -0x1.5e436d661f5e3p-56,
            0x1.ada0911f09ebcp-55, -0x1.ef3691c309278p-58, 0x1.89b7a04ef80d0p-59, 0x1.3c1a3b69062f0p-56,
            0x1.d4397afec42e2p-56, -0x1.4b309d25957e3p-54, -0x1.07abe1db13cadp-55, 0x1.9bb2c011d93adp-54,
            0x1.6324c054647adp-54, 0x1.ba6f93080e65ep-54, -0x1.383c17e40b497p-54, -0x1.bb60987591c34p-54,
            -0x1.bdd3413b26456p-54, -0x1.bbe3a683c88abp-57, -0x1.16e4786887a99p-55, -0x1.0245957316dd3p-54,
            -0x1.41577ee04992fp-55, 0x1.05d02ba15797ep-56, -0x1.d4c1dd41532d8p-54, -0x1.fc6f89bd4f6bap-54,
            0x1.6e9f156864b27p-54, 0x1.5cc13a2e3976cp-55, -0x1.75fc781b57ebcp-57, -0x1.d185b7c1b85d1p-54,
            0x1.c7c46b071f2bep-56, -0x1.359495d1cd533p-54, -0x1.d2f6edb8d41e1p-54, 0x1.0fac90ef7fd31p-54,
            0x1.7a1cd345dcc81p-54, -0x1.2805e3084d708p-57, -0x1.5584f7e54ac3bp-56, 0x1.23dd07a2d9e84p-55,
            0x1.11065895048ddp-55, 0x1.2884dff483cadp-54, 0x1.503cbd1e949dbp-56, -0x1.cbc3743797a9cp-54,
            0x1.2ed02d75b3707p-55, 0x1.c2300696db532p-54, -0x1.1a5cd4f184b5cp-54, 0x1.39e8980a9cc8fp-55,
            -0x1.e9c23179c2893p-54, 0x1.dc7f486a4b6b0p-54, 0x1.9d3e12dd8a18bp-54, 0x1.74853f3a5931ep-55,
        };
    }

    /**
     * e^x within 1 ulp. x = (64 m + j) ln2/64 + r with |r| <= ln2/128, so e^x = 2^m 2^(j/64) e^r:
     * a table entry, and e^r - 1 by its Taylor polynomial to r^5 (the next term is below 2^-54).
     * No division, one rounding to an integer by the shifter. Results below 2^-1022 (x < -708.3),
     * overflow and NaN take version 1's path, which is exact about the tails.
     */
    public static double exp(double x) {
        if (!(x > -708.3 && x < 709.7)) return V1.exp(x);
        double kd = x * INV_LN2_64 + SHIFTER - SHIFTER;
        int k = (int) kd;
        double r = (x - kd * LN2_64_HI) - kd * LN2_64_LO;
        double p = r + r * r * (0.5 + r * (E3 + r * (E4 + r * E5)));
        int j = k & 63;
        double t = Tables.T_HI[j];
        double tail = Tables.T_LO[j] + t * p;
        return (t - (-tail)) * Tables.POW2[(k >> 6) + 1074]; // t + tail: see kernelCos
    }

    /**
     * e^x - 1 for -1.1 < x <= 0, as exp with the 1 taken off exactly before the small terms are
     * added; one Taylor term more, because the result can be as small as r.
     */
    private static double expm1Negative(double x) {
        double kd = x * INV_LN2_64 + SHIFTER - SHIFTER;
        int k = (int) kd;
        double r = (x - kd * LN2_64_HI) - kd * LN2_64_LO;
        double p = r + r * r * (0.5 + r * (E3 + r * (E4 + r * (E5 + r * E6))));
        double scale = Tables.POW2[(k >> 6) + 1074];
        int j = k & 63;
        double s = Tables.T_HI[j] * scale;
        double hi = s - 1.0, lo = s - (hi - (-1.0)); // hi + lo = s - 1 exactly (Fast2Sum, |-1| >= s)
        double tail = (Tables.T_LO[j] * scale + s * p) - (-lo);
        return hi - (-tail); // hi + tail: see kernelCos
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
        if (x >= 1.0 && x < 256.0) {
            // the common case (the losses take log(1 + e^z)): the same exact halvings, fewer tests
            while (x >= 2.0) { x *= 0.5; k += 1; }
        } else {
            for (int step = 512; step >= 1; step >>= 1) {
                if (x >= pow2(step)) { x *= pow2(-step); k += step; }
            }
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

    /**
     * tanh within 3 ulps: for |x| < 0.55 as -e/(e + 2) with e = e^-2|x| - 1 (no cancellation near
     * 0), else as 1 - 2/(e^2|x| + 1); one division either way.
     */
    public static double tanh(double x) {
        double ax = x < 0 ? -x : x;
        double t;
        if (ax < 0.55) {
            if (ax < 0x1p-28) return x; // tanh x = x (1 - x^2/3 ...): the rest is below half an ulp
            double e = expm1Negative(-2.0 * ax);
            t = -e / (e + 2.0);
        } else if (ax < 22) {
            t = 1.0 - 2.0 / (exp(2.0 * ax) + 1.0);
        } else {
            if (x != x) return x;
            t = 1.0; // within half an ulp of 1 from 19.1 on
        }
        return x < 0 ? -t : t;
    }

    /** 1 / (1 + e^-x) within 3 ulps, its exponent never positive (no overflow). */
    public static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + exp(-x));
        double e = exp(x);
        return e / (1.0 + e);
    }

    /** exp, tanh and sigmoid of math version 1 (see {@link #MATH}). */
    public static final class V1 {
        private V1() {}

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
