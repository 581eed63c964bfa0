package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The training pace: watchable by default on the 2-D sets, max elsewhere, changed live, never changing the weights. */
class SpeedIT {
    @Test
    void theDefaultPaceOnA2DSetIsWatchableAndGivesTheSameWeights() throws Exception {
        String query = "data=spiral&seed=3&epochs=45";
        try (Browser b = Browser.pooled()) {
            b.open("#" + query);
            b.waitUpTo(20).until(d -> "idle".equals(b.value("status")));
            assertEquals("auto: 30 epochs/s", b.driver.findElement(org.openqa.selenium.By.cssSelector("[data-testid=speed] option[value=auto]")).getText());
            long start = System.nanoTime();
            b.byTestId("play").click();
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 45);
            double seconds = (System.nanoTime() - start) / 1e9;
            // 45 epochs at 30 per second: one and a half seconds (the first slice may run ahead a quarter second)
            assertTrue(seconds > 1.2, "45 epochs took " + seconds + " s: faster than the pace");
            assertEquals(ReproducibilityIT.jvmHash(query), b.value("weights-hash"), "the pace changes when batches run, not which");
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    void maxIsTheDefaultForTablesAndTheSpeedChangesLive() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("#data=iris");
            b.waitUpTo(20).until(d -> "idle".equals(b.value("status")));
            assertEquals("auto: max", b.driver.findElement(org.openqa.selenium.By.cssSelector("[data-testid=speed] option[value=auto]")).getText());

            b.open("#data=moons&seed=4&speed=1&epochs=100000");
            b.waitUpTo(20).until(d -> "idle".equals(b.value("status")) && "1".equals(b.byTestId("speed").getAttribute("value")));
            b.byTestId("play").click();
            b.waitUpTo(10).until(d -> b.number("epoch") >= 1);
            assertTrue(b.number("epoch") <= 3, "one epoch a second: " + b.number("epoch"));
            b.select("speed", "max");
            // at one epoch a second this would take minutes; the run goes on from where it was
            b.waitUpTo(20).until(d -> b.number("epoch") >= 300);
            assertTrue(b.hash().contains("speed=max"), b.hash());
            assertEquals("training", b.value("status"));
            b.byTestId("play").click();
            b.waitUpTo(10).until(d -> "paused".equals(b.value("status")));
            assertEquals(List.of(), b.consoleErrors());
        }
    }
}
