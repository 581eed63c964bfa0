package studio.backprop.web.page;

/**
 * Playground's diverging palette: orange for class 0 / low values, blue for class 1 / high,
 * white in between. Points also differ by shape (square vs circle), for readers who cannot
 * tell the colours apart.
 */
final class Colors {
    private Colors() {}

    /** t in [-1, 1] to an opaque pixel, as the int that little-endian RGBA bytes make. */
    static int diverging(double t) {
        if (t != t) t = 0;
        t = Math.max(-1, Math.min(1, t));
        double s = t < 0 ? -t : t;
        int r = mix(255, t < 0 ? 245 : 8, s), g = mix(255, t < 0 ? 147 : 119, s), b = mix(255, t < 0 ? 34 : 189, s);
        return 0xFF000000 | (b << 16) | (g << 8) | r;
    }

    private static int mix(int from, int to, double s) {
        return (int) Math.round(from + (to - from) * s * 0.85);
    }
}
