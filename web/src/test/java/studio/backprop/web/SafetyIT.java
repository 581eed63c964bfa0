package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Divergence and hostile files: a clear message, nothing executes, the page stays usable. */
class SafetyIT {
    @Test
    void divergenceStopsTrainingAndKeepsTheLastGoodWeights() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("#data=plane&layers=&lr=100&play=1");
            b.waitUpTo(20).until(d -> "diverged".equals(b.value("status")));
            assertTrue(b.text("status").contains("lower the learning rate"), b.text("status"));
            assertEquals("false", b.byTestId("play").getAttribute("aria-pressed"));
            String hash = b.value("weights-hash");
            b.byTestId("step").click();
            b.byTestId("play").click();
            b.waitUpTo(5).until(d -> "diverged".equals(b.value("status")));
            assertEquals(hash, b.value("weights-hash"));
            b.type("lr", "0.001");
            b.byTestId("reset").click();
            b.waitUpTo(10).until(d -> "idle".equals(b.value("status")));
        }
    }

    /** A loss that grows by orders of magnitude but stays finite gets the same hint before it diverges. */
    @Test
    void anExplodingLossGetsAHintWhileStillFinite() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("#data=digits&layers=32&act=relu&batch=64&lr=0.05&play=1");
            b.waitUpTo(30).until(d -> "true".equals(b.byTestId("status").getAttribute("data-exploding")));
            assertTrue(b.text("status").contains("over 1,000 times what it was at the start: lower the learning rate"), b.text("status"));
            b.byTestId("play").click();
            b.type("lr", "0.001");
            b.byTestId("reset").click();
            b.waitUpTo(10).until(d -> "idle".equals(b.value("status")) && "false".equals(b.byTestId("status").getAttribute("data-exploding")));
        }
    }

    @Test
    void aBigUploadShowsProgressAndCanBeCancelled() throws Exception {
        Path big = Browser.tempFile("big", ".csv");
        StringBuilder sb = new StringBuilder("x1,x2,x3,label\n");
        for (int i = 0; sb.length() < 40_000_000; i++) sb.append(i % 97).append(',').append(i % 13).append(".5,").append(i % 7).append(",c").append(i % 3).append('\n');
        Files.writeString(big, sb);
        try (Browser b = Browser.pooled()) {
            b.open("#data=circle");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            // every task on the page thread longer than 50 ms (the Long Tasks API)
            b.driver.executeScript("window.js_long = []; new PerformanceObserver(function (l) { l.getEntries().forEach("
                    + "function (e) { window.js_long.push(Math.round(e.duration)); }); }).observe({type: 'longtask'});");
            b.byTestId("csv-file").sendKeys(big.toString());
            b.waitUpTo(30).until(d -> b.byTestId("csv-progress").isDisplayed()
                    && Double.parseDouble(b.byTestId("csv-progress-bar").getAttribute("value")) > 0);
            // The page thread stays free while the worker parses.
            // (Frame gaps of 60-80 ms do occur on this 2-core machine, with no long task behind
            // them: the compositor waits for a core while the worker and its GC use both.)
            double gap = b.longestFrameGap(2000);
            @SuppressWarnings("unchecked")
            java.util.List<Number> longTasks = (java.util.List<Number>) b.driver.executeScript("return window.js_long;");
            System.out.println("40 MB parse: longest frame gap " + gap + " ms, page-thread long tasks " + longTasks);
            // (the 50 ms budget is the benchmark's, scripts/load-frames.sh; here: the page never freezes while the worker parses)
            assertTrue(longTasks.stream().allMatch(t -> t.doubleValue() < Browser.STARVED_MS), "page-thread tasks during the parse: " + longTasks);
            b.byTestId("csv-cancel-parse").click();
            b.waitUpTo(20).until(d -> !b.byTestId("csv-progress").isDisplayed() && "idle".equals(b.value("status"))
                    && !b.value("weights-hash").isEmpty());
            assertEquals("2\u20138\u20138\u20131", b.text("architecture"));
            assertFalse(b.byTestId("csv-preview").isDisplayed());
        }
    }

    @Test
    void hostileFilesAreRejectedWithAMessage() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("#data=moons");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            String hash = b.value("weights-hash");
            Path longField = Browser.tempFile("long", ".csv");
            Files.writeString(longField, "a,b\n1," + "x".repeat(1_000_000) + "\n");
            Path wide = Browser.tempFile("wide", ".csv");
            Files.writeString(wide, "1,".repeat(20_000) + "1\n");
            String[][] cases = {
                {longField.toString(), "This file cannot be used: line 2, column 2: field longer than 100000 characters"},
                {wide.toString(), "This file cannot be used: line 1: more than 10000 columns"},
            };
            for (String[] c : cases) {
                b.byTestId("csv-file").sendKeys(c[0]);
                b.waitUpTo(20).until(d -> c[1].equals(b.text("error")));
                assertEquals(hash, b.value("weights-hash"));
            }
            b.byTestId("play").click();
            b.waitUpTo(10).until(d -> b.number("epoch") > 0);
        }
    }
}
