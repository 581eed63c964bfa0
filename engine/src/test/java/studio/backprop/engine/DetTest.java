package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.math.Rng;

class DetTest {
    private static void assertUlps(double expected, double actual, int ulps, String what) {
        double tol = ulps * Math.ulp(expected);
        assertTrue(Math.abs(expected - actual) <= tol, what + ": expected " + expected + " got " + actual);
    }

    @Test
    void expMatchesStrictMathWithinOneUlp() {
        Rng rng = new Rng(7);
        for (int i = 0; i < 200_000; i++) {
            double x = rng.uniform(-745, 709.7);
            assertUlps(StrictMath.exp(x), Det.exp(x), 1, "exp(" + x + ")");
        }
        assertEquals(1.0, Det.exp(0));
        assertEquals(Double.POSITIVE_INFINITY, Det.exp(710));
        assertEquals(0.0, Det.exp(-746));
        assertTrue(Double.isNaN(Det.exp(Double.NaN)));
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
    void tanhAndSigmoidAreAccurateAndNeverNaN() {
        Rng rng = new Rng(10);
        for (int i = 0; i < 100_000; i++) {
            double x = rng.uniform(-30, 30);
            assertEquals(StrictMath.tanh(x), Det.tanh(x), 2e-16 + 2e-16 * Math.abs(StrictMath.tanh(x)), "tanh(" + x + ")");
            assertEquals(1 / (1 + StrictMath.exp(-x)), Det.sigmoid(x), 1e-15, "sigmoid(" + x + ")");
        }
        assertEquals(1.0, Det.tanh(710));
        assertEquals(-1.0, Det.tanh(-1e308));
        assertEquals(1.0, Det.sigmoid(1000));
        assertEquals(0.0, Det.sigmoid(-1000));
        assertEquals(1000.0, Det.log1pExp(1000));
        assertEquals(0.0, Det.log1pExp(-1000));
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
