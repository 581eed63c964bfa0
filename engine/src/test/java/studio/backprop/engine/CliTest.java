package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.backprop.engine.cli.Main;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelJson;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.Onnx;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

class CliTest {
    private record Run(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.trim().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** A conv net: trained, evaluated, asked about a CSV of pixel columns, exported to every form. */
    @Test
    void theCommandLineTrainsAndUsesConvNets(@TempDir Path dir) throws Exception {
        String model = dir.resolve("conv.bpsm").toString();
        Run train = run("train", "--data=digits", "--layers=conv4x3,pool2,drop0.1,16", "--act=relu", "--opt=adam", "--lr=0.01",
                "--epochs=2", "--quiet", "--out=" + model);
        assertEquals(0, train.code, train.err);
        String hash = train.lastLine().replaceAll(".*\"weightsHash\":\"([0-9a-f]+)\".*", "$1");
        Run eval = run("eval", "--model=" + model);
        assertEquals(0, eval.code, eval.err);
        assertTrue(eval.lastLine().contains(hash), eval.lastLine());
        StringBuilder csv = new StringBuilder();
        for (int r = 0; r < 8; r++) for (int c = 0; c < 8; c++) csv.append(r + c > 0 ? "," : "").append("r").append(r).append("c").append(c);
        csv.append('\n');
        for (int i = 0; i < 64; i++) csv.append(i > 0 ? "," : "").append(i % 8 == 3 ? "16" : "0");
        csv.append('\n');
        Path rows = dir.resolve("pixels.csv");
        Files.writeString(rows, csv.toString());
        Run predict = run("predict", "--model=" + model, "--input=" + rows);
        assertEquals(0, predict.code, predict.err);
        assertEquals(2, predict.out.trim().split("\n").length, predict.out);
        for (String out : new String[] {"conv.json", "conv.onnx"}) {
            Run export = run("export", "--model=" + model, "--out=" + dir.resolve(out));
            assertEquals(0, export.code, export.err);
        }
        assertEquals(hash, studio.backprop.engine.model.WeightsHash.of(ModelJson.read(Files.readString(dir.resolve("conv.json"))).network));
    }

    /** A link is printed when it is short enough to paste (8 KB), else the 8-bit one, else a line on how to get it; --link prints it anyway. */
    @Test
    void aBigModelDoesNotFloodTheTerminalWithItsLink() throws Exception {
        Run exact = run("train", "--data=digits", "--layers=8", "--epochs=0");
        assertTrue(exact.out.lines().anyMatch(l -> l.startsWith("share: http")), "a small model's exact link");
        Run small = run("train", "--data=digits", "--layers=24", "--epochs=1");
        String line = small.out.lines().filter(l -> l.startsWith("share")).findFirst().orElseThrow();
        assertTrue(line.startsWith("share (8-bit weights; the exact link has "), line.substring(0, Math.min(200, line.length())));
        assertTrue(line.length() < 8192 + 120, line.length() + " characters");
        Run big = run("train", "--data=digits", "--layers=128", "--epochs=0");
        line = big.out.lines().filter(l -> l.startsWith("share")).findFirst().orElseThrow();
        assertTrue(line.contains(" with 8-bit weights); --link prints it, or write the model with --out=FILE"), line.substring(0, Math.min(200, line.length())));
        Run asked = run("train", "--data=digits", "--layers=128", "--epochs=0", "--link");
        line = asked.out.lines().filter(l -> l.startsWith("share: ")).findFirst().orElseThrow();
        assertTrue(line.length() > 8192, "the whole exact link");
        assertEquals(WeightsHash.of(Experiment.load(Settings.of("data=digits&layers=128", '&')).model.network),
                WeightsHash.of(ModelLink.read(line.substring(7)).network), "and it opens to the same weights");
    }

    /** Runs over a second show their progress on stderr; --quiet silences it, and stdout has only the results. */
    @Test
    void longRunsShowProgressOnStderr() {
        // about 3 s here, so over a second on a faster machine too (12 epochs took 0.95 s, and printed nothing)
        Run run = run("train", "--data=digits", "--layers=256,256", "--act=relu", "--epochs=40", "--patience=0");
        assertEquals(0, run.code, run.err);
        String first = run.err.lines().findFirst().orElse("");
        assertTrue(first.matches("epoch \\d+/40 +\\d+%  loss \\d+\\.\\d{4}  .+ left"), "progress: " + run.err);
        assertFalse(run.out.contains("left"), "stdout keeps only results");
        Run quiet = run("train", "--data=digits", "--layers=256,256", "--act=relu", "--epochs=40", "--quiet");
        assertEquals("", quiet.err);
    }

    @Test
    void trainPrintsJsonLastAndWritesAModelThatEvalAndPredictRead(@TempDir Path dir) {
        String model = dir.resolve("m.json").toString();
        Run train = run("train", "--data=xor", "--layers=4", "--epochs=20", "--seed=3", "--out=" + model);
        assertEquals(0, train.code, train.err);
        assertTrue(train.lastLine().matches("\\{\"epochs\":20,\"trainLoss\":[0-9.E-]+,\"testLoss\":[0-9.E-]+,"
                + "\"trainAccuracy\":[0-9.]+,\"testAccuracy\":[0-9.]+,\"testBalancedAccuracy\":[0-9.]+,\"weightsHash\":\"[0-9a-f]{16}\"}"), train.lastLine());
        Run eval = run("eval", "--model=" + model);
        assertEquals(0, eval.code, eval.err);
        String hash = train.lastLine().replaceAll(".*\"weightsHash\":\"([0-9a-f]+)\".*", "$1");
        assertTrue(eval.lastLine().contains(hash));
        assertEquals(train.lastLine().replaceAll(".*\"testAccuracy\":([0-9.]+).*", "$1"),
                eval.lastLine().replaceAll(".*\"testAccuracy\":([0-9.]+).*", "$1"));
        Run predict = run("predict", "--model=" + model, "--values=3,3");
        assertEquals(0, predict.code, predict.err);
        assertEquals("prediction,p(0),p(1)", predict.out.split("\n")[0]);
    }

    @Test
    void binaryModelsAndRegressionSummaries(@TempDir Path dir) throws Exception {
        String model = dir.resolve("m.bpsm").toString();
        Run train = run("train", "--data=plane", "--layers=", "--lr=0.003", "--epochs=5", "--quiet", "--out=" + model);
        assertEquals(0, train.code, train.err);
        assertTrue(train.lastLine().contains("\"testRmse\":") && train.lastLine().contains("\"testR2\":"));
        assertFalse(train.lastLine().contains("Accuracy"));
        assertEquals('B', Files.readAllBytes(Path.of(model))[0]);
        assertEquals(0, run("eval", "--model=" + model).code);
    }

    @Test
    void csvFilesTrainAndPredict(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("fruit.csv");
        Files.writeString(csv, "colour,size,fruit\nred,1,apple\ngreen,2,pear\nred,1.5,apple\nblue,4,pear\nred,1.2,apple\ngreen,3,pear\n");
        String model = dir.resolve("m.json").toString();
        Run train = run("train", "--data=" + csv, "--target=fruit", "--layers=4", "--epochs=5", "--out=" + model);
        assertEquals(0, train.code, train.err);
        Run predict = run("predict", "--model=" + model, "--input=" + csv);
        assertEquals(0, predict.code, predict.err);
        assertEquals(7, predict.out.trim().split("\n").length);
    }

    @Test
    void exportTurnsALinkIntoModelFilesAndOnnx(@TempDir Path dir) throws Exception {
        Run train = run("train", "--data=moons", "--layers=5", "--epochs=3", "--site=https://example.org/studio/");
        String link = train.out.lines().filter(l -> l.startsWith("share: ")).findFirst().orElseThrow().substring(7);
        Model model = ModelLink.read(link);
        for (String name : new String[] {"m.onnx", "m.json", "m.bpsm", "m.tfjs.zip"}) {
            Run export = run("export", "--model=" + link, "--out=" + dir.resolve(name));
            assertEquals(0, export.code, export.err);
        }
        assertArrayEquals(Onnx.write(model), Files.readAllBytes(dir.resolve("m.onnx")));
        assertArrayEquals(studio.backprop.engine.model.Tfjs.write(model).zip(), Files.readAllBytes(dir.resolve("m.tfjs.zip")));
        assertArrayEquals(ModelBinary.write(model), Files.readAllBytes(dir.resolve("m.bpsm")));
        assertEquals(ModelJson.write(model), Files.readString(dir.resolve("m.json")));
        assertTrue(run("export", "--model=" + link).err.contains("--out"));
    }

    /** An ONNX file opens as a model: evaluated and exported again as the model it came from. */
    @Test
    void onnxFilesOpenAsModels(@TempDir Path dir) throws Exception {
        String bpsm = dir.resolve("m.bpsm").toString(), onnx = dir.resolve("m.onnx").toString();
        assertEquals(0, run("train", "--data=iris", "--layers=6", "--epochs=20", "--quiet", "--out=" + bpsm).code);
        assertEquals(0, run("export", "--model=" + bpsm, "--out=" + onnx).code);
        Run fromFile = run("eval", "--model=" + bpsm), fromOnnx = run("eval", "--model=" + onnx);
        assertEquals(0, fromOnnx.code, fromOnnx.err);
        // the same numbers (the weights went through float32; three decimals agree)
        assertEquals(fromFile.out.replaceAll("weights [0-9a-f]+", "").replaceAll("(\\d\\.\\d{3})\\d+", "$1"),
                fromOnnx.out.replaceAll("weights [0-9a-f]+", "").replaceAll("(\\d\\.\\d{3})\\d+", "$1"));
        Run back = run("export", "--model=" + onnx, "--out=" + dir.resolve("again.onnx"));
        assertEquals(0, back.code, back.err);
        Files.write(dir.resolve("bad.onnx"), new byte[] {8, 7, 58, 3, 10, 1, 120});
        Run bad = run("eval", "--model=" + dir.resolve("bad.onnx"));
        assertEquals(1, bad.code);
        assertTrue(bad.err.contains("ONNX"), bad.err);
    }

    /** A project written by train opens in eval, train and export on its own data, the table file itself gone. */
    @Test
    void projectsCarryTheirDataAndModel(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("fruit.csv"), project = dir.resolve("fruit.zip");
        Files.writeString(csv, ResumeTest.FRUIT);
        Run made = run("train", "--data=" + csv, "--layers=4", "--epochs=5", "--seed=5", "--quiet", "--out=" + project);
        assertEquals(0, made.code, made.err);
        Files.delete(csv);
        String hash = hash(made.out);
        Run eval = run("eval", "--project=" + project);
        assertEquals(0, eval.code, eval.err);
        assertEquals(hash, hash(eval.out));
        assertEquals(hash, hash(run("eval", "--model=" + project).out), "--model takes a project too");
        Run more = run("train", "--project=" + project, "--epochs=3", "--quiet", "--out=" + dir.resolve("more.zip"));
        assertEquals(0, more.code, more.err);
        assertNotEquals(hash, hash(more.out));
        assertEquals(hash(more.out), hash(run("eval", "--project=" + dir.resolve("more.zip")).out));
        assertEquals(hash(more.out), hash(run("train", "--project=" + project, "--epochs=3", "--quiet").out), "the same steps again");
        assertEquals(0, run("export", "--project=" + project, "--out=" + dir.resolve("m.onnx")).code);
        Run images = run("train", "--data=" + dir, "--epochs=1", "--quiet", "--out=" + dir.resolve("x.zip"));
        assertEquals(1, images.code);
        Files.writeString(dir.resolve("junk.zip"), "no zip");
        Run junk = run("eval", "--project=" + dir.resolve("junk.zip"));
        assertEquals(1, junk.code);
        assertTrue(junk.err.contains("not a project file"), junk.err);
    }

    private static String hash(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"weightsHash\":\"([0-9a-f]+)\"").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    /** A series forecast with a recurrent layer: trained, evaluated and its model exported from the command line. */
    @Test
    void aSeriesTrainsWithARecurrentLayer(@TempDir Path dir) {
        String model = dir.resolve("wave.bpsm").toString();
        Run run = run("train", "--data=wave", "--layers=lstm8", "--window=15", "--epochs=5", "--quiet", "--out=" + model);
        assertEquals(0, run.code, run.err);
        assertEquals(hash(run.out), hash(run("eval", "--model=" + model).out));
        // its forecast rolled out past the data's end: the studio's (Forecast.rollout), step numbers after the 1,000 values
        Run forecast = run("forecast", "--model=" + model, "--steps=5");
        assertEquals(0, forecast.code, forecast.err);
        String[] lines = forecast.out.trim().split("\n");
        assertEquals("step,forecast", lines[0]);
        assertEquals(6, lines.length);
        assertTrue(lines[1].startsWith("1001,"), lines[1]);
        try {
            studio.backprop.engine.model.Model m = studio.backprop.engine.model.ModelBinary.read(Files.readAllBytes(Path.of(model)));
            Experiment ex = Experiment.load(m.settings).adopt(m);
            double[] want = studio.backprop.engine.train.Forecast.rollout(ex.model, studio.backprop.engine.train.Forecast.values(ex), 5);
            assertEquals(want[4], Double.parseDouble(lines[5].split(",")[1]), 0.0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertTrue(run("forecast", "--model=" + model, "--steps=0").err.contains("--steps must be"));
        Path csv = dir.resolve("level.csv");
        StringBuilder rows = new StringBuilder("when,level\n");
        for (int i = 0; i < 200; i++) rows.append("2024-03-").append(String.format(java.util.Locale.ROOT, "%02d", 1 + i % 28)).append("T")
                .append(String.format(java.util.Locale.ROOT, "%02d:00", i / 28)).append(',').append(Math.sin(i / 4.0)).append('\n');
        Run column = run("train", "--data=" + csv, "--series=level", "--window=8", "--layers=rnn6", "--opt=adam", "--lr=0.01", "--epochs=3", "--quiet");
        assertEquals(1, column.code, "no file yet");
        try {
            Files.writeString(csv, rows);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        column = run("train", "--data=" + csv, "--series=level", "--window=8", "--layers=rnn6", "--opt=adam", "--lr=0.01", "--epochs=3", "--quiet");
        assertEquals(0, column.code, column.err);
        Run bad = run("train", "--data=iris", "--layers=gru4", "--epochs=1");
        assertEquals(1, bad.code);
        assertTrue(bad.err.contains("a recurrent layer needs a sequence"), bad.err);
    }

    /** Text: the names and a .txt file trained, the loss beside the bigram floor, and sample making up the same text for the same seed. */
    @Test
    void textTrainsAndSamples(@TempDir Path dir) throws Exception {
        String model = dir.resolve("names.json").toString();
        Run run = run("train", "--data=names", "--layers=gru16", "--window=12", "--opt=adam", "--lr=0.02", "--batch=32", "--epochs=2", "--out=" + model);
        assertEquals(0, run.code, run.err);
        assertTrue(run.out.matches("(?s).*test loss [0-9.]+ nats per character \\([0-9.]+ bits\\); a bigram model of the training text: 2\\.4[0-9]+ .*"), run.out);
        assertTrue(run.out.contains("made up at temperature 0.8"), run.out);
        Run one = run("sample", "--model=" + model, "--start=ma", "--lines=3", "--temperature=0.7", "--seed=5");
        assertEquals(0, one.code, one.err);
        assertTrue(one.out.startsWith("ma"), one.out);
        assertEquals(3, one.out.chars().filter(c -> c == '\n').count() - 1, one.out); // the three made-up lines' ends and println's
        assertEquals(one.out, run("sample", "--model=" + model, "--start=ma", "--lines=3", "--temperature=0.7", "--seed=5").out);
        assertNotEquals(one.out, run("sample", "--model=" + model, "--start=ma", "--lines=3", "--temperature=0.7", "--seed=6").out);
        assertEquals(40 + 1, run("sample", "--model=" + model, "--length=40").out.length(), "40 characters and the line end");
        Path txt = dir.resolve("poem.txt");
        Files.writeString(txt, "the quick brown fox jumps over the lazy dog.\r\n".repeat(60));
        Run file = run("train", "--data=" + txt, "--layers=lstm12", "--window=20", "--opt=adam", "--lr=0.02", "--epochs=3", "--quiet");
        assertEquals(0, file.code, file.err);
        assertEquals(1, run("sample", "--model=" + dir.resolve("none.json")).code);
        Run notText = run("train", "--data=iris", "--epochs=1", "--quiet", "--out=" + dir.resolve("iris.json"));
        assertEquals(0, notText.code);
        Run bad = run("sample", "--model=" + dir.resolve("iris.json"));
        assertEquals(1, bad.code);
        assertTrue(bad.err.contains("sample needs a text model"), bad.err);
        assertTrue(run("sample", "--model=" + model, "--temperature=hot").err.contains("--temperature must be a number"));
        assertTrue(run("forecast", "--model=" + model).err.contains("forecast needs a series model"));
    }

    @Test
    void anExplodingLossIsCalledOut() {
        Run run = run("train", "--data=digits", "--layers=32", "--act=relu", "--batch=64", "--lr=0.05", "--epochs=2", "--quiet");
        assertEquals(0, run.code, run.err);
        assertTrue(run.out.contains("the loss is over 1,000 times what it was at the start"), run.out);
        assertFalse(run("train", "--data=xor", "--epochs=2", "--quiet").out.contains("1,000 times"));
    }

    @Test
    void helpAndErrors() {
        Run help = run("--help");
        assertEquals(0, help.code);
        assertTrue(help.out.contains("--layers") && help.out.contains("train"));
        Run bad = run("train", "--colour=blue");
        assertEquals(1, bad.code);
        assertEquals("error: unknown flag --colour (see --help)\n", bad.err);
        Run missing = run("train", "--data=nope.csv");
        assertEquals(1, missing.code);
        assertTrue(missing.err.startsWith("error: no data set or file 'nope.csv'"));
    }
}
