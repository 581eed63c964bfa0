package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.backprop.engine.model.Json;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelException;
import studio.backprop.engine.model.Onnx;
import studio.backprop.engine.model.OnnxImport;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/**
 * ONNX files in: this app's own exports come back as the same models (float32 weights), and files
 * in the layouts other tools write (OnnxFixture) give ONNX Runtime's outputs (tools/onnx-check).
 */
class OnnxImportTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void ownExportsComeBackAsTheSameModels() throws Exception {
        Map<String, Experiment> cases = new LinkedHashMap<>();
        cases.put("spiral", OnnxRuntimeTest.run("data=spiral features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2 layers=8,8 act=tanh", null));
        cases.put("iris", OnnxRuntimeTest.run("data=iris layers=10 act=relu norm=standard opt=adam lr=0.01", null));
        cases.put("plane", OnnxRuntimeTest.run("data=plane layers=6,5,4 act=sine,leaky-relu,sigmoid norm=minmax noise=0.1", null));
        cases.put("table", OnnxRuntimeTest.run("data=fruit.csv layers=3 act=identity", ResumeTest.FRUIT));
        cases.put("linear", OnnxRuntimeTest.run("data=xor layers= loss=mse norm=none lr=0.001", null));
        cases.put("conv", OnnxRuntimeTest.run("data=digits layers=conv4x3,pool2,conv6x3s2,drop0.2,12 act=relu,tanh,sigmoid opt=adam lr=0.01 batch=32", null));
        cases.put("convpad", OnnxRuntimeTest.run("data=digits layers=conv3x4,conv2x2s3,pool2 act=leaky-relu norm=none", null));
        // recurrent: ONNX's LSTM, GRU and RNN nodes, stacked (every step's state to the next) and last (its last step's to a dense layer)
        cases.put("recurrent", OnnxRuntimeTest.run("data=sines layers=lstm6,gru5,rnn4,3 window=10 norm=standard opt=adam lr=0.01", null));
        cases.put("gru", OnnxRuntimeTest.run("data=saw layers=gru7 window=12 opt=adam lr=0.01", null));
        for (var e : cases.entrySet()) {
            Model m = e.getValue().model;
            Model back = OnnxImport.read(Onnx.write(m));
            assertEquals(m.settings.get("data"), back.settings.get("data"), e.getKey());
            assertEquals(m.settings.get("layers"), back.settings.get("layers"), e.getKey());
            assertEquals(m.settings.get("act"), back.settings.get("act"), e.getKey());
            assertArrayEquals(m.classes, back.classes, e.getKey());
            assertArrayEquals(m.network.kinds(), back.network.kinds(), e.getKey());
            double[][] x = OnnxRuntimeTest.floats(e.getValue().test.x, 200);
            assertClose(m.predict(x), back.predict(x), e.getKey());
            if (e.getKey().equals("table")) continue; // the user's file: the studio asks for it again
            // on its data again: the opened model's own answers, and it trains on
            Experiment again = Experiment.load(back.settings).adopt(back);
            assertEquals(WeightsHash.of(back.network), WeightsHash.of(again.model.network), e.getKey());
            assertClose(back.predict(x), again.model.predict(x), e.getKey());
            again.trainer.stepEpoch();
            assertTrue(again.evaluateTestLoss() < 1e9, e.getKey());
        }
    }

    @Test
    void otherToolsLayoutsGiveOnnxRuntimesOutputs(@TempDir Path dir) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, double[][]> inputs = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        double[][] iris = OnnxRuntimeTest.floats(Experiment.load(Settings.of("data=iris norm=none", ' ')).test.x, 60);
        double[][] digits = OnnxRuntimeTest.floats(Experiment.load(Settings.of("data=digits norm=none", ' ')).test.x, 60);

        // PyTorch nn.Linear: Gemm with W as [out, in] (transB=1), logits out (CrossEntropyLoss had the softmax)
        OnnxFixture torch = new OnnxFixture(1);
        torch.input("input", 4);
        String h = torch.node("Gemm", new String[] {"input", torch.weights("fc1.weight", 0.5, 8, 4), torch.weights("fc1.bias", 0.5, 8)}, "transB", 1);
        h = torch.node("Relu", new String[] {h});
        h = torch.node("Gemm", new String[] {h, torch.weights("fc2.weight", 0.5, 3, 8), torch.weights("fc2.bias", 0.5, 3)}, "transB", 1);
        torch.end(h);
        put(files, inputs, shapes, "torch_mlp", torch.bytes(), iris, 4);

        // Keras through tf2onnx: MatMul [in, out] + Add, a normalisation first (Sub, Div), Softmax
        OnnxFixture keras = new OnnxFixture(2);
        keras.input("input", 4);
        h = keras.node("Sub", new String[] {"input", keras.floats("mean", new float[] {5.8f, 3f, 3.7f, 1.2f}, 4)});
        h = keras.node("Div", new String[] {h, keras.floats("std", new float[] {0.8f, 0.4f, 1.7f, 0.75f}, 4)});
        h = keras.node("MatMul", new String[] {h, keras.weights("dense/kernel", 0.6, 4, 6)});
        h = keras.node("Add", new String[] {h, keras.weights("dense/bias", 0.3, 6)});
        h = keras.node("Tanh", new String[] {h});
        h = keras.node("MatMul", new String[] {h, keras.weights("dense_1/kernel", 0.6, 6, 3)});
        h = keras.node("Add", new String[] {h, keras.weights("dense_1/bias", 0.3, 3)});
        h = keras.node("Softmax", new String[] {h}, "axis", 1);
        keras.end(h);
        put(files, inputs, shapes, "keras_mlp", keras.bytes(), iris, 4);

        // PyTorch CNN, NCHW: Conv (pads 1) + Relu + MaxPool + Flatten + Gemm
        OnnxFixture cnn = new OnnxFixture(3);
        cnn.input("input", 1, 8, 8);
        h = cnn.node("Conv", new String[] {"input", cnn.weights("conv.weight", 0.3, 3, 1, 3, 3), cnn.weights("conv.bias", 0.3, 3)},
                "kernel_shape", new long[] {3, 3}, "pads", new long[] {1, 1, 1, 1}, "strides", new long[] {1, 1});
        h = cnn.node("Relu", new String[] {h});
        h = cnn.node("MaxPool", new String[] {h}, "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2});
        h = cnn.node("Flatten", new String[] {h}, "axis", 1);
        h = cnn.node("Gemm", new String[] {h, cnn.weights("fc.weight", 0.2, 10, 48), cnn.weights("fc.bias", 0.2, 10)}, "transB", 1);
        cnn.end(h);
        put(files, inputs, shapes, "torch_cnn", cnn.bytes(), digits, 1, 8, 8);

        // Keras CNN through tf2onnx: NHWC in, Transpose to NCHW, Conv SAME_UPPER with stride 2,
        // Transpose back, Reshape [-1, 32] (HWC order), MatMul + Add, Softmax
        OnnxFixture nhwc = new OnnxFixture(4);
        nhwc.input("input", 8, 8, 1);
        h = nhwc.node("Transpose", new String[] {"input"}, "perm", new long[] {0, 3, 1, 2});
        h = nhwc.node("Conv", new String[] {h, nhwc.weights("conv2d/kernel", 0.3, 2, 1, 3, 3), nhwc.weights("conv2d/bias", 0.3, 2)},
                "kernel_shape", new long[] {3, 3}, "auto_pad", "SAME_UPPER", "strides", new long[] {2, 2});
        h = nhwc.node("Sigmoid", new String[] {h});
        h = nhwc.node("Transpose", new String[] {h}, "perm", new long[] {0, 2, 3, 1});
        h = nhwc.node("Reshape", new String[] {h, nhwc.longs("shape", -1, 32)});
        h = nhwc.node("MatMul", new String[] {h, nhwc.weights("dense/kernel", 0.4, 32, 10)});
        h = nhwc.node("Add", new String[] {h, nhwc.weights("dense/bias", 0.2, 10)});
        h = nhwc.node("Softmax", new String[] {h}, "axis", -1);
        nhwc.end(h);
        put(files, inputs, shapes, "keras_cnn", nhwc.bytes(), digits, 8, 8, 1);

        // PyTorch nn.LSTM (batch_first) on [N, T, D], its last state h_n: Transpose, LSTM (both biases), Squeeze, Linear, Softmax
        OnnxFixture lstm = new OnnxFixture(8);
        lstm.input("input", 6, 2);
        h = lstm.node("Transpose", new String[] {"input"}, "perm", new long[] {1, 0, 2});
        h = lstm.lastOutput("LSTM", new String[] {h, lstm.weights("lstm.W", 0.5, 1, 12, 2), lstm.weights("lstm.R", 0.5, 1, 12, 3),
                lstm.weights("lstm.B", 0.3, 1, 24)}, "hidden_size", 3);
        h = lstm.node("Squeeze", new String[] {h, lstm.longs("axes", 0)});
        h = lstm.node("Gemm", new String[] {h, lstm.weights("fc.weight", 0.5, 3, 3), lstm.weights("fc.bias", 0.5, 3)}, "transB", 1);
        h = lstm.node("Softmax", new String[] {h}, "axis", 1);
        lstm.end(h);
        double[][] steps = new double[60][12];
        for (int i = 0; i < steps.length; i++) for (int j = 0; j < 12; j++) steps[i][j] = digits[i][j] / 16;
        put(files, inputs, shapes, "torch_lstm", lstm.bytes(), steps, 6, 2);

        for (var e : files.entrySet()) {
            Files.write(dir.resolve(e.getKey() + ".onnx"), e.getValue());
            double[][] x = inputs.get(e.getKey());
            StringBuilder json = new StringBuilder("{\"dims\":[").append(x.length);
            for (int d : shapes.get(e.getKey())) json.append(',').append(d);
            json.append("],\"data\":[");
            for (int i = 0; i < x.length; i++) for (int j = 0; j < x[i].length; j++) json.append(i + j > 0 ? "," : "").append(x[i][j]);
            Files.writeString(dir.resolve(e.getKey() + ".input.json"), json.append("]}"));
        }
        Process p = new ProcessBuilder("node", "run.mjs", dir.toString()).directory(OnnxRuntimeTest.TOOL.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        for (var e : files.entrySet()) {
            Model m = OnnxImport.read(e.getValue());
            double[][] x = inputs.get(e.getKey());
            @SuppressWarnings("unchecked")
            List<?> data = (List<?>) ((Map<String, Object>) Json.parse(Files.readString(dir.resolve(e.getKey() + ".output.json")))).get("data");
            int k = m.network.outputs();
            double[][] expected = new double[x.length][k];
            for (int i = 0; i < x.length; i++) for (int j = 0; j < k; j++) expected[i][j] = ((Number) data.get(i * k + j)).doubleValue();
            if (e.getKey().startsWith("torch") && !e.getKey().equals("torch_lstm")) expected = softmax(expected); // logits: the import adds the softmax
            assertClose(expected, m.predict(x), e.getKey());
            if (e.getKey().equals("torch_lstm")) { // a sequence of 12 values is no built-in set: a table of the user's
                assertEquals("lstm3", m.settings.get("layers"));
                continue;
            }
            assertEquals("ce", m.loss, e.getKey());
            assertEquals(e.getKey().endsWith("mlp") ? "iris" : "digits", m.settings.get("data"), e.getKey());
            Experiment ex = Experiment.load(m.settings).adopt(m);
            assertClose(m.predict(x), ex.model.predict(x), e.getKey());
            System.out.println(e.getKey() + ": " + m.settings.get("layers") + " act=" + m.settings.get("act") + " on " + m.settings.get("data")
                    + ", test accuracy " + ex.evaluate().test.accuracy);
        }
    }

    @Test
    void whatCannotBeReadIsNamed() throws Exception {
        OnnxFixture elu = new OnnxFixture(5);
        elu.input("input", 4);
        String h = elu.node("Gemm", new String[] {"input", elu.weights("w", 1, 4, 3)});
        h = elu.node("Elu", new String[] {h});
        elu.end(h);
        assertMessage(elu.bytes(), "Elu node 'elu2' is not supported");

        OnnxFixture valid = new OnnxFixture(6);
        valid.input("input", 1, 8, 8);
        h = valid.node("Conv", new String[] {"input", valid.weights("w", 1, 2, 1, 3, 3)}, "kernel_shape", new long[] {3, 3});
        h = valid.node("Flatten", new String[] {h});
        h = valid.node("Gemm", new String[] {h, valid.weights("w2", 1, 72, 10)});
        valid.end(h);
        assertMessage(valid.bytes(), "Conv node 'conv1' pads [0, 0, 0, 0]; the engine's conv pads \"same\" [1, 1, 1, 1]");

        OnnxFixture wide = new OnnxFixture(7);
        wide.input("input", 4);
        h = wide.node("Gemm", new String[] {"input", wide.weights("w", 1, 5, 3)});
        wide.end(h);
        assertMessage(wide.bytes(), "Gemm node 'gemm1' takes 5 values, and gets 4");

        // ONNX's default GRU (reset before the product: Keras' reset_after=False) is not the engine's
        OnnxFixture gru = new OnnxFixture(9);
        gru.input("input", 4, 1);
        h = gru.node("Transpose", new String[] {"input"}, "perm", new long[] {1, 0, 2});
        h = gru.lastOutput("GRU", new String[] {h, gru.weights("W", 0.5, 1, 6, 1), gru.weights("R", 0.5, 1, 6, 2)}, "hidden_size", 2);
        gru.end(h);
        assertMessage(gru.bytes(), "resets before the product (linear_before_reset = 0");

        // a text model (one-hot symbols, an output at every step) is exported, not read back
        assertMessage(Onnx.write(OnnxRuntimeTest.run("data=names layers=lstm6,5 window=7 opt=adam lr=0.01 batch=64", null).model),
                "OneHot node");

        byte[] good = elu.bytes();
        assertMessage(java.util.Arrays.copyOf(good, good.length / 2), "damaged");
        assertMessage(new byte[] {8, 7, 1, 2, 3}, "ONNX");
    }

    private static void assertMessage(byte[] file, String part) {
        ModelException e = assertThrows(ModelException.class, () -> OnnxImport.read(file));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private static void put(Map<String, byte[]> files, Map<String, double[][]> inputs, Map<String, int[]> shapes, String name, byte[] file,
                            double[][] x, int... dims) throws Exception {
        files.put(name, file);
        inputs.put(name, x);
        shapes.put(name, dims);
    }

    private static double[][] softmax(double[][] z) {
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (double v : z[i]) max = Math.max(max, v);
            out[i] = new double[z[i].length];
            for (int j = 0; j < z[i].length; j++) sum += out[i][j] = Math.exp(z[i][j] - max);
            for (int j = 0; j < z[i].length; j++) out[i][j] /= sum;
        }
        return out;
    }

    private static void assertClose(double[][] expected, double[][] got, String what) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                worst = Math.max(worst, Math.abs(expected[i][j] - got[i][j]) / Math.max(1, Math.abs(expected[i][j])));
            }
        }
        assertTrue(worst < TOLERANCE, what + ": differs by " + worst);
    }
}
