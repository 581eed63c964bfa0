package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.data.Chars;
import studio.backprop.engine.data.DataSet;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelJson;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.nn.LayerSpec;
import studio.backprop.engine.nn.Loss;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Param;
import studio.backprop.engine.nn.Shape;
import studio.backprop.engine.nn.StepCrossEntropy;
import studio.backprop.engine.nn.StepLinear;
import studio.backprop.engine.nn.StepSoftmax;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;
import studio.backprop.engine.train.TextSampler;

/**
 * Text at the level of characters: the per-step modules and loss against finite differences, a
 * whole text network's gradient through time, the vocabulary and windows, the bigram floor, the
 * sampler, and a names model in every form.
 */
class TextTest {
    @Test
    void thePerStepModulesAgreeWithFiniteDifferences() {
        Rng rng = new Rng(21);
        for (int trial = 0; trial < 4; trial++) {
            int m = 1 + rng.nextInt(4), n = 1 + rng.nextInt(4), steps = 1 + rng.nextInt(4), batch = 1 + rng.nextInt(3);
            StepLinear linear = new StepLinear(m, n, steps);
            for (Param p : linear.params()) for (double[] r : p.value) for (int c = 0; c < r.length; c++) r[c] = rng.uniform(-1, 1);
            GradientCheckTest.check(linear, batch, steps * m, rng);
            GradientCheckTest.check(new StepSoftmax(n), batch, steps * n, rng);
        }
    }

    /** One-hot symbols, two LSTM layers, a per-step dense layer and the per-step softmax with its loss: the whole network's dL/dW against the loss's differences. */
    @Test
    void aTextNetworksGradientIsTheLosssSlope() {
        Rng rng = new Rng(5);
        int vocab = 4, steps = 5, batch = 3;
        Network net = Network.build(Shape.tokens(steps, vocab), LayerSpec.parse("lstm3,gru2,3", "tanh"), vocab, "stepsoftmax", 2);
        assertEquals(List.of("onehot", "lstm", "gru", "steplinear", "tanh", "steplinear", "stepsoftmax"), List.of(net.kinds()));
        for (Param p : net.params()) for (double[] r : p.value) for (int c = 0; c < r.length; c++) r[c] = rng.uniform(-0.9, 0.9);
        Mat y = new Mat(batch, steps);
        Mat in = net.input(batch);
        for (int i = 0; i < batch; i++) for (int t = 0; t < steps; t++) {
            in.row[i][t] = rng.nextInt(vocab);
            y.row[i][t] = rng.nextInt(vocab);
        }
        double[][] x = new double[batch][];
        for (int i = 0; i < batch; i++) x[i] = in.row[i].clone();
        Loss loss = new StepCrossEntropy();
        net.forward();
        net.backward(loss, y, 1, false);
        double h = 1e-6;
        for (Param p : net.params()) {
            double[][] grad = new double[p.value.length][];
            for (int r = 0; r < grad.length; r++) grad[r] = p.grad[r].clone();
            for (int r = 0; r < p.value.length; r++) {
                for (int c = 0; c < p.value[r].length; c++) {
                    double keep = p.value[r][c];
                    p.value[r][c] = keep + h;
                    double plus = lossOf(net, loss, x, y);
                    p.value[r][c] = keep - h;
                    double minus = lossOf(net, loss, x, y);
                    p.value[r][c] = keep;
                    double numeric = (plus - minus) / (2 * h);
                    assertEquals(numeric, grad[r][c], 1e-6 + 1e-5 * Math.abs(numeric), p.name + "[" + r + "][" + c + "]");
                }
            }
        }
    }

    private static double lossOf(Network net, Loss loss, double[][] x, Mat y) {
        Mat in = net.input(x.length);
        for (int i = 0; i < x.length; i++) System.arraycopy(x[i], 0, in.row[i], 0, x[i].length);
        Mat a = net.forward();
        Mat z = net.activation(net.modules().size() - 1);
        double s = 0;
        for (int i = 0; i < x.length; i++) s += loss.value(z.row[i], a.row[i], y.row[i]);
        return s;
    }

    @Test
    void theVocabularyIsTheTextsCharactersTheRareOnesOneUnknownSymbol() {
        assertArrayEquals(new String[] {"\n", "a", "b", "c"}, Chars.vocabulary(Chars.clean("abc\r\ncab\rba")));
        StringBuilder many = new StringBuilder();
        for (int c = 0; c < 120; c++) for (int k = 0; k <= c; k++) many.append((char) (0x100 + c));
        String[] v = Chars.vocabulary(many.toString());
        assertEquals(Chars.MAX_VOCAB, v.length);
        assertEquals(Chars.UNKNOWN, v[v.length - 1]);
        assertEquals(String.valueOf((char) (0x100 + 120 - 95)), v[0], "the 95 most frequent are kept, in code order");
        int[] codes = Chars.encode("\u0100\u0177", v);
        assertEquals(v.length - 1, codes[0], "a rare character reads as the unknown symbol");
        assertEquals(v.length - 2, codes[1]);
    }

    @Test
    void windowsFollowTheTextEachStepsTargetTheNextCharacter() {
        DataSet d = Chars.dataSet("t.txt", "abcdefghijklmnop", 3);
        assertEquals(5, d.size()); // windows at 0, 3, 6, 9, 12 (the last needs its next character)
        assertArrayEquals(new double[] {3, 4, 5}, d.x[1]);
        assertArrayEquals(new double[] {4, 5, 6}, d.y[1]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Chars.dataSet("t.txt", "abcdef", 3)).getMessage().contains("at least 8"));
        // a long text: at most MAX_WINDOWS windows, spread over all of it
        String longText = "abcdefghij".repeat(60_000);
        DataSet big = Chars.dataSet("t.txt", longText, 10);
        assertTrue(big.size() <= Chars.MAX_WINDOWS && big.size() > Chars.MAX_WINDOWS - 10, "windows: " + big.size());
    }

    @Test
    void theBigramFloorIsTheCountModelsTestLoss() {
        // train: a -> b always; test: a -> b once and a -> a once; add-one over 2 symbols
        double[][] trainX = {{0, 0}}, trainY = {{1, 1}}, testX = {{0, 0}}, testY = {{1, 0}};
        double want = -(Math.log(3.0 / 4) + Math.log(1.0 / 4)) / 2;
        assertEquals(want, Chars.bigramLoss(trainX, trainY, testX, testY, 2), 1e-12);
    }

    @Test
    void theSamplerIsTheNetworksOwnProbabilitiesAndRepeatsItselfForASeed() throws Exception {
        Experiment ex = Experiment.load(Settings.of("data=names&layers=lstm8&window=8&opt=adam&lr=0.02&batch=32&epochs=1&seed=3", '&'));
        ex.trainer.stepEpoch();
        TextSampler s = new TextSampler(ex.model);
        assertEquals(8, s.steps);
        assertEquals("\n", s.vocab[0]);
        double[] p = s.next("ma");
        double sum = 0;
        for (double q : p) sum += q;
        assertEquals(1, sum, 1e-12);
        // the same as the network's own output at the window's step 2 (a line end, then m, a)
        Mat in = ex.model.network.input(1);
        int m = java.util.Arrays.asList(s.vocab).indexOf("m"), a = java.util.Arrays.asList(s.vocab).indexOf("a");
        java.util.Arrays.fill(in.row[0], 0);
        in.row[0][1] = m;
        in.row[0][2] = a;
        double[] out = ex.model.network.forward().row[0];
        for (int j = 0; j < p.length; j++) assertEquals(out[2 * s.vocab.length + j], p[j], 1e-12);
        String one = s.sample("", 200, 5, 0.8, new Rng(7)), two = s.sample("", 200, 5, 0.8, new Rng(7));
        assertEquals(one, two);
        assertEquals(5, one.chars().filter(c -> c == '\n').count(), one);
        assertNotEquals(one, s.sample("", 200, 5, 0.8, new Rng(8)));
        String greedy = s.sample("ma", 30, 100, 0, new Rng(1));
        assertEquals(greedy, s.sample("ma", 30, 100, 0, new Rng(2)), "temperature 0 takes the most likely character");
        assertEquals(11, s.unitValues("maria\njosé\n", s.recurrentModules()[0], 3).length, "a value per character");
    }

    /** A names model travels as JSON, binary and a link (8-bit too), makes up the same names, and trains on to the same weights. */
    @Test
    void aNamesModelTravelsInEveryForm() throws Exception {
        Experiment ex = Experiment.load(Settings.of("data=names&layers=gru6&window=10&opt=adam&lr=0.02&batch=32&seed=4", '&'));
        ex.trainer.stepEpoch();
        String hash = WeightsHash.of(ex.model.network);
        String names = new TextSampler(ex.model).sample("", 300, 6, 1, new Rng(1));
        for (Model m : new Model[] {ModelJson.read(ModelJson.write(ex.model)), ModelBinary.read(ModelBinary.write(ex.model)),
                ModelLink.read("m=" + ModelLink.payload(ex.model))}) {
            assertEquals(hash, WeightsHash.of(m.network));
            assertArrayEquals(ex.model.classes, m.classes);
            assertEquals(names, new TextSampler(m).sample("", 300, 6, 1, new Rng(1)));
            Experiment again = Experiment.load(m.settings).adopt(m);
            again.trainer.stepEpoch();
            Experiment twice = Experiment.load(m.settings).adopt(m);
            twice.trainer.stepEpoch();
            assertEquals(WeightsHash.of(again.model.network), WeightsHash.of(twice.model.network));
        }
        Model eight = ModelLink.read("m=" + ModelLink.payload(ex.model, 8));
        assertEquals(6, new TextSampler(eight).sample("", 300, 6, 1, new Rng(1)).chars().filter(c -> c == '\n').count());
    }

    /** The explorer on a text net: the symbols one-hot, the LSTM through time, the per-step dense output; the check and the batch view hold. */
    @Test
    void theExplorerTakesATextNet() throws Exception {
        Experiment ex = Experiment.load(Settings.of("data=names&layers=lstm5&window=6&epochs=1&seed=2", '&'));
        var e = studio.backprop.engine.train.Explain.of(ex.model.network, ex.loss, ex.trainX[0], ex.trainY[0], 0.03);
        assertEquals(List.of("onehot", "recurrent", "stepdense"), java.util.Arrays.stream(e.layers).map(l -> l.kind).toList());
        assertEquals("stepsoftmax", e.layers[2].activation);
        assertEquals(6 * 5, e.layers[1].time.dLdhOwn.length);
        for (double c : studio.backprop.engine.train.Explain.gradientCheck(ex.model.network, ex.loss, ex.trainX[0], ex.trainY[0], 200)) assertTrue(c < 1e-5, "check " + c);
        var batch = studio.backprop.engine.train.Explain.batch(ex.model.network, ex.loss, java.util.Arrays.copyOf(ex.trainX, 4), java.util.Arrays.copyOf(ex.trainY, 4), false);
        assertEquals(5, batch.m);
        assertTrue(batch.maxDifference < 1e-12, "the batch is the sum of its samples: " + batch.maxDifference);
    }

    @Test
    void whatDoesNotFitATextIsNamed() throws Exception {
        String base = "data=names&window=8&epochs=1";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.load(Settings.of(base + "&layers=conv4x3", '&')))
                .getMessage().contains("layer 1 'conv4x3' does not fit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.load(Settings.of(base + "&layers=lstm4&loss=mse", '&')))
                .getMessage().contains("stepce"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.load(Settings.of(base + "&layers=lstm4&norm=standard", '&')))
                .getMessage().contains("symbols"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.load(Settings.of("data=iris&loss=stepce", '&')))
                .getMessage().contains("stepce is the loss of a text"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.load(Settings.of("data=names&window=500", '&')))
                .getMessage().contains("window must be"));
    }
}
