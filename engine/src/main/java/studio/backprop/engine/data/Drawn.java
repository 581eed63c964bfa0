package studio.backprop.engine.data;

/**
 * A data set the user draws on the 2-D plane: points of class 0 or 1 on a grid of 0.1 over
 * [-6, 6] in x1 and x2, written as text short enough for a URL or a share link (three base64url
 * characters a point: (i1 121 + i2) 2 + class, with i1, i2 from 0 to 120). The empty text is a
 * starter set of a few points, so a new drawing is never empty; "none" is a cleared one.
 */
public final class Drawn {
    private Drawn() {}

    /** The data set's name (URL key data), its points' key, and the text of a drawing with no points (cleared). */
    public static final String NAME = "draw", KEY = "points", NONE = "none";
    /** Grid steps per unit, the extent of the plane, and the most points a set holds. */
    public static final int STEPS = 10, EXTENT = 6, MAX_POINTS = 1000;
    private static final int SIDE = 2 * EXTENT * STEPS + 1;
    private static final String DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** Where a new drawing starts: two small groups, one of each class. */
    private static final double[][] STARTER = {{-3, 2, 1}, {-2.5, 3, 1}, {-3.5, 3.2, 1}, {2.5, -2, 0}, {3.2, -2.8, 0}, {2.2, -3.1, 0}};

    /** Points as (x1, x2, class) triples. */
    public static double[][] parse(String text) {
        if (text.isEmpty()) return STARTER.clone();
        if (text.equals(NONE)) return new double[0][];
        if (text.length() % 3 != 0) throw new IllegalArgumentException("points: the text must have 3 characters a point, found " + text.length());
        int n = text.length() / 3;
        if (n > MAX_POINTS) throw new IllegalArgumentException("points: at most " + MAX_POINTS + " points, found " + n);
        double[][] points = new double[n][];
        for (int p = 0; p < n; p++) {
            int v = 0;
            for (int k = 0; k < 3; k++) {
                int d = DIGITS.indexOf(text.charAt(3 * p + k));
                if (d < 0) throw new IllegalArgumentException("points: '" + text.charAt(3 * p + k) + "' is not a base64url character");
                v = v * 64 + d;
            }
            int cls = v % 2, cell = v / 2, i1 = cell / SIDE, i2 = cell % SIDE;
            if (i1 >= SIDE) throw new IllegalArgumentException("points: point " + (p + 1) + " lies off the plane");
            points[p] = new double[] {coordinate(i1), coordinate(i2), cls};
        }
        return points;
    }

    /** The text of these points, each snapped to the grid. */
    public static String format(double[][] points) {
        StringBuilder sb = new StringBuilder();
        for (double[] p : points) {
            int v = (index(p[0]) * SIDE + index(p[1])) * 2 + (p[2] >= 0.5 ? 1 : 0);
            sb.append(DIGITS.charAt(v / 4096)).append(DIGITS.charAt(v / 64 % 64)).append(DIGITS.charAt(v % 64));
        }
        return sb.toString();
    }

    /** A grid index 0..120 to its coordinate: exact tenths, the same on every platform. */
    private static double coordinate(int i) {
        return (i - EXTENT * STEPS) / (double) STEPS;
    }

    private static int index(double x) {
        return (int) Math.max(0, Math.min(SIDE - 1, Math.round((x + EXTENT) * STEPS)));
    }

    /** The drawn points as a classification set over x1, x2. */
    public static DataSet dataSet(String text) {
        double[][] points = parse(text);
        if (points.length < 2) throw new IllegalArgumentException("draw at least 2 points: click the plane to add them");
        double[][] x = new double[points.length][], y = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            x[i] = new double[] {points[i][0], points[i][1]};
            y[i] = new double[] {points[i][2]};
        }
        return new DataSet(NAME, new String[] {"x1", "x2"}, x, new String[] {"y"}, new String[] {"0", "1"}, y);
    }
}
