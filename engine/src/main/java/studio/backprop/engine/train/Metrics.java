package studio.backprop.engine.train;

import studio.backprop.engine.math.Mat;
import studio.backprop.engine.nn.Loss;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.StepCrossEntropy;

/**
 * Loss, accuracy and confusion (classification), RMSE and R^2 (regression) over a data part. A
 * text's (loss {@link StepCrossEntropy}) counts each step's next character: the loss per character,
 * the share of characters predicted, their confusion.
 */
public final class Metrics {
    public final double loss;
    public final double accuracy;
    public final double rmse;
    public final double r2;
    /** confusion[true][predicted]; empty for regression. */
    public final int[][] confusion;
    /** Each row's predicted class, in row order; empty for regression. */
    public final int[] predicted;

    private Metrics(double loss, double accuracy, double rmse, double r2, int[][] confusion, int[] predicted) {
        this.loss = loss;
        this.accuracy = accuracy;
        this.rmse = rmse;
        this.r2 = r2;
        this.confusion = confusion;
        this.predicted = predicted;
    }

    private static final int CHUNK = 256;

    /**
     * x: network inputs, y: loss targets; classes: 0 for regression. Runs the network forward
     * in chunks, so it uses the network's own buffers.
     */
    public static Metrics evaluate(Network net, Loss loss, double[][] x, double[][] y, int classes) {
        return evaluate(net, loss, x, y, classes, null);
    }

    /**
     * The same for a regression whose targets the network learns scaled (see {@link
     * studio.backprop.engine.model.Model#targets}): RMSE and R^2 in the target's units, each output's
     * error times its unit; the loss as trained.
     */
    public static Metrics evaluate(Network net, Loss loss, double[][] x, double[][] y, int classes, double[] unit) {
        int n = x.length;
        if (n == 0) return new Metrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, new int[0][0], new int[0]);
        int[][] confusion = new int[classes][classes];
        boolean perStep = loss instanceof StepCrossEntropy;
        int[] byRow = new int[classes > 0 && !perStep ? n : 0];
        double lossSum = 0, sse = 0, count = 0;
        int correct = 0;
        double[] mean = new double[y[0].length];
        for (double[] t : y) for (int j = 0; j < mean.length; j++) mean[j] += t[j] / n;
        double sst = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int rows = Math.min(CHUNK, n - from);
            Mat in = net.input(rows);
            for (int i = 0; i < rows; i++) Mat.copy(x[from + i], 0, in.row[i], 0, in.cols);
            Mat out = net.forward();
            Mat z = net.activation(net.modules().size() - 1);
            for (int i = 0; i < rows; i++) {
                double[] a = out.row[i], t = y[from + i];
                lossSum += loss.value(z.row[i], a, t);
                if (perStep) {
                    // a text: each step's next character is a prediction of its own
                    for (int step = 0; step < t.length; step++) {
                        int predicted = predictedClass(a, step * classes, classes), actual = (int) t[step];
                        confusion[actual][predicted]++;
                        if (predicted == actual) correct++;
                    }
                } else if (classes > 0) {
                    int predicted = predictedClass(a), actual = actualClass(t);
                    byRow[from + i] = predicted;
                    confusion[actual][predicted]++;
                    if (predicted == actual) correct++;
                } else {
                    for (int j = 0; j < a.length; j++) {
                        double u = unit == null ? 1 : unit[j], e = (a[j] - t[j]) * u, d = (t[j] - mean[j]) * u;
                        sse += e * e;
                        sst += d * d;
                        count++;
                    }
                }
            }
        }
        if (perStep) return new Metrics(lossSum / n, (double) correct / ((double) n * y[0].length), Double.NaN, Double.NaN, confusion, byRow);
        if (classes > 0) return new Metrics(lossSum / n, (double) correct / n, Double.NaN, Double.NaN, confusion, byRow);
        return new Metrics(lossSum / n, Double.NaN, Math.sqrt(sse / count), sst > 0 ? 1 - sse / sst : Double.NaN, confusion, byRow);
    }

    /** The mean of the per-class recalls ({@link #recall}) over the classes present: each class weighs the same, however rare. */
    public double balancedAccuracy() {
        int k = confusion.length;
        double[] flat = new double[k * k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) flat[i * k + j] = confusion[i][j];
        return balancedAccuracy(flat, k);
    }

    /** Per true class i of counts confusion[i k + j]: the share of its samples predicted as i (NaN if it has none). */
    public static double[] recall(double[] confusion, int k) {
        double[] r = new double[k];
        for (int i = 0; i < k; i++) {
            double total = 0;
            for (int j = 0; j < k; j++) total += confusion[i * k + j];
            r[i] = total > 0 ? confusion[i * k + i] / total : Double.NaN;
        }
        return r;
    }

    /** Per predicted class j: the share of the samples predicted as j that are j (NaN if none is). */
    public static double[] precision(double[] confusion, int k) {
        double[] p = new double[k];
        for (int j = 0; j < k; j++) {
            double total = 0;
            for (int i = 0; i < k; i++) total += confusion[i * k + j];
            p[j] = total > 0 ? confusion[j * k + j] / total : Double.NaN;
        }
        return p;
    }

    public static double balancedAccuracy(double[] confusion, int k) {
        double sum = 0;
        int present = 0;
        for (double r : recall(confusion, k)) {
            if (r == r) {
                sum += r;
                present++;
            }
        }
        return present > 0 ? sum / present : Double.NaN;
    }

    /** Whether the largest class has over 1.5 times the samples of the smallest (present) one. */
    public static boolean unbalanced(double[] confusion, int k) {
        double most = 0, least = Double.POSITIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            double total = 0;
            for (int j = 0; j < k; j++) total += confusion[i * k + j];
            if (total == 0) continue;
            most = Math.max(most, total);
            least = Math.min(least, total);
        }
        return most > 1.5 * least;
    }

    /** One sigmoid output: class 1 when it reaches 0.5; several outputs: the largest. */
    public static int predictedClass(double[] a) {
        if (a.length == 1) return a[0] >= 0.5 ? 1 : 0;
        int best = 0;
        for (int j = 1; j < a.length; j++) if (a[j] > a[best]) best = j;
        return best;
    }

    /** The most probable of the n classes at a[at ..]: a step's prediction. */
    public static int predictedClass(double[] a, int at, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) if (a[at + j] > a[at + best]) best = j;
        return best;
    }

    private static int actualClass(double[] t) {
        return t.length == 1 ? (t[0] >= 0.5 ? 1 : 0) : predictedClass(t);
    }
}
