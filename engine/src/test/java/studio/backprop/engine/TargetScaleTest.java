package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.backprop.engine.cli.Main;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelJson;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.train.EpochReport;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;
import studio.backprop.engine.train.Trainer;

/**
 * A regression on a real-world scale (house prices in the 100,000s): the network learns the
 * targets standardised, so the defaults train it, while its predictions, RMSE and every model
 * form stay in the target's units.
 */
class TargetScaleTest {
    /** price = 150 sqft + 20,000 rooms + 50,000 + noise (deviation 20,000). */
    static String houses(int rows) {
        Rng rng = new Rng(11);
        StringBuilder sb = new StringBuilder("sqft,rooms,price\n");
        for (int i = 0; i < rows; i++) {
            double sqft = Math.round(rng.uniform(500, 3500)), rooms = 1 + rng.nextInt(6);
            double noise = 20_000 * (rng.uniform(-1, 1) + rng.uniform(-1, 1) + rng.uniform(-1, 1));
            sb.append(String.format(Locale.ROOT, "%.0f,%.0f,%.0f%n", sqft, rooms, 150 * sqft + 20_000 * rooms + 50_000 + noise));
        }
        return sb.toString();
    }

    static Experiment train(String settings, String csv, int epochs) throws Exception {
        Experiment ex = Experiment.create(Settings.of("data=houses.csv " + settings, ' '), csv);
        for (int i = 0; i < epochs && ex.trainer.status() == Trainer.Status.RUNNING; i++) ex.trainer.stepEpoch();
        return ex;
    }

    @Test
    void pricesTrainWithTheDefaultsAndArePredictedInTheirUnits() throws Exception {
        String csv = houses(400);
        Experiment ex = train("", csv, 40);
        EpochReport r = ex.evaluate();
        assertEquals(Trainer.Status.RUNNING, ex.trainer.status());
        assertTrue(r.test.r2 > 0.9, "R^2 " + r.test.r2);
        // the noise's deviation is 20,000: the RMSE is in price units, near it
        assertTrue(r.test.rmse > 15_000 && r.test.rmse < 40_000, "RMSE " + r.test.rmse);
        double mean = 0;
        for (double[] y : ex.train.y) mean += y[0] / ex.train.y.length;
        assertEquals(mean, ex.model.targets.shift[0], 1e-6 * mean, "the targets' mean, fitted on the training part");
        double[] predicted = ex.model.predict(new double[][] {{2000, 3}})[0];
        assertEquals(150 * 2000 + 60_000 + 50_000, predicted[0], 50_000, "a 2,000 sqft house with 3 rooms (within 2.5 noise deviations)");

        // without the scaling the same run diverges (or learns nothing), which is what users met
        Experiment raw = train("ynorm=none", csv, 40);
        assertTrue(raw.trainer.status() == Trainer.Status.DIVERGED || !(raw.evaluate().test.r2 > 0.5),
                "unscaled: " + raw.trainer.status() + " R^2 " + raw.evaluate().test.r2);
    }

    @Test
    void everyModelFormKeepsTheScaling() throws Exception {
        Experiment ex = train("layers=4", houses(200), 5);
        Model m = ex.model;
        double[][] rows = Arrays.copyOf(ex.test.x, 5);
        double[][] want = m.predict(rows);
        for (Model back : new Model[] {ModelJson.read(ModelJson.write(m)), ModelBinary.read(ModelBinary.write(m)),
                ModelLink.read("#m=" + ModelLink.payload(m))}) {
            assertArrayEquals(m.targets.shift, back.targets.shift);
            assertArrayEquals(m.targets.scale, back.targets.scale);
            for (int i = 0; i < rows.length; i++) assertArrayEquals(want[i], back.predict(rows)[i]);
        }
        // reopened as the studio does (its settings rebuilt, its weights taken), it keeps training the same
        Experiment again = Experiment.create(m.settings, houses(200));
        assertTrue(again.takeWeights(m));
        assertArrayEquals(m.targets.scale, again.model.targets.scale);
    }

    @Test
    void theCommandLinePredictsPrices(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("houses.csv"), model = dir.resolve("houses.bpsm");
        Files.writeString(data, houses(400));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"train", "--data=" + data, "--epochs=40", "--quiet", "--out=" + model},
                new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(0, code, err.toString());
        double r2 = Double.parseDouble(out.toString().replaceAll("(?s).*\"testR2\":([0-9.eE-]+).*", "$1"));
        assertTrue(r2 > 0.9, out.toString());
        out.reset();
        code = Main.run(new String[] {"predict", "--model=" + model, "--values=2000,3"}, new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().trim().split("\n");
        assertEquals(410_000, Double.parseDouble(lines[lines.length - 1].split(",")[0]), 50_000, out.toString());
    }
}
