package studio.backprop.engine.data;

/**
 * What a network sees of an image: side x side pixels, grey or RGB, each a level from 0 to 255
 * scaled to [0, 1] (channel by channel, row by row: the layout of {@code Shape}). For
 * a user's own images it is also the preprocessing, stored in the model (setting {@code image},
 * e.g. grey28 or rgb32) so that every prediction prepares its image the same way:
 * <ol>
 * <li>the decoded pixels (8-bit sRGB with straight alpha, as the decoder gives them) are laid
 *     over white;</li>
 * <li>the centred square of the image's shorter side is cut out;</li>
 * <li>it is scaled to side x side by area averaging: each target pixel is the mean of the
 *     source area it covers, partly covered pixels weighted by how much; the sums are whole
 *     numbers (below 2^53), so they are exact in double and the same on every build;</li>
 * <li>each channel is rounded to a level 0 to 255; grey is then the luma 0.299 R + 0.587 G +
 *     0.114 B of those levels, rounded again.</li>
 * </ol>
 */
public final class ImageFormat {
    public static final int[] SIDES = {28, 32, 64};
    /** The most pixels decoded at full size; a larger image is decoded scaled down to fit (see {@link #decodeWidth}). */
    public static final long MAX_PIXELS = 4096L * 4096;

    public final int side;
    /** 1 (grey) or 3 (RGB). */
    public final int channels;
    /** The largest input value: 1 for levels scaled to [0, 1] (photos, MNIST), 16 for the 8x8 digits table's raw levels. */
    public final double maxLevel;

    public ImageFormat(int side, int channels, double maxLevel) {
        this.side = side;
        this.channels = channels;
        this.maxLevel = maxLevel;
    }

    /** "grey28", "rgb32", ...: the values of the setting {@code image}; "auto" is resolved from the images (see {@link #auto}). */
    public static ImageFormat parse(String text) {
        boolean rgb = text.startsWith("rgb");
        String digits = text.substring(rgb ? 3 : text.startsWith("grey") ? 4 : 0);
        for (int s : SIDES) {
            if (digits.equals(Integer.toString(s)) && (rgb || text.startsWith("grey"))) return new ImageFormat(s, rgb ? 3 : 1, 1);
        }
        throw new IllegalArgumentException("image must be auto or grey or rgb followed by 28, 32 or 64 (e.g. grey28, rgb32), got '" + text + "'");
    }

    /** The default for a set of images: 28 x 28, grey when every image is, else RGB. */
    public static String auto(boolean allGrey) {
        return (allGrey ? "grey" : "rgb") + SIDES[0];
    }

    public String name() {
        return (channels == 3 ? "rgb" : "grey") + side;
    }

    public int inputs() {
        return channels * side * side;
    }

    /** Input names: r{row}c{column} for grey (as the built-in sets), with R, G or B in front for RGB. */
    public String[] inputNames() {
        String[] names = new String[inputs()];
        String[] prefix = channels == 3 ? new String[] {"R", "G", "B"} : new String[] {""};
        for (int c = 0, i = 0; c < channels; c++) {
            for (int p = 0; p < side * side; p++) names[i++] = prefix[c] + "r" + (p / side) + "c" + (p % side);
        }
        return names;
    }

    /** "28×28 grey". */
    @Override public String toString() {
        return side + "\u00d7" + side + (channels == 3 ? " RGB" : " grey");
    }

    /**
     * The side to decode an image at: its own, or, when it has more than {@link #MAX_PIXELS}, the
     * scale that brings it under (returned as the wanted width; height follows the aspect).
     */
    public static int decodeWidth(int width, int height) {
        if ((long) width * height <= MAX_PIXELS) return width;
        double f = Math.sqrt((double) MAX_PIXELS / ((double) width * height));
        return Math.max(1, (int) Math.floor(width * f));
    }

    /**
     * Steps 1 to 4 up to the RGB levels: width x height RGBA bytes to 3 planes of side x side
     * levels (R, then G, then B, each row by row).
     */
    public static byte[] scale(int width, int height, byte[] rgba, int side) {
        if (width < 1 || height < 1 || rgba.length < 4L * width * height) throw new IllegalArgumentException("not " + width + "x" + height + " RGBA pixels");
        int s = Math.min(width, height), x0 = (width - s) / 2, y0 = (height - s) / 2;
        int[][] from = new int[side][], weight = new int[side][];
        spans(s, side, from, weight);
        // horizontal pass: each source row of the square to side columns (sums of value x overlap)
        double[] rows = new double[s * side * 3];
        for (int y = 0; y < s; y++) {
            int row = ((y0 + y) * width + x0) * 4;
            for (int i = 0; i < side; i++) {
                double r = 0, g = 0, b = 0;
                int[] f = from[i], w = weight[i];
                for (int k = 0; k < f.length; k++) {
                    int at = row + 4 * f[k], a = rgba[at + 3] & 0xFF, white = 255 * (255 - a);
                    r += w[k] * ((rgba[at] & 0xFF) * a + white);
                    g += w[k] * ((rgba[at + 1] & 0xFF) * a + white);
                    b += w[k] * ((rgba[at + 2] & 0xFF) * a + white);
                }
                int o = (y * side + i) * 3;
                rows[o] = r;
                rows[o + 1] = g;
                rows[o + 2] = b;
            }
        }
        // vertical pass, then the mean and the rounding to a level
        byte[] out = new byte[3 * side * side];
        double total = 255.0 * s * s;
        for (int j = 0; j < side; j++) {
            int[] f = from[j], w = weight[j];
            for (int i = 0; i < side; i++) {
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    for (int k = 0; k < f.length; k++) sum += w[k] * rows[(f[k] * side + i) * 3 + c];
                    out[c * side * side + j * side + i] = (byte) level(sum / total);
                }
            }
        }
        return out;
    }

    /**
     * For each of n target pixels over s source pixels: the source pixels it covers and by how
     * much, in units of 1/n of a source pixel (target i covers [i s, (i + 1) s), source p covers
     * [p n, (p + 1) n)); each target's weights add up to s.
     */
    private static void spans(int s, int n, int[][] from, int[][] weight) {
        for (int i = 0; i < n; i++) {
            long lo = (long) i * s, hi = (long) (i + 1) * s;
            int first = (int) (lo / n), last = (int) ((hi - 1) / n);
            from[i] = new int[last - first + 1];
            weight[i] = new int[last - first + 1];
            for (int p = first; p <= last; p++) {
                from[i][p - first] = p;
                weight[i][p - first] = (int) (Math.min((long) (p + 1) * n, hi) - Math.max((long) p * n, lo));
            }
        }
    }

    private static int level(double v) {
        int l = (int) Math.floor(v + 0.5);
        return l < 0 ? 0 : Math.min(255, l);
    }

    /** Whether the RGB levels are grey (R = G = B everywhere). */
    public static boolean isGrey(byte[] levels) {
        int plane = levels.length / 3;
        for (int p = 0; p < plane; p++) {
            if (levels[p] != levels[plane + p] || levels[p] != levels[2 * plane + p]) return false;
        }
        return true;
    }

    /** The network's inputs from the RGB levels of {@link #scale} at this format's side. */
    public double[] inputs(byte[] levels) {
        int plane = side * side;
        if (levels.length != 3 * plane) throw new IllegalArgumentException("expected " + side + "x" + side + " RGB levels");
        double[] x = new double[inputs()];
        if (channels == 3) {
            for (int i = 0; i < x.length; i++) x[i] = (levels[i] & 0xFF) / 255.0;
        } else {
            for (int p = 0; p < plane; p++) {
                int luma = 299 * (levels[p] & 0xFF) + 587 * (levels[plane + p] & 0xFF) + 114 * (levels[2 * plane + p] & 0xFF);
                x[p] = level(luma / 1000.0) / 255.0;
            }
        }
        return x;
    }
}
