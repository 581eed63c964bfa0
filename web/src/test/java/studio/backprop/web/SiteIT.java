package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The first live page on both engine builds: it loads cleanly, trains, and stays responsive. */
class SiteIT {
    @ParameterizedTest
    @ValueSource(strings = {"js", "wasm"})
    void loadsWithoutConsoleErrorsAndShowsTheBackend(String backend) throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("?backend=" + backend);
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            assertEquals(backend, b.value("backend"));
            assertEquals("idle", b.value("status"));
            assertEquals("0", b.value("epoch"));
            assertEquals("false", b.byTestId("play").getAttribute("aria-pressed"));
            b.screenshot("loaded-" + backend);
            @SuppressWarnings("unchecked")
            List<String> twice = (List<String>) b.driver.executeScript("var seen = {}, twice = [];"
                    + "document.querySelectorAll('[data-testid]').forEach(function (e) { var id = e.getAttribute('data-testid');"
                    + "  if (seen[id]) twice.push(id); seen[id] = true; }); return twice;");
            assertEquals(List.of(), twice, "every automation hook names one element");
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "wasm"})
    void playTrainsInTheWorkerAndTheLossFalls(String backend) throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("?backend=" + backend + "#data=circle&layers=4&opt=adam&lr=0.01");
            b.waitUpTo(20).until(d -> !Double.isNaN(b.number("train-loss")));
            double initial = b.number("train-loss");
            b.byTestId("play").click();
            b.waitUpTo(10).until(d -> "training".equals(b.value("status")));
            assertEquals("true", b.byTestId("play").getAttribute("aria-pressed"));
            b.waitUpTo(30).until(d -> b.number("epoch") >= 30);
            b.byTestId("play").click();
            b.waitUpTo(10).until(d -> "paused".equals(b.value("status")));
            double epoch = b.number("epoch");
            assertTrue(b.number("train-loss") < initial * 0.7, "loss " + initial + " -> " + b.number("train-loss"));
            assertTrue(b.number("test-accuracy") > 0.9, "test accuracy " + b.number("test-accuracy"));
            b.byTestId("step").click();
            b.waitUpTo(10).until(d -> b.number("epoch") >= epoch);
            b.screenshot("trained-" + backend);
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    /** Budget: the first training step within 1 s of navigation on localhost (printed for the record). */
    @ParameterizedTest
    @ValueSource(strings = {"js", "wasm"})
    void firstTrainingStepComesWithinASecondOfLoad(String backend) throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("?backend=" + backend);
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty()); // warm the HTTP cache as a returning user has
            b.open("?backend=" + backend + "&fresh=1#play=1&seed=2"); // a new query: a real navigation
            b.waitUpTo(20).until(d -> b.driver.executeScript("return document.body.dataset.firstStep || null") != null);
            double ms = Double.parseDouble((String) b.driver.executeScript("return document.body.dataset.firstStep"));
            System.out.printf("first training step, %s build: %.0f ms after navigation%n", backend, ms);
            // The budget is 1 s (measured here: about 0.6-0.8 s); the bound leaves room for a loaded CI machine.
            assertTrue(ms < 2000, backend + ": first step after " + ms + " ms");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "wasm"})
    void pageThreadStaysResponsiveWhileTraining(String backend) throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("?backend=" + backend + "#data=spiral&layers=32,32,32&play=1");
            b.waitUpTo(20).until(d -> "training".equals(b.value("status")) && b.number("epoch") > 2);
            // The first two seconds after navigation hold the page's own start-up (style, layout,
            // compiling page.js, the first draw of every view: tasks of 70-250 ms, measured with a
            // CPU profile); the budget is for training once the page is up.
            double startup = b.longestFrameGap(2000);
            double max = b.longestFrameGap(3000);
            System.out.println(backend + " frame gaps while training: longest " + max + " ms (start-up window: " + startup + " ms)");
            // Gaps come in whole frames of 16.7 ms (rAF times are rounded to 0.1 ms): 50 ms is three
            // frames, read as 50.0-50.1. Over it: four frames or more, two drawn frames missed in a row.
            assertTrue(max < 51, "longest gap between animation frames " + max + " ms");
            assertEquals("training", b.value("status"));
        }
    }
}
