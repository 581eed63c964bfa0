package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.backprop.engine.data.Zip;
import studio.backprop.engine.model.Json;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.Tfjs;
import studio.backprop.engine.train.Experiment;

/**
 * Exported TensorFlow.js layers models load with tf.loadLayersModel (@tensorflow/tfjs in Node,
 * its CPU backend, served over HTTP from tools/tfjs-check, installed by scripts/test.sh) and,
 * with what their metadata says around the network, give our engine's outputs within 1e-5
 * (float32), for dense, conv, pool and dropout layers, every activation TF.js has, the recurrent
 * layers and a text net.
 */
class TfjsTest {
    static final Path TOOL = Path.of("..", "tools", "tfjs-check").toAbsolutePath().normalize();

    @Test
    void tfjsGivesTheEngineOutputs(@TempDir Path dir) throws Exception {
        assertTrue(Files.isDirectory(TOOL.resolve("node_modules/@tensorflow/tfjs")),
                "TensorFlow.js is missing: run 'npm ci' in " + TOOL + " (scripts/test.sh does)");
        Map<String, Experiment> cases = new java.util.LinkedHashMap<>();
        cases.put("spiral", OnnxRuntimeTest.run("data=spiral features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2 layers=8,8 act=tanh", null));
        cases.put("iris", OnnxRuntimeTest.run("data=iris layers=10 act=relu norm=standard opt=adam lr=0.01", null));
        cases.put("plane", OnnxRuntimeTest.run("data=plane layers=6,5 act=leaky-relu,sigmoid norm=minmax noise=0.1", null));
        cases.put("table", OnnxRuntimeTest.run("data=fruit.csv layers=3 act=identity", ResumeTest.FRUIT));
        cases.put("linear", OnnxRuntimeTest.run("data=xor layers= loss=mse norm=none lr=0.001", null));
        cases.put("conv", OnnxRuntimeTest.run("data=digits layers=conv4x3,pool2,conv6x3s2,drop0.2,12 act=relu,tanh,sigmoid opt=adam lr=0.01 batch=32", null));
        cases.put("convpad", OnnxRuntimeTest.run("data=digits layers=conv3x4,conv2x2s3,pool2 act=leaky-relu norm=none", null));
        // the recurrent kinds TF.js has, stacked on a series (Reshape to [T, D]), and a text net (identity Embedding, LSTM, Dense per step, softmax, Flatten)
        cases.put("recurrent", OnnxRuntimeTest.run("data=sines layers=lstm6,rnn4,3 window=10 norm=standard opt=adam lr=0.01", null));
        cases.put("text", OnnxRuntimeTest.run("data=names layers=lstm6,5 window=7 opt=adam lr=0.01 batch=64", null));
        for (var e : cases.entrySet()) {
            Path d = Files.createDirectories(dir.resolve(e.getKey()));
            Tfjs.Files files = Tfjs.write(e.getValue().model);
            Files.writeString(d.resolve(Tfjs.MODEL), files.modelJson);
            Files.write(d.resolve(Tfjs.WEIGHTS), files.weights);
            Files.writeString(d.resolve("input.json"), json(OnnxRuntimeTest.floats(e.getValue().test.x, 200)));
        }
        Process p = new ProcessBuilder("node", "run.mjs", dir.toString()).directory(TOOL.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        System.out.print(log.replaceAll("(?m)^.*(tfjs-node|speed things up|=====).*\\R", ""));
        for (var e : cases.entrySet()) {
            Model m = e.getValue().model;
            double[][] x = OnnxRuntimeTest.floats(e.getValue().test.x, 200), expected = m.predict(x);
            List<?> rows = (List<?>) Json.parse(Files.readString(dir.resolve(e.getKey()).resolve("output.json")));
            assertEquals(x.length, rows.size(), e.getKey());
            double worst = 0;
            for (int i = 0; i < x.length; i++) {
                List<?> row = (List<?>) rows.get(i);
                assertEquals(expected[i].length, row.size(), e.getKey());
                for (int j = 0; j < expected[i].length; j++) {
                    double got = ((Number) row.get(j)).doubleValue();
                    worst = Math.max(worst, Math.abs(got - expected[i][j]) / Math.max(1, Math.abs(expected[i][j])));
                }
            }
            System.out.printf("%s: %d rows, worst difference %.2e%n", e.getKey(), x.length, worst);
            assertTrue(worst < 1e-5, e.getKey() + ": TensorFlow.js differs from the engine by " + worst);
        }
    }

    @Test
    void aModuleTfjsLacksIsNamedAndTheZipHoldsBothFiles() throws Exception {
        Experiment sine = OnnxRuntimeTest.run("data=plane layers=4 act=sine", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tfjs.write(sine.model));
        assertEquals("TensorFlow.js has no activation like the module 'sine'", e.getMessage());
        Tfjs.Files files = Tfjs.write(OnnxRuntimeTest.run("data=iris layers=4", null).model);
        Zip zip = new Zip(files.zip());
        assertEquals(List.of(Tfjs.MODEL, Tfjs.WEIGHTS), zip.entries.stream().map(en -> en.path).toList());
        assertArrayEquals(files.weights, zip.read(zip.entries.get(1)));
        assertEquals(files.modelJson, new String(zip.read(zip.entries.get(0)), StandardCharsets.UTF_8));
    }

    private static String json(double[][] x) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < x.length; i++) {
            sb.append(i > 0 ? "," : "").append('[');
            for (int j = 0; j < x[i].length; j++) sb.append(j > 0 ? "," : "").append(x[i][j]);
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
