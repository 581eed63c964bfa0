package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Parts;
import studio.backprop.engine.train.Settings;
import studio.backprop.engine.train.Trainer;

/** Data-parallel parts: the same weights whether the parts are computed in turn or by separate workers. */
class PartsTest {
    static Experiment run(String settings) throws Exception {
        return Experiment.load(Settings.of(settings, ' '));
    }

    /** The CLI's --workers=N: the parts on N threads at once give the weights of the parts in turn (conv, dropout, augmentation included). */
    @Test
    void partsOnThreadsGiveTheSameWeights() throws Exception {
        for (String settings : new String[] {"data=digits layers=16 act=relu opt=adam lr=0.01 batch=33 reduce=mean reg=l2 rate=0.001 workers=3",
                "data=digits layers=conv4x3,drop0.3,pool2,12 act=relu batch=20 workers=4",
                "data=iris layers=8,8 act=tanh opt=momentum lr=0.05 batch=7 reg=l1 rate=0.001 workers=2"}) {
            Experiment inTurn = run(settings), threaded = run(settings);
            studio.backprop.engine.train.PartThreads.attach(threaded);
            assertNotNull(threaded.trainer.runner);
            for (int e = 0; e < 2; e++) {
                inTurn.trainer.stepEpoch();
                threaded.trainer.stepEpoch();
            }
            assertEquals(WeightsHash.of(inTurn.model.network), WeightsHash.of(threaded.model.network), settings);
        }
    }

    /** A run that diverges on threads stops at the batch it stops at in turn, with the same weights (each gradient entry is judged alone). */
    @Test
    void partsOnThreadsDivergeWhereTheyDoInTurn() throws Exception {
        String settings = "data=spiral lr=100 act=relu loss=mse layers=32,32 batch=8 workers=2";
        Experiment inTurn = run(settings), threaded = run(settings);
        studio.backprop.engine.train.PartThreads.attach(threaded);
        for (int i = 0; i < 10_000 && inTurn.trainer.status() == studio.backprop.engine.train.Trainer.Status.RUNNING; i++) {
            inTurn.trainer.step();
            threaded.trainer.step();
        }
        assertEquals(studio.backprop.engine.train.Trainer.Status.DIVERGED, inTurn.trainer.status());
        assertEquals(inTurn.trainer.status(), threaded.trainer.status());
        assertEquals(inTurn.trainer.samples(), threaded.trainer.samples());
        assertEquals(WeightsHash.of(inTurn.model.network), WeightsHash.of(threaded.model.network));
    }

    /** The threads' ranges of parameter rows: contiguous, all rows once, each about its share of the weights. */
    @Test
    void parameterRowsSplitIntoRangesOfAboutEqualWeights() throws Exception {
        var params = run("data=mnist layers=128 act=relu").model.network.params(); // 784x128 + 1x128 + 128x10 + 1x10
        var rows = new studio.backprop.engine.train.ParamRows(params);
        assertEquals(784 + 1 + 128 + 1, rows.count());
        for (int n = 1; n <= 8; n++) {
            assertEquals(0, rows.start(0, n));
            assertEquals(rows.count(), rows.start(n, n));
            int[] weights = new int[n];
            for (int k = 0; k < n; k++) {
                int from = rows.start(k, n), to = rows.start(k + 1, n), range = k;
                assertTrue(from <= to);
                rows.each(from, to, (i, p, a, b) -> {
                    weights[range] += (b - a) * p.value[0].length;
                    return true;
                });
            }
            int total = java.util.Arrays.stream(weights).sum();
            assertEquals(101_770, total);
            for (int w : weights) assertTrue(Math.abs(w - total / n) <= 128, n + " ranges: " + java.util.Arrays.toString(weights));
        }
    }

    /** The JVM bench's timeline: its phases on two threads are positive and add up to the batch. */
    @Test
    void theBenchTimelineAddsUpToTheBatch() {
        double[] p = studio.backprop.engine.cli.Bench.timeline(studio.backprop.engine.train.Workload.of("digits"), 0.3, 2);
        for (double v : p) assertTrue(v > 0, java.util.Arrays.toString(p));
        assertEquals(p[4], p[0] + p[1] + p[2] + p[3], 1e-6 * p[4]);
    }

    /** What the browser does with two workers: part 1 on a replica that only ever sees weights and its rows. */
    @Test
    void aReplicaComputingPartOneGivesTheSameWeights() throws Exception {
        String settings = "data=digits layers=16 act=relu opt=adam lr=0.01 batch=33 reduce=mean reg=l2 rate=0.001 workers=3";
        Experiment inTurn = run(settings), spread = run(settings);
        Trainer t = spread.trainer;
        Network[] replicas = {null, replica(spread), replica(spread)};
        int size = t.network().parameterCount();
        double[] weights = new double[size];
        for (int step = 0; step < 300; step++) {
            inTurn.trainer.step();
            double[][] grads = new double[3][size];
            double[] losses = new double[3];
            Parts.weights(t.network(), weights);
            for (int k = 2; k >= 0; k--) { // any order of arrival: the sum is in part order
                if (k == 0) {
                    losses[0] = t.computePart(0, grads[0]);
                } else {
                    Parts.setWeights(replicas[k], weights);
                    Mat[] d = t.partData(k); // the rows sent, as a helper takes them in
                    Mat in = replicas[k].input(d[0].rows);
                    for (int i = 0; i < d[0].rows; i++) System.arraycopy(d[0].row[i], 0, in.row[i], 0, in.cols);
                    losses[k] = Parts.gradientHere(replicas[k], spread.loss, d[1], t.batchScale(), t.batchSeed(), Parts.start(k, t.parts, t.batchRows()));
                    Parts.gradients(replicas[k], grads[k]);
                }
            }
            t.finishParts(grads, losses);
            assertEquals(WeightsHash.of(inTurn.model.network), WeightsHash.of(t.network()), "step " + step);
        }
        assertEquals(inTurn.trainer.epoch(), t.epoch());
        assertTrue(inTurn.evaluate().test.accuracy > 0.85, "learns: " + inTurn.evaluate().test.accuracy);
    }

    /** A replica is built from the model alone (the binary form), as a browser worker builds it. */
    private static Network replica(Experiment ex) throws Exception {
        return ModelBinary.read(ModelBinary.write(ex.model, 64)).network;
    }

    @Test
    void partsChangeOnlyTheOrderOfAddition() throws Exception {
        Experiment one = run("data=moons layers=8,8 batch=10 workers=1"), two = run("data=moons layers=8,8 batch=10 workers=2");
        for (int e = 0; e < 30; e++) {
            one.trainer.stepEpoch();
            two.trainer.stepEpoch();
        }
        // the order of addition differs, but weights are stored as floats, so the runs rarely part at all
        assertEquals(one.evaluate().test.accuracy, two.evaluate().test.accuracy, 0.02);
        assertTrue(two.evaluate().test.accuracy > 0.9);
    }

    @Test
    void moreWorkersThanSamplesInABatch() throws Exception {
        Experiment ex = run("data=xor layers=4 batch=3 workers=8");
        ex.trainer.stepEpoch();
        assertEquals(Trainer.Status.RUNNING, ex.trainer.status());
        assertEquals(1, ex.trainer.epoch());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run("data=xor workers=9")).getMessage()
                .startsWith("workers must be a number from 1 to 8"));
    }
}
