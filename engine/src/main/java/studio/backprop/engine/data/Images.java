package studio.backprop.engine.data;

/**
 * The built-in image sets, 10,000 images each: records of one label byte then side x side grey
 * levels (0 to 255, row-major), read into inputs scaled to [0, 1] named r{row}c{column}. The 8x8 digits table
 * is an image set too (side 8, levels 0 to 16), so the image views serve it as well.
 */
public final class Images {
    private Images() {}

    public static final String[] SETS = {"mnist", "fashion"};
    private static final String[] DIGITS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    private static final String[] FASHION = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
        "Sneaker", "Bag", "Ankle boot"};

    public static boolean isImageSet(String name) {
        return name.equals("mnist") || name.equals("fashion");
    }

    /** Pixels per side when the data set is made of images, 0 otherwise. */
    public static int side(String name) {
        if (isImageSet(name)) return 28;
        return name.equals("digits") ? 8 : 0;
    }

    /**
     * What the network sees of the data set's images: a built-in image set's, the digits
     * table's, or, for a user's own images, the format the setting {@code image} names (it is
     * empty for anything else: a table, a 2-D set). Null when the data are not images.
     */
    public static ImageFormat format(String data, String image) {
        if (isImageSet(data)) return new ImageFormat(28, 1, 1);
        if (data.equals("digits")) return new ImageFormat(8, 1, 16);
        if (image.isEmpty() || BuiltIn.isBuiltIn(data)) return null;
        return ImageFormat.parse(image);
    }

    /** Whether the data are a user's own images: a name that is no built-in set, with an image format (setting image). */
    public static boolean own(String data, String image) {
        return !image.isEmpty() && !BuiltIn.isBuiltIn(data);
    }

    /** The largest raw pixel value of a set's images (to draw them, or to turn a drawing into inputs). */
    public static double maxLevel(String name) {
        return name.equals("digits") ? 16 : 1;
    }

    /** The set's file: its records, gzipped (the site serves it as it is; the worker and the JVM inflate it). */
    public static String fileName(String name) {
        return name + ".bin.gz";
    }

    /** The records of a set's gzipped file. */
    public static byte[] inflate(byte[] gzipped) throws java.io.IOException {
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    public static DataSet fromRecords(String name, byte[] records) {
        int side = side(name), size = side * side, n = records.length / (size + 1);
        if (n < 2 || records.length != n * (size + 1)) {
            throw new IllegalArgumentException(name + ": expected records of 1 + " + size + " bytes, got " + records.length + " bytes");
        }
        String[] classes = name.equals("fashion") ? FASHION : DIGITS;
        String[] inputs = new String[size];
        for (int i = 0; i < size; i++) inputs[i] = "r" + (i / side) + "c" + (i % side);
        double[][] x = new double[n][size], y = new double[n][1];
        for (int s = 0; s < n; s++) {
            int at = s * (size + 1);
            int label = records[at] & 0xFF;
            if (label >= classes.length) throw new IllegalArgumentException(name + ": record " + (s + 1) + " has label " + label);
            y[s][0] = label;
            for (int i = 0; i < size; i++) x[s][i] = (records[at + 1 + i] & 0xFF) / 255.0;
        }
        return new DataSet(name, inputs, x, new String[] {"label"}, classes, y);
    }
}
