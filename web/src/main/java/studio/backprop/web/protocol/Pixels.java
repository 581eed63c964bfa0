package studio.backprop.web.protocol;

/**
 * The pixels that messages carry, made in the worker so that the page only puts them on screen:
 * each pixel is the int that little-endian RGBA bytes make (what an {@code ImageData}'s buffer
 * holds), opaque. Tiles of one image each are stacked top to bottom, so that a tile strip is one
 * image of {@code side} x {@code side * count} pixels.
 *
 * <p>The palette is Playground's diverging one: orange for class 0 / low values, blue for class
 * 1 / high, white in between. Points also differ by shape (square vs circle), for readers who
 * cannot tell the colours apart.
 */
public final class Pixels {
    private Pixels() {}

    /** t in [-1, 1] to an opaque pixel. */
    public static int diverging(double t) {
        if (t != t) t = 0;
        t = Math.max(-1, Math.min(1, t));
        double s = t < 0 ? -t : t;
        int r = mix(255, t < 0 ? 245 : 8, s), g = mix(255, t < 0 ? 147 : 119, s), b = mix(255, t < 0 ? 34 : 189, s);
        return 0xFF000000 | (b << 16) | (g << 8) | r;
    }

    private static int mix(int from, int to, double s) {
        return (int) Math.round(from + (to - from) * s * 0.85);
    }

    /** An opaque grey pixel of {@code level} 0 (black) to 255 (white). */
    public static int grey(int level) {
        return 0xFF000000 | (level << 16) | (level << 8) | level;
    }

    /** Values in [-1, 1] (a classifier's probability p as 2p - 1) in the diverging palette. */
    public static int[] diverging(double[] values, boolean probabilities) {
        int[] px = new int[values.length];
        for (int i = 0; i < px.length; i++) px[i] = diverging(probabilities ? 2 * values[i] - 1 : values[i]);
        return px;
    }

    /**
     * Tiles of {@code cells} values each in the diverging palette, every tile scaled by its own
     * largest magnitude (but never by less than {@code minScale}).
     */
    public static int[] tiles(double[] values, int cells, double minScale) {
        int[] px = new int[values.length];
        for (int t = 0; cells > 0 && t < values.length / cells; t++) {
            double max = minScale;
            for (int i = 0; i < cells; i++) max = Math.max(max, Math.abs(values[t * cells + i]));
            for (int i = 0; i < cells; i++) px[t * cells + i] = diverging(values[t * cells + i] / max);
        }
        return px;
    }

    /** Tiles of {@code cells} values each as ink on paper: 0 white, the tile's largest magnitude black. */
    public static int[] ink(double[] values, int cells) {
        int[] px = new int[values.length];
        for (int t = 0; cells > 0 && t < values.length / cells; t++) {
            double max = 1e-12;
            for (int i = 0; i < cells; i++) max = Math.max(max, Math.abs(values[t * cells + i]));
            for (int i = 0; i < cells; i++) px[t * cells + i] = grey(255 - (int) Math.round(255 * Math.min(1, Math.abs(values[t * cells + i]) / max)));
        }
        return px;
    }

    /**
     * Images of {@code side} x {@code side} pixels, {@code channels} planes each (1 grey, 3 RGB) of
     * levels 0 to {@code maxLevel}, one after the other: as they are ({@code photos}), or grey as
     * ink on paper (level 0 white).
     */
    public static int[] images(double[] levels, int side, int channels, boolean photos, double maxLevel) {
        int plane = side * side, count = plane == 0 ? 0 : levels.length / (plane * channels);
        int[] px = new int[count * plane];
        for (int k = 0; k < count; k++) {
            int at = k * channels * plane;
            for (int p = 0; p < plane; p++) {
                int rgb = 0xFF000000;
                for (int c = 0; c < 3; c++) {
                    double v = levels[at + (channels == 3 ? c * plane : 0) + p] / maxLevel;
                    int level = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                    rgb |= (photos ? level : 255 - level) << (8 * c);
                }
                px[k * plane + p] = rgb;
            }
        }
        return px;
    }
}
