package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringReader;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelJson;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/**
 * Model files and links made by an earlier build (fixtures/, with what they gave then in
 * expected.properties): every form still opens to the same weights, predicts the same bits and
 * keeps training to the same weights. 2-D sets, tables, image sets and an uploaded file.
 */
class FixturesTest {
    static final String FRUIT = ResumeTest.FRUIT;

    static Properties expected() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(Fixtures.text("fixtures/expected.properties")));
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"spiral", "moons", "plane", "iris", "cancer", "digits", "mnist", "fruit"})
    void everyFormOpensPredictsAndKeepsTrainingAsBefore(String name) throws Exception {
        Properties want = expected();
        Model json = ModelJson.read(Fixtures.text("fixtures/" + name + ".json"));
        Model binary = ModelBinary.read(Fixtures.bytes("fixtures/" + name + ".bpsm"));
        Model link = ModelLink.read(Fixtures.text("fixtures/" + name + ".link").trim());
        // a regression from before targets were scaled opens as one that does not scale them
        Settings settings = Settings.of(want.getProperty(name + ".settings"), '&');
        if (json.classes.length == 0) settings.set("ynorm", "none");
        // and every fixture predates math versions: it trained with version 1's exp, tanh and sigmoid
        settings.set("math", "1");
        for (Model m : new Model[] {json, binary, link}) {
            assertEquals(want.getProperty(name + ".hash"), WeightsHash.of(m.network), name);
            assertEquals(settings.asMap(), m.settings.asMap(), name);
        }
        // today's writer gives the earlier build's bytes: the binary form (and so the link) has not changed
        assertArrayEquals(Fixtures.bytes("fixtures/" + name + ".bpsm"), ModelBinary.write(binary), name);
        assertArrayEquals(Fixtures.bytes("fixtures/" + name + ".bpsm"), ModelBinary.write(json), name + " from JSON");
        Model small = ModelLink.read(Fixtures.text("fixtures/" + name + "-8bit.link").trim());
        assertEquals(want.getProperty(name + ".hash8"), WeightsHash.of(small.network), name + " 8-bit");

        for (Model m : new Model[] {json, binary, link}) {
            Experiment ex = reopen(m);
            assertEquals(want.getProperty(name + ".hash"), WeightsHash.of(ex.model.network), name);
            assertEquals(want.getProperty(name + ".predict"), bits(m.predict(Arrays.copyOf(ex.test.x, 3))), name);
            for (int i = 0; i < 3; i++) ex.trainer.stepEpoch();
            assertEquals(want.getProperty(name + ".trained3"), WeightsHash.of(ex.model.network), name + " after 3 more epochs");
        }
    }

    /**
     * A model records its math version: today's round-trips through every form, and the same
     * weights with version 2's functions predict other bits (so the fixtures above do check that
     * version 1 is kept).
     */
    @Test
    void mathVersionTravelsWithTheModel() throws Exception {
        Model old = ModelLink.read(Fixtures.text("fixtures/spiral.link").trim());
        Settings today = old.settings.copy().set("math", Integer.toString(Det.MATH));
        Experiment ex = Experiment.load(today);
        assertTrue(ex.takeWeights(old));
        for (Model m : new Model[] {ModelJson.read(ModelJson.write(ex.model)), ModelBinary.read(ModelBinary.write(ex.model)),
                ModelLink.read(ModelLink.payload(ex.model))}) {
            assertEquals(Integer.toString(Det.MATH), m.settings.get("math"));
        }
        assertNotEquals(expected().getProperty("spiral.predict"), bits(ex.model.predict(Arrays.copyOf(ex.test.x, 3))));
    }

    /** The 64-bit form (version 1), as models were written before weights were stored as floats. */
    @ParameterizedTest
    @ValueSource(strings = {"spiral-v1.bpsm"})
    void version1BinaryOpens(String file) throws Exception {
        Model m = ModelBinary.read(Fixtures.bytes("fixtures/" + file));
        assertEquals(expected().getProperty("spiral.hash"), WeightsHash.of(m.network));
    }

    /** What the studio does with an opened model: rebuild its run from its settings (or its file), take its weights. */
    static Experiment reopen(Model m) throws Exception {
        if (m.settings.get("data").equals("fruit.csv")) return Experiment.resume(m, FRUIT);
        // as the studio opens a link or a file: the model's weights and its own normalisation on today's data
        return Experiment.load(m.settings).adopt(m);
    }

    private static String bits(double[][] rows) {
        StringBuilder sb = new StringBuilder();
        for (double[] row : rows) for (double v : row) sb.append(sb.length() > 0 ? "," : "").append(Long.toHexString(Double.doubleToRawLongBits(v)));
        return sb.toString();
    }
}
