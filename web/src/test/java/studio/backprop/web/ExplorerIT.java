package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Explain;
import studio.backprop.engine.train.Focus;
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
        assertTrue(b.text("explore-title").startsWith(titleStart), b.text("explore-title") + " " + b.consoleErrors());
    }

    /** The page of this run, its explorer opened at training sample {@code index} (1-based), on its first step. */
    private static void openExplorer(Browser b, String query, int index) throws Exception {
        b.open("#" + query);
        b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
        b.type("explore-index", Integer.toString(index));
        b.byTestId("explore").click();
        b.waitUpTo(20).until(d -> b.text("explore-title").startsWith("Forward, layer 1"));
    }

    @Test
    void theExplorerShowsTheEnginesNumbersStepByStep() throws Exception {
        String query = "data=xor&layers=3&act=tanh&seed=5";
        Experiment ex = Experiment.create(Settings.of(query, '&'), null);
        Explain expected = Explain.of(ex.model.network, ex.loss, ex.trainX[2], ex.trainY[2], ex.trainer.learningRate);
        try (Browser b = Browser.pooled()) {
            openExplorer(b, query, 3);
            assertEquals("step 1 of 11", b.text("explore-step-count"));
            assertArrayEquals(expected.layers[0].z, cells(b, "Z"), 0.0, "Z[1] is the engine's, bit for bit");
            assertArrayEquals(expected.layers[0].aPrev, cells(b, "A_prev"), 0.0);
            b.byTestId("explorer").sendKeys(Keys.ARROW_RIGHT);
            b.waitUpTo(5).until(d -> b.text("explore-step-count").equals("step 2 of 11"));
            assertArrayEquals(expected.layers[0].a, cells(b, "A"), 0.0);
            goToStep(b, "The loss");
            // the output's error: sigmoid + binary cross-entropy hand over dL/dZ = A - y, one step
            goToStep(b, "Backward, layer 2: the output's error");
            assertTrue(b.text("explore-equation").contains("A(1 \u2212 A) cancels"), b.text("explore-equation"));
            double[] a = cells(b, "A"), y = cells(b, "y"), error = cells(b, "dLdZ");
            assertEquals(1, a.length);
            assertEquals(a[0] - y[0], error[0], 1e-15, "the step's dL/dZ is the A - y it says");
            assertArrayEquals(expected.layers[1].dLdZ, error, 0.0);
            b.byTestId("explore-next").click();
            assertTrue(b.text("explore-title").startsWith("Backward, layer 2: the weight gradients"), b.text("explore-title"));
            // through a hidden tanh: f'(Z) shown, and dL/dZ is its product with dL/dA, element by element
            goToStep(b, "Backward, layer 1: through the activation tanh");
            double[] fPrime = cells(b, "fPrime"), dLdA = cells(b, "dLdA"), dLdZ = cells(b, "dLdZ");
            assertEquals(3, fPrime.length);
            for (int k = 0; k < 3; k++) {
                assertEquals(1 - expected.layers[0].a[k] * expected.layers[0].a[k], fPrime[k], 1e-12, "tanh' = 1 - A^2");
                assertEquals(fPrime[k] * dLdA[k], dLdZ[k], 0.0, "dL/dZ = f'(Z) * dL/dA, as shown");
            }
            assertTrue(b.text("explore-equation").contains("\u2299"), b.text("explore-equation"));
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
            b.waitUpTo(10).until(d -> b.text("explore-step-count").equals("step 1 of 11")
                    && b.byTestId("grad-check").findElements(By.cssSelector("td.pass")).size() == 2);
            assertTrue(b.byTestId("grad-check").findElements(By.cssSelector("td.fail")).isEmpty());
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    void aRegressionsTargetIsShownAsTheNetworkLearnsIt() throws Exception {
        String query = "data=sine&seed=4";
        Experiment ex = Experiment.create(Settings.of(query, '&'), null);
        try (Browser b = Browser.pooled()) {
            openExplorer(b, query, 3);
            goToStep(b, "The loss");
            assertArrayEquals(ex.trainY[2], cells(b, "y"), 0.0, "standardised, as the engine trains on it");
            assertNotEquals(ex.train.y[2][0], ex.trainY[2][0]);
            assertTrue(b.byTestId("explorer").getText().contains("standardised as the network learns it"));
        }
    }

    private static double output(Browser b, String id) {
        return Double.parseDouble(b.byTestId(id).getAttribute("data-value"));
    }

    @Test
    void convAndPoolLayersAreSteppedThroughAtAPlaceTheUserPicks() throws Exception {
        String query = "data=digits&layers=conv4x3,pool2,drop0.25,8&act=relu&seed=3";
        Experiment ex = Experiment.load(Settings.of(query, '&'));
        Explain expected = Explain.of(ex.model.network, ex.loss, ex.trainX[4], ex.trainY[4], ex.trainer.learningRate);
        try (Browser b = Browser.pooled()) {
            openExplorer(b, query, 5);
            assertTrue(b.text("explore-title").startsWith("Forward, layer 1: convolution at one place"), b.text("explore-title"));
            assertEquals("step 1 of 21", b.text("explore-step-count"));
            Focus want = expected.layers[0].focus;
            assertEquals(want.filter + "," + want.y + "," + want.x, b.byTestId("explore-equation").getAttribute("data-place"));
            assertArrayEquals(want.field, cells(b, "field"), 0.0, "the window is the engine's input, bit for bit");
            assertArrayEquals(want.kernel, cells(b, "kernel"), 0.0);
            assertEquals(want.z, output(b, "z-at"), 0.0, "Z at the place is the engine's");
            assertEquals(want.sum, output(b, "dot"), 0.0);
            assertEquals(output(b, "z-at"), output(b, "dot"), 1e-12, "the window's dot product with the filter, plus W0, is Z");
            b.driver.executeScript("arguments[0].scrollIntoView()", b.byTestId("explorer"));
            b.screenshot("explorer-conv");
            // every picture of the step is on screen and drawn: A[0] with the window, Z's maps
            @SuppressWarnings("unchecked")
            List<String> maps = (List<String>) b.driver.executeScript("var out = [];"
                    + "document.querySelectorAll('[data-testid=explore-body] figure.map').forEach(function (f) {"
                    + "  var c = f.querySelector('canvas'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, inked = 0;"
                    + "  for (var i = 3; i < d.length; i += 4) if (d[i] > 0) inked++;"
                    + "  out.push(f.getAttribute('data-testid') + ' ' + c.clientWidth + 'x' + c.clientHeight + ' ' + (inked > c.width * c.height / 4 ? 'drawn' : 'blank')); });"
                    + "return out;");
            assertEquals(2, maps.size(), maps.toString());
            for (String m : maps) assertTrue(m.matches("map-\\S+ [1-9]\\d*x[1-9]\\d* drawn"), maps.toString());

            // a click on map 3 of Z, near its top left, follows that filter and place and stays on the step
            b.driver.executeScript("var c = arguments[0], r = c.getBoundingClientRect(), k = r.width / c.width;"
                    + "c.dispatchEvent(new MouseEvent('click', {clientX: r.left + (1 + 2 * (80 + 4) + 5) * k, clientY: r.top + 8 * k, bubbles: true}));",
                    b.driver.findElement(By.cssSelector("[data-testid=map-Z] canvas")));
            b.waitUpTo(10).until(d -> b.byTestId("explore-equation").getAttribute("data-place").startsWith("2,"));
            assertEquals("step 1 of 21", b.text("explore-step-count"));
            String[] place = b.byTestId("explore-equation").getAttribute("data-place").split(",");
            int f = Integer.parseInt(place[0]), y = Integer.parseInt(place[1]), x = Integer.parseInt(place[2]);
            assertTrue(y <= 1 && x <= 1, "near the top left: " + y + "," + x);
            assertEquals(expected.layers[0].z[(f * 8 + y) * 8 + x], output(b, "z-at"), 0.0);

            goToStep(b, "Backward, layer 2: max pool routes");
            WebElement marked = b.driver.findElement(By.cssSelector("[data-testid=m-dLdWindow] td.marked"));
            assertEquals(output(b, "dLdOut"), Double.parseDouble(marked.getAttribute("data-value")), 0.0, "dL/dv goes to the argmax");
            for (double v : cells(b, "dLdWindow")) assertTrue(v == 0 || v == output(b, "dLdOut"));
            goToStep(b, "Backward, layer 1: the weight gradients");
            assertArrayEquals(cells(b, "dLdW"), cells(b, "dLdW_sum"), 1e-12, "dL/dW is the sum over places");
            assertEquals(output(b, "dLdW0-at"), output(b, "dLdW0-sum"), 1e-12);
            goToStep(b, "Backward, layer 1: \u2202loss/\u2202A");
            assertEquals(output(b, "scatter-at"), output(b, "scatter-sum"), 1e-12, "dL/dA gathers from the windows holding the value");
            b.driver.executeScript("arguments[0].scrollIntoView()", b.byTestId("explorer"));
            b.screenshot("explorer-conv-scatter");
            b.phone();
            b.waitUpTo(5).until(d -> b.driver.executeScript("return document.documentElement.clientWidth").equals(360L)
                    || ((Number) b.driver.executeScript("return document.documentElement.clientWidth")).intValue() <= 360);
            b.driver.executeScript("arguments[0].scrollIntoView()", b.byTestId("explore-title"));
            b.screenshot("explorer-conv-scatter-phone");
            assertEquals(List.of(), b.overflowing(), "nothing sticks out sideways on a phone");

            List<WebElement> rows = b.byTestId("grad-check").findElements(By.tagName("tr"));
            assertEquals(4, rows.size(), "a header, then conv layer 1 and the two dense layers");
            assertTrue(rows.get(1).getText().startsWith("1 (conv)"), rows.get(1).getText());
            assertEquals(3, b.byTestId("grad-check").findElements(By.cssSelector("td.pass")).size());
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    /**
     * Through time: an LSTM on a series unrolled, each step's pre-activations and state the
     * engine's, back from the last step (nothing comes back to it), dL/dW the sum over the steps;
     * the check covers W and Wh; a text net's characters one-hot and its per-step output.
     */
    @Test
    void theExplorerUnrollsARecurrentLayerThroughTime() throws Exception {
        String query = "data=sines&layers=lstm3&window=6&opt=adam&lr=0.01&seed=3";
        Experiment ex = Experiment.load(Settings.of(query, '&'));
        Explain expected = Explain.of(ex.model.network, ex.loss, ex.trainX[1], ex.trainY[1], ex.trainer.learningRate);
        var tr = expected.layers[0].time;
        try (Browser b = Browser.pooled()) {
            openExplorer(b, query, 2);
            assertTrue(b.text("explore-title").startsWith("Forward, layer 1 (LSTM), step 1 of 6"), b.text("explore-title"));
            assertArrayEquals(java.util.Arrays.copyOfRange(tr.a, 0, 12), cells(b, "a_t"), 0.0, "a_1: four gates of three units");
            assertArrayEquals(new double[3], cells(b, "h_prev"), 0.0, "h_0 = 0");
            goToStep(b, "Forward, layer 1 (LSTM), step 6");
            assertArrayEquals(java.util.Arrays.copyOfRange(tr.h, 18, 21), cells(b, "h_t"), 0.0);
            goToStep(b, "Backward through time, layer 1 (LSTM), step 6");
            assertTrue(b.text("explore-equation").contains("nothing comes back"), b.text("explore-equation"));
            assertArrayEquals(java.util.Arrays.copyOfRange(tr.dLdh, 15, 18), cells(b, "dLdh_t"), 0.0);
            goToStep(b, "Backward through time, layer 1 (LSTM), step 1");
            assertArrayEquals(new double[3], cells(b, "dLdh_own"), 0.0, "only the last step's state goes on");
            assertArrayEquals(java.util.Arrays.copyOfRange(tr.dLdh, 0, 3), cells(b, "dLdh_later"), 0.0, "all of it comes back from step 2");
            b.driver.executeScript("arguments[0].scrollIntoView()", b.byTestId("explorer"));
            b.screenshot("explorer-through-time");
            goToStep(b, "Backward, layer 1 (LSTM): the weight gradients, summed");
            assertArrayEquals(java.util.Arrays.copyOf(tr.dLdW, 10), cells(b, "dLdW"), 0.0);
            assertEquals(3, b.byTestId("grad-check").findElements(By.cssSelector("td.pass")).size(), "W, Wh and the output's W pass");
            // a text net: the characters one-hot, an LSTM at every step, the per-step softmax
            openExplorer(b, "data=names&layers=lstm4&window=5&seed=2", 1);
            assertTrue(b.text("explore-title").startsWith("Forward, layer 1: the characters, one-hot"), b.text("explore-title"));
            goToStep(b, "Forward, layer 3: a softmax at every step");
            goToStep(b, "Backward, layer 3: the output's error at every step");
            assertEquals(3, b.byTestId("grad-check").findElements(By.cssSelector("td.pass")).size());
            assertEquals(List.of(), b.consoleErrors());
        }
    }
}
