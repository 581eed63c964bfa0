package studio.backprop.web.worker;

import org.teavm.jso.JSObject;
import studio.backprop.engine.data.DataSet;
import studio.backprop.engine.data.Generators;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.EpochReport;
import studio.backprop.engine.train.Experiment;
import studio.backprop.web.Js;

/**
 * Builds the messages the page draws from: the setup (what the data and network are) once,
 * then snapshots of the metrics and the 2-D output grid. Full evaluation costs a forward
 * pass over all the data, so snapshots while training are spaced to keep it a small share.
 */
final class Snapshots {
    /** Grid points per side of the 2-D output heatmap, and its extent. */
    static final int GRID = 48;
    static final double EXTENT = 6;

    private final Experiment ex;
    private final boolean planar;
    private final double[][] gridPoints;
    private double nextDue;
    private double lastSamples, lastTime;
    private double samplesPerSecond;

    Snapshots(Experiment ex) {
        this.ex = ex;
        this.planar = Generators.isGenerated(ex.settings.get("data"));
        gridPoints = new double[GRID * GRID][];
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                double x1 = -EXTENT + (c + 0.5) * 2 * EXTENT / GRID, x2 = EXTENT - (r + 0.5) * 2 * EXTENT / GRID;
                gridPoints[r * GRID + c] = new double[] {x1, x2};
            }
        }
        lastTime = Js.now();
    }

    boolean due() {
        return Js.now() >= nextDue;
    }

    JSObject setup() {
        Model model = ex.model;
        JSObject m = Js.object();
        Js.set(m, "type", "setup");
        Js.set(m, "planar", planar);
        Js.set(m, "classes", String.join("\n", model.classes));
        Js.set(m, "inputs", String.join("\n", model.inputNames()));
        Js.set(m, "target", String.join(", ", model.targetNames));
        Js.set(m, "parameters", model.network.parameterCount());
        Js.set(m, "trainSize", ex.train.size());
        Js.set(m, "testSize", ex.test.size());
        Js.set(m, "dropped", ex.droppedRows);
        if (planar) {
            Js.set(m, "train", points(ex.train));
            Js.set(m, "test", points(ex.test));
            Js.set(m, "grid", GRID);
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
        if (withHash || ex.model.network.parameterCount() < 20_000) Js.set(m, "hash", WeightsHash.of(ex.model.network));
        if (planar) {
            double[][] out = ex.model.predict(gridPoints);
            double[] grid = new double[out.length];
            for (int i = 0; i < grid.length; i++) grid[i] = out[i][0];
            Js.set(m, "output", Js.float64(grid));
        }
        double cost = Js.now() - start;
        nextDue = Js.now() + Math.max(100, 4 * cost);
        return m;
    }
}
