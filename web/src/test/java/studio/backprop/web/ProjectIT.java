package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import studio.backprop.engine.ImageZips;
import studio.backprop.engine.cli.Main;
import studio.backprop.engine.model.Project;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;

/**
 * Save project and open it again in a fresh profile (another browser, nothing in its storage):
 * the same weights, the runs panel, the user's table or images; the CLI opens the same file to
 * the same weights and trains on from it as the studio does. A file that is no project gets a
 * message and leaves the run on screen.
 */
class ProjectIT {
    private static List<WebElement> runs(Browser b) {
        return b.driver.findElements(By.cssSelector("[data-testid=run-row]"));
    }

    private static boolean hasRun(Browser b, String hash) {
        for (WebElement r : runs(b)) if (hash.equals(r.getAttribute("data-hash"))) return true;
        return false;
    }

    private static void stepEpochs(Browser b, int n) {
        for (int i = 0; i < n; i++) {
            int want = (int) b.number("epoch") + 1;
            b.byTestId("step-epoch").click();
            b.waitUpTo(60).until(d -> b.number("epoch") == want && "paused".equals(b.value("status")));
        }
    }

    /** The CLI's weightsHash for these arguments. */
    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Matcher m = Pattern.compile("\"weightsHash\":\"([0-9a-f]+)\"").matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }

    /** Saves the project of the run on screen, into a file of its own. */
    private static Path save(Browser b, String name) throws Exception {
        Path file = Browser.tempFile("project", ".zip");
        Files.write(file, b.download("save-project", name));
        return file;
    }

    /** Opens the project in a fresh profile, in the other build; then checks what it restored and that it trains on as the CLI does. */
    private static void reopen(Path project, String backend, String hash, String data) throws Exception {
        try (Browser b = new Browser()) {
            b.open("?backend=" + backend + "#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            assertTrue(runs(b).isEmpty(), "a fresh profile has no runs");
            b.byTestId("model-file").sendKeys(project.toString());
            b.waitUpTo(60).until(d -> hash.equals(b.value("weights-hash")) && "idle".equals(b.value("status")));
            assertTrue(hasRun(b, hash), "the runs panel came with the project");
            b.driver.executeScript("document.querySelector('[data-testid=models-panel]').scrollIntoView()");
            b.screenshot("project-opened-" + data + "-" + backend);
            assertEquals(hash, cli("eval", "--project=" + project), "the CLI opens the project to the same weights");
            stepEpochs(b, 1);
            assertEquals(cli("train", "--project=" + project, "--epochs=1", "--quiet"), b.value("weights-hash"),
                    "one more epoch in the studio is the CLI's one more epoch from the project");
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    /** A built-in set on the training program (which hands the model over to the full worker); drawn points and all. */
    @Test
    void aBuiltInSetsProjectOpensToTheSameWeightsAndRuns() throws Exception {
        Path project;
        String hash;
        try (Browser b = Browser.pooled()) {
            b.open("?backend=js#data=spiral&layers=6,4&opt=adam&seed=3");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            stepEpochs(b, 2);
            hash = b.value("weights-hash");
            b.waitUpTo(10).until(d -> hasRun(b, hash));
            project = save(b, "project-spiral.zip");
            assertEquals(List.of(), b.consoleErrors());
        }
        Project p = Project.read(Files.readAllBytes(project));
        assertEquals("built-in", p.dataKind());
        assertEquals(hash, WeightsHash.of(p.model.network));
        assertTrue(p.runs.contains(hash), p.runs);
        reopen(project, "wasm", hash, "spiral");
        Browser.delete(project);
    }

    /** The user's CSV travels in the project: the fresh profile has no file, and Reset still starts a run on it. */
    @Test
    void aTablesProjectCarriesItsFile() throws Exception {
        Path dir = Files.createTempDirectory("csv");
        Path file = dir.resolve("plants.csv");
        StringBuilder csv = new StringBuilder("height,width,colour,kind\n");
        java.util.Random r = new java.util.Random(4);
        for (int i = 0; i < 200; i++) {
            double h = r.nextGaussian(), w = r.nextGaussian();
            String colour = new String[] {"red", "green", "blue"}[r.nextInt(3)];
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%s,%s%n", h, w, colour, h + w + (colour.equals("red") ? 1 : 0) > 0.5 ? "tall" : "short"));
        }
        Files.writeString(file, csv);
        Path project;
        String hash;
        try (Browser b = Browser.pooled()) {
            b.open("?backend=wasm#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("csv-file").sendKeys(file.toString());
            b.waitUpTo(20).until(d -> b.byTestId("csv-preview").isDisplayed());
            b.byTestId("csv-use").click();
            b.waitUpTo(30).until(d -> b.driver.getCurrentUrl().contains("data=plants.csv") && !b.value("weights-hash").isEmpty()
                    && "idle".equals(b.value("status")));
            stepEpochs(b, 2);
            hash = b.value("weights-hash");
            b.waitUpTo(10).until(d -> hasRun(b, hash));
            project = save(b, "project-plants_csv.zip");
        }
        Browser.delete(dir);
        Project p = Project.read(Files.readAllBytes(project));
        assertEquals(csv.toString(), p.csv);
        reopen(project, "js", hash, "table");
        try (Browser b = new Browser()) {
            b.open("?backend=js#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("model-file").sendKeys(project.toString());
            b.waitUpTo(60).until(d -> hash.equals(b.value("weights-hash")));
            b.byTestId("reset").click();
            String fresh = WeightsHash.of(Experiment.create(p.model.settings, p.csv).model.network);
            b.waitUpTo(30).until(d -> fresh.equals(b.value("weights-hash")));
            assertEquals(List.of(), b.consoleErrors());
        }
        Browser.delete(project);
    }

    /** The user's images travel in the project, each in its class, and decode to the same pixels. */
    @Test
    void anImagesProjectCarriesItsImages() throws Exception {
        Path dir = Files.createTempDirectory("images");
        List<Object> entries = new ArrayList<>();
        for (int c : new int[] {3, 8}) {
            for (int i = 0; i < 10; i++) {
                entries.add("shapes/" + c + "/" + i + ".png");
                entries.add(ImageZips.file("mnist", c, i, 32, 32, "png"));
            }
        }
        Path zip = dir.resolve("shapes.zip");
        Files.write(zip, ImageZips.zip(true, entries.toArray()));
        Path project;
        String hash;
        try (Browser b = Browser.pooled()) {
            b.open("?backend=wasm#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("images-file").sendKeys(zip.toString());
            b.waitUpTo(30).until(d -> "20".equals(b.byTestId("images-summary").getAttribute("data-value"))
                    && "false".equals(b.byTestId("images-progress").getAttribute("data-loading")));
            b.byTestId("images-use").click();
            b.waitUpTo(30).until(d -> b.text("architecture").startsWith("28\u00d728\u00d71") && "idle".equals(b.value("status")));
            stepEpochs(b, 1);
            hash = b.value("weights-hash");
            b.waitUpTo(10).until(d -> hasRun(b, hash));
            project = save(b, "project-shapes_zip.zip");
        }
        Browser.delete(dir);
        Project p = Project.read(Files.readAllBytes(project));
        assertEquals(List.of("3", "8"), p.classes);
        assertEquals(20, p.images.size());
        reopen(project, "js", hash, "images");
        Browser.delete(project);
    }

    /** Not a project, or a damaged one: a message, and the run on screen stays as it was. */
    @Test
    void aWrongFileGetsAMessageAndTheRunStays() throws Exception {
        Path images = Browser.tempFile("cats", ".zip"), damaged = Browser.tempFile("damaged", ".zip");
        Files.write(images, ImageZips.zip(false, "cats/a.png", ImageZips.file("mnist", 1, 0, 28, 28, "png")));
        try (Browser b = Browser.pooled()) {
            b.open("?backend=js#data=moons&seed=2");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            stepEpochs(b, 1);
            String hash = b.value("weights-hash");
            byte[] good = b.download("save-project", "project-moons.zip");
            good[good.length / 2] ^= 0x5A; // inside the model or the runs: a checksum no longer matches
            Files.write(damaged, good);

            b.byTestId("model-file").sendKeys(images.toString());
            b.waitUpTo(20).until(d -> b.text("error").contains("not a Backprop Studio project"));
            assertTrue(b.text("error").contains("Your images"), b.text("error"));
            b.byTestId("model-file").sendKeys(damaged.toString());
            b.waitUpTo(20).until(d -> b.text("error").contains("damaged"));
            assertEquals(hash, b.value("weights-hash"));
            assertEquals(1, b.number("epoch"), "the run on screen stays");
            stepEpochs(b, 1);
            b.phone();
            b.driver.executeScript("document.querySelector('[data-testid=open-zone]').scrollIntoView()");
            b.screenshot("project-error-phone");
            assertEquals(List.of(), b.overflowing());
        }
        Browser.delete(images);
        Browser.delete(damaged);
    }
}
