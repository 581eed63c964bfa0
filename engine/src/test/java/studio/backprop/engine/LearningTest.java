package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.backprop.engine.train.EpochReport;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/** Seeded runs that must learn; the settings are the ones the README documents. */
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
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void everyRecommendationReachesWhatItStates(int row) throws Exception {
        String[] r = studio.backprop.engine.train.Recommended.TABLE[row];
        Settings s = studio.backprop.engine.train.Recommended.apply(new Settings().set("data", r[0]));
        Experiment ex = Experiment.load(s);
        for (int i = 0; i < Integer.parseInt(r[2]); i++) ex.trainer.stepEpoch();
        double accuracy = ex.evaluate().test.accuracy;
        assertTrue(accuracy >= Double.parseDouble(r[3]), s.toQuery(v -> v) + ": test accuracy " + accuracy);
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
        assertEquals("8,8", studio.backprop.engine.train.Recommended.forData(iris, "spiral").get("layers"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"data=plane layers= lr=0.003 epochs=50"})
    void planeRegressionReachesR2Of099(String flags) throws Exception {
        EpochReport r = train(flags);
        assertTrue(r.test.r2 >= 0.99, flags + ": test R^2 " + r.test.r2);
    }
}
