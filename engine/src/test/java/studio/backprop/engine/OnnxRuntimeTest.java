package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.backprop.engine.model.Json;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.Onnx;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/**
 * Exported ONNX files run in a real ONNX Runtime (onnxruntime-web's WebAssembly build under
 * Node, from tools/onnx-check, installed by scripts/test.sh) and give our engine's outputs
 * within 1e-5 (relative beyond magnitude 1) on test rows.
 */
class OnnxRuntimeTest {
    static final Path TOOL = Path.of("..", "tools", "onnx-check").toAbsolutePath().normalize();

    @Test
    void onnxRuntimeGivesTheEngineOutputs(@TempDir Path dir) throws Exception {
        assertTrue(Files.isDirectory(TOOL.resolve("node_modules/onnxruntime-web")),
                "ONNX Runtime is missing: run 'npm ci' in " + TOOL + " (scripts/test.sh does)");
        Map<String, Experiment> cases = new java.util.LinkedHashMap<>();
        cases.put("spiral", run("data=spiral features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2 layers=8,8 act=tanh", null));
        cases.put("iris", run("data=iris layers=10 act=relu norm=standard opt=adam lr=0.01", null));
        cases.put("plane", run("data=plane layers=6,5,4 act=sine,leaky-relu,sigmoid norm=minmax noise=0.1", null));
        cases.put("table", run("data=fruit.csv layers=3 act=identity", ResumeTest.FRUIT));
        cases.put("digits", run("data=digits layers=32 act=tanh", null));
        cases.put("linear", run("data=xor layers= loss=mse norm=none lr=0.001", null));
        cases.put("conv", run("data=digits layers=conv4x3,pool2,conv6x3s2,drop0.2,12 act=relu,tanh,sigmoid opt=adam lr=0.01 batch=32", null));
        cases.put("convpad", run("data=digits layers=conv3x4,conv2x2s3,pool2 act=leaky-relu norm=none", null));
        // every recurrent kind, stacked (each hands its steps on, the last its last step), on a normalised series
        cases.put("recurrent", run("data=sines layers=lstm6,gru5,rnn4,3 window=10 norm=standard opt=adam lr=0.01", null));
        // a text: symbols one-hot, an LSTM at every step, a per-step dense layer, a softmax over the characters at every step
        cases.put("text", run("data=names layers=lstm6,5 window=7 opt=adam lr=0.01 batch=64", null));
        Map<String, double[][]> inputs = new java.util.HashMap<>();
        for (var e : cases.entrySet()) {
            Model m = e.getValue().model;
            double[][] x = floats(e.getValue().test.x, 200);
            inputs.put(e.getKey(), x);
            Files.write(dir.resolve(e.getKey() + ".onnx"), Onnx.write(m));
            Files.writeString(dir.resolve(e.getKey() + ".input.json"), json(x));
        }
        Process p = new ProcessBuilder("node", "run.mjs", dir.toString()).directory(TOOL.toFile())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        System.out.print(log);
        for (var e : cases.entrySet()) {
            Model m = e.getValue().model;
            double[][] x = inputs.get(e.getKey());
            double[][] expected = m.predict(x);
            @SuppressWarnings("unchecked")
            Map<String, Object> out = (Map<String, Object>) Json.parse(Files.readString(dir.resolve(e.getKey() + ".output.json")));
            List<?> dims = (List<?>) out.get("dims"), data = (List<?>) out.get("data");
            assertEquals(List.of((double) x.length, (double) m.network.outputs()), dims, e.getKey());
            double worst = 0;
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < expected[i].length; j++) {
                    double got = ((Number) data.get(i * expected[i].length + j)).doubleValue();
                    double err = Math.abs(got - expected[i][j]) / Math.max(1, Math.abs(expected[i][j]));
                    worst = Math.max(worst, err);
                }
            }
            System.out.printf("%s: %d rows, worst difference %.2e%n", e.getKey(), x.length, worst);
            assertTrue(worst < 1e-5, e.getKey() + ": ONNX Runtime differs from the engine by " + worst);
        }
    }

    static Experiment run(String settings, String table) throws Exception {
        Settings s = Settings.of(settings, ' ');
        Experiment ex = table == null ? Experiment.load(s) : Experiment.create(s, table);
        for (int i = 0; i < 20; i++) ex.trainer.stepEpoch();
        assertEquals(studio.backprop.engine.train.Trainer.Status.RUNNING, ex.trainer.status(), settings);
        return ex;
    }

    /** The first rows, rounded to float: what the runtime is fed, so both see the same input. */
    static double[][] floats(double[][] x, int rows) {
        double[][] out = new double[Math.min(rows, x.length)][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) out[i][j] = (float) x[i][j];
        }
        return out;
    }

    private static String json(double[][] x) {
        StringBuilder sb = new StringBuilder("{\"rows\":").append(x.length).append(",\"cols\":").append(x[0].length).append(",\"data\":[");
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) sb.append(i + j > 0 ? "," : "").append(x[i][j]);
        }
        return sb.append("]}").toString();
    }
}
