package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The studio's flows: building networks, every built-in set, CSV upload, views, try it, URL state. */
class StudioIT {
    private static Browser b;

    @BeforeAll
    static void start() throws Exception {
        b = Browser.pooled();
    }

    @AfterAll
    static void stop() {
        b.close();
    }

    /** Opens the page fresh (a new query makes it a real navigation) with the given hash. */
    private static void open(String hash) throws Exception {
        b.open("?backend=" + System.getProperty("studio.backend", "wasm") + "&t=" + System.nanoTime() + "#" + hash);
        b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
    }

    private static String architecture() {
        return b.text("architecture");
    }

    @Test
    void theLayerEditorBuildsNetworksAndTheUrlFollows() throws Exception {
        open("data=xor&layers=4");
        assertEquals("2\u20134\u20131", architecture());
        b.byTestId("add-layer").click();
        b.waitUpTo(10).until(d -> architecture().equals("2\u20134\u20134\u20131"));
        assertTrue(b.hash().contains("layers=4,4"), b.hash());
        b.type("units-2", "6");
        b.waitUpTo(10).until(d -> architecture().equals("2\u20134\u20136\u20131"));
        b.select("act-1", "relu");
        b.waitUpTo(10).until(d -> b.hash().contains("act=relu,tanh"));
        b.byTestId("remove-layer-1").click();
        b.waitUpTo(10).until(d -> architecture().equals("2\u20136\u20131"));
        assertEquals("#data=xor&layers=6", b.hash()); // act=tanh is the default again, so the link leaves it out

        // While training, a change that needs a new network asks first.
        b.byTestId("play").click();
        b.waitUpTo(10).until(d -> "training".equals(b.value("status")));
        b.byTestId("add-layer").click();
        b.waitUpTo(5).until(d -> b.byTestId("confirm-reset").isDisplayed());
        b.screenshot("studio-confirm");
        b.byTestId("confirm-cancel").click();
        b.waitUpTo(5).until(d -> !b.byTestId("confirm-reset").isDisplayed());
        assertEquals("2\u20136\u20131", architecture());
        assertEquals("training", b.value("status"));
        // a data set picked while training: the bar says what changes; kept training, the form, plane and URL agree again
        b.select("data", "circle");
        b.waitUpTo(5).until(d -> b.byTestId("confirm-reset").isDisplayed());
        assertTrue(b.text("confirm-text").startsWith("data: xor \u2192 circle"), b.text("confirm-text"));
        b.byTestId("confirm-cancel").click();
        b.waitUpTo(5).until(d -> !b.byTestId("confirm-reset").isDisplayed());
        assertEquals("xor", b.byTestId("data").getAttribute("value"), "the select shows the data that trains");
        assertEquals("#data=xor&layers=6", b.hash());
        assertEquals("training", b.value("status"));
        b.byTestId("add-layer").click();
        b.waitUpTo(5).until(d -> b.byTestId("confirm-reset").isDisplayed());
        assertTrue(b.text("confirm-text").startsWith("layers: 6 \u2192 6,6"), b.text("confirm-text"));
        b.byTestId("confirm-apply").click();
        b.waitUpTo(10).until(d -> architecture().equals("2\u20136\u20136\u20131") && "idle".equals(b.value("status")));

        // The learning rate changes while training, without a reset.
        b.byTestId("play").click();
        b.waitUpTo(10).until(d -> b.number("epoch") > 3);
        b.type("lr", "0.01");
        b.waitUpTo(5).until(d -> b.hash().contains("lr=0.01"));
        double epoch = b.number("epoch");
        b.waitUpTo(10).until(d -> b.number("epoch") > epoch);
        assertFalse(b.byTestId("confirm-reset").isDisplayed());
        b.byTestId("play").click();
        assertEquals(List.of(), b.consoleErrors());
    }

    @Test
    void everyBuiltInSetLoadsAndTrains() throws Exception {
        String[][] sets = {
            {"spiral", "2\u20138\u20138\u20131"}, {"circle", "2\u20138\u20138\u20131"}, {"xor", "2\u20138\u20138\u20131"},
            {"gauss", "2\u20138\u20138\u20131"}, {"moons", "2\u20138\u20138\u20131"}, {"plane", "2\u20138\u20138\u20131"},
            {"sine", "2\u20138\u20138\u20131"}, {"iris", "4\u20138\u20138\u20133"}, {"wine", "13\u20138\u20138\u20133"},
            {"cancer", "30\u20138\u20138\u20131"}, {"digits", "64\u20138\u20138\u201310"},
            {"mnist", "784\u20138\u20138\u201310"}, {"fashion", "784\u20138\u20138\u201310"},
        };
        for (String[] set : sets) {
            open("data=" + set[0] + "&opt=adam&lr=0.01&epochs=3&play=1");
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 3);
            assertEquals(set[1], architecture(), set[0]);
            boolean planar = set[1].startsWith("2\u2013");
            assertEquals(planar, b.byTestId("heatmap-panel").isDisplayed(), set[0]);
            boolean images = set[0].equals("digits") || set[0].equals("mnist") || set[0].equals("fashion");
            assertEquals(!planar && !images, b.byTestId("try-form").isDisplayed(), set[0]);
            assertEquals(images, b.byTestId("images-panel").isDisplayed(), set[0]);
            boolean regression = set[0].equals("plane") || set[0].equals("sine");
            assertEquals(!regression, b.byTestId("confusion-panel").isDisplayed(), set[0]);
            if (regression) assertTrue(b.number("test-r2") > 0, set[0] + " R2 " + b.number("test-r2"));
            else assertTrue(b.number("test-accuracy") > 0.4, set[0] + " accuracy " + b.number("test-accuracy"));
            b.screenshot("set-" + set[0]);
        }
        assertEquals(List.of(), b.consoleErrors());
    }

    @Test
    void realCsvFilesUploadAndTrain() throws Exception {
        open("data=spiral");
        // scikit-learn's files start with a summary line shorter than the rows: a clear message
        upload(Path.of("../engine/src/test/resources/studio/backprop/samples/breast_cancer.csv").toAbsolutePath().normalize());
        b.waitUpTo(10).until(d -> b.byTestId("error").isDisplayed());
        assertEquals("This file cannot be used: line 2, column 5: row has 31 fields but the first row has 4", b.text("error"));
        // the same data with a header row, as the studio ships it
        upload(Path.of("../engine/src/main/resources/studio/backprop/data/cancer.csv").toAbsolutePath().normalize());
        b.waitUpTo(10).until(d -> b.byTestId("csv-preview").isDisplayed());
        assertFalse(b.byTestId("error").isDisplayed());
        List<WebElement> headers = b.byTestId("csv-table").findElements(By.cssSelector("thead tr:first-child th"));
        assertEquals(31, headers.size());
        b.screenshot("csv-preview");
        b.byTestId("csv-use").click();
        // the spiral's recommended net gives way to the one recommended for tables
        b.waitUpTo(20).until(d -> architecture().equals("30\u201316\u20131"));
        assertTrue(b.hash().contains("data=cancer.csv") && b.hash().contains("target=diagnosis"), b.hash());
        assertFalse(b.hash().contains("layers="), "the table's recommended setup is not spelt out in the URL: " + b.hash());
        b.byTestId("step-epoch").click();
        b.byTestId("step-epoch").click();
        b.waitUpTo(20).until(d -> b.number("epoch") == 2);
        assertTrue(b.number("test-accuracy") > 0.85, "accuracy " + b.number("test-accuracy"));

        // iris.csv's summary line has as many fields as its rows, so it reads as a header
        upload(Path.of("../engine/src/test/resources/studio/backprop/samples/iris.csv").toAbsolutePath().normalize());
        b.waitUpTo(10).until(d -> b.text("csv-name").startsWith("iris.csv"));
        b.select("csv-missing", "mean");
        b.byTestId("csv-use").click();
        b.waitUpTo(20).until(d -> architecture().equals("4\u201316\u20133"));
        assertEquals(List.of(), b.consoleErrors());
    }

    @Test
    void aBrokenFileGetsAClearMessageAndNothingIsLost() throws Exception {
        open("data=moons&epochs=2&play=1");
        b.waitUpTo(20).until(d -> "paused".equals(b.value("status")));
        String hash = b.value("weights-hash");
        Path bad = Browser.tempFile("broken", ".csv");
        Files.writeString(bad, "a,b,label\n1,2,x\n3,\"4,y\n5,6,x\n");
        upload(bad);
        b.waitUpTo(10).until(d -> b.byTestId("error").isDisplayed());
        assertEquals("This file cannot be used: line 3, column 2: quoted field is never closed", b.text("error"));
        assertEquals(hash, b.value("weights-hash"));
        assertEquals("2\u20138\u20138\u20131", architecture());
        assertFalse(b.byTestId("csv-preview").isDisplayed());

        Path hostile = Browser.tempFile("hostile", ".csv");
        Files.writeString(hostile, "\"<img src=x onerror=window.pwned=1>\",b,class\n1,2,<b>x</b>\n3,4,y\n5,6,x\n");
        upload(hostile);
        b.waitUpTo(10).until(d -> b.byTestId("csv-preview").isDisplayed());
        assertEquals("<img src=x onerror=window.pwned=1>", b.byTestId("csv-table").findElement(By.cssSelector("th")).getText());
        assertTrue(b.byTestId("csv-table").findElements(By.tagName("img")).isEmpty());
        assertNull(b.driver.executeScript("return window.pwned || null;"));
        b.byTestId("csv-use").click();
        b.waitUpTo(20).until(d -> architecture().equals("2\u20138\u20138\u20133"));
        assertTrue(b.byTestId("confusion").getText().contains("<b>x</b>"));
        assertNull(b.driver.executeScript("return window.pwned || null;"));
    }

    private static void upload(Path file) {
        b.byTestId("csv-file").sendKeys(file.toString());
    }

    @Test
    void aTablesInputColumnsCanBeChosen() throws Exception {
        open("data=iris");
        List<WebElement> boxes = b.byTestId("column-boxes").findElements(By.cssSelector("input[type=checkbox]"));
        assertEquals(4, boxes.size());
        boxes.get(0).click();
        b.waitUpTo(10).until(d -> architecture().equals("3\u20138\u20133")); // iris as recommended
        b.byTestId("column-boxes").findElements(By.cssSelector("input[type=checkbox]")).get(1).click();
        b.waitUpTo(10).until(d -> architecture().equals("2\u20138\u20133"));
        assertTrue(b.hash().contains("inputs=petal%20length%20(cm),petal%20width%20(cm)"), b.hash());
        assertEquals(2, b.byTestId("try-inputs").findElements(By.cssSelector("[data-column]")).size());
    }

    @Test
    void viewsUpdateWhileTraining() throws Exception {
        open("data=circle&layers=4,4&opt=adam&lr=0.01");
        String heat = canvas("heatmap"), net = canvas("network");
        b.byTestId("play").click();
        b.waitUpTo(20).until(d -> b.number("epoch") >= 20);
        b.byTestId("play").click();
        b.waitUpTo(10).until(d -> "paused".equals(b.value("status")));
        assertNotEquals(heat, canvas("heatmap"));
        assertNotEquals(net, canvas("network"));
        int total = 0;
        for (WebElement cell : b.byTestId("confusion").findElements(By.cssSelector("td.count"))) {
            total += Integer.parseInt(cell.getAttribute("data-value"));
        }
        assertEquals(250, total);
        assertFalse(b.text("throughput").isEmpty());
        // links are blue (positive weight) and orange (negative), as in Playground: a strip halfway
        // across, between the two hidden layers, holds links only
        @SuppressWarnings("unchecked")
        java.util.List<Number> hues = (java.util.List<Number>) b.driver.executeScript(
                "var c = arguments[0], d = c.getContext('2d').getImageData(c.width / 2 - 10, 0, 20, c.height).data, blue = 0, orange = 0;"
                + "for (var i = 0; i < d.length; i += 4) { if (d[i + 2] > d[i] + 60) blue++; else if (d[i] > d[i + 2] + 60) orange++; }"
                + "return [blue, orange];", b.byTestId("network"));
        assertTrue(hues.get(0).intValue() > 20 && hues.get(1).intValue() > 20, "blue and orange link pixels: " + hues);
        new org.openqa.selenium.interactions.Actions(b.driver).moveToElement(b.byTestId("network"), 0, 0).perform();
        b.screenshot("views-circle");
    }

    /** An unbalanced table: per-class recall and precision, and the balanced accuracy the engine computes for the same run. */
    @Test
    void unbalancedClassesGetRecallPrecisionAndBalancedAccuracy() throws Exception {
        String query = "data=cancer&layers=4&act=relu&opt=adam&lr=0.01&seed=2&epochs=3";
        open(query + "&play=1");
        b.waitUpTo(20).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 3);
        studio.backprop.engine.train.Experiment ex = studio.backprop.engine.train.Experiment.load(
                studio.backprop.engine.train.Settings.of(query, '&'));
        while (ex.trainer.epoch() < 3) ex.trainer.stepEpoch();
        studio.backprop.engine.train.Metrics test = ex.evaluate().test;
        assertEquals(test.balancedAccuracy(), b.number("balanced-accuracy"), 1e-12);
        int[][] c = test.confusion;
        assertEquals((double) c[0][0] / (c[0][0] + c[0][1]), b.number("recall-0"), 1e-12);
        assertEquals((double) c[1][1] / (c[0][1] + c[1][1]), b.number("precision-1"), 1e-12);
        assertTrue(b.text("confusion-summary").contains("the classes are unbalanced"), b.text("confusion-summary"));
        b.driver.executeScript("arguments[0].scrollIntoView()", b.byTestId("confusion-panel"));
        b.screenshot("confusion-cancer");
    }

    private static String canvas(String testId) {
        return (String) b.driver.executeScript("return arguments[0].toDataURL();", b.byTestId(testId));
    }

    @Test
    void tryItOnThePlaneAndOnATable() throws Exception {
        open("data=gauss&epochs=5&play=1");
        b.waitUpTo(20).until(d -> "paused".equals(b.value("status")));
        // a click 10 px in from the top right corner of the 560 px plane: (x1, x2) = (5.81, 5.81): the class-1 cluster sits at (2, 2)
        b.driver.executeScript("var c = arguments[0], r = c.getBoundingClientRect();"
                + "c.dispatchEvent(new MouseEvent('click', {clientX: r.right - 10, clientY: r.top + 10, bubbles: true}));", b.byTestId("heatmap"));
        b.waitUpTo(10).until(d -> b.text("prediction").startsWith("Prediction: 1 (probability "));
        assertTrue(b.text("prediction").endsWith("at x\u2081 = 5.81, x\u2082 = 5.81"), b.text("prediction"));

        open("data=iris&layers=8&split=0.7&epochs=100&play=1");
        b.waitUpTo(30).until(d -> "paused".equals(b.value("status")));
        String[] setosa = {"5.1", "3.5", "1.4", "0.2"};
        for (int i = 0; i < 4; i++) b.type("try-" + i, setosa[i]);
        b.byTestId("try-predict").click();
        b.waitUpTo(10).until(d -> b.text("prediction").startsWith("Prediction: setosa"));
        b.screenshot("try-iris");
    }

    @Test
    void imageDataShowsTestImagesFirstLayerAndReadsADrawing() throws Exception {
        open("data=mnist&layers=32&act=relu&opt=adam&lr=0.001&batch=32&split=0.8&epochs=4&play=1");
        b.waitUpTo(60).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 4);
        assertTrue(b.number("test-accuracy") > 0.8, "accuracy " + b.number("test-accuracy"));
        String blank = (String) b.driver.executeScript("var c = document.createElement('canvas'); c.width = 640; c.height = 90; return c.toDataURL();");
        assertNotEquals(blank, canvas("first-layer"));
        // draw a "1": one vertical stroke down the middle of the pad
        b.driver.executeScript("var p = arguments[0], r = p.getBoundingClientRect(), x = r.left + r.width / 2;"
                + "function ev(t, y) { p.dispatchEvent(new PointerEvent(t, {clientX: x, clientY: r.top + y, pointerId: 1, bubbles: true})); }"
                + "ev('pointerdown', 30); for (var y = 30; y <= 170; y += 10) ev('pointermove', y); ev('pointerup', 170);", b.byTestId("draw"));
        b.waitUpTo(10).until(d -> b.byTestId("probabilities").findElements(By.tagName("li")).size() == 10);
        WebElement top = b.byTestId("probabilities").findElement(By.cssSelector("li.top"));
        assertEquals("1", top.getAttribute("data-class"));
        b.screenshot("mnist-drawn");
        b.byTestId("draw-clear").click();
        assertTrue(b.byTestId("probabilities").findElements(By.tagName("li")).isEmpty());
        assertEquals(List.of(), b.consoleErrors());
    }

    @Test
    void aLinkReproducesTheSetupAndTheWeights() throws Exception {
        open("data=spiral");
        b.select("data", "moons");
        b.waitUpTo(10).until(d -> b.hash().contains("data=moons"));
        b.select("opt", "adam");
        b.type("lr", "0.02");
        b.byTestId("add-layer").click();
        b.driver.findElement(By.cssSelector("[data-feature=x1x2]")).click();
        b.waitUpTo(10).until(d -> b.hash().contains("features=x1,x2,x1x2") && b.hash().contains("layers=8,8,8"));
        String link = b.hash().substring(1);
        try (Browser other = Browser.pooled()) {
            other.open("?fresh#" + link + "&epochs=4&play=1");
            other.waitUpTo(30).until(d -> "paused".equals(other.value("status")) && other.number("epoch") == 4);
            assertEquals("moons", other.byTestId("data").getAttribute("value"));
            assertEquals("0.02", other.byTestId("lr").getAttribute("value"));
            assertEquals(ReproducibilityIT.jvmHash(link + "&epochs=4"), other.value("weights-hash"));
        }
    }

    @Test
    void thePageStaysResponsiveWhileTheLargestNetworkTrains() throws Exception {
        String layers = "256,256,256,256,256,256,256,256,256,256";
        open("data=digits&layers=" + layers + "&act=relu&play=1");
        b.waitUpTo(30).until(d -> "training".equals(b.value("status")) && b.number("throughput") > 0);
        double max = b.longestFrameGap(3000); // the load's own frames are SiteIT's
        System.out.println("largest network: longest frame gap " + max + " ms (budget " + Browser.FRAME_BUDGET_MS + " ms)");
        assertTrue(max < Browser.STARVED_MS, "longest gap between animation frames " + max + " ms");
        b.screenshot("largest-network");
        b.byTestId("play").click();
    }
}
