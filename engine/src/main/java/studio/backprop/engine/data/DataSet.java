package studio.backprop.engine.data;

import studio.backprop.engine.math.Rng;

/**
 * Samples as rows. For classification y[i] holds one value, the class index into
 * {@code classes}; for regression y[i] holds the targets named by {@code targetNames}.
 */
public final class DataSet {
    public final String name;
    public final String[] inputNames;
    public final double[][] x;
    public final String[] targetNames;
    /** Class labels; empty for regression. */
    public final String[] classes;
    public final double[][] y;

    public DataSet(String name, String[] inputNames, double[][] x, String[] targetNames, String[] classes, double[][] y) {
        if (x.length != y.length) throw new IllegalArgumentException("x and y differ in length");
        this.name = name;
        this.inputNames = inputNames;
        this.x = x;
        this.targetNames = targetNames;
        this.classes = classes;
        this.y = y;
    }

    public int size() { return x.length; }
    public int inputs() { return inputNames.length; }
    public boolean isClassification() { return classes.length > 0; }
    public int label(int i) { return (int) y[i][0]; }

    public DataSet withInputs(String[] names, double[][] newX) {
        return new DataSet(name, names, newX, targetNames, classes, y);
    }

    public DataSet subset(int[] rows, int from, int to) {
        double[][] sx = new double[to - from][], sy = new double[to - from][];
        for (int i = from; i < to; i++) {
            sx[i - from] = x[rows[i]];
            sy[i - from] = y[rows[i]];
        }
        return new DataSet(name, inputNames, sx, targetNames, classes, sy);
    }

    /** A seeded shuffle, then the first {@code trainFraction} of the rows train and the rest test. */
    public DataSet[] split(double trainFraction, Rng rng) {
        if (!(trainFraction > 0 && trainFraction < 1)) throw new IllegalArgumentException("split must be between 0 and 1");
        if (size() < 2) throw new IllegalArgumentException("need at least 2 samples to split, got " + size());
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        rng.shuffle(order);
        int nTrain = (int) Math.round(trainFraction * size());
        nTrain = Math.max(1, Math.min(size() - 1, nTrain));
        return new DataSet[] {subset(order, 0, nTrain), subset(order, nTrain, size())};
    }

    /** The first {@code trainFraction} of the rows train and the rest test, in their order (a series: the later part is the test). */
    public DataSet[] splitInOrder(double trainFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) throw new IllegalArgumentException("split must be between 0 and 1");
        if (size() < 2) throw new IllegalArgumentException("need at least 2 samples to split, got " + size());
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        int nTrain = Math.max(1, Math.min(size() - 1, (int) Math.round(trainFraction * size())));
        return new DataSet[] {subset(order, 0, nTrain), subset(order, nTrain, size())};
    }
}
