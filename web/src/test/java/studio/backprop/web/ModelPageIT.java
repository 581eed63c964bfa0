package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.web.server.Serve;

/**
 * The model outside the studio: the page of its own ("Download as a web page") opened from disk
 * with the network off, and the library (lib/backprop-studio.js) in a bare page of another site;
 * both give the JVM's predictions for the studio's model, to the last bit.
 */
class ModelPageIT {
    /** Trains a few epochs (Step epoch), so that the model is not its initial weights. */
    private static void train(Browser b, String hash, int epochs) {
        b.waitUpTo(60).until(d -> !b.value("weights-hash").isEmpty());
        for (int e = 1; e <= epochs; e++) {
            int epoch = e;
            b.byTestId("step-epoch").click();
            b.waitUpTo(60).until(d -> b.number("epoch") >= epoch && !b.value("weights-hash").isEmpty());
        }
    }

    /** The model inside a page's HTML (the base64 of its binary form). */
    private static Model embedded(String html) throws Exception {
        int from = html.indexOf("id=\"model\">") + "id=\"model\">".length(), to = html.indexOf("</script>", from);
        return ModelBinary.read(Base64.getMimeDecoder().decode(html.substring(from, to)));
    }

    /** The page's answer as numbers: each class's probability, or the predicted value. */
    @SuppressWarnings("unchecked")
    private static double[] answer(Browser b) {
        List<String> v = (List<String>) b.driver.executeScript("return Array.prototype.map.call("
                + "document.querySelectorAll('[data-testid=answer] [data-value]'), function (e) { return e.getAttribute('data-value'); });");
        return v.stream().mapToDouble(Double::parseDouble).toArray();
    }

    private static double[] probabilities(Model m, double[] out) {
        return m.classes.length > 0 && out.length == 1 ? new double[] {1 - out[0], out[0]} : out;
    }

    /** Opens a file:// page with the network off. */
    private static void openOffline(Browser b, Path file) {
        b.driver.executeCdpCommand("Network.enable", Map.of());
        b.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
        b.driver.get(file.toUri().toString());
    }

    @Test
    void aTableModelsPageOpensFromDiskOfflineAndAnswersAsTheJvm() throws Exception {
        Path file = Browser.tempFile("model-iris", ".html");
        String studioHash;
        try (Browser b = Browser.pooled()) {
            b.open("?backend=wasm#data=iris&seed=3");
            train(b, "iris", 3);
            studioHash = b.value("weights-hash");
            Files.write(file, b.download("download-page", "model-iris.html"));
        }
        String html = Files.readString(file);
        Model model = embedded(html);
        assertEquals(studioHash, WeightsHash.of(model.network), "the page holds the studio's model");
        assertTrue(html.length() - html.substring(html.indexOf("id=\"model\">"), html.indexOf("</script>", html.indexOf("id=\"model\">"))).length()
                < 200 * 1024, "the page without its model is within 200 KB");
        String[] row = {"5.9", "3", "5.1", "1.8"};
        try (Browser b = new Browser()) {
            openOffline(b, file);
            b.waitUpTo(20).until(d -> b.byTestId("about").isDisplayed());
            assertTrue(b.text("about").contains("3 classes"), b.text("about"));
            assertTrue(b.driver.getTitle().contains("iris"), b.driver.getTitle());
            List<WebElement> fields = b.driver.findElements(By.cssSelector("[data-column]"));
            assertEquals(model.encoding.columns.size(), fields.size());
            String[] cells = new String[fields.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = row[i % row.length];
                fields.get(i).sendKeys(cells[i]);
            }
            b.byTestId("predict").click();
            b.waitUpTo(10).until(d -> answer(b).length == 3);
            double[] expected = probabilities(model, model.predict(new double[][] {model.encoding.encode(cells, null)})[0]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, answer(b), 0, "the page's probabilities are the JVM's, bit for bit");
            // the way back: a link to the studio that holds the same model
            b.waitUpTo(10).until(d -> b.byTestId("studio-link").getAttribute("href").contains("#m="));
            String href = b.byTestId("studio-link").getAttribute("href");
            assertTrue(href.startsWith(Browser.baseUrl()), href);
            assertEquals(studioHash, WeightsHash.of(ModelLink.read(href).network));
            assertEquals(List.of(), b.consoleErrors());
            b.screenshot("model-page-iris");
            b.phone();
            assertEquals(List.of(), b.overflowing());
            b.screenshot("model-page-iris-phone");
        }
    }

    @Test
    void aPlaneModelsPageDrawsTheOutputAndAnswersAPoint() throws Exception {
        Path file = Browser.tempFile("model-spiral", ".html");
        try (Browser b = Browser.pooled()) {
            b.open("?backend=js#data=spiral&seed=5");
            train(b, "spiral", 2);
            Files.write(file, b.download("download-page", "model-spiral.html"));
        }
        Model model = embedded(Files.readString(file));
        try (Browser b = new Browser()) {
            openOffline(b, file);
            b.waitUpTo(20).until(d -> b.byTestId("plane").isDisplayed());
            // the plane is drawn: many colours, not a blank canvas
            Number colours = (Number) b.driver.executeScript("var c = document.querySelector('[data-testid=plane]'), d = c.getContext('2d')"
                    + ".getImageData(0, 0, c.width, c.height).data, seen = {}; for (var i = 0; i < d.length; i += 4 * 97) seen[d[i] + ',' + d[i + 2]] = 1;"
                    + "return Object.keys(seen).length;");
            assertTrue(colours.intValue() > 10, "colours on the plane: " + colours);
            b.driver.findElement(By.cssSelector("[data-column=x1]")).sendKeys("1.25");
            b.driver.findElement(By.cssSelector("[data-column=x2]")).sendKeys("-2.5");
            b.byTestId("predict").click();
            b.waitUpTo(10).until(d -> answer(b).length == 2);
            double[] expected = probabilities(model, model.predict(new double[][] {{1.25, -2.5}})[0]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, answer(b), 0);
            assertEquals(List.of(), b.consoleErrors());
            b.screenshot("model-page-spiral");
        }
    }

    /** A stroke down the middle of a pad, as pointer events at fractions of its size. */
    private static void stroke(Browser b, WebElement pad) {
        b.driver.executeScript("var p = arguments[0], r = p.getBoundingClientRect(), x = r.left + r.width * 0.45;"
                + "function ev(t, f) { p.dispatchEvent(new PointerEvent(t, {clientX: x + r.width * 0.1 * f, clientY: r.top + r.height * f,"
                + "  pointerId: 1, bubbles: true})); }"
                + "ev('pointerdown', 0.15); for (var f = 0.15; f <= 0.85; f += 0.05) ev('pointermove', f); ev('pointerup', 0.85);", pad);
    }

    @SuppressWarnings("unchecked")
    private static double[] values(Browser b, String css) {
        List<String> v = (List<String>) b.driver.executeScript("return Array.prototype.map.call(document.querySelectorAll(arguments[0]),"
                + " function (e) { return e.getAttribute('data-value'); });", css);
        return v.stream().mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void aDigitsModelsPageReadsADrawingAsTheStudioDoes() throws Exception {
        Path file = Browser.tempFile("model-digits", ".html");
        double[] studio;
        try (Browser b = Browser.pooled()) {
            b.open("#data=digits&seed=2");
            train(b, "digits", 2);
            b.driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", b.byTestId("draw"));
            stroke(b, b.byTestId("draw"));
            b.waitUpTo(10).until(d -> values(b, "[data-testid=probabilities] li").length == 10);
            studio = values(b, "[data-testid=probabilities] li");
            Files.write(file, b.download("download-page", "model-digits.html"));
        }
        try (Browser b = new Browser()) {
            openOffline(b, file);
            b.waitUpTo(20).until(d -> b.byTestId("draw").isDisplayed());
            stroke(b, b.byTestId("draw"));
            b.waitUpTo(10).until(d -> answer(b).length == 10);
            org.junit.jupiter.api.Assertions.assertArrayEquals(studio, answer(b), 0, "the same stroke, the studio's probabilities");
            assertEquals(List.of(), b.consoleErrors());
            b.screenshot("model-page-digits");
        }
    }

    @Test
    void anOwnImagesModelsPageReadsAPictureAsTheStudioDoes() throws Exception {
        Path dir = Files.createTempDirectory("images"), file = dir.resolve("model-digits.zip.html"), png = dir.resolve("seven.png");
        java.util.List<Object> entries = new ArrayList<>();
        for (int c : new int[] {0, 1, 7}) {
            for (int i = 0; i < 12; i++) {
                entries.add("digits/" + c + "/" + i + ".png");
                entries.add(studio.backprop.engine.ImageZips.file("mnist", c, i, 40, 36, "png"));
            }
        }
        Path zip = dir.resolve("digits.zip");
        Files.write(zip, studio.backprop.engine.ImageZips.zip(true, entries.toArray()));
        Files.write(png, studio.backprop.engine.ImageZips.file("mnist", 7, 40, 64, 64, "png"));
        double[] studio;
        try (Browser b = Browser.pooled()) {
            b.open("#data=xor&epochs=2");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("images-file").sendKeys(zip.toString());
            b.waitUpTo(30).until(d -> "36".equals(b.byTestId("images-summary").getAttribute("data-value"))
                    && "false".equals(b.byTestId("images-progress").getAttribute("data-loading")));
            b.byTestId("images-use").click();
            b.waitUpTo(30).until(d -> b.text("architecture").startsWith("28\u00d728\u00d71"));
            b.byTestId("play").click();
            b.waitUpTo(60).until(d -> b.number("epoch") == 2 && !b.text("status").equals("training"));
            b.byTestId("try-image").sendKeys(png.toString());
            b.waitUpTo(20).until(d -> values(b, "[data-testid=probabilities] li").length == 3);
            studio = values(b, "[data-testid=probabilities] li");
            Files.write(file, b.download("download-page", "model-digits_zip.html"));
        }
        try (Browser b = new Browser()) {
            openOffline(b, file);
            b.waitUpTo(20).until(d -> b.byTestId("picture").isDisplayed());
            assertTrue(b.text("about").contains("28\u00d728 grey images"), b.text("about"));
            b.byTestId("picture").sendKeys(png.toString());
            b.waitUpTo(20).until(d -> answer(b).length == 3);
            org.junit.jupiter.api.Assertions.assertArrayEquals(studio, answer(b), 0, "the same picture, the studio's probabilities");
            assertEquals(List.of(), b.consoleErrors());
            b.screenshot("model-page-own-images");
        } finally {
            Browser.delete(dir);
        }
    }

    /** The snippet's way: the library and the model file beside a page of another site. */
    @Test
    void theLibraryInABarePageGivesTheJvmsPredictions() throws Exception {
        Path dir = Files.createTempDirectory("bare-site");
        String link;
        Model model;
        try (Browser b = Browser.pooled()) {
            b.open("#data=iris&seed=3");
            train(b, "iris", 2);
            byte[] bpsm = b.download("download-binary", "model-iris.bpsm");
            Files.write(dir.resolve("model-iris.bpsm"), bpsm);
            model = ModelBinary.read(bpsm);
            link = Browser.baseUrl() + "#m=" + ModelLink.payload(model);
            b.byTestId("use-in-page-box").findElement(By.tagName("summary")).click();
            b.waitUpTo(10).until(d -> b.text("snippet").contains("load('./model-iris.bpsm')"));
            assertTrue(b.text("snippet").contains("import { load } from './backprop-studio.js';"), b.text("snippet"));
            Files.write(dir.resolve("backprop-studio.js"), b.download("download-library", "backprop-studio.js"));
        }
        String[] names = new String[model.encoding.columns.size()];
        for (int i = 0; i < names.length; i++) names[i] = model.encoding.columns.get(i).name;
        Files.writeString(dir.resolve("index.html"), "<!doctype html><meta charset=utf-8><title>bare</title><body><script type=module>\n"
                + "import { load } from './backprop-studio.js';\n"
                + "const out = {};\n"
                + "try {\n"
                + "  const fromFile = await load('./model-iris.bpsm');\n"
                + "  out.file = fromFile.predict([5.9, 3, 5.1, 1.8]);\n"
                + "  const row = {}; " + jsRow(names) + "\n"
                + "  out.byName = fromFile.predict(row);\n"
                + "  out.classes = fromFile.classes; out.info = fromFile.info;\n"
                + "  out.link = (await load(" + jsString(link) + ")).predict([5.9, 3, 5.1, 1.8]);\n"
                + "  try { fromFile.predict([1, 2]); } catch (e) { out.badRow = e.message; }\n"
                + "  try { await load('./missing.bpsm'); } catch (e) { out.missing = e.message; }\n"
                + "} catch (e) { out.error = String(e && e.message || e); }\n"
                + "document.body.dataset.result = JSON.stringify(out);\n"
                + "</script>", StandardCharsets.UTF_8);
        Serve other = Serve.start(dir, 0, "/");
        try (Browser b = new Browser()) {
            b.driver.get("http://localhost:" + other.port() + "/index.html");
            b.waitUpTo(30).until(d -> b.driver.findElement(By.tagName("body")).getAttribute("data-result") != null);
            String result = b.driver.findElement(By.tagName("body")).getAttribute("data-result");
            assertTrue(!result.contains("\"error\""), result);
            double[] expected = probabilities(model, model.predict(new double[][] {{5.9, 3, 5.1, 1.8}})[0]);
            for (String key : new String[] {"file", "byName", "link"}) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, probabilitiesOf(b, key), 0, key);
            }
            assertTrue(result.contains("\"classes\":[\"setosa\",\"versicolor\",\"virginica\"]"), result);
            assertTrue(result.contains("\"badRow\":\"expected 4 "), result);
            assertTrue(result.contains("\"missing\":\"could not load ./missing.bpsm: HTTP 404\""), result);
        } finally {
            other.stop();
        }
    }

    @SuppressWarnings("unchecked")
    private static double[] probabilitiesOf(Browser b, String key) {
        List<Number> p = (List<Number>) b.driver.executeScript("return JSON.parse(document.body.dataset.result)[arguments[0]].probabilities", key);
        List<Double> out = new ArrayList<>();
        for (Number n : p) out.add(n.doubleValue());
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String jsRow(String[] names) {
        String[] values = {"5.9", "3", "5.1", "1.8"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) sb.append("row[").append(jsString(names[i])).append("] = ").append(values[i]).append("; ");
        return sb.toString();
    }

    private static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
