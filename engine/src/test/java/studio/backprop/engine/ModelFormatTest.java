package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelException;
import studio.backprop.engine.model.ModelJson;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.nn.Param;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

class ModelFormatTest {
    static Model trained(String data, String layers) throws Exception {
        Settings s = new Settings().set("data", data).set("layers", layers).set("features", "x1,x2,x1x2,sinx1");
        String text = data.equals("spiral") ? null : "colour,size,fruit\nred,1.25,apple\ngreen,2,pear\nred,3.5,apple\nblue,4,pear\n";
        Experiment ex = Experiment.create(s, text);
        ex.trainer.stepEpoch();
        ex.trainer.stepEpoch();
        return ex.model;
    }

    private static void assertSameModel(Model a, Model b) {
        assertEquals(WeightsHash.of(a.network), WeightsHash.of(b.network));
        for (int i = 0; i < a.network.params().size(); i++) {
            Param p = a.network.params().get(i), q = b.network.params().get(i);
            for (int r = 0; r < p.value.length; r++) {
                for (int c = 0; c < p.value[r].length; c++) {
                    assertEquals(Double.doubleToRawLongBits(p.value[r][c]), Double.doubleToRawLongBits(q.value[r][c]));
                }
            }
        }
        assertArrayEquals(a.normalizer.shift, b.normalizer.shift);
        assertArrayEquals(a.normalizer.scale, b.normalizer.scale);
        assertArrayEquals(a.classes, b.classes);
        assertArrayEquals(a.features, b.features);
        assertArrayEquals(a.encoding.inputNames(), b.encoding.inputNames());
        assertEquals(a.settings.asMap(), b.settings.asMap());
        assertEquals(a.loss, b.loss);
    }

    /**
     * A model's weights as a 16- or 8-bit file holds them, worked out without the file (share links
     * name their accuracy so): what reading the file back gives, bit for bit, on a network rebuilt
     * from its modules' kinds and shapes (as data-parallel helpers build theirs).
     */
    /** The network's outputs for the first rows of x, flat. */
    private static double[] outputs(studio.backprop.engine.nn.Network net, double[][] x) {
        int rows = Math.min(5, x.length);
        studio.backprop.engine.math.Mat in = net.input(rows);
        for (int i = 0; i < rows; i++) System.arraycopy(x[i], 0, in.row[i], 0, x[i].length);
        studio.backprop.engine.math.Mat out = net.forward();
        double[] flat = new double[rows * out.cols];
        for (int i = 0; i < rows; i++) System.arraycopy(out.row[i], 0, flat, i * out.cols, out.cols);
        return flat;
    }

    @Test
    void weightsAsStoredAreWhatTheFileGivesBack() throws Exception {
        for (String settings : new String[] {"data=spiral layers=8,8 act=tanh", "data=digits layers=conv4x3,drop0.3,pool2,12 act=relu",
                "data=iris layers=5 reg=l2 rate=0.01 math=1"}) {
            Experiment ex = Experiment.load(Settings.of(settings, ' '));
            ex.trainer.stepEpoch();
            studio.backprop.engine.nn.Network net = ex.model.network;
            for (int bits : new int[] {16, 8}) {
                studio.backprop.engine.nn.Network read = ModelBinary.read(ModelBinary.write(ex.model, bits)).network;
                studio.backprop.engine.nn.Network stored = ModelBinary.asStored(net, bits, ex.model.settings.math());
                assertEquals(WeightsHash.of(read), WeightsHash.of(stored), settings + " at " + bits + " bits");
                assertNotEquals(WeightsHash.of(net), WeightsHash.of(stored), "rounded");
                assertArrayEquals(net.kinds(), stored.kinds());
                assertArrayEquals(net.shapes(), stored.shapes());
                assertArrayEquals(outputs(read, ex.testX), outputs(stored, ex.testX), 0.0, "the same modules, of the same math version");
            }
            assertThrows(IllegalArgumentException.class, () -> ModelBinary.asStored(net, 32, 2));
        }
    }

    @Test
    void binaryAndJsonRoundTripsAreBitExact() throws Exception {
        for (Model m : new Model[] {trained("spiral", "8,8"), trained("upload.csv", "3")}) {
            assertSameModel(m, ModelBinary.read(ModelBinary.write(m)));
            assertSameModel(m, ModelJson.read(ModelJson.write(m)));
            double[][] in = {{0.5, -1.25}};
            if (m.features.length == 0) in = new double[][] {m.encoding.encode(new String[] {"red", "2"}, null)};
            assertArrayEquals(m.predict(in)[0], ModelBinary.read(ModelBinary.write(m)).predict(in)[0]);
        }
    }

    @Test
    void truncatedAndMutatedBinaryIsRejectedCleanly() throws Exception {
        byte[] bytes = ModelBinary.write(trained("spiral", "8,8"));
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(bytes, n);
            ModelException e = assertThrows(ModelException.class, () -> ModelBinary.read(cut));
            assertFalse(e.getMessage().isEmpty());
        }
        Rng rng = new Rng(2);
        for (int i = 0; i < 20_000; i++) {
            byte[] m = bytes.clone();
            int edits = 1 + rng.nextInt(4);
            for (int e = 0; e < edits; e++) m[rng.nextInt(m.length)] = (byte) rng.nextInt();
            try {
                ModelBinary.read(m);
            } catch (ModelException expected) {
                assertNotNull(expected.getMessage());
            } catch (RuntimeException e) {
                fail("mutation " + i + " threw " + e, e);
            }
        }
    }

    @Test
    void badJsonIsRejectedWithAMessage() throws Exception {
        String json = ModelJson.write(trained("spiral", "4"));
        assertThrows(ModelException.class, () -> ModelJson.read(json.substring(0, json.length() / 2)));
        assertThrows(ModelException.class, () -> ModelJson.read(json.replace("\"version\": 1", "\"version\": 9")));
        ModelException deep = assertThrows(ModelException.class, () -> ModelJson.read("[".repeat(100_000)));
        assertTrue(deep.getMessage().contains("nested deeper"), deep.getMessage());
        ModelException wrong = assertThrows(ModelException.class, () -> ModelJson.read(json.replace("\"W0\": [", "\"W0\": [1, ")));
        assertFalse(wrong.getMessage().isEmpty());
        Rng rng = new Rng(3);
        String chars = "{}[]\":,0123456789.-eaz ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder(json);
            for (int e = 0; e < 3; e++) sb.setCharAt(rng.nextInt(sb.length()), chars.charAt(rng.nextInt(chars.length())));
            try {
                ModelJson.read(sb.toString());
            } catch (ModelException expected) {
                assertNotNull(expected.getMessage());
            } catch (RuntimeException e) {
                fail("mutation " + i + " threw " + e, e);
            }
        }
    }

    @Test
    void versionIsChecked() throws Exception {
        byte[] bytes = ModelBinary.write(trained("spiral", "4"));
        bytes[4] = 3;
        ModelException e = assertThrows(ModelException.class, () -> ModelBinary.read(bytes));
        assertEquals("model version 3 is not supported (this app reads versions 1 and 2)", e.getMessage());
        assertThrows(ModelException.class, () -> ModelBinary.read("hello".getBytes(StandardCharsets.UTF_8)));
    }
}
