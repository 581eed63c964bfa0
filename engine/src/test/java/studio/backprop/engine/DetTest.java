package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.math.DetSample;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.WeightsHash;

class DetTest {
    private static void assertUlps(double expected, double actual, int ulps, String what) {
        double tol = ulps * Math.ulp(expected);
        assertTrue(Math.abs(expected - actual) <= tol, what + ": expected " + expected + " got " + actual);
    }

    // Exact references: e^x in BigDecimal to 40 digits, from which each function's true value is
    // rounded once; errors are counted in ulps of that value (the distance in representable doubles).
    private static final MathContext MC = new MathContext(40);
    private static final BigDecimal LN2 = new BigDecimal("0.6931471805599453094172321214581765680755001343602552541206800094933936");

    static BigDecimal exactExp(double x) {
        // e^x = 2^n e^r with r = x - n ln2 small; e^r by its series
        long n = Math.round(x / 0.6931471805599453);
        BigDecimal r = new BigDecimal(x).subtract(LN2.multiply(BigDecimal.valueOf(n)), MC);
        BigDecimal term = BigDecimal.ONE, sum = BigDecimal.ONE;
        for (int k = 1; k < 40; k++) {
            term = term.multiply(r, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        BigDecimal two = BigDecimal.valueOf(2);
        return n >= 0 ? sum.multiply(two.pow((int) n), MC) : sum.divide(two.pow((int) -n), MC);
    }

    /** How many doubles lie between got and the exact value, +-1/2 for rounding (0 when got is it correctly rounded). */
    static double ulps(double got, BigDecimal exact) {
        double nearest = exact.doubleValue();
        if (got == nearest) return 0;
        return exact.subtract(new BigDecimal(got)).abs().divide(new BigDecimal(Math.ulp(nearest)), MC).doubleValue();
    }

    @Test
    void expIsWithinOneUlpOverItsWholeRange() {
        Rng rng = new Rng(7);
        double worst = 0;
        for (int i = 0; i < 20_000; i++) {
            double x = i % 4 == 0 ? rng.uniform(-745, 709.78) : i % 4 == 1 ? rng.uniform(-1, 1) : i % 4 == 2 ? rng.uniform(-40, 40)
                    : rng.uniform(-1, 1) * 1e-9;
            double got = Det.exp(x);
            if (got < Double.MIN_NORMAL) { // subnormal results: within one of the doubles beside the exact value
                assertEquals(exactExp(x).doubleValue(), got, Double.MIN_VALUE, "exp(" + x + ")");
                continue;
            }
            double u = ulps(got, exactExp(x));
            worst = Math.max(worst, u);
            assertTrue(u < 1, "exp(" + x + ") = " + got + " is " + u + " ulps off");
        }
        System.out.printf("exp: worst %.3f ulps%n", worst);
        assertEquals(1.0, Det.exp(0));
        assertEquals(1.0, Det.exp(-0.0));
        assertEquals(Math.E, Det.exp(1), Math.ulp(Math.E));
        assertTrue(ulps(Det.exp(709.78), exactExp(709.78)) < 1, "exp near the largest double");
        assertEquals(Double.POSITIVE_INFINITY, Det.exp(709.79));
        assertEquals(Double.POSITIVE_INFINITY, Det.exp(Double.POSITIVE_INFINITY));
        assertEquals(Double.MIN_VALUE, Det.exp(-744.44));
        assertEquals(0.0, Det.exp(-746));
        assertEquals(0.0, Det.exp(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Det.exp(Double.NaN)));
        // the split's seams: just inside and outside the fast path give the same function
        for (double x : new double[] {-708.3, Math.nextDown(-708.3), Math.nextUp(-708.3), 709.7, Math.nextDown(709.7)}) {
            assertTrue(ulps(Det.exp(x), exactExp(x)) < 1, "exp(" + x + ")");
        }
    }

    /** Each table entry is 2^(j/64) rounded to nearest, and its low part the rest rounded to nearest. */
    @Test
    void expTableIsExact() throws Exception {
        Class<?> tables = Class.forName("studio.backprop.engine.math.Det$Tables");
        java.lang.reflect.Field hi = tables.getDeclaredField("T_HI"), lo = tables.getDeclaredField("T_LO");
        hi.setAccessible(true);
        lo.setAccessible(true);
        double[] h = (double[]) hi.get(null), l = (double[]) lo.get(null);
        for (int j = 0; j < 64; j++) {
            BigDecimal exact = twoToThe(j);
            assertEquals(exact.doubleValue(), h[j], "T_HI[" + j + "]");
            assertEquals(exact.subtract(new BigDecimal(h[j])).doubleValue(), l[j], "T_LO[" + j + "]");
        }
    }

    /** 2^(j/64) to 40 digits: the root of x^64 = 2^j by Newton's method. */
    private static BigDecimal twoToThe(int j) {
        BigDecimal target = BigDecimal.valueOf(2).pow(j), x = BigDecimal.valueOf(Math.pow(2, j / 64.0));
        for (int it = 0; it < 8; it++) {
            BigDecimal p = x.pow(63, MC);
            x = x.subtract(p.multiply(x, MC).subtract(target).divide(p.multiply(BigDecimal.valueOf(64)), MC), MC);
        }
        return x;
    }

    @Test
    void logMatchesStrictMathWithinOneUlp() {
        Rng rng = new Rng(8);
        for (int i = 0; i < 200_000; i++) {
            double x = Det.exp(rng.uniform(-740, 709));
            assertUlps(StrictMath.log(x), Det.log(x), 1, "log(" + x + ")");
        }
        assertEquals(0.0, Det.log(1.0));
        assertEquals(Double.NEGATIVE_INFINITY, Det.log(0));
        assertTrue(Double.isNaN(Det.log(-1)));
        assertUlps(StrictMath.log(Double.MIN_VALUE), Det.log(Double.MIN_VALUE), 1, "log(min)");
        assertUlps(StrictMath.log(Double.MAX_VALUE), Det.log(Double.MAX_VALUE), 1, "log(max)");
    }

    @Test
    void sinCosMatchStrictMathWithinOneUlp() {
        Rng rng = new Rng(9);
        for (int i = 0; i < 200_000; i++) {
            double x = rng.uniform(-1000, 1000);
            assertEquals(StrictMath.sin(x), Det.sin(x), 1e-15, "sin(" + x + ")");
            assertEquals(StrictMath.cos(x), Det.cos(x), 1e-15, "cos(" + x + ")");
        }
        assertTrue(Double.isNaN(Det.sin(Double.POSITIVE_INFINITY)));
        assertFalse(Double.isNaN(Det.sin(1e300)));
    }

    @Test
    void tanhIsWithinThreeUlpsAndSigmoidWithinThree() {
        Rng rng = new Rng(10);
        double worstTanh = 0, worstSigmoid = 0;
        for (int i = 0; i < 20_000; i++) {
            double x = i % 3 == 0 ? rng.uniform(-25, 25) : i % 3 == 1 ? rng.uniform(-1, 1) : rng.uniform(-1, 1) * Det.exp(rng.uniform(-40, 0));
            // tanh x = (e^2x - 1) / (e^2x + 1) = 1 - 2 / (e^2x + 1); for small |x| the first, by the series
            BigDecimal e2 = exactExp(2 * x), tanh;
            if (Math.abs(x) < 1e-3) {
                BigDecimal bx = new BigDecimal(x), x2 = bx.multiply(bx, MC);
                // x - x^3/3 + 2x^5/15 - 17x^7/315 + 62x^9/2835
                tanh = bx.multiply(BigDecimal.ONE.subtract(x2.divide(BigDecimal.valueOf(3), MC).subtract(x2.pow(2, MC).multiply(BigDecimal.valueOf(2))
                        .divide(BigDecimal.valueOf(15), MC), MC).add(x2.pow(3, MC).multiply(BigDecimal.valueOf(17)).divide(BigDecimal.valueOf(315), MC), MC)
                        .subtract(x2.pow(4, MC).multiply(BigDecimal.valueOf(62)).divide(BigDecimal.valueOf(2835), MC), MC), MC), MC);
            } else {
                tanh = e2.subtract(BigDecimal.ONE).divide(e2.add(BigDecimal.ONE), MC);
            }
            double u = ulps(Det.tanh(x), tanh);
            worstTanh = Math.max(worstTanh, u);
            assertTrue(u <= 3, "tanh(" + x + ") = " + Det.tanh(x) + " is " + u + " ulps off");
            BigDecimal sigmoid = BigDecimal.ONE.divide(BigDecimal.ONE.add(exactExp(-x)), MC);
            double us = ulps(Det.sigmoid(x), sigmoid);
            worstSigmoid = Math.max(worstSigmoid, us);
            assertTrue(us <= 3, "sigmoid(" + x + ") = " + Det.sigmoid(x) + " is " + us + " ulps off");
        }
        System.out.printf("tanh: worst %.3f ulps, sigmoid: worst %.3f ulps%n", worstTanh, worstSigmoid);
        // tails, signs, infinities, NaN
        assertEquals(1.0, Det.tanh(710));
        assertEquals(1.0, Det.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Det.tanh(-1e308));
        assertEquals(-1.0, Det.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Det.tanh(0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Det.tanh(-0.0)));
        assertEquals(Double.MIN_VALUE, Det.tanh(Double.MIN_VALUE));
        assertTrue(Double.isNaN(Det.tanh(Double.NaN)));
        for (double x = -30; x <= 30; x += 0.001) assertEquals(-Det.tanh(x), Det.tanh(-x), "tanh is odd");
        assertEquals(0.5, Det.sigmoid(0));
        assertEquals(1.0, Det.sigmoid(1000));
        assertEquals(1.0, Det.sigmoid(Double.POSITIVE_INFINITY));
        assertEquals(0.0, Det.sigmoid(-1000));
        assertEquals(0.0, Det.sigmoid(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Det.sigmoid(Double.NaN)));
        assertEquals(1000.0, Det.log1pExp(1000));
        assertEquals(0.0, Det.log1pExp(-1000));
    }

    /** Version 1's functions, kept for the models trained with them: fdlibm's exp (as StrictMath's), tanh within 1e-16 absolute. */
    @Test
    void version1IsKept() {
        Rng rng = new Rng(12);
        for (int i = 0; i < 100_000; i++) {
            double x = rng.uniform(-745, 709.7);
            assertEquals(StrictMath.exp(x), Det.V1.exp(x), "V1.exp(" + x + ")");
            double t = rng.uniform(-30, 30);
            assertEquals(StrictMath.tanh(t), Det.V1.tanh(t), 2e-16 + 2e-16 * Math.abs(StrictMath.tanh(t)), "V1.tanh(" + t + ")");
            assertEquals(1 / (1 + StrictMath.exp(-t)), Det.V1.sigmoid(t), 1e-15, "V1.sigmoid(" + t + ")");
        }
        assertEquals(1.0, Det.V1.tanh(710));
        assertEquals(0.0, Det.V1.sigmoid(-1000));
        assertTrue(Double.isNaN(Det.V1.exp(Double.NaN)));
    }

    /**
     * The functions of both math versions are fixed: their values at DetSample's arguments hash
     * as they did when version 2 was made (the browser test checks both builds against the same
     * values). A change to any of them needs a new math version, or old models train differently.
     */
    @Test
    void mathVersionsArePinned() {
        assertEquals("6be8824e60a6e822", WeightsHash.of(DetSample.values(DetSample.arguments(10_000))));
    }

    /** single() is a float: away from ties it is (float) x; at ties one of the two neighbours. */
    @Test
    void singleRoundsToAFloat() {
        Rng rng = new Rng(11);
        for (int i = 0; i < 200_000; i++) {
            double x = (rng.uniform(-1, 1)) * Det.exp(rng.uniform(-80, 80));
            double s = Det.single(x);
            if (Math.abs(x) > 1.2e-38) assertEquals(s, (double) (float) s, "not a float: " + x);
            else assertFalse(Det.isSingle(s) && s != 0);
            assertTrue(Math.abs(s - x) <= Math.ulp((float) x) / 2.0, x + " -> " + s);
            assertEquals(Math.abs(x) > 1.2e-38 && Math.abs(x) < 3.4e38, Det.isSingle(s), x + "");
        }
        assertFalse(Det.isSingle(Det.single(1e-40)), "below float's normal range: not a float");
        assertFalse(Det.isSingle(Det.single(1e39)), "beyond float's range");
        assertTrue(Double.isNaN(Det.single(Double.NaN)));
        assertFalse(Det.isSingle(0.1));
        assertTrue(Det.isSingle((float) 0.1));
        assertFalse(Det.isSingle(1e-40));
    }

    @Test
    void rngIsAFixedSequence() {
        // These values pin the generator: the browser builds must draw the same ones.
        Rng rng = new Rng(1);
        int[] first = {rng.nextInt(), rng.nextInt(), rng.nextInt()};
        Rng again = new Rng(1);
        for (int v : first) assertEquals(v, again.nextInt());
        Rng u = new Rng(42);
        double sum = 0;
        for (int i = 0; i < 100_000; i++) {
            double d = u.nextDouble();
            assertTrue(d >= 0 && d < 1);
            sum += d;
        }
        assertEquals(0.5, sum / 100_000, 0.01);
        double sq = 0;
        for (int i = 0; i < 100_000; i++) {
            double g = u.nextGaussian();
            sq += g * g;
        }
        assertEquals(1.0, sq / 100_000, 0.02);
    }
}
