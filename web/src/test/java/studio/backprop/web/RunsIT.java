package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Every run is kept with its settings, metrics and weights hash, survives a reload, reopens, and compares on one chart. */
class RunsIT {
    private static List<WebElement> rows(Browser b) {
        return b.driver.findElements(By.cssSelector("[data-testid=run-row]"));
    }

    @Test
    void runsAreKeptComparedAndReopened() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("#data=xor&layers=4&opt=adam&lr=0.01&seed=3&epochs=30&speed=max&play=1");
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 30);
            b.waitUpTo(10).until(d -> rows(b).size() == 1 && b.value("weights-hash").equals(rows(b).get(0).getAttribute("data-hash")));
            WebElement first = rows(b).get(0);
            assertEquals("data=xor&layers=4&opt=adam&lr=0.01&seed=3&epochs=30&speed=max", first.getAttribute("data-settings"));
            assertEquals(b.number("test-accuracy"), Double.parseDouble(first.getAttribute("data-test-accuracy")), 1e-12);
            String firstHash = first.getAttribute("data-hash");

            b.open("#data=xor&layers=4&opt=adam&lr=0.1&seed=3&epochs=30&speed=max&play=1");
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 30);
            b.waitUpTo(10).until(d -> rows(b).size() == 2 && b.value("weights-hash").equals(rows(b).get(0).getAttribute("data-hash")));
            assertEquals("lr=0.1", rows(b).get(0).findElements(By.tagName("td")).get(1).getText(), "the newest first, named by what differs");
            assertEquals("lr=0.01", rows(b).get(1).findElements(By.tagName("td")).get(1).getText());

            // a reload keeps them (and this URL's play=1 trains the same setup again: it replaces its own row)
            b.driver.navigate().refresh();
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 30);
            assertEquals(2, rows(b).size());

            // compare both on one chart
            b.byTestId("compare-0").click();
            b.byTestId("compare-1").click();
            b.waitUpTo(5).until(d -> b.driver.findElements(By.cssSelector("[data-testid=compare-item]")).size() == 2);
            assertEquals("lr=0.1", b.driver.findElements(By.cssSelector("[data-testid=compare-item]")).get(0).getText());
            b.select("compare-x", "seconds");
            b.driver.executeScript("arguments[0].scrollIntoView()", b.byTestId("runs-panel"));
            b.screenshot("runs-compare");
            String blank = (String) b.driver.executeScript("var c = document.createElement('canvas'); c.width = 640; c.height = 220; return c.toDataURL();");
            assertNotEquals(blank, b.driver.executeScript("return arguments[0].toDataURL();", b.byTestId("compare-chart")));

            // a row's link reopens its setup, which trains to the same weights
            b.byTestId("run-link-1").click();
            b.waitUpTo(10).until(d -> b.hash().contains("lr=0.01"));
            b.byTestId("play").click();
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 30);
            assertEquals(firstHash, b.value("weights-hash"));
            b.waitUpTo(10).until(d -> rows(b).size() == 2 && rows(b).get(0).getAttribute("data-settings").contains("lr=0.01"));
            // the model on demand: the other run trained again to its epochs, the same weights, ready to share
            String other = rows(b).get(1).getAttribute("data-hash");
            b.byTestId("run-model-1").click();
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 30 && other.equals(b.value("weights-hash")));
            b.byTestId("share").click();
            b.waitUpTo(10).until(d -> b.byTestId("share-link").getAttribute("value").contains("#m="));
            b.byTestId("runs-clear").click();
            b.waitUpTo(5).until(d -> rows(b).isEmpty());
            assertEquals(List.of(), b.consoleErrors());
        }
    }
}
