package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/** Regression's views: the sine's fitted curve over its points, a table's predicted against actual and its residuals. */
class FitIT {
    @Test
    void theSineGetsItsFittedCurve() throws Exception {
        String query = "data=sine&layers=8&act=tanh&opt=adam&lr=0.03&seed=2&epochs=40";
        Experiment ex = Experiment.load(Settings.of(query, '&'));
        while (ex.trainer.epoch() < 40) ex.trainer.stepEpoch();
        double atStart = ex.model.predict(new double[][] {{-6, 0}})[0][0];
        try (Browser b = Browser.pooled()) {
            b.open("#" + query + "&speed=max&play=1");
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 40);
            b.waitUpTo(10).until(d -> b.byTestId("fit-panel").isDisplayed()
                    && String.valueOf(atStart).equals(String.valueOf(Double.parseDouble(b.byTestId("fit").getAttribute("data-first")))));
            assertEquals("curve", b.byTestId("fit").getAttribute("data-kind"));
            assertEquals("121", b.byTestId("fit").getAttribute("data-count"));
            assertFalse(b.byTestId("residuals").isDisplayed());
            b.driver.executeScript("arguments[0].scrollIntoView()", b.byTestId("fit-panel"));
            b.screenshot("fit-sine");
            b.open("#data=spiral");
            b.waitUpTo(20).until(d -> !b.byTestId("fit-panel").isDisplayed());
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    void aRegressionTableGetsPredictedAgainstActualAndResiduals() throws Exception {
        StringBuilder sb = new StringBuilder("size,rooms,price\n");
        for (int r = 0; r < 200; r++) {
            double size = 30 + (r * 37) % 120, rooms = 1 + r % 5;
            sb.append(size).append(',').append(rooms).append(',').append(1000 * (2 * size + 15 * rooms + (r % 7) - 3)).append('\n');
        }
        Path file = Files.createTempDirectory("fit").resolve("houses.csv");
        Files.writeString(file, sb.toString());
        // prices in the 100,000s, the page's own settings: the targets are learnt standardised, shown in their units
        // (the page's setup after the upload: the network recommended for a table of one's own)
        Experiment ex = Experiment.create(studio.backprop.engine.train.Recommended.named(
                java.util.Map.of("data", "houses.csv", "target", "price", "inputs", "size,rooms")), sb.toString());
        double first = ex.model.predict(new double[][] {ex.test.x[0]})[0][0];
        try (Browser b = Browser.pooled()) {
            b.open("#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("csv-file").sendKeys(file.toString());
            b.waitUpTo(20).until(d -> b.byTestId("csv-preview").isDisplayed());
            b.byTestId("csv-use").click();
            b.waitUpTo(30).until(d -> b.byTestId("fit-panel").isDisplayed() && "scatter".equals(b.byTestId("fit").getAttribute("data-kind")));
            assertEquals("100", b.byTestId("fit").getAttribute("data-count"), "every test row");
            assertEquals(first, Double.parseDouble(b.byTestId("fit").getAttribute("data-first")), 0.0, "the model's own prediction, in price units");
            assertTrue(b.byTestId("residuals").isDisplayed());
            b.byTestId("play").click();
            b.waitUpTo(20).until(d -> b.number("epoch") >= 20);
            b.byTestId("play").click();
            b.waitUpTo(10).until(d -> "paused".equals(b.value("status")));
            assertTrue(b.number("test-r2") > 0.9, "R^2 " + b.number("test-r2"));
            assertTrue(b.number("test-rmse") > 100 && b.number("test-rmse") < 30_000, "RMSE in price units: " + b.number("test-rmse"));
            b.driver.executeScript("arguments[0].scrollIntoView()", b.byTestId("fit-panel"));
            b.screenshot("fit-table");
            b.phone();
            b.driver.executeScript("arguments[0].scrollIntoView()", b.byTestId("fit-panel"));
            b.screenshot("fit-table-phone");
            assertEquals(List.of(), b.consoleErrors());
        }
    }
}
