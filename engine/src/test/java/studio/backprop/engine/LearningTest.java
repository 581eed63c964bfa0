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

    /** The studio's recommended image net: 97 % on MNIST (10,000 images, split 0.8) after 3 epochs. */
    @org.junit.jupiter.api.Test
    void theRecommendedConvNetReaches97PercentOnMnist() throws Exception {
        Settings s = studio.backprop.engine.train.Recommended.apply(new Settings().set("data", "mnist"));
        Experiment ex = Experiment.load(s);
        for (int i = 0; i < 3; i++) ex.trainer.stepEpoch();
        double accuracy = ex.evaluate().test.accuracy;
        assertTrue(accuracy >= 0.97, s.toQuery(v -> v) + ": test accuracy " + accuracy);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"data=plane layers= lr=0.003 epochs=50"})
    void planeRegressionReachesR2Of099(String flags) throws Exception {
        EpochReport r = train(flags);
        assertTrue(r.test.r2 >= 0.99, flags + ": test R^2 " + r.test.r2);
    }
}
