package studio.backprop.web.page;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int32Array;
import studio.backprop.engine.data.Drawn;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.protocol.TextMessages;

/**
 * The page's one state object: the settings (mirrored in the URL), what the worker said last
 * and the history of the curves. Views only read it; PageMain is the only writer.
 */
public final class State {
    public String backend = "";
    public Settings settings = new Settings();
    boolean autoplay;
    /** A sweep the URL asks for (key sweep), "" for none. */
    String sweep = "";

    /** idle, training, paused, diverged or error. */
    public String status = "idle";
    public String error = "";

    /** The user's CSV file (a File), kept so that reset and setting changes can rebuild the run; or null. */
    public JSObject csvFile;
    /** The file offered to a model that needs its data again, until the worker accepts it. */
    JSObject offeredFile;

    /** What the page asks for when an opened model needs its file again (empty: nothing). */
    public String needFile = "";

    /** The model link being opened ("#m=..." in the URL), or null. */
    String linkPayload;
    /** The last share link made, shown until closed, and the choices it was picked from. */
    public String shareLink = "";

    /** Settings with a change that needs a new network, waiting for the user's confirmation. */
    public Settings pending;

    // setup
    public boolean planar;
    public String[] classes = new String[0];
    public String[] inputs = new String[0];
    /** Encoded columns of a table: names, and categories (null for numeric) for the try-it form. */
    public String[] columns = new String[0];
    public String[][] categories = new String[0][];
    /** Every column of a table that could be an input. */
    public String[] candidates = new String[0];
    /** Per candidate: its note, and whether it stays out of the inputs unless chosen. */
    public String[] candidateNotes = new String[0];
    public boolean[] outByDefault = new boolean[0];
    /** Per input column: its date form, or null. */
    public String[] dates = new String[0];
    String loss = "";
    public int parameters, trainSize, testSize, dropped;
    /** A recurrent run's dL/dh_t per step of the last batch (see FromWorker.Snapshot), empty otherwise; batches clipped so far. */
    public double[] stepGradients = new double[0];
    public double clipped;
    /** Units per layer of a dense network (empty when it has conv, pool or dropout layers). */
    public int[] widths = new int[0];
    /** Every layer from the input to the output: name, output shape ("14×14×8"), parameters. */
    public String[] layerNames = new String[0], layerShapes = new String[0];
    public double[] layerParameters = new double[0];
    /** Side of the first layer's tiles in the image views (the image's, or the conv kernel's). */
    public int tileSide;
    public double[] trainPoints = new double[0], testPoints = new double[0];
    public int grid, neuronGrid;
    public double extent;
    /** Image data: pixels per side (0: not images), the largest grey level, sample test images and their labels. */
    public int imageSide;
    public double maxLevel = 1;
    /** 1 or 3 (RGB planes); photos: the user's own images, drawn as they are rather than as ink on paper, mistakes first. */
    public int imageChannels = 1;
    public boolean photos;
    /** The gallery's test images as the worker drew them (tiles of side x side pixels), or null; and their labels. */
    public Int32Array galleryPixels;
    public double[] galleryLabels = new double[0];

    // latest snapshot
    public int epoch;
    public double samples, samplesPerSecond;
    /** Workers training the run (more than 1 once a data-parallel run's helpers have loaded). */
    public int workers = 1;
    public double trainLoss = Double.NaN, testLoss = Double.NaN;
    public double trainAccuracy = Double.NaN, testAccuracy = Double.NaN;
    public double testRmse = Double.NaN, testR2 = Double.NaN;
    public String hash = "";
    /** Why the run ended by itself ("early", "epochs", or ""), and for an early stop the epoch whose weights it kept. */
    public String ended = "";
    public int bestEpoch = -1;
    /** 2-D sets: the output over the plane's grid as pixels (grid x grid), or null. */
    public Int32Array outputPixels;
    /** Regression's fit: "curve" or "scatter" (see the Snapshot message) and its numbers; "" when there is none. */
    public String fitKind = "";
    public double[] fit = new double[0];
    public double[] weights = new double[0];
    /** 2-D sets: each drawn neuron's output over the small grid, as tiles of neuronGrid x neuronGrid pixels; or null. */
    public Int32Array neuronPixels;
    /** Test confusion counts, row = true class, column = predicted. */
    public double[] confusion = new double[0];
    public double[] galleryPredicted = new double[0];
    /** Image sets: the first layer's weights into its first units, tiles of tileSide x tileSide pixels; or null. */
    public Int32Array firstLayerPixels;
    /** Conv nets: the watched test image, and each conv layer's maps of it (shapes: count, height, width per layer). */
    public int watched;
    public Int32Array featureMapPixels;
    public double[] featureShapes = new double[0];
    /** A text run's latest made-up text and next-character probabilities (see TextMessages.Sample), or null. */
    public TextMessages.Sample textSample;
    /** The last "try it" answer: the outputs for the user's input and the predicted label or value. */
    public String prediction = "";

    /** (epoch, train loss, test loss, train accuracy, test accuracy) per snapshot. */
    public final List<double[]> history = new ArrayList<>();

    /** Whether the data is the user's own points, drawn on the plane (the plane's clicks add points). */
    public boolean drawing() {
        return settings.get("data").equals(Drawn.NAME);
    }

    /** Whether the run is on text: each step's next character (the classes are its characters). */
    public boolean text() {
        return settings.text();
    }

    public boolean classification() {
        return classes.length > 0;
    }

    void clearRun() {
        epoch = 0;
        samples = 0;
        samplesPerSecond = 0;
        trainLoss = testLoss = Double.NaN;
        trainAccuracy = testAccuracy = Double.NaN;
        testRmse = testR2 = Double.NaN;
        history.clear();
        hash = "";
        ended = "";
        bestEpoch = -1;
        stepGradients = new double[0];
        clipped = 0;
        outputPixels = null;
        fitKind = "";
        fit = new double[0];
        weights = new double[0];
        neuronPixels = null;
        confusion = new double[0];
        galleryPredicted = new double[0];
        firstLayerPixels = null;
        featureMapPixels = null;
        featureShapes = new double[0];
        imageSide = 0;
        prediction = "";
        textSample = null;
        error = "";
    }
}
