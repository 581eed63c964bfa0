package studio.backprop.web.worker;

import java.util.List;
import org.teavm.jso.JSObject;
import studio.backprop.engine.data.DataSet;
import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.Generators;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.nn.Linear;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.train.EpochReport;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Metrics;
import studio.backprop.web.Js;

/**
 * Builds the messages the page draws from: the setup (what the data and network are) once,
 * then snapshots of the metrics, the weights, the 2-D output and hidden-neuron grids. Full
 * evaluation costs a forward pass over all the data, so snapshots while training are spaced
 * to keep it a small share of the worker's time.
 */
final class Snapshots {
    /** Grid points per side of the 2-D output heatmap and of each neuron's small heatmap. */
    static final int GRID = 48, NEURON_GRID = 24;
    static final double EXTENT = 6;
    /** Networks up to this size send their weights for the network drawing. */
    static final int DRAWN_PARAMETERS = 20_000;
    /** Neurons drawn per layer (the page's NetworkView.SHOWN). */
    static final int SHOWN = 12;
    /** Test images shown with their predictions, and first-layer units drawn as images. */
    static final int GALLERY = 24, FEATURES = 16;

    private final Experiment ex;
    private final boolean planar;
    private final double[][] gridPoints, neuronPoints;
    private double nextDue;
    private double lastSamples, lastTime;
    private double samplesPerSecond;

    Snapshots(Experiment ex) {
        this.ex = ex;
        this.planar = Generators.isGenerated(ex.settings.get("data"));
        gridPoints = grid(GRID);
        neuronPoints = planar ? ex.model.prepare(grid(NEURON_GRID)) : new double[0][];
        lastTime = Js.now();
    }

    /** Row-major points over [-EXTENT, EXTENT]^2, top row first (x2 high). */
    static double[][] grid(int n) {
        double[][] points = new double[n * n][];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                points[r * n + c] = new double[] {-EXTENT + (c + 0.5) * 2 * EXTENT / n, EXTENT - (r + 0.5) * 2 * EXTENT / n};
            }
        }
        return points;
    }

    boolean due() {
        return Js.now() >= nextDue;
    }

    JSObject setup() {
        Model model = ex.model;
        Network net = model.network;
        JSObject m = Js.object();
        Js.set(m, "type", "setup");
        Js.set(m, "planar", planar);
        Js.set(m, "classes", Js.strings(model.classes));
        Js.set(m, "inputs", Js.strings(model.inputNames()));
        Js.set(m, "target", String.join(", ", model.targetNames));
        Js.set(m, "parameters", net.parameterCount());
        Js.set(m, "trainSize", ex.train.size());
        Js.set(m, "testSize", ex.test.size());
        Js.set(m, "dropped", ex.droppedRows);
        Js.set(m, "loss", model.loss);
        double[] widths = new double[net.modules().size() / 2 + 1];
        widths[0] = net.inputs;
        for (int l = 1; l < widths.length; l++) widths[l] = net.width(2 * l);
        Js.set(m, "widths", Js.float64(widths));
        JSObject columns = Js.array();
        for (Encoding.Column c : model.encoding.columns) {
            JSObject col = Js.object();
            Js.set(col, "name", c.name);
            if (c.categories != null) Js.set(col, "categories", Js.strings(c.categories));
            Js.push(columns, col);
        }
        Js.set(m, "columns", columns);
        Js.set(m, "candidates", Js.strings(ex.candidateInputs));
        int side = Images.side(ex.settings.get("data"));
        if (side > 0) {
            Js.set(m, "imageSide", side);
            Js.set(m, "maxLevel", Images.maxLevel(ex.settings.get("data")));
            int count = Math.min(GALLERY, ex.test.size());
            double[] pixels = new double[count * side * side], labels = new double[count];
            for (int i = 0; i < count; i++) {
                System.arraycopy(ex.test.x[i], 0, pixels, i * side * side, side * side);
                labels[i] = ex.test.label(i);
            }
            Js.set(m, "gallery", Js.float64(pixels));
            Js.set(m, "galleryLabels", Js.float64(labels));
        }
        if (planar) {
            Js.set(m, "train", points(ex.train));
            Js.set(m, "test", points(ex.test));
            Js.set(m, "grid", GRID);
            Js.set(m, "neuronGrid", NEURON_GRID);
            Js.set(m, "extent", EXTENT);
        }
        return m;
    }

    /** x1, x2, target triples for drawing. */
    private static JSObject points(DataSet d) {
        double[] flat = new double[d.size() * 3];
        for (int i = 0; i < d.size(); i++) {
            flat[3 * i] = d.x[i][0];
            flat[3 * i + 1] = d.x[i][1];
            flat[3 * i + 2] = d.y[i][0];
        }
        return Js.float64(flat);
    }

    JSObject snapshot(String status, boolean withHash) {
        double start = Js.now();
        EpochReport r = ex.evaluate();
        Network net = ex.model.network;
        JSObject m = Js.object();
        Js.set(m, "type", "snapshot");
        Js.set(m, "status", status);
        Js.set(m, "epoch", r.epoch);
        Js.set(m, "samples", (double) r.samples);
        Js.set(m, "trainLoss", r.train.loss);
        Js.set(m, "testLoss", r.test.loss);
        Js.set(m, "trainAccuracy", r.train.accuracy);
        Js.set(m, "testAccuracy", r.test.accuracy);
        Js.set(m, "testRmse", r.test.rmse);
        Js.set(m, "testR2", r.test.r2);
        double elapsed = start - lastTime;
        if (elapsed > 200) {
            samplesPerSecond = (r.samples - lastSamples) * 1000 / elapsed;
            lastSamples = r.samples;
            lastTime = start;
        }
        Js.set(m, "samplesPerSecond", status.equals("training") ? samplesPerSecond : 0);
        if (withHash || net.parameterCount() < DRAWN_PARAMETERS) Js.set(m, "hash", WeightsHash.of(net));
        if (net.parameterCount() <= DRAWN_PARAMETERS) Js.set(m, "weights", Js.float64(weights(net)));
        int k = r.test.confusion.length;
        double[] confusion = new double[k * k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) confusion[i * k + j] = r.test.confusion[i][j];
        Js.set(m, "confusion", Js.float64(confusion));
        if (Images.side(ex.settings.get("data")) > 0) {
            int count = Math.min(GALLERY, ex.test.size());
            double[][] out = ex.model.predict(java.util.Arrays.copyOf(ex.test.x, count));
            double[] predicted = new double[count];
            for (int i = 0; i < count; i++) predicted[i] = Metrics.predictedClass(out[i]);
            Js.set(m, "galleryPredicted", Js.float64(predicted));
            Js.set(m, "firstLayer", Js.float64(firstLayer(net)));
        }
        if (planar) {
            double[][] out = ex.model.predict(gridPoints);
            double[] grid = new double[out.length];
            for (int i = 0; i < grid.length; i++) grid[i] = out[i][0];
            Js.set(m, "output", Js.float64(grid));
            Js.set(m, "neurons", Js.float64(neurons(net)));
        }
        double cost = Js.now() - start;
        nextDue = Js.now() + Math.max(200, 4 * cost);
        return m;
    }

    /** The first layer's weights into each of its first FEATURES units, unit by unit: the images it looks for. */
    private static double[] firstLayer(Network net) {
        Linear first = (Linear) net.modules().get(0);
        int units = Math.min(FEATURES, first.n);
        double[] out = new double[units * first.m];
        for (int j = 0; j < units; j++) for (int k = 0; k < first.m; k++) out[j * first.m + k] = first.W.value[k][j];
        return out;
    }

    /** W of every linear module, row-major, one after the other (biases are not drawn). */
    private static double[] weights(Network net) {
        int n = 0;
        for (Module mod : net.modules()) if (mod instanceof Linear) n += ((Linear) mod).m * ((Linear) mod).n;
        double[] out = new double[n];
        int k = 0;
        for (Module mod : net.modules()) {
            if (!(mod instanceof Linear)) continue;
            for (double[] row : ((Linear) mod).W.value) for (double w : row) out[k++] = w;
        }
        return out;
    }

    /**
     * The activation over the small grid of each neuron the page draws (the first SHOWN of
     * each hidden layer, and the outputs), layer by layer, neuron by neuron.
     */
    private double[] neurons(Network net) {
        int rows = neuronPoints.length;
        Mat in = net.input(rows);
        for (int i = 0; i < rows; i++) System.arraycopy(neuronPoints[i], 0, in.row[i], 0, in.cols);
        net.forward();
        List<Module> ms = net.modules();
        int total = 0;
        for (int l = 2; l <= ms.size(); l += 2) total += Math.min(SHOWN, net.width(l));
        double[] out = new double[total * rows];
        int k = 0;
        for (int l = 2; l <= ms.size(); l += 2) {
            Mat a = net.activation(l);
            for (int j = 0; j < Math.min(SHOWN, a.cols); j++) for (int i = 0; i < rows; i++) out[k++] = a.row[i][j];
        }
        return out;
    }
}
