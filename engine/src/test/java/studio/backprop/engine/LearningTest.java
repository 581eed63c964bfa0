package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.backprop.engine.train.EpochReport;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/** Seeded runs that must learn; the settings are the ones the README documents. Each run is its own, so they run two at a time. */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class LearningTest {
    static EpochReport train(String flags) throws Exception {
        Settings s = Settings.of(flags, ' ');
        Experiment ex = Experiment.load(s);
        int epochs = s.integer("epochs", 1, 10000);
        while (ex.trainer.epoch() < epochs) ex.trainer.stepEpoch();
        return ex.evaluate();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "data=spiral layers=16,16 opt=adam lr=0.01 epochs=500",
        "data=iris layers=8 split=0.7 epochs=100",
        "data=wine layers=16 act=relu opt=adam lr=0.01 batch=16 epochs=50",
        "data=cancer layers=16 act=relu opt=adam lr=0.01 batch=16 epochs=50",
        "data=digits layers=32 act=relu opt=adam lr=0.01 batch=32 epochs=30",
    })
    void classifiersReach95PercentTestAccuracy(String flags) throws Exception {
        EpochReport r = train(flags);
        assertTrue(r.test.accuracy >= 0.95, flags + ": test accuracy " + r.test.accuracy);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "data=mnist layers=32 act=relu opt=adam lr=0.001 batch=32 split=0.8 epochs=10|0.85",
        "data=fashion layers=32 act=relu opt=adam lr=0.001 batch=32 split=0.8 epochs=10|0.8",
    })
    void imageSetsLearn(String flags, double accuracy) throws Exception {
        EpochReport r = train(flags);
        assertTrue(r.test.accuracy >= accuracy, flags + ": test accuracy " + r.test.accuracy);
    }

    /** Every data set's recommendation reaches the accuracy it states, in the epochs it states. */
    /** Each recommendation, run as the studio runs it (to its epochs or its early stop), reaches what it states. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"spiral", "circle", "xor", "gauss", "moons", "draw", "plane", "sine",
        "wave", "sines", "saw", "damped", "names", "iris", "wine", "cancer", "digits", "mnist", "fashion"})
    void everyRecommendationReachesWhatItStates(String data) throws Exception {
        String[] r = java.util.Arrays.stream(studio.backprop.engine.train.Recommended.TABLE).filter(row -> row[0].equals(data)).findFirst().orElseThrow();
        Settings s = studio.backprop.engine.train.Recommended.named(java.util.Map.of("data", data));
        assertEquals(studio.backprop.engine.train.Recommended.apply(new Settings().set("data", data)).asMap(), s.asMap(), "a bare data set is its recommendation");
        Experiment ex = Experiment.load(s);
        ex.trainToEnd(s.integer("epochs", 1, 100_000));
        EpochReport report = ex.evaluate();
        double reached = ex.model.classes.length > 0 ? report.test.accuracy : report.test.r2;
        System.out.println(data + ": " + reached + " after " + ex.trainer.epoch() + " epochs");
        assertTrue(reached >= Double.parseDouble(r[2]), s.toQuery(v -> v) + ": reached " + reached + " in " + ex.trainer.epoch() + " epochs");
        assertEquals(studio.backprop.engine.train.Trainer.Status.RUNNING, ex.trainer.status(), data);
        // a text beats the bigram model of its training part
        if (s.text()) assertTrue(report.test.loss < ex.bigramLoss() - 0.2, "test loss " + report.test.loss + ", bigram " + ex.bigramLoss());
    }

    /** Picking a data set brings its recommendation unless the user has changed the network. */
    @org.junit.jupiter.api.Test
    void pickingADataSetAppliesItsRecommendationUnlessTheUserChangedTheNetwork() {
        Settings fresh = studio.backprop.engine.train.Recommended.forData(new Settings(), "mnist");
        assertEquals(studio.backprop.engine.train.Recommended.apply(new Settings().set("data", "mnist")).asMap(), fresh.asMap());
        Settings iris = studio.backprop.engine.train.Recommended.forData(fresh, "iris");
        assertEquals("8", iris.get("layers"));
        assertEquals("auto", iris.get("norm"));
        Settings mine = new Settings().set("layers", "16,16");
        assertEquals("16,16", studio.backprop.engine.train.Recommended.forData(mine, "wine").get("layers"));
        assertEquals("16,16,16", studio.backprop.engine.train.Recommended.forData(iris, "spiral").get("layers"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"data=plane layers= lr=0.003 epochs=50"})
    void planeRegressionReachesR2Of099(String flags) throws Exception {
        EpochReport r = train(flags);
        assertTrue(r.test.r2 >= 0.99, flags + ": test R^2 " + r.test.r2);
    }
}
