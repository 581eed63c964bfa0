package studio.backprop.web.page;

/**
 * Playground's diverging palette: orange for class 0 / low values, blue for class 1 / high,
 * white in between. Points also differ by shape (square vs circle), for readers who cannot
 * tell the colours apart.
 */
final class Colors {
    private Colors() {}

    static final String CLASS0 = "#e8710a";
    static final String CLASS1 = "#1a73e8";

    /** t in [-1, 1] to "rgb(...)". */
    static String diverging(double t) {
        if (t != t) t = 0;
        t = Math.max(-1, Math.min(1, t));
        int r, g, b;
        if (t < 0) {
            double s = -t;
            r = mix(255, 245, s);
            g = mix(255, 147, s);
            b = mix(255, 34, s);
        } else {
            r = mix(255, 8, t);
            g = mix(255, 119, t);
            b = mix(255, 189, t);
        }
        return "rgb(" + r + "," + g + "," + b + ")";
    }

    private static int mix(int from, int to, double s) {
        return (int) Math.round(from + (to - from) * s * 0.85);
    }
}
