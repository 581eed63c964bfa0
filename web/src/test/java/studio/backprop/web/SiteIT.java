package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /**
     * What a visit loads before it trains stays within the budget in each build (the build prints
     * it too), and the full worker (tables, the user's images, model files) is loaded only by a run
     * that needs it: generated data and the built-in image sets train on the smaller program.
     */
    @ParameterizedTest
    @ValueSource(strings = {"js", "wasm"})
    void aVisitLoadsWithinTheBudgetAndTheFullWorkerOnlyWhenNeeded(String backend) throws Exception {
        java.util.List<String> build = studio.backprop.web.server.SiteSize.BUILDS.get(backend.equals("js") ? 0 : 1);
        java.nio.file.Path site = java.nio.file.Path.of(System.getProperty("site.dir", "target/site"));
        double kb = 0;
        for (String f : build.subList(0, build.size() - 1)) kb += studio.backprop.web.server.SiteSize.gzipped(site.resolve(f)) / 1024.0;
        assertTrue(kb <= studio.backprop.web.server.SiteSize.BUDGET_KB, backend + " first load " + kb + " KB gzipped");
        try (Browser b = Browser.pooled()) {
            b.open("?backend=" + backend + "&t=" + System.nanoTime() + "#data=spiral&play=1");
            b.waitUpTo(20).until(d -> b.number("epoch") >= 3);
            assertEquals(List.of("worker-" + backend + ".js"), workers(b), "generated data");
            b.open("?backend=" + backend + "&t=" + System.nanoTime() + "#data=iris&play=1");
            b.waitUpTo(20).until(d -> b.number("epoch") >= 3);
            assertEquals(List.of("full-worker-" + backend + ".js"), workers(b), "a built-in table");
            b.byTestId("play").click();
            b.waitUpTo(10).until(d -> "paused".equals(b.value("status")));
            b.select("data", "circle");
            b.waitUpTo(20).until(d -> "idle".equals(b.value("status")) && b.text("architecture").startsWith("2"));
            assertEquals(List.of("full-worker-" + backend + ".js"), workers(b), "the full worker stays the training worker");
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    private static List<String> workers(Browser b) {
        return b.fetched().stream().filter(f -> f.contains("worker-")).collect(java.util.stream.Collectors.toList());
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

    /**
     * From the first paint through the first 30 epochs, on a first visit (nothing cached) and on a
     * return (the HTTP cache warm): frames keep coming (no gap of a second) and training starts.
     * The frames are recorded by a script that runs before the page's own; before the first paint
     * there is nothing on screen to freeze. The 50 ms budget is scripts/load-frames.sh's figure
     * (measured there, printed here): a pass/fail bound on it would fail on a slower machine.
     */
    @ParameterizedTest
    @CsvSource({"js, first", "wasm, first", "js, return", "wasm, return"})
    void framesKeepComingFromTheFirstPaintThroughTraining(String backend, String visit) throws Exception {
        try (Browser b = Browser.pooled()) {
            if (visit.equals("return")) {
                b.open("?backend=" + backend);
                b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            }
            b.recordFramesFromLoad();
            b.open("?backend=" + backend + "&visit=" + visit + "#play=1&seed=2"); // a new query: a real navigation
            b.waitUpTo(30).until(d -> b.number("epoch") > 30);
            double firstStep = b.firstStepMs(), paint = b.firstPaintMs();
            List<Double> frames = Browser.from(b.framesSinceLoad(), paint);
            double[] gap = Browser.longestGap(frames);
            System.out.println(String.format(Locale.ROOT, "%s, %s visit: first paint at %.0f ms, first training step at %.0f ms, longest gap"
                    + " between frames from the first paint on %.1f ms (at %.0f ms, of %d frames; budget %.0f ms)", backend, visit, paint, firstStep,
                    gap[1], gap[0], frames.size(), Browser.FRAME_BUDGET_MS));
            assertTrue(paint > 0 && firstStep > paint, "first paint " + paint + " ms, first step " + firstStep + " ms");
            assertTrue(gap[1] < Browser.STARVED_MS, "longest gap between frames " + gap[1] + " ms at " + gap[0] + " ms");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "wasm"})
    void pageThreadStaysResponsiveWhileTraining(String backend) throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("?backend=" + backend + "#data=spiral&layers=32,32,32&play=1");
            b.waitUpTo(20).until(d -> "training".equals(b.value("status")) && b.number("epoch") > 2);
            // The load is the test above; this is a bigger net's training for seconds on end.
            double max = b.longestFrameGap(3000);
            System.out.println(backend + " frame gaps while training: longest " + max + " ms (budget " + Browser.FRAME_BUDGET_MS + " ms)");
            assertTrue(max < Browser.STARVED_MS, "longest gap between animation frames " + max + " ms");
            assertEquals("training", b.value("status"));
            // and the page answers a click while the worker trains flat out
            b.byTestId("play").click();
            b.waitUpTo(5).until(d -> "paused".equals(b.value("status")));
        }
    }
}
