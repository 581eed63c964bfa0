package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.data.ImageClasses;
import studio.backprop.engine.data.ImageFiles;
import studio.backprop.engine.data.Png;
import studio.backprop.engine.data.Zip;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelException;
import studio.backprop.engine.model.Project;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.ProjectRun;
import studio.backprop.engine.train.Settings;

/** A project in one file: its model, its data and its runs come back as they were saved; a bad file gets a message. */
class ProjectTest {
    /** The runs panel's list as the studio keeps it. */
    static final String RUNS = "[{\"id\":\"r1\",\"settings\":\"data=spiral\",\"date\":\"2026-12-07 12:00\",\"hash\":\"ab12\",\"epochs\":3,"
            + "\"seconds\":0.25,\"testLoss\":0.5,\"testMetric\":null,\"classifier\":true,\"curve\":[[1,0.1,0.7,0.7,0.5,0.5],[2,0.2,0.6,0.6,0.6,null]]}]";

    private static Experiment trained(Experiment ex, int epochs) {
        for (int i = 0; i < epochs; i++) ex.trainer.stepEpoch();
        return ex;
    }

    private static Project reopened(Project p) throws ModelException {
        return Project.read(Project.write(p));
    }

    @Test
    void aBuiltInSetsProjectKeepsItsModelDrawnPointsAndRuns() throws Exception {
        Experiment ex = trained(Experiment.load(Settings.of("data=spiral layers=6,4 opt=adam lr=0.01 seed=3", ' ')), 4);
        Project back = reopened(new Project(ex.model, "2026-12-07T12:00:00Z", null, null, List.of(), List.of(), RUNS));
        assertEquals("built-in", back.dataKind());
        assertEquals(RUNS, back.runs);
        assertEquals("2026-12-07T12:00:00Z", back.saved);
        assertEquals(WeightsHash.of(ex.model.network), WeightsHash.of(back.model.network));
        Experiment again = ProjectRun.load(back, back.model.settings);
        assertEquals(WeightsHash.of(ex.model.network), WeightsHash.of(again.model.network));
        assertArrayEquals(ex.model.predict(ex.test.x)[5], again.model.predict(again.test.x)[5]);

        // drawn points travel in the settings
        String points = studio.backprop.engine.data.Drawn.format(new double[][] {{1, 1, 0}, {-1, -1, 1}, {2, 1, 0}, {-2, -1, 1}, {1, 2, 0}, {-1, -2, 1}});
        Experiment drawn = Experiment.load(Settings.of("data=draw layers=3 seed=2", ' ').set("points", points));
        Project d = reopened(new Project(drawn.model, "", null, null, List.of(), List.of(), null));
        assertEquals(drawn.settings.get("points"), d.model.settings.get("points"));
        assertEquals("[]", d.runs);
    }

    @Test
    void aTablesProjectCarriesTheFileItWasTrainedOn() throws Exception {
        Experiment ex = trained(Experiment.create(Settings.of("data=fruit.csv layers=4 opt=adam lr=0.01 seed=5", ' '), ResumeTest.FRUIT), 5);
        Project back = reopened(new Project(ex.model, "", "fruit.csv", ResumeTest.FRUIT, List.of(), List.of(), RUNS));
        assertEquals("csv", back.dataKind());
        assertEquals("fruit.csv", back.csvName);
        assertEquals(ResumeTest.FRUIT, back.csv);
        Experiment again = ProjectRun.load(back, back.model.settings);
        assertEquals(WeightsHash.of(ex.model.network), WeightsHash.of(again.model.network));
        assertArrayEquals(ex.model.predict(ex.test.x)[0], again.model.predict(again.test.x)[0]);
        // and it trains on: the same steps from the same weights, twice
        String once = WeightsHash.of(trained(ProjectRun.load(back, back.model.settings), 3).model.network);
        assertEquals(once, WeightsHash.of(trained(ProjectRun.load(back, back.model.settings), 3).model.network));
        assertNotEquals(WeightsHash.of(ex.model.network), once);
    }

    @Test
    void anImagesProjectKeepsEachFileInItsClassCameraFramesAsPng() throws Exception {
        List<String> classes = List.of("zero", "one/two"); // a slash cannot be a folder name: the manifest keeps the class's own name
        List<Project.Image> files = new ArrayList<>();
        ImageClasses images = new ImageClasses(28);
        for (int n = 0; n < 12; n++) {
            for (int c = 0; c < 2; c++) {
                byte[] file = n < 10 ? ImageZips.file("mnist", c, n, 40, 36, "png") : Png.write(30, 30, frame(c, n));
                String name = n < 10 ? "digits/" + c + "-" + n + ".png" : "camera-00" + n + ".png";
                files.add(new Project.Image(classes.get(c), name, file));
                images.add(classes.get(c), name, ImageFiles.levels(file, 28));
            }
        }
        Settings s = Settings.of("data=mine image=grey28 layers=conv4x3,pool2,8 act=relu opt=adam lr=0.005 batch=8 norm=none split=0.75 seed=1", ' ');
        Experiment ex = trained(Experiment.fromImages(s, images), 3);
        byte[] zip = Project.write(new Project(ex.model, "", null, null, classes, files, RUNS));
        List<String> paths = new ArrayList<>();
        for (Zip.Entry e : new Zip(zip).entries) paths.add(e.path);
        assertTrue(paths.contains("images/one_two/digits/1-3.png") && paths.contains("images/zero/camera-0011.png"), paths.toString());

        Project back = Project.read(zip);
        assertEquals("images", back.dataKind());
        assertEquals(classes, back.classes);
        assertEquals(24, back.images.size());
        Experiment again = ProjectRun.load(back, back.model.settings);
        assertEquals(WeightsHash.of(ex.model.network), WeightsHash.of(again.model.network));
        assertArrayEquals(ex.trainX[7], again.trainX[7]);
        assertArrayEquals(ex.model.predict(ex.test.x)[1], again.model.predict(again.test.x)[1]);
    }

    private static byte[] frame(int c, int n) {
        byte[] rgba = new byte[30 * 30 * 4];
        for (int i = 0; i < 900; i++) {
            int v = (i % 30 < 15) == (c == 0) ? 230 - n : 20 + n;
            rgba[4 * i] = (byte) v;
            rgba[4 * i + 1] = (byte) v;
            rgba[4 * i + 2] = (byte) v;
            rgba[4 * i + 3] = (byte) 255;
        }
        return rgba;
    }

    /** What is not a run (a list edited by hand) is left out; a run's fields keep their types, what is missing gets its empty value. */
    @Test
    void runsAreCleanedAsTheyAreRead() throws Exception {
        Experiment ex = Experiment.load(Settings.of("data=xor layers=3 seed=1", ' '));
        String edited = "[1, \"x\", {\"id\": 2, \"settings\": \"data=xor\"}, {\"id\": \"b\", \"settings\": \"data=xor\", \"epochs\": \"many\","
                + " \"curve\": [[1, \"a\"], 3], \"extra\": {\"deep\": true}}]";
        Project back = reopened(new Project(ex.model, "", null, null, List.of(), List.of(), edited));
        assertEquals("[{\"id\":\"b\",\"settings\":\"data=xor\",\"date\":\"\",\"hash\":\"\",\"epochs\":0,\"seconds\":null,\"testLoss\":null,"
                + "\"testMetric\":null,\"classifier\":false,\"curve\":[[1,null]]}]", back.runs);
    }

    @Test
    void aPngReadsBackToItsPixels() throws Exception {
        byte[] rgba = new byte[300 * 250 * 4]; // rows past one stored block of 65,535 bytes
        for (int i = 0; i < rgba.length; i++) rgba[i] = (byte) (i * 31 + i / 1200);
        for (int i = 3; i < rgba.length; i += 4) rgba[i] = (byte) 255;
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Png.write(300, 250, rgba)));
        assertEquals(300, img.getWidth());
        assertEquals(250, img.getHeight());
        for (int y = 0; y < 250; y += 7) {
            for (int x = 0; x < 300; x += 3) {
                int at = 4 * (y * 300 + x), argb = img.getRGB(x, y);
                assertEquals((rgba[at] & 0xFF) << 16 | (rgba[at + 1] & 0xFF) << 8 | (rgba[at + 2] & 0xFF), argb & 0xFFFFFF, x + "," + y);
            }
        }
    }

    @Test
    void aWrongOrDamagedFileGetsAMessage() throws Exception {
        Experiment ex = Experiment.load(Settings.of("data=xor layers=3 seed=1", ' '));
        byte[] good = Project.write(new Project(ex.model, "", null, null, List.of(), List.of(), RUNS));

        assertMessage("this is not a project file: not a zip file", "not a zip at all".getBytes());
        assertMessage("this is not a project file: not a zip file", Arrays.copyOf(good, good.length / 2));
        assertMessage("a zip of images goes under Your images", ImageZips.zip(false, "cats/a.png", new byte[] {1}));
        assertMessage("it may be a TensorFlow.js model", ImageZips.zip(false, "model.json", new byte[] {'{', '}'}));

        byte[] damaged = good.clone();
        int at = indexOf(damaged, "BPSM".getBytes()) + 40;
        damaged[at] ^= 0x55;
        assertMessage("the project's model.bpsm is damaged (its checksum does not match)", damaged);

        assertMessage("saved by a newer version of Backprop Studio", zip("project.json",
                "{\"format\": \"backprop-studio-project\", \"version\": 2, \"data\": \"built-in\"}".getBytes(), "model.bpsm", new byte[0]));
        assertMessage("the project has no model", zip("project.json", "{\"format\": \"backprop-studio-project\", \"version\": 1, \"data\": \"built-in\"}".getBytes()));
        assertMessage("the project's table data/x.csv is missing", zip("project.json",
                "{\"format\": \"backprop-studio-project\", \"version\": 1, \"data\": \"csv\", \"file\": \"data/x.csv\"}".getBytes(), "model.bpsm", entry(good, "model.bpsm")));
        assertMessage("the project's runs (runs.json) are not a list", zip("project.json", entry(good, "project.json"), "model.bpsm",
                entry(good, "model.bpsm"), "runs.json", "{}".getBytes()));
        // a zip bomb: 40 MB of zeros in a deflated entry of some 40 KB
        assertMessage("inflates over 100 times: refused as a zip bomb", zip("project.json", entry(good, "project.json"), "model.bpsm",
                entry(good, "model.bpsm"), "runs.json", new byte[40 << 20]));
    }

    private static void assertMessage(String part, byte[] file) {
        ModelException e = assertThrows(ModelException.class, () -> Project.read(file));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private static byte[] entry(byte[] zip, String path) {
        Zip z = new Zip(zip);
        for (Zip.Entry e : z.entries) if (e.path.equals(path)) return z.read(e);
        throw new AssertionError(path);
    }

    /** A deflated zip of these names and contents. */
    private static byte[] zip(Object... namesAndBytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                z.putNextEntry(new ZipEntry((String) namesAndBytes[i]));
                z.write((byte[]) namesAndBytes[i + 1]);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, byte[] what) {
        for (int i = 0; i + what.length <= b.length; i++) if (Arrays.equals(Arrays.copyOfRange(b, i, i + what.length), what)) return i;
        throw new AssertionError();
    }
}
