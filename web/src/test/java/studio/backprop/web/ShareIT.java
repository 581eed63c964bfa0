package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/** A trained model travels as a link: made in one build, opened in the other and on the JVM, bit for bit. */
class ShareIT {
    @Test
    void aSharedLinkOpensTheExactModelAndTrainingGoesOn() throws Exception {
        String link, hash;
        try (Browser b = Browser.pooled()) {
            b.open("?backend=js#data=moons&layers=6,4&opt=adam&lr=0.01&seed=9&epochs=5&play=1");
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 5);
            hash = b.value("weights-hash");
            b.byTestId("share").click();
            b.waitUpTo(10).until(d -> !b.byTestId("share-link").getAttribute("value").isEmpty());
            link = b.byTestId("share-link").getAttribute("value");
            b.screenshot("share-made");
        }
        assertTrue(link.startsWith(Browser.baseUrl() + "?backend=js#m="), link);
        System.out.println("moons 2-6-4-1 exact link: " + link.length() + " characters");
        assertEquals(hash, WeightsHash.of(ModelLink.read(link).network), "the JVM reads the browser's link");

        try (Browser other = Browser.pooled()) {
            other.driver.get(link.replace("?backend=js", "?backend=wasm"));
            other.waitUpTo(30).until(d -> hash.equals(other.value("weights-hash")));
            assertEquals("idle", other.value("status"));
            assertEquals("2\u20136\u20134\u20131", other.text("architecture"));
            assertEquals("moons", other.byTestId("data").getAttribute("value"));
            assertEquals("0.01", other.byTestId("lr").getAttribute("value"));
            other.driver.executeScript("var c = arguments[0], r = c.getBoundingClientRect();"
                    + "c.dispatchEvent(new MouseEvent('click', {clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true}));",
                    other.byTestId("heatmap"));
            other.waitUpTo(10).until(d -> other.text("prediction").startsWith("Prediction: "));
            other.byTestId("play").click();
            other.waitUpTo(20).until(d -> other.number("epoch") >= 3);
            other.byTestId("play").click();
            other.screenshot("share-opened");
            assertEquals(List.of(), other.consoleErrors());
        }
    }

    @Test
    void aBigModelTravelsQuantisedWithItsAccuracyShown() throws Exception {
        String link;
        double accuracy;
        try (Browser b = Browser.pooled()) {
            b.open("#data=digits&layers=32&act=relu&opt=adam&lr=0.01&batch=32&epochs=15&play=1");
            b.waitUpTo(60).until(d -> "paused".equals(b.value("status")) && b.number("epoch") == 15);
            accuracy = b.number("test-accuracy");
            b.byTestId("share").click();
            b.waitUpTo(20).until(d -> b.byTestId("share-options").findElements(org.openqa.selenium.By.tagName("label")).size() == 3);
            assertTrue(b.byTestId("share-bits-8").isSelected(), "8-bit is chosen for a long link that keeps its accuracy");
            link = b.byTestId("share-link").getAttribute("value");
            assertTrue(link.length() < 8000, link.length() + " characters");
            b.screenshot("share-quantised");
            b.byTestId("share-exact").click();
            b.waitUpTo(5).until(d -> b.byTestId("share-link").getAttribute("value").length() > 10000);
            assertTrue(b.text("share-options").contains("exact weights (32-bit)"), b.text("share-options"));
        }
        System.out.println("digits 64-32-10 8-bit link: " + link.length() + " characters");
        try (Browser other = Browser.pooled()) {
            other.driver.get(link);
            other.waitUpTo(30).until(d -> "idle".equals(other.value("status")) && !other.value("weights-hash").isEmpty()
                    && "64\u201332\u201310".equals(other.text("architecture")));
            assertTrue(accuracy - other.number("test-accuracy") <= 0.005, accuracy + " -> " + other.number("test-accuracy"));
        }
    }

    @Test
    void aLinkMadeByTheCommandLineOpensInTheBrowser() throws Exception {
        Settings s = new Settings().set("data", "xor").set("layers", "5").set("seed", "4");
        Experiment ex = Experiment.create(s, null);
        ex.trainer.stepEpoch();
        ex.trainer.stepEpoch();
        String expected = WeightsHash.of(ex.model.network);
        try (Browser b = Browser.pooled()) {
            b.open("#m=" + ModelLink.payload(ex.model));
            b.waitUpTo(30).until(d -> expected.equals(b.value("weights-hash")));
            assertEquals("2\u20135\u20131", b.text("architecture"));
        }
    }

    /** A model trained on an uploaded file: the receiver is asked for the file, and its columns are checked. */
    @Test
    void aModelOfAnUploadedFileAsksForTheFileAgain() throws Exception {
        String fruit = "colour,size,weight,fruit\nred,1.25,3,apple\ngreen,2,1.5,pear\nred,3.5,2,apple\n"
                + "blue,4,0.5,pear\ngreen,1,2.5,apple\nblue,2.5,1,pear\nred,3,0.25,pear\ngreen,0.5,4,apple\n";
        Experiment ex = Experiment.create(Settings.of("data=fruit.csv layers=4 opt=adam lr=0.01 seed=5", ' '), fruit);
        for (int i = 0; i < 5; i++) ex.trainer.stepEpoch();
        String hash = WeightsHash.of(ex.model.network);
        String payload = ModelLink.payload(ex.model);
        java.nio.file.Path wrong = Browser.tempFile("wrong", ".csv"), same = Browser.tempFile("fruit", ".csv");
        java.nio.file.Files.writeString(wrong, "colour,size,fruit\nred,1,apple\nblue,2,pear\n");
        java.nio.file.Files.writeString(same, fruit);
        try (Browser b = Browser.pooled()) {
            for (String backend : new String[] {"js", "wasm"}) {
                b.open("?backend=" + backend + "&t=" + System.nanoTime() + "#m=" + payload);
                b.waitUpTo(20).until(d -> b.byTestId("need-file").isDisplayed());
                assertTrue(b.text("need-file-text").contains("\u201cfruit.csv\u201d"), b.text("need-file-text"));
                assertTrue(b.text("need-file-text").contains("inputs: colour, size, weight; target: fruit"), b.text("need-file-text"));
                b.byTestId("need-file-input").sendKeys(wrong.toString());
                b.waitUpTo(20).until(d -> b.text("error").equals("This file cannot be used: the file does not match the model: "
                        + "it has no column 'weight' (the model's inputs: colour, size, weight)."));
                assertTrue(b.byTestId("need-file").isDisplayed());
                b.screenshot("need-file-" + backend);
                b.byTestId("need-file-input").sendKeys(same.toString());
                b.waitUpTo(20).until(d -> hash.equals(b.value("weights-hash")));
                assertFalse(b.byTestId("need-file").isDisplayed());
                assertTrue(b.text("error").isEmpty());
                assertEquals("5\u20134\u20131", b.text("architecture"), backend);
                assertEquals("fruit.csv", b.byTestId("data").getAttribute("value"));
                b.byTestId("step-epoch").click();
                b.waitUpTo(20).until(d -> b.number("epoch") == 1 && !hash.equals(b.value("weights-hash")));
            }
        }
    }

    @Test
    void badLinksGetAClearMessageAndThePageStaysUsable() throws Exception {
        Settings s = new Settings().set("data", "spiral").set("layers", "3");
        String good = ModelLink.payload(Experiment.create(s, null).model);
        String[][] cases = {
            {"abc<script>", "This model cannot be opened: the link's model text has a character that does not belong there at position 4."},
            {good.substring(0, (good.length() / 2) & ~3), "This model cannot be opened: the link's model data is damaged or cut short"},
            {"AAAA", "This model cannot be opened: the link's model data is damaged or cut short"},
            // three characters changed: refused, not opened as another model
            {tamper(good), "This model cannot be opened: the link has been changed or cut short (its checksum does not match): ask for the link again"},
        };
        try (Browser b = Browser.pooled()) {
            for (String[] c : cases) {
                b.open("?t=" + System.nanoTime() + "#m=" + c[0]);
                b.waitUpTo(20).until(d -> b.byTestId("error").isDisplayed());
                assertTrue(b.text("error").startsWith(c[1]), b.text("error"));
                // and the page is usable at once: its first screen, ready to train
                b.waitUpTo(20).until(d -> "idle".equals(b.value("status")) && !b.value("weights-hash").isEmpty());
                assertEquals("2\u201316\u201316\u201316\u20131", b.text("architecture"));
                assertTrue(b.byTestId("error").isDisplayed(), "the message stays");
            }
            b.select("data", "circle");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty() && "idle".equals(b.value("status")));
            assertFalse(b.byTestId("error").isDisplayed());
        }
    }

    private static String tamper(String link) {
        char[] c = link.toCharArray();
        for (int at : new int[] {10, link.length() / 2, link.length() - 12}) c[at] = c[at] == 'A' ? 'B' : 'A';
        return new String(c);
    }

    @Test
    void namesFromALinkAreShownAsText() throws Exception {
        Settings s = new Settings().set("data", "<img src=x onerror=window.pwned=1>.csv");
        Experiment ex = Experiment.create(s, "<svg onload=window.pwned=2>,b\n1,x\n2,y\n3,x\n");
        try (Browser b = Browser.pooled()) {
            b.open("#m=" + ModelLink.payload(ex.model));
            b.waitUpTo(20).until(d -> b.byTestId("need-file").isDisplayed());
            String text = b.text("need-file-text");
            assertTrue(text.contains("\u201c<img src=x onerror=window.pwned=1>.csv\u201d"), text);
            assertTrue(text.contains("inputs: <svg onload=window.pwned=2>; target: b"), text);
            assertTrue(b.driver.findElements(org.openqa.selenium.By.cssSelector("main img, [data-testid=need-file] svg")).isEmpty());
            assertNull(b.driver.executeScript("return window.pwned || null;"));
        }
    }
}
