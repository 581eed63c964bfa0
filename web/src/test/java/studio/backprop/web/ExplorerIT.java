package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Explain;
import studio.backprop.engine.train.Settings;

/** The backprop explorer shows the engine's own numbers, its gradient check passes, its batch view adds up. */
class ExplorerIT {
    private static double[] cells(Browser b, String matrix) {
        List<WebElement> tds = b.driver.findElements(By.cssSelector("[data-testid=\"m-" + matrix + "\"] td[data-value]"));
        double[] v = new double[tds.size()];
        for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(tds.get(i).getAttribute("data-value"));
        return v;
    }

    private static void goToStep(Browser b, String titleStart) {
        for (int i = 0; i < 40 && !b.text("explore-title").startsWith(titleStart); i++) b.byTestId("explore-next").click();
        assertTrue(b.text("explore-title").startsWith(titleStart), b.text("explore-title"));
    }

    @Test
    void theExplorerShowsTheEnginesNumbersStepByStep() throws Exception {
        String query = "data=xor&layers=3&act=tanh&seed=5";
        Experiment ex = Experiment.create(Settings.of(query, '&'), null);
        Explain expected = Explain.of(ex.model.network, ex.loss, ex.trainX[2], ex.trainY[2], ex.trainer.learningRate);
        try (Browser b = new Browser()) {
            b.open("#" + query);
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.type("explore-index", "3");
            b.byTestId("explore").click();
            b.waitUpTo(10).until(d -> b.text("explore-title").startsWith("Forward, layer 1"));
            assertEquals("step 1 of 12", b.text("explore-step-count"));
            assertArrayEquals(expected.layers[0].z, cells(b, "Z"), 0.0, "Z[1] is the engine's, bit for bit");
            assertArrayEquals(expected.layers[0].aPrev, cells(b, "A_prev"), 0.0);
            b.byTestId("explorer").sendKeys(Keys.ARROW_RIGHT);
            b.waitUpTo(5).until(d -> b.text("explore-step-count").equals("step 2 of 12"));
            assertArrayEquals(expected.layers[0].a, cells(b, "A"), 0.0);
            goToStep(b, "The loss");
            goToStep(b, "Backward, layer 1: the weight gradients");
            assertArrayEquals(expected.layers[0].dLdW, cells(b, "dLdW"), 0.0);
            assertArrayEquals(expected.layers[0].dLdZ, cells(b, "dLdZ"), 0.0);
            b.screenshot("explorer-dW");
            b.byTestId("explore-prev").click();
            assertTrue(b.text("explore-title").startsWith("Backward, layer 1: through the activation"));
            goToStep(b, "The SGD update");
            assertArrayEquals(expected.layers[1].wAfter, cells(b, "W_after"), 0.0);

            // gradient check on the fresh network, and the batch view adds up
            for (WebElement verdict : b.byTestId("grad-check").findElements(By.cssSelector("td.pass, td.fail"))) {
                assertEquals("passes", verdict.getText());
            }
            assertEquals(2, b.byTestId("grad-check").findElements(By.cssSelector("td.pass")).size());
            assertTrue(Double.parseDouble(b.value("batch-difference")) < 1e-12, b.value("batch-difference"));
            assertArrayEquals(cells(b, "batch-sum"), cells(b, "batch-gradient"), 1e-12);

            // and on a trained network
            b.driver.executeScript("location.hash = arguments[0];", query + "&opt=adam&lr=0.05&epochs=30&play=1");
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 30);
            b.byTestId("explore").click();
            b.waitUpTo(10).until(d -> b.text("explore-step-count").equals("step 1 of 12")
                    && b.byTestId("grad-check").findElements(By.cssSelector("td.pass")).size() == 2);
            assertTrue(b.byTestId("grad-check").findElements(By.cssSelector("td.fail")).isEmpty());
            assertEquals(List.of(), b.consoleErrors());
        }
    }
}
