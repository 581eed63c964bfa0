package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.interactions.Actions;
import studio.backprop.engine.ImageZips;
import studio.backprop.engine.data.ImageFiles;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Settings;

/** Your own images in the studio: a zip of PNGs (the CLI's weights), a folder, bad files, classes made here and the camera. */
class OwnImagesIT {
    /** MNIST digits 0, 1 and 7 as 40 x 36 PNGs in digits/&lt;class&gt;/, a text file beside them. */
    private static Path digitsZip(Path dir, int perClass) throws Exception {
        List<Object> entries = new java.util.ArrayList<>();
        for (int c : new int[] {0, 1, 7}) {
            for (int i = 0; i < perClass; i++) {
                entries.add("digits/" + c + "/" + i + ".png");
                entries.add(ImageZips.file("mnist", c, i, 40, 36, "png"));
            }
        }
        entries.add("digits/7/notes.txt");
        entries.add("these are sevens".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path zip = dir.resolve("digits.zip");
        Files.write(zip, ImageZips.zip(true, entries.toArray()));
        return zip;
    }

    /** Waits until the images panel reports this many images and no load under way. */
    private static void loaded(Browser b, int images, int seconds) {
        b.waitUpTo(seconds).until(d -> Integer.toString(images).equals(b.byTestId("images-summary").getAttribute("data-value"))
                && "false".equals(b.byTestId("images-progress").getAttribute("data-loading")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "wasm"})
    void aZipOfPngsTrainsTheWeightsTheCliTrainsOnIt(String backend) throws Exception {
        Path dir = Files.createTempDirectory("images");
        Path zip = digitsZip(dir, 20);
        Path png = dir.resolve("seven.png");
        Files.write(png, ImageZips.file("mnist", 7, 40, 64, 64, "png"));
        String link;
        try (Browser b = Browser.pooled()) {
            b.open("?backend=" + backend + "#data=xor&epochs=3");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("images-file").sendKeys(zip.toString());
            loaded(b, 60, 30);
            assertEquals("0", b.byTestId("class-name-0").getAttribute("value"));
            assertEquals("7", b.byTestId("class-name-2").getAttribute("value"));
            assertEquals("20", b.byTestId("class-count-1").getAttribute("data-value"));
            assertEquals("1", b.text("images-skipped-count"));
            assertTrue(b.byTestId("images-skipped").getAttribute("textContent").contains("digits/7/notes.txt: not an image"));
            b.screenshot("own-images-" + backend);

            b.byTestId("images-use").click();
            b.waitUpTo(30).until(d -> b.text("architecture").startsWith("28\u00d728\u00d71"));
            b.byTestId("play").click();
            b.waitUpTo(60).until(d -> b.number("epoch") == 3 && !b.text("status").equals("training"));
            Settings s = Settings.of("data=digits.zip&image=auto&epochs=3&" + Recommended.IMAGES, '&');
            Experiment cli = Experiment.fromImages(s, ImageFiles.read(zip, 28));
            for (int e = 0; e < 3; e++) cli.trainer.stepEpoch();
            assertEquals(WeightsHash.of(cli.model.network), b.value("weights-hash"), "the browser decodes the PNGs to the JVM's pixels");
            assertTrue(b.driver.getCurrentUrl().contains("image=grey28") || b.driver.getCurrentUrl().contains("image=auto"), b.driver.getCurrentUrl());

            // try it with a file the model has not seen
            b.byTestId("try-image").sendKeys(png.toString());
            b.waitUpTo(20).until(d -> b.byTestId("probabilities").findElements(org.openqa.selenium.By.tagName("li")).size() == 3);
            assertTrue(b.byTestId("images-panel").isDisplayed());
            assertFalse(b.byTestId("draw").isDisplayed(), "no drawing pad for photos");
            b.screenshot("own-images-trained-" + backend);
            b.byTestId("share").click();
            b.waitUpTo(10).until(d -> !b.byTestId("share-link").getAttribute("value").isEmpty());
            link = b.byTestId("share-link").getAttribute("value");
            b.byTestId("share-close").click();
            b.phone();
            b.screenshot("own-images-phone-" + backend);
            assertEquals(List.of(), b.overflowing());
            assertEquals(List.of(), b.consoleErrors());
        }
        if (backend.equals("js")) { // the link opens in the WebAssembly run
            Browser.delete(dir);
            return;
        }
        var sharedModel = studio.backprop.engine.model.ModelLink.read(link);
        int weights = sharedModel.network.parameterCount();
        // base64 of about a byte a weight (8-bit by default), and nothing the size of the images
        assertTrue(link.length() < 4 * weights / 3 + 6_000, "the 8-bit link holds the model, not the images: " + link.length() + " characters, "
                + weights + " weights");
        String shared = WeightsHash.of(sharedModel.network);
        try (Browser other = Browser.pooled()) {
            // whoever opens it tries it on a picture, then keeps training it on images of their own
            other.driver.get(link);
            other.waitUpTo(30).until(d -> other.byTestId("images-note").isDisplayed());
            assertEquals("7", other.byTestId("class-name-2").getAttribute("value"), "the model's classes wait for images");
            other.byTestId("try-image").sendKeys(png.toString());
            other.waitUpTo(20).until(d -> other.byTestId("probabilities").findElements(org.openqa.selenium.By.tagName("li")).size() == 3);
            other.byTestId("images-file").sendKeys(zip.toString());
            loaded(other, 60, 30);
            other.byTestId("images-use").click();
            other.waitUpTo(30).until(d -> shared.equals(other.value("weights-hash")));
            assertEquals("0", other.text("epoch"), "training goes on from the shared weights");
            assertEquals(List.of(), other.consoleErrors());
        } finally {
            Browser.delete(dir);
        }
    }

    /** A zip bomb: one entry (path) of 200 MB of zeros, deflated to about 200 KB, as dir/bomb.zip. */
    static Path bomb(Path dir, String path) throws Exception {
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bomb)) {
            out.putNextEntry(new java.util.zip.ZipEntry(path));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) out.write(zeros);
            out.closeEntry();
        }
        Path zip = dir.resolve("bomb.zip");
        Files.write(zip, bomb.toByteArray());
        return zip;
    }

    @Test
    void badInputIsNamedAndABombIsRefused() throws Exception {
        Path dir = Files.createTempDirectory("images");
        Path one = dir.resolve("one.zip");
        Files.write(one, ImageZips.zip(true, "cats/cat/1.png", ImageZips.file("mnist", 3, 0, 30, 30, "png"),
                "cats/cat/2.png", ImageZips.file("mnist", 3, 1, 30, 30, "png"), "cats/cat/broken.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2}));
        Path bombZip = bomb(dir, "x/a/big.png");
        try (Browser b = Browser.pooled()) {
            b.open("#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("images-file").sendKeys(bombZip.toString());
            b.waitUpTo(20).until(d -> b.text("images-message").contains("zip bomb"));
            b.byTestId("images-clear").click();
            b.byTestId("images-file").sendKeys(one.toString());
            loaded(b, 2, 20);
            assertTrue(b.byTestId("images-skipped").getAttribute("textContent").contains("cats/cat/broken.png: not an image"),
                    b.byTestId("images-skipped").getAttribute("textContent"));
            b.byTestId("images-use").click();
            b.waitUpTo(20).until(d -> b.text("error").contains("only one class ('cat')"));
            b.byTestId("class-add").click();
            b.waitUpTo(10).until(d -> b.driver.findElements(org.openqa.selenium.By.cssSelector("[data-testid=class-name-1]")).size() == 1);
            b.byTestId("images-use").click();
            b.waitUpTo(20).until(d -> b.text("error").contains("the class 'class 2' has no images"));
        } finally {
            Browser.delete(dir);
        }
    }

    @Test
    void aFolderOfJpegsWithAHugeImageLoadsAndALongLoadCancels() throws Exception {
        Path dir = Files.createTempDirectory("images");
        Path folder = dir.resolve("fashion");
        for (int i = 0; i < 12; i++) {
            Files.createDirectories(folder.resolve("Trouser"));
            Files.createDirectories(folder.resolve("Bag"));
            Files.write(folder.resolve("Trouser/" + i + ".jpg"), ImageZips.file("fashion", 1, i, 56, 56, "jpg"));
            Files.write(folder.resolve("Bag/" + i + ".jpg"), ImageZips.file("fashion", 8, i, 48, 60, "jpg"));
        }
        // 4,200 x 4,200: over the 16.7 million pixels decoded at full size, so it is decoded scaled down
        java.awt.image.BufferedImage huge = new java.awt.image.BufferedImage(4200, 4200, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = huge.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(1000, 1000, 2200, 2200);
        g.dispose();
        javax.imageio.ImageIO.write(huge, "png", folder.resolve("Bag/huge.png").toFile());
        List<Object> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            many.add("many/" + (i % 2 == 0 ? "a" : "b") + "/" + i + ".png");
            many.add(ImageZips.file("mnist", i % 2, i / 2 % 50, 28, 28, "png"));
        }
        Path manyZip = dir.resolve("many.zip");
        Files.write(manyZip, ImageZips.zip(false, many.toArray()));
        try (Browser b = Browser.pooled()) {
            b.open("#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("images-folder").sendKeys(folder.toString());
            loaded(b, 25, 60);
            java.util.Set<String> names = java.util.Set.of(b.byTestId("class-name-0").getAttribute("value"), b.byTestId("class-name-1").getAttribute("value"));
            assertEquals(java.util.Set.of("Bag", "Trouser"), names);
            assertEquals(25, ImageFiles.read(folder, 28).size(), "the CLI reads the same folder");
            b.byTestId("images-use").click();
            b.waitUpTo(30).until(d -> b.text("architecture").startsWith("28\u00d728\u00d71"));
            assertEquals("20 train, 5 test", b.text("sizes"), "a folder named like a built-in set trains on itself");
            assertEquals("fashion images", b.byTestId("data").getAttribute("value"));
            b.byTestId("step-epoch").click();
            b.waitUpTo(30).until(d -> b.number("epoch") == 1);

            b.byTestId("images-clear").click();
            double start = System.nanoTime();
            b.byTestId("images-file").sendKeys(manyZip.toString());
            b.waitUpTo(30).until(d -> b.byTestId("images-progress").isDisplayed()
                    && Integer.parseInt(b.byTestId("images-summary").getAttribute("data-value")) > 100);
            b.byTestId("images-cancel").click();
            b.waitUpTo(30).until(d -> b.text("images-message").contains("loading cancelled"));
            int loaded = Integer.parseInt(b.byTestId("images-summary").getAttribute("data-value"));
            System.out.printf("own images: %d of 1500 loaded in %.1f s before Cancel%n", loaded, (System.nanoTime() - start) / 1e9);
            assertTrue(loaded > 100 && loaded < 1500, "cancelled part way: " + loaded);
            assertEquals(List.of(), b.consoleErrors());
        } finally {
            Browser.delete(dir);
        }
    }

    @Test
    void classesMadeHereAreFilledByTheCameraAndTrain() throws Exception {
        try (Browser b = new Browser(true)) {
            b.open("#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("images-make").click();
            b.waitUpTo(10).until(d -> b.driver.findElements(org.openqa.selenium.By.cssSelector("[data-testid=class-name-1]")).size() == 1);
            b.byTestId("class-name-0").clear();
            b.type("class-name-0", "left");
            b.byTestId("class-name-0").sendKeys(org.openqa.selenium.Keys.TAB);
            b.waitUpTo(10).until(d -> "left".equals(b.byTestId("class-name-0").getAttribute("value")));
            b.byTestId("capture-0").click();
            b.waitUpTo(20).until(d -> Integer.parseInt(b.byTestId("class-count-0").getAttribute("data-value")) >= 1);
            assertTrue(b.byTestId("camera").isDisplayed(), "the camera preview shows");
            new Actions(b.driver).clickAndHold(b.byTestId("capture-1")).perform();
            b.waitUpTo(20).until(d -> Integer.parseInt(b.byTestId("class-count-1").getAttribute("data-value")) >= 4);
            new Actions(b.driver).release().perform();
            int held = Integer.parseInt(b.byTestId("class-count-1").getAttribute("data-value"));
            b.byTestId("capture-0").click();
            b.byTestId("capture-0").click();
            b.waitUpTo(20).until(d -> Integer.parseInt(b.byTestId("class-count-0").getAttribute("data-value")) >= 3);
            assertTrue(Integer.parseInt(b.byTestId("class-count-1").getAttribute("data-value")) <= held + 1, "the burst stops on release");
            b.select("image-format", "rgb32");
            b.byTestId("images-use").click();
            b.waitUpTo(30).until(d -> b.text("architecture").startsWith("32\u00d732\u00d73"));
            b.byTestId("step-epoch").click();
            b.waitUpTo(30).until(d -> b.number("epoch") >= 1);
            b.byTestId("try-camera").click();
            b.waitUpTo(20).until(d -> b.byTestId("probabilities").findElements(org.openqa.selenium.By.tagName("li")).size() == 2);
            b.byTestId("try-camera").click();
            b.screenshot("own-images-camera");
            assertEquals(List.of(), b.consoleErrors());
        }
    }
}
