package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A newcomer's first runs: each built-in set, picked cold, learns from its defaults, and every run comes to an end. */
class DefaultsIT {
    /** The first screen is the spiral with its recommended net: it is solved, and the run ends at its epochs. */
    @Test
    void theFirstScreenSolvesTheSpiralAndEnds() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            assertEquals("2\u201316\u201316\u201316\u20131", b.text("architecture"));
            assertEquals("", b.hash(), "the first screen's URL stays clean");
            b.byTestId("play").click();
            b.waitUpTo(60).until(d -> "paused".equals(b.value("status")));
            assertEquals(300, b.number("epoch"));
            assertEquals("epochs", b.byTestId("status").getAttribute("data-ended"));
            assertTrue(b.text("status").startsWith("done: 300 epochs"), b.text("status"));
            assertTrue(b.number("test-accuracy") >= 0.95, "test accuracy " + b.number("test-accuracy"));
            b.screenshot("first-screen-solved");
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    /**
     * A set named alone in the URL, as a newcomer types it, gets its recommended setup: the sine
     * no longer diverges, and a table stops when its test loss stops falling, keeping its best weights.
     */
    @ParameterizedTest
    @CsvSource({"sine, epochs, 300", "iris, early, 200"})
    void aSetNamedAloneLearnsAndEnds(String data, String ended, int epochs) throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("#data=" + data + "&speed=max&play=1");
            b.waitUpTo(60).until(d -> "paused".equals(b.value("status")) || "diverged".equals(b.value("status")));
            assertEquals(ended, b.byTestId("status").getAttribute("data-ended"), b.text("status"));
            assertTrue(b.number("epoch") <= epochs, "epochs " + b.number("epoch"));
            if (data.equals("sine")) {
                assertTrue(b.number("test-r2") > 0.99, "R2 " + b.number("test-r2"));
            } else {
                assertTrue(b.number("test-accuracy") >= 0.95, "test accuracy " + b.number("test-accuracy"));
                assertTrue(b.text("status").matches("done: the test loss stopped falling, so training stopped at epoch \\d+ with the weights of epoch \\d+,"
                        + " its best \\(Play trains on\\)"), b.text("status"));
                // Play trains on past the early stop, to the run's epochs
                b.byTestId("play").click();
                b.waitUpTo(20).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == epochs);
                assertEquals("epochs", b.byTestId("status").getAttribute("data-ended"));
            }
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    /** Step by step, a run stops early at the same epoch as the JVM, with its best weights, and says so. */
    @Test
    void stepsStopEarlyWhereTheJvmDoes() throws Exception {
        String query = "data=iris&layers=8,8&patience=2&epochs=500";
        studio.backprop.engine.train.Experiment jvm = ReproducibilityIT.jvmRun(query);
        int stop = jvm.trainer.epoch();
        assertTrue(stop < 500, "stops early: " + stop);
        try (Browser b = Browser.pooled()) {
            b.open("#" + query);
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            for (int e = 1; e <= stop; e++) {
                int epoch = e;
                b.byTestId("step-epoch").click();
                b.waitUpTo(10).until(d -> b.number("epoch") == epoch);
            }
            b.waitUpTo(10).until(d -> "early".equals(b.byTestId("status").getAttribute("data-ended")));
            assertEquals(studio.backprop.engine.model.WeightsHash.of(jvm.model.network), b.value("weights-hash"), "the best epoch's weights");
            assertTrue(b.text("status").contains("stopped at epoch " + stop), b.text("status"));
        }
    }
}
