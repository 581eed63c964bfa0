package studio.backprop.web.page;

import java.util.ArrayList;
import java.util.List;
import studio.backprop.engine.train.Settings;

/**
 * The page's one state object: the settings (mirrored in the URL), what the worker said last
 * and the history of the curves. Views only read it; PageMain is the only writer.
 */
final class State {
    String backend = "";
    Settings settings = new Settings();
    boolean autoplay;

    /** idle, training, paused, diverged or error. */
    String status = "idle";
    String error = "";

    // setup
    boolean planar;
    String[] classes = new String[0];
    String[] inputs = new String[0];
    int parameters, trainSize, testSize;
    double[] trainPoints = new double[0], testPoints = new double[0];
    int grid;
    double extent;

    // latest snapshot
    int epoch;
    double samples, samplesPerSecond;
    double trainLoss = Double.NaN, testLoss = Double.NaN;
    double trainAccuracy = Double.NaN, testAccuracy = Double.NaN;
    double testRmse = Double.NaN, testR2 = Double.NaN;
    String hash = "";
    double[] output = new double[0];

    /** (epoch, train loss, test loss, train accuracy, test accuracy) per snapshot. */
    final List<double[]> history = new ArrayList<>();

    boolean classification() {
        return classes.length > 0;
    }

    void clearRun() {
        epoch = 0;
        samples = 0;
        history.clear();
        hash = "";
        output = new double[0];
        error = "";
    }
}
