package studio.backprop.web.worker.run;

import java.util.List;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.engine.data.DataSet;
import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.Generators;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.nn.Conv2D;
import studio.backprop.engine.nn.Dropout;
import studio.backprop.engine.nn.LayerSpec;
import studio.backprop.engine.nn.Linear;
import studio.backprop.engine.nn.MaxPool2D;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.Modules;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Recurrent;
import studio.backprop.engine.nn.Shape;
import studio.backprop.engine.train.EpochReport;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Forecast;
import studio.backprop.engine.train.Metrics;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.Pixels;

/**
 * Builds the messages the page draws from: the setup (what the data and network are) once,
 * then snapshots of the metrics, the weights, the 2-D output and hidden-neuron grids. Full
 * evaluation costs a forward pass over all the data, so snapshots while training are spaced
 * to keep it a small share of the worker's time.
 */
public final class Snapshots {
    /** Grid points per side of the 2-D output heatmap and of each neuron's small heatmap. */
    static final int GRID = 48, NEURON_GRID = 24;
    static final double EXTENT = 6;
    /** Networks up to this size send their weights for the network drawing. */
    static final int DRAWN_PARAMETERS = 20_000;
    /** Neurons drawn per layer (the page's NetworkView.SHOWN). */
    static final int SHOWN = 12;
    /** Training samples a snapshot evaluates (all of a small set; a fixed sample of a large one, so snapshots stay cheap). */
    static final int TRAIN_ROWS = 2000;

    private final Experiment ex;
    private final boolean planar;
    /** The sine's x1 values for its fitted curve (x2 = 0), raw; null for other sets. */
    private double[][] fitPoints;
    /** Only dense layers: the network is drawn neuron by neuron, with its weights. */
    private final boolean dense;
    private final double[][] gridPoints, neuronPoints;
    private double nextDue;
    private double lastSamples, lastTime;
    private double samplesPerSecond;
    /** The image views' part of the setup and of each snapshot. */
    final ImageSnapshots images;

    Snapshots(Experiment ex) {
        this.ex = ex;
        this.images = new ImageSnapshots(ex);
        this.planar = Generators.isGenerated(ex.settings.get("data"));
        boolean onlyDense = true;
        for (Module mod : ex.model.network.modules()) {
            onlyDense &= !(mod instanceof Conv2D || mod instanceof MaxPool2D || mod instanceof Dropout || Modules.isRecurrent(mod.kind()));
        }
        this.dense = onlyDense;
        gridPoints = grid(GRID);
        neuronPoints = planar ? ex.model.prepare(grid(NEURON_GRID)) : new double[0][];
        if (ex.settings.get("data").equals("sine")) {
            fitPoints = new double[FIT_POINTS][];
            for (int i = 0; i < FIT_POINTS; i++) fitPoints[i] = new double[] {-EXTENT + 2 * EXTENT * i / (FIT_POINTS - 1), 0};
        }
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

    /** Curve points per second at most once the first CURVE_EVERY epochs are in (those all get one). */
    static final int CURVE_EVERY = 50;
    static final double CURVE_GAP_MS = 40;
    /** Points since the last snapshot: (epoch, train loss, test loss, train accuracy, test accuracy, training seconds) rows. */
    private final java.util.List<Double> curve = new java.util.ArrayList<>();
    private double lastCurvePoint = Double.NEGATIVE_INFINITY;

    /**
     * After a batch that ended an epoch: a point of the curves, for every early epoch and then at
     * most one per CURVE_GAP_MS, so the curves are whole at any pace (a snapshot, drawn a few
     * times a second, could skip thousands of epochs).
     */
    void epochEnded() {
        double now = Js.now();
        if (ex.trainer.epoch() > CURVE_EVERY && now - lastCurvePoint < CURVE_GAP_MS) return;
        lastCurvePoint = now;
        EpochReport r = ex.evaluate(TRAIN_ROWS);
        for (double v : new double[] {r.epoch, r.train.loss, r.test.loss, r.train.accuracy, r.test.accuracy, trainingMs / 1000}) curve.add(v);
    }

    /** Milliseconds this run has spent training (slices and parallel batches), for curves over time. */
    private double trainingMs;

    void trained(double ms) {
        trainingMs += ms;
    }

    boolean due() {
        return Js.now() >= nextDue;
    }

    FromWorker.Setup setup() {
        Model model = ex.model;
        Network net = model.network;
        FromWorker.Setup m = FromWorker.setup();
        m.setPlanar(planar);
        m.setClasses(model.classes);
        m.setInputs(model.inputNames());
        m.setParameters(net.parameterCount());
        m.setTrainSize(ex.train.size());
        m.setTestSize(ex.test.size());
        m.setDropped(ex.droppedRows);
        m.setLoss(model.loss);
        m.setWidths(Js.float64(dense ? widths(net) : new double[0]));
        layers(m);
        JSArray<FromWorker.Column> columns = JSArray.create();
        for (Encoding.Column c : model.encoding.columns) columns.push(FromWorker.column(c.name, c.categories, c.date));
        m.setColumns(columns);
        m.setCandidates(ex.candidateInputs);
        m.setCandidateNotes(ex.candidateNotes);
        String[] defaults = new String[ex.outByDefault.length];
        for (int i = 0; i < defaults.length; i++) defaults[i] = ex.outByDefault[i] ? "out" : "";
        m.setCandidateDefaults(defaults);
        images.setup(m);
        m.setTrain(planar ? points(ex.train) : null);
        m.setTest(planar ? points(ex.test) : null);
        m.setGrid(planar ? GRID : 0);
        m.setNeuronGrid(planar ? NEURON_GRID : 0);
        m.setExtent(planar ? EXTENT : 0);
        return m;
    }

    /** Units per layer of a dense network, inputs first. */
    private static double[] widths(Network net) {
        double[] widths = new double[net.modules().size() / 2 + 1];
        widths[0] = net.inputs;
        for (int l = 1; l < widths.length; l++) widths[l] = net.width(2 * l);
        return widths;
    }

    /** Each layer's name, output shape and parameters, from the input to the output (the layer editor's list). */
    private void layers(FromWorker.Setup m) {
        List<LayerSpec> specs = ex.settings.layers();
        // a text's symbols are read one-hot, and every layer keeps its steps (an output at every step)
        boolean perStep = ex.inputShape.tokens();
        Shape shape = perStep ? Shape.sequence(ex.inputShape.height, ex.inputShape.vocab) : ex.inputShape;
        String[] names = new String[specs.size() + 2], shapes = new String[names.length];
        double[] parameters = new double[names.length];
        names[0] = "input";
        shapes[0] = ex.inputShape.toString();
        for (int l = 0; l < specs.size(); l++) {
            LayerSpec spec = specs.get(l);
            boolean stepDense = perStep && spec.kind == LayerSpec.Kind.DENSE;
            parameters[l + 1] = stepDense ? shape.width * spec.units + spec.units : spec.parameters(shape);
            shape = stepDense ? Shape.sequence(shape.height, spec.units) : spec.output(shape, perStep || LayerSpec.sequencesAfter(specs, l));
            names[l + 1] = spec + (spec.activation == null ? "" : " " + spec.activation);
            shapes[l + 1] = shape.toString();
        }
        int last = names.length - 1, outputs = perStep ? ex.model.classes.length : ex.model.network.outputs();
        names[last] = "output";
        shapes[last] = perStep ? Shape.sequence(shape.height, outputs).toString() : Integer.toString(outputs);
        parameters[last] = (perStep ? shape.width : shape.size()) * outputs + outputs;
        m.setLayerNames(names);
        m.setLayerShapes(shapes);
        m.setLayerParameters(Js.float64(parameters));
    }

    /** x1, x2, target triples for drawing. */
    private static Float64Array points(DataSet d) {
        double[] flat = new double[d.size() * 3];
        for (int i = 0; i < d.size(); i++) {
            flat[3 * i] = d.x[i][0];
            flat[3 * i + 1] = d.x[i][1];
            flat[3 * i + 2] = d.y[i][0];
        }
        return Js.float64(flat);
    }

    FromWorker.Snapshot snapshot(String status, boolean withHash) {
        double start = Js.now();
        EpochReport r = ex.evaluate(TRAIN_ROWS);
        Network net = ex.model.network;
        FromWorker.Snapshot m = FromWorker.snapshot();
        double[] points = new double[curve.size()]; // (a loop, not a stream: streams weigh kilobytes in the TeaVM builds)
        for (int i = 0; i < points.length; i++) points[i] = curve.get(i);
        m.setCurve(Js.float64(points));
        m.setSeconds(trainingMs / 1000);
        curve.clear();
        m.setStatus(status);
        m.setEpoch(r.epoch);
        m.setSamples((double) r.samples);
        m.setTrainLoss(r.train.loss);
        m.setTestLoss(r.test.loss);
        m.setTrainAccuracy(r.train.accuracy);
        m.setTestAccuracy(r.test.accuracy);
        m.setTestRmse(r.test.rmse);
        m.setTestR2(r.test.r2);
        double elapsed = start - lastTime;
        if (elapsed > 200) {
            samplesPerSecond = (r.samples - lastSamples) * 1000 / elapsed;
            lastSamples = r.samples;
            lastTime = start;
        }
        m.setSamplesPerSecond(status.equals("training") ? samplesPerSecond : 0);
        m.setWorkers(1);
        m.setHash(withHash || net.parameterCount() < DRAWN_PARAMETERS ? WeightsHash.of(net) : null);
        m.setWeights(dense && net.parameterCount() <= DRAWN_PARAMETERS ? Js.float64(weights(net)) : null);
        Recurrent first = null;
        for (Module mod : net.modules()) if (first == null && mod instanceof Recurrent) first = (Recurrent) mod;
        m.setStepGradients(first == null ? null : Js.float64(first.gradientByStep));
        m.setClipped((double) ex.trainer.clipped);
        int k = r.test.confusion.length;
        double[] confusion = new double[k * k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) confusion[i * k + j] = r.test.confusion[i][j];
        m.setConfusion(Js.float64(confusion));
        images.snapshot(m, r);
        m.setOutputPixels(null);
        m.setNeuronPixels(null);
        if (planar) {
            double[][] out = ex.model.predict(gridPoints);
            double[] grid = new double[out.length];
            for (int i = 0; i < grid.length; i++) grid[i] = out[i][0];
            m.setOutputPixels(Js.int32(Pixels.diverging(grid, ex.model.classes.length > 0)));
            // tanh-like outputs as they are, larger (ReLU) ones scaled down
            m.setNeuronPixels(Js.int32(Pixels.tiles(neurons(net), NEURON_GRID * NEURON_GRID, 1)));
        }
        fit(m, status);
        double cost = Js.now() - start;
        nextDue = Js.now() + Math.max(200, 4 * cost);
        return m;
    }

    /** Points of the sine's fitted curve, and test rows in a table's predicted-versus-actual plot. */
    static final int FIT_POINTS = 121, FIT_ROWS = 1000;

    /** A series' fit as last computed (see {@link #series}), and the epoch it was computed in. */
    private double[] seriesFit;
    private int seriesEpoch = -1;

    /**
     * Regression's fit (see the Snapshot message): the sine's curve, or a table's actual and
     * predicted values; a series' forecasts once an epoch while it trains (300 predictions, a
     * rollout among them), at every snapshot of a paused run (a step shows its own).
     */
    private void fit(FromWorker.Snapshot m, String status) {
        m.setFitKind(null);
        m.setFit(null);
        if (ex.model.classes.length > 0 || (planar && fitPoints == null)) return; // the plane has its heatmap
        double[] out;
        if (ex.settings.series()) {
            m.setFitKind("series");
            int epoch = ex.trainer.epoch();
            if (seriesFit == null || epoch != seriesEpoch || !status.equals("training")) {
                seriesFit = series();
                seriesEpoch = epoch;
            }
            m.setFit(Js.float64(seriesFit));
            return;
        }
        if (planar) {
            double[][] predicted = ex.model.predict(fitPoints);
            out = new double[predicted.length];
            for (int i = 0; i < out.length; i++) out[i] = predicted[i][0];
            m.setFitKind("curve");
        } else {
            int rows = Math.min(FIT_ROWS, ex.test.size());
            double[][] predicted = ex.model.predict(java.util.Arrays.copyOf(ex.test.x, rows));
            out = new double[2 * rows];
            for (int i = 0; i < rows; i++) {
                out[2 * i] = ex.test.y[i][0];
                out[2 * i + 1] = predicted[i][0];
            }
            m.setFitKind("scatter");
        }
        m.setFit(Js.float64(out));
    }

    /** Values of a series the fit shows (its end), and the steps its forecast runs past the data. */
    static final int SERIES_SHOWN = 240, SERIES_FORECAST = 60;

    /**
     * A series' fit: (shown, forecast, cut) and then the series' last shown values, the
     * network's one-step forecast of each from the window before it (NaN where there is no whole
     * window), and the forecast rolled out past the end (each forecast fed back as the newest
     * input); cut is where the test part's first target lies among the shown values.
     */
    private double[] series() {
        int window = ex.train.x[0].length;
        double[] v = Forecast.values(ex);
        int shown = Math.min(SERIES_SHOWN, v.length), from = v.length - shown;
        int first = Math.max(from, window); // the first value with a whole window before it
        double[][] windows = new double[v.length - first][];
        for (int t = first; t < v.length; t++) windows[t - first] = java.util.Arrays.copyOfRange(v, t - window, t);
        double[][] predicted = ex.model.predict(windows);
        double[] out = new double[3 + 2 * shown + SERIES_FORECAST];
        out[0] = shown;
        out[1] = SERIES_FORECAST;
        out[2] = window + ex.train.size() - from;
        for (int k = 0; k < shown; k++) {
            out[3 + k] = v[from + k];
            out[3 + shown + k] = from + k < first ? Double.NaN : predicted[from + k - first][0];
        }
        System.arraycopy(Forecast.rollout(ex.model, v, SERIES_FORECAST), 0, out, 3 + 2 * shown, SERIES_FORECAST);
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
