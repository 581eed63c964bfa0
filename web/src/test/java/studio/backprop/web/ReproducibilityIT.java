package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studio.backprop.engine.math.DetSample;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/** The same seed and settings give the same weights on the JVM, in the JS build and in the Wasm build. */
class ReproducibilityIT {
    static String jvmHash(String query) throws Exception {
        return WeightsHash.of(jvmRun(query).model.network);
    }

    /** The run a query describes, trained on the JVM as the page's Play trains it (to its epochs, or its early stop). */
    static Experiment jvmRun(String query) throws Exception {
        Settings s = Settings.of(query, '&');
        Experiment ex = Experiment.load(s);
        ex.trainToEnd(s.integer("epochs", 1, 100000));
        return ex;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "data=spiral&layers=8,8&act=tanh&lr=0.03&batch=10&seed=7&epochs=25",
        "data=moons&noise=0.2&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&layers=6,5&act=sine,sigmoid&opt=adam&lr=0.01&batch=7&init=xavier-normal&seed=3&epochs=15",
        "data=digits&layers=16&act=relu&opt=momentum&lr=0.001&batch=32&reduce=mean&reg=l2&rate=0.001&seed=11&epochs=3",
        "data=sine&layers=8&act=leaky-relu&opt=adam&lr=0.01&reg=l1&rate=0.0001&init=he-normal&seed=5&epochs=10",
        // data-parallel: the page trains on helper workers, the JVM computes the parts in turn
        "data=digits&layers=24&act=tanh&opt=adam&lr=0.01&batch=31&reduce=mean&reg=l2&rate=0.0001&workers=2&seed=4&epochs=6",
        "data=moons&noise=0.1&layers=8,8&act=relu&batch=9&workers=4&seed=2&epochs=40",
        // conv nets: conv (5x5, 3x3 with stride 2), pool and dropout, on one worker and on two (on the 8x8 digits: on MNIST
        // its 54,000 test images took 18 s of the suite; FixturesIT trains an MNIST conv net to its stored hashes)
        "data=digits&layers=conv4x5,pool2,drop0.2,conv8x3s2&act=relu&opt=adam&lr=0.01&batch=20&seed=2&epochs=2",
        "data=digits&layers=conv6x3,drop0.3,pool2,12&act=tanh,relu&batch=20&workers=2&seed=5&epochs=2",
        // early stopping (a table's default): the same epoch and the same best weights, on one worker and on two
        "data=wine&layers=16&act=relu&opt=adam&lr=0.01&batch=16&seed=1&epochs=200",
        "data=cancer&layers=16&act=relu&opt=adam&lr=0.01&batch=16&workers=2&seed=2&epochs=200",
    })
    void jvmJsAndWasmAgreeBitForBit(String query) throws Exception {
        Experiment run = jvmRun(query);
        String expected = WeightsHash.of(run.model.network);
        int epochs = run.trainer.epoch();
        if (query.startsWith("data=wine") || query.startsWith("data=cancer")) assertTrue(epochs < 200, "stopped early: " + epochs);
        // one browser for both builds (each open is a fresh page with fresh workers): a launch fewer per case
        try (Browser b = Browser.pooled()) {
            for (String backend : new String[] {"js", "wasm"}) {
                if (query.contains("workers=")) {
                    // play once the helper workers are in, so that they compute the parts
                    String workers = query.replaceAll(".*workers=(\\d+).*", "$1");
                    b.open("?backend=" + backend + "#" + query);
                    b.waitUpTo(20).until(d -> workers.equals(b.byTestId("throughput").getAttribute("data-workers")));
                    b.byTestId("play").click();
                } else {
                    b.open("?backend=" + backend + "#" + query + "&play=1");
                }
                b.waitUpTo(90).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == epochs);
                assertEquals(expected, b.value("weights-hash"), backend + " after " + epochs + " epochs of " + query);
                if (query.contains("workers=")) {
                    String workers = query.replaceAll(".*workers=(\\d+).*", "$1");
                    assertEquals(workers, b.byTestId("throughput").getAttribute("data-workers"), "trained on the helper workers");
                }
            }
        }
    }

    /**
     * exp, tanh, sigmoid, log, sin and cos (both math versions) at DetSample's arguments, tails
     * and seams included: the same bits in both builds as on the JVM (bench.html's workload math).
     */
    @Test
    void elementaryFunctionsGiveTheSameBitsEverywhere() throws Exception {
        String expected = WeightsHash.of(DetSample.values(DetSample.arguments(10_000)));
        try (Browser b = Browser.pooled()) {
            for (String backend : new String[] {"js", "wasm"}) {
                b.open("bench.html?workload=math&seconds=0.2&backend=" + backend);
                b.waitUpTo(60).until(d -> b.driver.executeScript("return document.body.dataset.result || null") != null);
                String json = (String) b.driver.executeScript("return document.body.dataset.result");
                assertTrue(json.contains("\"backend\":\"" + backend + "\""), json);
                assertEquals(expected, json.replaceAll(".*\"check\":\"([0-9a-f]*)\".*", "$1"), backend + ": " + json);
            }
        }
    }
}
