package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelJson;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.nn.Conv2D;
import studio.backprop.engine.nn.Dropout;
import studio.backprop.engine.nn.LayerSpec;
import studio.backprop.engine.nn.MaxPool2D;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Param;
import studio.backprop.engine.nn.Shape;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/** Conv2D, MaxPool2D and Dropout: gradients, the fast conv against its reference loop, the spec grammar, model files. */
class ConvTest {
    static void randomize(Param p, Rng rng) {
        for (double[] r : p.value) for (int j = 0; j < r.length; j++) r[j] = rng.uniform(-1, 1);
    }

    @Test
    void convAgreesWithFiniteDifferences() {
        Rng rng = new Rng(3);
        int[][] shapes = {{1, 5, 5, 2, 3, 1}, {2, 6, 4, 3, 3, 2}, {3, 4, 4, 2, 2, 1}, {2, 5, 6, 1, 4, 3}, {1, 3, 3, 4, 1, 1}};
        for (int[] s : shapes) {
            Conv2D conv = new Conv2D(s[0], s[1], s[2], s[3], s[4], s[5]);
            randomize(conv.W, rng);
            randomize(conv.W0, rng);
            GradientCheckTest.check(conv, 3, s[0] * s[1] * s[2], rng);
        }
    }

    @Test
    void poolAndDropoutAgreeWithFiniteDifferences() {
        Rng rng = new Rng(4);
        GradientCheckTest.check(new MaxPool2D(2, 6, 6, 2), 3, 72, rng);
        GradientCheckTest.check(new MaxPool2D(3, 7, 5, 3), 2, 105, rng);
        Dropout drop = new Dropout(300_000);
        drop.train(77, 5);
        GradientCheckTest.check(drop, 4, 9, rng);
        drop.evaluate();
        GradientCheckTest.check(drop, 2, 6, rng);
    }

    @Test
    void aWholeConvNetAgreesWithFiniteDifferences() {
        Network net = Network.build(new Shape(1, 8, 8), LayerSpec.parse("conv3x3,pool2,conv2x3s2,4", "tanh"), 3, "softmax");
        Rng rng = new Rng(5);
        for (Param p : net.params()) randomize(p, rng);
        double[] x = new double[64];
        for (int i = 0; i < 64; i++) x[i] = rng.uniform(0, 1);
        double[] y = {0, 1, 0};
        double[] errors = studio.backprop.engine.train.Explain.gradientCheck(net, studio.backprop.engine.nn.Loss.of("ce"), x, y, 10_000);
        for (double e : errors) assertTrue(e < 1e-6, "relative error " + e);
    }

    /** The explorer's conv and pool steps: its plain sums agree with the engine's numbers at every place it follows. */
    @Test
    void theExplorerFollowsConvAndPoolPlacesThroughTheirEquations() {
        Network net = Network.build(new Shape(2, 9, 8), LayerSpec.parse("conv3x3,pool2,conv4x3s2,drop0.5,5", "relu"), 3, "softmax");
        Rng rng = new Rng(8);
        for (Param p : net.params()) randomize(p, rng);
        double[] x = new double[2 * 9 * 8];
        for (int i = 0; i < x.length; i++) x[i] = rng.uniform(0, 1);
        double[] y = {0, 0, 1};
        for (double[] at : new double[][] {{0.5, 0.5}, {0, 0}, {0.99, 0.99}, {0.1, 0.8}}) {
            for (int filter = 0; filter < 5; filter++) {
                studio.backprop.engine.train.Explain e = studio.backprop.engine.train.Explain.of(net, studio.backprop.engine.nn.Loss.of("ce"), x, y, 0.1, at[0], at[1], filter);
                StringBuilder kinds = new StringBuilder();
                for (studio.backprop.engine.train.Explain.Layer l : e.layers) kinds.append(l.kind).append(' ');
                assertEquals("conv pool conv dropout dense dense ", kinds.toString());
                assertArrayEquals(new int[] {3, 4, 4}, e.layers[1].outShape);
                assertArrayEquals(new int[] {4, 2, 2}, e.layers[2].outShape);
                for (int l : new int[] {0, 2}) {
                    studio.backprop.engine.train.Focus f = e.layers[l].focus;
                    assertEquals(f.z, f.sum, 1e-12, "Z at the place is the field's dot product with the filter plus W0");
                    assertArrayEquals(f.dLdW, f.dLdWSum, 1e-12, "dL/dW is the sum over positions");
                    assertEquals(f.dLdW0, f.dLdW0Sum, 1e-12);
                    assertEquals(f.dLdAPrev, f.scatterSum, 1e-12, "dL/dA gathers W dL/dZ from every field holding the value");
                    assertTrue(f.terms > 0);
                    int reach = (f.reachBottom - f.reachTop + 1) * (f.reachRight - f.reachLeft + 1);
                    assertEquals(reach * e.layers[l].outShape[0], f.terms, "one term per filter at each place whose window holds the value");
                }
                studio.backprop.engine.train.Focus pool = e.layers[1].focus;
                int c = pool.filter, outAt = (c * 4 + pool.y) * 4 + pool.x;
                assertEquals(e.layers[1].a[outAt], pool.window[pool.argmax], 0.0, "the pool's output is its window's largest value");
                assertEquals(pool.dLdOut, pool.dLdWindow[pool.argmax], 0.0, "dL/dv goes to the argmax");
                for (int k = 0; k < pool.dLdWindow.length; k++) if (k != pool.argmax) assertEquals(0.0, pool.dLdWindow[k], 0.0);
                assertArrayEquals(e.layers[3].aPrev, e.layers[3].a, 0.0, "dropout is the identity when the network predicts");
            }
        }
    }

    /** The im2col product and the plain loop give the same values (to rounding: they add in other orders). */
    @Test
    void theFastConvMatchesTheReferenceLoop() {
        Rng rng = new Rng(6);
        for (int trial = 0; trial < 30; trial++) {
            int c = 1 + rng.nextInt(3), h = 1 + rng.nextInt(9), w = 1 + rng.nextInt(9), f = 1 + rng.nextInt(5);
            int k = 1 + rng.nextInt(Math.min(h, w)), s = 1 + rng.nextInt(3);
            Conv2D conv = new Conv2D(c, h, w, f, k, s);
            randomize(conv.W, rng);
            randomize(conv.W0, rng);
            Mat u = GradientCheckTest.random(2, c * h * w, rng, 1), v = new Mat(2, conv.outputSize(c * h * w));
            conv.forward(u, v);
            double[] want = new double[v.cols];
            for (int i = 0; i < 2; i++) {
                conv.forwardReference(u.row[i], want);
                for (int j = 0; j < want.length; j++) assertEquals(want[j], v.row[i][j], 1e-12, "c" + c + " h" + h + " w" + w + " f" + f + " k" + k + " s" + s);
            }
        }
    }

    @Test
    void sameConvKeepsTheSizeAndPoolFloors() {
        Network net = Network.build(new Shape(1, 28, 28), LayerSpec.parse("conv8x5,pool2,conv16x5,pool3", "relu"), 10, "softmax");
        int[] widths = new int[net.modules().size() + 1];
        for (int l = 0; l <= net.modules().size(); l++) widths[l] = net.width(l);
        // 28x28x8, 14x14x8, 14x14x16, 4x4x16, 10
        assertArrayEquals(new int[] {784, 6272, 6272, 1568, 3136, 3136, 256, 10, 10}, widths);
        assertEquals(8 * 25 + 8 + 16 * 8 * 25 + 16 + 256 * 10 + 10, net.parameterCount());
    }

    @Test
    void theGrammarRoundTripsAndNamesABadLayer() {
        List<LayerSpec> specs = LayerSpec.parse("conv8x5, pool2,conv16x3s2,drop0.25,32", "relu,tanh,sigmoid");
        assertEquals("conv8x5,pool2,conv16x3s2,drop0.25,32", String.join(",", LayerSpec.format(specs, "tanh")[0]));
        assertEquals("relu,tanh,sigmoid", LayerSpec.format(specs, "tanh")[1]);
        assertEquals("8,8", LayerSpec.format(LayerSpec.parse("8,8", "tanh"), "relu")[0]);
        assertEquals("tanh", LayerSpec.format(LayerSpec.parse("8,8", "tanh"), "relu")[1]);
        assertEquals("layer 2 of 'conv8x5,convx5' is 'convx5': its filters must be a whole number from 1 to 256, got ''",
                assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse("conv8x5,convx5", "relu")).getMessage());
        assertEquals("layer 1 of 'conv8' is 'conv8': a conv layer is convFxK (F filters of K\u00d7K) or convFxKsS (stride S), e.g. conv8x5",
                assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse("conv8", "relu")).getMessage());
        assertEquals("layer 3 of '8,pool2,drop1.5' is 'drop1.5': a dropout rate is from 0 to 0.95, e.g. drop0.25",
                assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse("8,pool2,drop1.5", "relu")).getMessage());
        assertEquals("layer 1 of 'pool1' is 'pool1': its pool side must be a whole number from 2 to 15, got '1'",
                assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse("pool1", "relu")).getMessage());
        assertEquals("act lists 2 activations for 3 layers",
                assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse("conv4x3,pool2,conv4x3,8", "relu,tanh")).getMessage());
    }

    @Test
    void aLayerThatDoesNotFitIsNamedBeforeTraining() {
        assertEquals("layer 1 'conv8x5' does not fit: a conv layer needs image inputs, and gets 4 values",
                assertThrows(IllegalArgumentException.class, () -> Experiment.load(Settings.of("data=iris&layers=conv8x5", '&'))).getMessage());
        assertEquals("layer 3 'conv4x9' does not fit: its 9\u00d79 kernel is larger than its 4\u00d74\u00d74 input",
                assertThrows(IllegalArgumentException.class, () -> Experiment.load(Settings.of("data=digits&layers=conv4x3,pool2,conv4x9", '&'))).getMessage());
        assertEquals("layer 3 'pool3' does not fit: a 3\u00d73 pool of its 2\u00d72\u00d74 input leaves nothing",
                assertThrows(IllegalArgumentException.class, () -> Experiment.load(Settings.of("data=digits&layers=conv4x3,pool4,pool3", '&'))).getMessage());
        assertEquals("layer 1 'pool2' does not fit: a pool layer needs image inputs, and gets 2 values",
                assertThrows(IllegalArgumentException.class, () -> Experiment.load(Settings.of("data=spiral&layers=pool2", '&'))).getMessage());
    }

    @Test
    void convModelsTravelInEveryFormBitForBit() throws Exception {
        Experiment ex = Experiment.load(Settings.of("data=digits&layers=conv4x3,pool2,drop0.2,16&act=relu&opt=adam&lr=0.01&batch=16&seed=3", '&'));
        ex.trainer.stepEpoch();
        Model m = ex.model;
        String hash = WeightsHash.of(m.network);
        double[][] x = java.util.Arrays.copyOf(ex.test.x, 5);
        for (Model back : new Model[] {ModelBinary.read(ModelBinary.write(m)), ModelJson.read(ModelJson.write(m)), ModelLink.read(ModelLink.payload(m))}) {
            assertEquals(hash, WeightsHash.of(back.network));
            for (int i = 0; i < x.length; i++) assertArrayEquals(m.predict(x)[i], back.predict(x)[i]);
        }
        Model small = ModelLink.read(ModelLink.payload(m, 8));
        assertEquals(m.network.parameterCount(), small.network.parameterCount());
    }

    @Test
    void dropoutMasksDependOnTheBatchNotOnHowItIsSplit() throws Exception {
        String s = "data=digits&layers=conv3x3,drop0.3,8&act=relu&batch=20&seed=8";
        Experiment whole = Experiment.load(Settings.of(s, '&')), parts = Experiment.load(Settings.of(s + "&workers=3", '&'));
        for (int i = 0; i < 5; i++) {
            whole.trainer.step();
            parts.trainer.step();
        }
        // not bitwise (3 parts add the gradient in another order), but the same masks: the same weights to rounding
        Param a = whole.model.network.params().get(0), b = parts.model.network.params().get(0);
        for (int r = 0; r < a.value.length; r++) assertArrayEquals(a.value[r], b.value[r], 1e-6);
        assertNotEquals(WeightsHash.of(whole.model.network), WeightsHash.of(Experiment.load(Settings.of(s.replace("seed=8", "seed=9"), '&')).model.network));
    }

    @Test
    void aSmallConvNetLearnsTheDigits() throws Exception {
        Experiment ex = Experiment.load(Settings.of("data=digits&layers=conv8x3,pool2,32&act=relu&opt=adam&lr=0.01&batch=32&seed=1", '&'));
        for (int i = 0; i < 8; i++) ex.trainer.stepEpoch();
        double accuracy = ex.evaluate().test.accuracy;
        assertTrue(accuracy > 0.95, "test accuracy " + accuracy);
    }
}
