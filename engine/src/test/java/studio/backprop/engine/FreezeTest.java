package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.nn.Param;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/** Frozen layers keep their weights while the others train; the setting travels with the model. */
class FreezeTest {
    private static List<double[][]> copies(Experiment ex) {
        List<double[][]> out = new ArrayList<>();
        for (Param p : ex.model.network.params()) {
            double[][] c = new double[p.value.length][];
            for (int r = 0; r < c.length; r++) c[r] = p.value[r].clone();
            out.add(c);
        }
        return out;
    }

    private static boolean same(double[][] a, double[][] b) {
        for (int r = 0; r < a.length; r++) if (!java.util.Arrays.equals(a[r], b[r])) return false;
        return true;
    }

    @Test
    void aFrozenLayerKeepsItsWeightsAndTheOthersTrain() throws Exception {
        // conv net: layer 1 conv (W, W0), 2 pool (none), 3 dense, then out: params [conv W, W0, dense W, W0, out W, W0]
        Experiment ex = Experiment.load(Settings.of("data=digits layers=conv4x3,pool2,12 act=relu opt=adam lr=0.01 freeze=1,out", ' '));
        List<double[][]> before = copies(ex);
        for (int e = 0; e < 3; e++) ex.trainer.stepEpoch();
        List<double[][]> after = copies(ex);
        boolean[] expectFrozen = {true, true, false, false, true, true};
        for (int i = 0; i < expectFrozen.length; i++) {
            assertEquals(expectFrozen[i], same(before.get(i), after.get(i)), "parameter " + i + (expectFrozen[i] ? " is frozen" : " trains"));
        }
        // the same seed without freeze trains every layer to other weights
        Experiment free = Experiment.load(Settings.of("data=digits layers=conv4x3,pool2,12 act=relu opt=adam lr=0.01", ' '));
        for (int e = 0; e < 3; e++) free.trainer.stepEpoch();
        assertNotEquals(WeightsHash.of(free.model.network), WeightsHash.of(ex.model.network));
        // the link carries the setting: the opened model trains on with the same layers frozen
        assertEquals("1,out", ModelLink.read(ModelLink.payload(ex.model)).settings.get("freeze"));
    }

    @Test
    void aNumberThatNamesNoLayerWithWeightsIsAnError() {
        String[][] cases = {
            {"2", "freeze: layer 2 (pool2) has no weights"},
            {"5", "freeze: there is no layer 5 (the hidden layers are 1 to 3, then out)"},
            {"x", "freeze: 'x' is no layer number (1 to 3, or out)"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Experiment.load(Settings.of("data=digits layers=conv4x3,pool2,12 freeze=" + c[0], ' ')));
            assertEquals(c[1], e.getMessage());
        }
    }
}
