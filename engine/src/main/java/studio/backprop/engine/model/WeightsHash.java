package studio.backprop.engine.model;

import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Param;

/**
 * A 64-bit hash of the raw IEEE bits of every parameter, in the network's order, as 16 hex
 * digits. Two runs that agree bit for bit give the same hash; one differing bit changes it.
 * It works on 32-bit halves with int arithmetic only, which every platform computes alike.
 */
public final class WeightsHash {
    private WeightsHash() {}

    public static String of(Network net) {
        int[] h = {0x811C9DC5, 0x01000193 ^ 0x5BD1E995};
        for (Param p : net.params()) for (double[] row : p.value) add(h, row);
        return hex(finish(h[0])) + hex(finish(h[1]));
    }

    /** The same hash of a list of numbers. */
    public static String of(double[] values) {
        int[] h = {0x811C9DC5, 0x01000193 ^ 0x5BD1E995};
        add(h, values);
        return hex(finish(h[0])) + hex(finish(h[1]));
    }

    private static void add(int[] h, double[] values) {
        int h1 = h[0], h2 = h[1];
        for (double v : values) {
            long bits = Double.doubleToRawLongBits(v);
            int hi = (int) (bits >>> 32), lo = (int) bits;
            h1 = mix(h1, lo);
            h1 = mix(h1, hi);
            h2 = mix(h2, hi);
            h2 = mix(h2, lo ^ h1);
        }
        h[0] = h1;
        h[1] = h2;
    }

    private static int mix(int h, int k) {
        k *= 0xCC9E2D51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1B873593;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xE6546B64;
    }

    private static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    private static String hex(int v) {
        String s = Integer.toHexString(v);
        return "00000000".substring(s.length()) + s;
    }
}
