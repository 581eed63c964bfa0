package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import studio.backprop.engine.data.Drawn;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/** Points drawn on the plane: their text, the data set they make, and a model that carries them. */
class DrawnTest {
    @Test
    void pointsRoundTripOnTheGridAndBadTextIsNamed() {
        double[][] points = {{-6, -6, 0}, {6, 6, 1}, {0.04, -0.06, 1}, {1.26, 3.3, 0}, {-7, 9, 1}};
        String text = Drawn.format(points);
        assertEquals(15, text.length(), "three characters a point");
        assertArrayEquals(new double[][] {{-6, -6, 0}, {6, 6, 1}, {0, -0.1, 1}, {1.3, 3.3, 0}, {-6, 6, 1}}, Drawn.parse(text),
                "snapped to tenths and to the plane");
        assertEquals(text, Drawn.format(Drawn.parse(text)));
        assertEquals(6, Drawn.parse("").length, "the empty text is the starter set");
        assertThrows(IllegalArgumentException.class, () -> Drawn.parse("AB"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Drawn.parse("AB*")).getMessage().contains("'*'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Drawn.dataSet(Drawn.format(new double[][] {{1, 1, 1}})))
                .getMessage().contains("at least 2 points"));
    }

    @Test
    void aDrawingTrainsAndTravelsInItsModel() throws Exception {
        double[][] points = new double[40][];
        for (int i = 0; i < 40; i++) points[i] = new double[] {(i % 10) - 5, (i / 10) - 2, i % 10 < 5 ? 0 : 1};
        String query = "data=draw&points=" + Drawn.format(points) + "&layers=4&opt=adam&lr=0.03&split=0.8";
        Experiment ex = Experiment.create(Settings.of(query, '&'), null);
        assertEquals(32, ex.train.size());
        for (int e = 0; e < 100; e++) ex.trainer.stepEpoch();
        assertTrue(ex.evaluate().test.accuracy >= 0.85, "left half against right half: " + ex.evaluate().test.accuracy);
        var back = ModelLink.read(ModelLink.payload(ex.model));
        assertEquals(Drawn.format(points), back.settings.get("points"), "the link holds the points");
        assertEquals(WeightsHash.of(ex.model.network), WeightsHash.of(back.network));
        Experiment again = Experiment.create(back.settings.copy().set("epochs", ""), null);
        assertEquals(ex.train.size(), again.train.size());
    }
}
