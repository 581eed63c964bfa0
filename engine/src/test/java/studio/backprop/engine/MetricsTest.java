package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import studio.backprop.engine.train.Metrics;

/** Recall, precision and balanced accuracy from confusion counts (rows true, columns predicted). */
class MetricsTest {
    @Test
    void perClassRatesAndBalancedAccuracy() {
        // 90 of class 0 (81 right), 10 of class 1 (5 right), none of class 2 (predicted twice)
        double[] c = {81, 7, 2, 4, 5, 1, 0, 0, 0};
        assertArrayEquals(new double[] {0.9, 0.5, Double.NaN}, Metrics.recall(c, 3), 1e-15);
        assertArrayEquals(new double[] {81.0 / 85, 5.0 / 12, 0}, Metrics.precision(c, 3), 1e-15);
        assertEquals(0.7, Metrics.balancedAccuracy(c, 3), 1e-15, "the mean recall over the classes present");
        assertTrue(Metrics.unbalanced(c, 3));
        assertFalse(Metrics.unbalanced(new double[] {40, 10, 20, 30}, 2));
        assertTrue(Double.isNaN(Metrics.precision(new double[] {3, 0, 2, 0}, 2)[1]), "nothing predicted as class 1");
    }

    @Test
    void eachTestRowsPredictionIsKeptInOrderAndMakesTheConfusion() throws Exception {
        studio.backprop.engine.train.Experiment ex = studio.backprop.engine.train.Experiment.load(
                studio.backprop.engine.train.Settings.of("data=iris&layers=4&epochs=3", '&'));
        for (int e = 0; e < 3; e++) ex.trainer.stepEpoch();
        Metrics test = ex.evaluate().test;
        double[][] out = ex.model.predict(ex.test.x);
        assertEquals(out.length, test.predicted.length);
        int[][] confusion = new int[3][3];
        for (int i = 0; i < out.length; i++) {
            assertEquals(Metrics.predictedClass(out[i]), test.predicted[i], "row " + i);
            confusion[ex.test.label(i)][test.predicted[i]]++;
        }
        assertArrayEquals(test.confusion, confusion);
    }

    @Test
    void runsAreToldApartByTheSettingsThatDiffer() {
        java.util.List<studio.backprop.engine.train.Settings> runs = java.util.List.of(
                studio.backprop.engine.train.Settings.of("data=xor&lr=0.1&speed=max", '&'),
                studio.backprop.engine.train.Settings.of("data=xor&lr=0.01&layers=16,16", '&'),
                studio.backprop.engine.train.Settings.of("data=xor&lr=0.1", '&'));
        assertEquals(java.util.List.of("layers", "lr"), studio.backprop.engine.train.Settings.differing(runs), "table order; the pace never counts");
        assertEquals(java.util.List.of(), studio.backprop.engine.train.Settings.differing(runs.subList(0, 1)));
    }
}
