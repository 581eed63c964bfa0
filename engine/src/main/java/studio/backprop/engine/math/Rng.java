package studio.backprop.engine.math;

/**
 * xoshiro128** on 32-bit ints. java.util.Random's nextInt(bound) and Collections.shuffle
 * give other sequences under TeaVM, and longs there are slow BigInts, so the engine draws
 * every random number from this generator instead.
 */
public final class Rng {
    private int s0, s1, s2, s3;
    private double spareGaussian;
    private boolean hasSpare;

    public Rng(int seed) {
        int z = seed;
        s0 = mix(z += 0x9E3779B9);
        s1 = mix(z += 0x9E3779B9);
        s2 = mix(z += 0x9E3779B9);
        s3 = mix(z + 0x9E3779B9);
        if ((s0 | s1 | s2 | s3) == 0) s0 = 1;
    }

    /** A well-mixed int of three ints: random numbers addressed by a counter rather than drawn in turn. */
    public static int hash(int a, int b, int c) {
        return mix(mix(mix(a + 0x9E3779B9) ^ b) + 0x7F4A7C15 ^ c);
    }

    private static int mix(int z) {
        z = (z ^ (z >>> 16)) * 0x85EBCA6B;
        z = (z ^ (z >>> 13)) * 0xC2B2AE35;
        return z ^ (z >>> 16);
    }

    public int nextInt() {
        int m = s1 * 5;
        int result = (m << 7 | m >>> 25) * 9; // rotations written out: TeaVM's Integer.rotateLeft is a call
        int t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = s3 << 11 | s3 >>> 21;
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        double hi = nextInt() >>> 5;
        double lo = nextInt() >>> 6;
        return (hi * 67108864.0 + lo) * (1.0 / 9007199254740992.0);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return (int) (nextDouble() * bound);
    }

    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Standard normal by the Marsaglia polar method. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2.0 * nextDouble() - 1.0;
            v = 2.0 * nextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double m = Math.sqrt(-2.0 * Det.log(s) / s);
        spareGaussian = v * m;
        hasSpare = true;
        return u * m;
    }

    /** Fisher-Yates over the whole array. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
