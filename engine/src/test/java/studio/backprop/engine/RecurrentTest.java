package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.nn.GRU;
import studio.backprop.engine.nn.LSTM;
import studio.backprop.engine.nn.LayerSpec;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.Modules;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Param;
import studio.backprop.engine.nn.RNN;
import studio.backprop.engine.nn.Shape;
import studio.backprop.engine.data.Series;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelJson;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.Tfjs;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/**
 * The recurrent modules through time: backward and weight grad against finite differences over
 * several steps (every step's state out, or the last one's), the gradient kept from weight grad
 * equal to the one computed afresh, and the grammar's layers built and refused.
 */
class RecurrentTest {
    private static Module[] modules(int inputs, int hidden, int steps, boolean sequences) {
        return new Module[] {new RNN(inputs, hidden, steps, sequences, false), new RNN(inputs, hidden, steps, sequences, true),
            new GRU(inputs, hidden, steps, sequences), new LSTM(inputs, hidden, steps, sequences)};
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void backwardThroughTimeAgreesWithFiniteDifferences(boolean sequences) {
        Rng rng = new Rng(sequences ? 3 : 4);
        for (int trial = 0; trial < 3; trial++) {
            int inputs = 1 + rng.nextInt(3), hidden = 1 + rng.nextInt(4), steps = 2 + rng.nextInt(5), batch = 1 + rng.nextInt(3);
            for (Module m : modules(inputs, hidden, steps, sequences)) {
                for (Param p : m.params()) for (double[] r : p.value) for (int c = 0; c < r.length; c++) r[c] = rng.uniform(-0.8, 0.8);
                GradientCheckTest.check(m, batch, steps * inputs, rng);
            }
        }
    }

    /** Network.backward calls weight grad first: backward then reuses its pass; it must give what a fresh pass gives. */
    @Test
    void theGradientKeptFromWeightGradIsTheFreshOne() {
        Rng rng = new Rng(9);
        for (Module m : modules(2, 3, 6, true)) {
            for (Param p : m.params()) for (double[] r : p.value) for (int c = 0; c < r.length; c++) r[c] = rng.uniform(-0.8, 0.8);
            Mat u = GradientCheckTest.random(4, 12, rng, 1.5), g = GradientCheckTest.random(4, m.outputSize(12), rng, 1);
            Mat v = new Mat(4, m.outputSize(12)), fresh = new Mat(4, 12), kept = new Mat(4, 12);
            m.forward(u, v);
            m.backward(u, v, g, fresh);
            m.weightGrad(u, g);
            m.backward(u, v, g, kept);
            for (int i = 0; i < 4; i++) assertArrayEquals(fresh.row[i], kept.row[i], m.kind());
        }
    }

    /**
     * The explorer through time: each step's gates are the functions of its pre-activations, h_t
     * follows from them, dL/dh_t is the step's own part plus what step t + 1 sends back (RNN:
     * Wh dL/da_{t+1}), dL/dW is the sum over the steps of x_t dL/da_t^T, and the gradient check
     * covers W and Wh.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rnn4", "gru3", "lstm3"})
    void theExplorerUnrollsARecurrentLayerWithTheEnginesNumbers(String layers) throws Exception {
        Experiment ex = Experiment.load(Settings.of("data=sines&layers=" + layers + "&window=5&opt=adam&lr=0.01&seed=6", '&'));
        ex.trainer.stepEpoch();
        var e = studio.backprop.engine.train.Explain.of(ex.model.network, ex.loss, ex.trainX[3], ex.trainY[3], 0.01);
        assertEquals("recurrent", e.layers[0].kind);
        var tr = e.layers[0].time;
        int H = tr.hidden, T = tr.steps, D = tr.inputs, width = tr.gates * H;
        assertEquals(layers.substring(0, layers.length() - 1), tr.cell);
        for (int t = 0; t < T; t++) {
            for (int j = 0; j < H; j++) {
                double a0 = tr.a[t * width + j];
                if (tr.cell.equals("rnn")) assertEquals(studio.backprop.engine.math.Det.tanh(a0), tr.h[(t + 1) * H + j], 0.0);
                else if (tr.cell.equals("gru")) assertEquals(studio.backprop.engine.math.Det.sigmoid(a0), tr.state[t * 4 * H + j], 0.0, "z");
                else {
                    int at = t * 6 * H;
                    assertEquals(studio.backprop.engine.math.Det.sigmoid(a0), tr.state[at + j], 0.0, "i");
                    assertEquals(studio.backprop.engine.math.Det.tanh(tr.a[t * width + 2 * H + j]), tr.state[at + 2 * H + j], 0.0, "g");
                    assertEquals(tr.state[at + 3 * H + j] * tr.state[at + 5 * H + j], tr.h[(t + 1) * H + j], 0.0, "h = o tanh(c)");
                }
            }
        }
        // the last step's state goes on (one output per window): only it gets the output's gradient
        for (int t = 0; t < T - 1; t++) for (int j = 0; j < H; j++) assertEquals(0.0, tr.dLdhOwn[t * H + j]);
        for (int j = 0; j < H; j++) assertEquals(tr.dLdhOwn[(T - 1) * H + j], tr.dLdh[(T - 1) * H + j], 0.0);
        if (tr.cell.equals("rnn")) {
            for (int t = 0; t < T - 1; t++) {
                for (int k = 0; k < H; k++) {
                    double back = 0;
                    for (int j = 0; j < width; j++) back += tr.wh[k * width + j] * tr.dLda[(t + 1) * width + j];
                    assertEquals(tr.dLdhOwn[t * H + k] + back, tr.dLdh[t * H + k], 1e-15);
                }
            }
        }
        for (int k = 0; k < D; k++) {
            for (int j = 0; j < width; j++) {
                double sum = 0;
                for (int t = T - 1; t >= 0; t--) sum += tr.x[t * D + k] * tr.dLda[t * width + j];
                assertEquals(sum, tr.dLdW[k * width + j], 1e-15 + 1e-12 * Math.abs(sum), "dL/dW is the sum over the steps");
            }
        }
        double[] check = studio.backprop.engine.train.Explain.gradientCheck(ex.model.network, ex.loss, ex.trainX[3], ex.trainY[3], 400);
        assertEquals(3, check.length, "W and Wh of the recurrent layer, W of the output");
        for (double c : check) assertTrue(c < 1e-5, java.util.Arrays.toString(check));
    }

    /** A series model goes through every model form and predicts the same (ONNX: OnnxRuntimeTest, TF.js: TfjsTest). */
    @Test
    void aRecurrentModelTravelsInEveryForm() throws Exception {
        Experiment ex = Experiment.load(Settings.of("data=damped&layers=gru5,lstm4,3&window=9&horizon=2&opt=adam&lr=0.01&seed=2", '&'));
        assertEquals(List.of("t+1", "t+2"), List.of(ex.model.targetNames));
        ex.trainer.stepEpoch();
        ex.trainer.stepEpoch();
        String hash = WeightsHash.of(ex.model.network);
        double[][] want = ex.model.predict(java.util.Arrays.copyOf(ex.test.x, 5));
        for (Model m : new Model[] {ModelJson.read(ModelJson.write(ex.model)), ModelBinary.read(ModelBinary.write(ex.model)),
                ModelLink.read("m=" + ModelLink.payload(ex.model))}) {
            assertEquals(hash, WeightsHash.of(m.network));
            for (int i = 0; i < 5; i++) assertArrayEquals(want[i], m.predict(new double[][] {ex.test.x[i]})[0]);
            // and it trains on as the run would
            Experiment again = Experiment.load(m.settings).adopt(m), twice = Experiment.load(m.settings).adopt(m);
            again.trainer.stepEpoch();
            twice.trainer.stepEpoch();
            assertEquals(WeightsHash.of(again.model.network), WeightsHash.of(twice.model.network));
            assertNotEquals(hash, WeightsHash.of(again.model.network));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tfjs.write(ex.model)).getMessage().contains("TF.js's GRU resets before"));
    }

    /** Clipping by global norm scales a long gradient to the clip's length, counts the batches it acted on, and is the same every run. */
    @Test
    void clippingScalesLongGradientsDown() throws Exception {
        String base = "data=wave&layers=rnn8&window=25&opt=sgd&lr=0.05&batch=8&seed=3";
        Experiment free = Experiment.load(Settings.of(base, '&')), clipped = Experiment.load(Settings.of(base + "&clip=0.5", '&'));
        free.trainer.stepEpoch();
        clipped.trainer.stepEpoch();
        assertEquals(0, free.trainer.clipped);
        assertTrue(clipped.trainer.clipped > 0, "some batches are clipped");
        assertNotEquals(WeightsHash.of(free.model.network), WeightsHash.of(clipped.model.network));
        Experiment again = Experiment.load(Settings.of(base + "&clip=0.5", '&'));
        again.trainer.stepEpoch();
        assertEquals(WeightsHash.of(clipped.model.network), WeightsHash.of(again.model.network));
        // one batch: the gradient the update took has the clip's length
        Experiment one = Experiment.load(Settings.of(base + "&clip=0.5&batch=1000", '&'));
        one.trainer.step();
        double sum = 0;
        for (studio.backprop.engine.nn.Param p : one.model.network.params()) for (double[] r : p.grad) for (double g : r) sum += g * g;
        assertEquals(0.5, Math.sqrt(sum), 1e-9);
    }

    /** The test part is the later part of the series: no window of it is trained on. */
    @Test
    void aSeriesSplitsInTimeOrder() throws Exception {
        Experiment ex = Experiment.load(Settings.of("data=saw&layers=rnn4&window=10&split=0.8", '&'));
        assertEquals(Math.round(0.8 * (Series.LENGTH - 10)), ex.train.size());
        double[] values = Series.values("saw", Series.LENGTH, 0, new studio.backprop.engine.math.Rng(1));
        assertArrayEquals(java.util.Arrays.copyOfRange(values, 0, 10), ex.train.x[0]);
        int first = ex.train.size();
        assertArrayEquals(java.util.Arrays.copyOfRange(values, first, first + 10), ex.test.x[0]);
        assertEquals(values[first + 10], ex.test.y[0][0]);
        assertEquals("10\u00d71", ex.inputShape.toString());
    }

    /** A CSV's column as a series: in the order of its date column (the file's rows shuffled), missing values left out. */
    @Test
    void aCsvColumnIsASeriesInDateOrder() throws Exception {
        java.util.List<String> rows = new java.util.ArrayList<>();
        double[] values = new double[120];
        for (int d = 0; d < 120; d++) {
            values[d] = Math.round(100 * Math.sin(d / 5.0)) / 100.0;
            java.time.LocalDate day = java.time.LocalDate.of(2024, 1, 1).plusDays(d);
            rows.add(day + ",shop" + (d % 3) + "," + values[d]);
        }
        rows.add("2024-12-31,shop0,");
        java.util.Collections.shuffle(rows, new java.util.Random(7));
        String csv = "day,shop,sales\n" + String.join("\n", rows) + "\n";
        Experiment ex = Experiment.create(Settings.of("data=sales.csv&series=sales&window=6&layers=gru4&split=0.75", '&'), csv);
        assertEquals(120 - 6, ex.train.size() + ex.test.size());
        assertArrayEquals(java.util.Arrays.copyOfRange(values, 0, 6), ex.train.x[0]);
        assertEquals(values[6], ex.train.y[0][0]);
        assertEquals("6\u00d71", ex.inputShape.toString());
        ex.trainer.stepEpoch();
        // a model of it reopens on the same file as a link's model does
        Model m = ModelLink.read("m=" + ModelLink.payload(ex.model));
        assertEquals(WeightsHash.of(ex.model.network), WeightsHash.of(Experiment.resume(m, csv).model.network));
        {
            studio.backprop.engine.data.CsvException bad = assertThrows(studio.backprop.engine.data.CsvException.class,
                    () -> Experiment.create(Settings.of("data=sales.csv&series=shop&window=6", '&'), csv));
            assertTrue(bad.getMessage().contains("the series 'shop' has 'shop"), bad.getMessage());
        }
        assertTrue(assertThrows(studio.backprop.engine.data.CsvException.class,
                () -> Experiment.create(Settings.of("data=sales.csv&series=price", '&'), csv)).getMessage().contains("no column named 'price'"));
    }

    @Test
    void theGrammarBuildsStackedLayersAndNamesWhatDoesNotFit() {
        List<LayerSpec> specs = LayerSpec.parse("lstm8,gru6,rnn4,5", "relu");
        assertEquals("lstm8,gru6,rnn4,5", String.join(",", LayerSpec.format(specs, "relu")[0]));
        Network net = Network.build(Shape.sequence(10, 2), specs, 1, "identity");
        List<Module> ms = net.modules();
        assertEquals(List.of(Modules.LSTM, Modules.GRU, Modules.RNN, Modules.LINEAR, "relu", Modules.LINEAR, "identity"),
                ms.stream().map(Module::kind).collect(java.util.stream.Collectors.toList()));
        assertEquals(80, ms.get(0).outputSize(20), "the first hands every step on");
        assertEquals(4, ms.get(2).outputSize(60), "the last recurrent layer hands on its last step");
        assertEquals(4 * (2 * 8 + 8 * 8 + 8) + 3 * (8 * 6 + 6 * 6 + 6) + (6 * 4 + 4 * 4 + 4) + 4 * 5 + 5 + 5 + 1, net.parameterCount());

        IllegalArgumentException image = assertThrows(IllegalArgumentException.class,
                () -> Network.build(new Shape(1, 28, 28), LayerSpec.parse("lstm8", "relu"), 10, "softmax"));
        assertEquals("layer 1 'lstm8' does not fit: a recurrent layer needs a sequence (a series), and gets an image of 28\u00d728\u00d71", image.getMessage());
        IllegalArgumentException table = assertThrows(IllegalArgumentException.class,
                () -> Network.build(Shape.flat(4), LayerSpec.parse("8,gru8", "relu"), 3, "softmax"));
        assertTrue(table.getMessage().startsWith("layer 2 'gru8' does not fit"), table.getMessage());
        IllegalArgumentException conv = assertThrows(IllegalArgumentException.class,
                () -> Network.build(Shape.sequence(10, 1), LayerSpec.parse("conv4x3", "relu"), 1, "identity"));
        assertTrue(conv.getMessage().contains("needs image inputs, and gets a sequence of 10 steps"), conv.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse("lstm0", "relu")).getMessage().contains("lstm0"));
        // the activation list counts only the layers that take one
        assertEquals(2, LayerSpec.parse("gru8,8,4", "tanh,relu").size() - 1);
    }
}
