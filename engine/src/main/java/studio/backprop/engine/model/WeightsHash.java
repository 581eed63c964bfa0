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
        int h1 = 0x811C9DC5, h2 = 0x01000193 ^ 0x5BD1E995;
        for (Param p : net.params()) {
            for (double[] row : p.value) {
                for (double v : row) {
                    long bits = Double.doubleToRawLongBits(v);
                    int hi = (int) (bits >>> 32), lo = (int) bits;
                    h1 = mix(h1, lo);
                    h1 = mix(h1, hi);
                    h2 = mix(h2, hi);
                    h2 = mix(h2, lo ^ h1);
                }
            }
        }
        return hex(finish(h1)) + hex(finish(h2));
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
