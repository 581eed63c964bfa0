package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import studio.backprop.engine.data.Drawn;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/** Your own points on the plane: click, drag, erase and clear; they train, and travel in the URL. */
class DrawIT {
    private static int count(Browser b) {
        return Integer.parseInt(b.text("points-count").replaceAll(" points.*", ""));
    }

    private static String points(Browser b) {
        String hash = b.hash();
        return hash.contains("points=") ? hash.replaceAll(".*points=([^&]*).*", "$1") : "";
    }

    /** A click at fractions of the plane's width and height (from its top left); the plane is in view first (offsets count from its visible centre). */
    private static void clickAt(Browser b, double fx, double fy) {
        WebElement c = inView(b);
        int w = c.getSize().getWidth(), h = c.getSize().getHeight();
        new Actions(b.driver).moveToElement(c, (int) ((fx - 0.5) * w), (int) ((fy - 0.5) * h)).click().perform();
    }

    private static WebElement inView(Browser b) {
        WebElement c = b.byTestId("heatmap");
        b.driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", c);
        return c;
    }

    @Test
    void pointsAreDrawnTrainedOnAndKeptInTheUrl() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("#data=draw&layers=6&opt=adam&lr=0.03&speed=max");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty() && b.byTestId("points-tools").isDisplayed());
            assertEquals(6, count(b), "a new drawing starts with a few points");
            assertFalse(b.byTestId("noise").isDisplayed(), "drawn points have no noise");

            clickAt(b, 0.8, 0.2);
            b.waitUpTo(10).until(d -> count(b) == 7 && !points(b).isEmpty());
            String query = "data=draw&points=" + points(b) + "&layers=6&opt=adam&lr=0.03";
            String expected = WeightsHash.of(Experiment.create(Settings.of(query, '&'), null).model.network);
            b.waitUpTo(20).until(d -> expected.equals(b.value("weights-hash")));
            double[][] drawn = Drawn.parse(points(b));
            assertArrayEquals(new double[] {3.6, 3.6, 1}, drawn[6], 0.11, "the point where the click was, class 1");

            // a stroke of orange points
            b.byTestId("points-class-0").click();
            WebElement c = inView(b);
            int w = c.getSize().getWidth();
            new Actions(b.driver).moveToElement(c, -w / 3, w / 4).clickAndHold().moveByOffset(w / 8, 0).moveByOffset(w / 8, 0)
                    .moveByOffset(w / 8, 0).release().perform();
            b.waitUpTo(10).until(d -> count(b) >= 10);
            int afterStroke = count(b);
            assertTrue(b.text("points-count").contains("orange (class 0)"));
            b.waitUpTo(10).until(d -> b.text("points-count").contains(" test (outlined, never trained on"));
            b.screenshot("draw");

            // erase the click's point
            b.byTestId("points-erase").click();
            clickAt(b, 0.8, 0.2);
            b.waitUpTo(10).until(d -> count(b) == afterStroke - 1);

            // it trains, and a point added while it trains keeps it training on the new set
            b.byTestId("play").click();
            b.waitUpTo(20).until(d -> b.number("epoch") >= 50);
            b.byTestId("points-class-1").click();
            clickAt(b, 0.15, 0.15);
            b.waitUpTo(10).until(d -> count(b) == afterStroke);
            b.waitUpTo(20).until(d -> "training".equals(b.value("status")) && b.number("epoch") >= 5);
            b.byTestId("play").click();
            b.waitUpTo(10).until(d -> "paused".equals(b.value("status")));

            // the URL holds the drawing: a reload brings it back
            String before = points(b);
            b.driver.navigate().refresh();
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty() && b.byTestId("points-tools").isDisplayed());
            assertEquals(before, points(b));
            assertEquals(afterStroke, count(b));

            // cleared, it asks for points; two clicks make a set again
            b.byTestId("points-clear").click();
            b.waitUpTo(10).until(d -> count(b) == 0 && b.text("error").contains("draw at least 2 points"));
            clickAt(b, 0.3, 0.3);
            b.byTestId("points-class-0").click();
            clickAt(b, 0.7, 0.7);
            b.waitUpTo(20).until(d -> count(b) == 2 && b.text("error").isEmpty() && "idle".equals(b.value("status")));
            b.phone();
            b.driver.executeScript("arguments[0].scrollIntoView()", b.byTestId("heatmap-panel"));
            b.screenshot("draw-phone");
            assertEquals(List.of(), b.overflowing());
            assertEquals(List.of(), b.consoleErrors());
        }
    }
}
