package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.nn.Param;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;
import studio.backprop.engine.train.Trainer;

class TrainerTest {
    private static Experiment spiral(String... kv) throws Exception {
        Settings s = new Settings();
        for (int i = 0; i < kv.length; i += 2) s.set(kv[i], kv[i + 1]);
        return Experiment.create(s, null);
    }

    @Test
    void sameSeedGivesTheSameWeightsAndAnotherSeedDoesNot() throws Exception {
        Experiment a = spiral("opt", "adam"), b = spiral("opt", "adam"), c = spiral("opt", "adam", "seed", "2");
        for (int i = 0; i < 3; i++) {
            a.trainer.stepEpoch();
            b.trainer.stepEpoch();
            c.trainer.stepEpoch();
        }
        assertEquals(WeightsHash.of(a.model.network), WeightsHash.of(b.model.network));
        assertNotEquals(WeightsHash.of(a.model.network), WeightsHash.of(c.model.network));
    }

    @Test
    void stepsByBatchEpochAndSamplesAgree() throws Exception {
        Experiment byEpoch = spiral(), byBatch = spiral(), bySamples = spiral();
        byEpoch.trainer.stepEpoch();
        while (!byBatch.trainer.step()) { }
        while (!bySamples.trainer.stepSamples(7)) { }
        assertEquals(1, byEpoch.trainer.epoch());
        assertEquals(250, byEpoch.trainer.samples());
        String h = WeightsHash.of(byEpoch.model.network);
        assertEquals(h, WeightsHash.of(byBatch.model.network));
        assertEquals(h, WeightsHash.of(bySamples.model.network));
    }

    @Test
    void divergenceKeepsTheWeightsOfTheLastGoodStep() throws Exception {
        Experiment ex = spiral("lr", "100", "act", "relu", "loss", "mse", "layers", "32,32");
        Trainer t = ex.trainer;
        double[][][] before = null;
        for (int i = 0; i < 10_000 && t.status() == Trainer.Status.RUNNING; i++) {
            before = copy(ex);
            t.step();
        }
        assertEquals(Trainer.Status.DIVERGED, t.status());
        double[][][] after = copy(ex);
        for (int p = 0; p < before.length; p++) for (int r = 0; r < before[p].length; r++) assertArrayEquals(before[p][r], after[p][r]);
        assertFalse(t.step());
    }

    private static double[][][] copy(Experiment ex) {
        var ps = ex.model.network.params();
        double[][][] out = new double[ps.size()][][];
        for (int i = 0; i < out.length; i++) {
            Param p = ps.get(i);
            out[i] = new double[p.value.length][];
            for (int r = 0; r < p.value.length; r++) out[i][r] = p.value[r].clone();
        }
        return out;
    }

    @Test
    void badSettingsGetClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spiral("lr", "fast"));
        assertEquals("lr must be a number from 0 to 100, got 'fast'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> spiral("split", "1.5"));
        assertEquals("split must be a number from 0.01 to 0.99, got '1.5'", e.getMessage());
        Settings slow = new Settings();
        slow.set("speed", "0");
        e = assertThrows(IllegalArgumentException.class, slow::epochsPerSecond);
        assertEquals("speed must be a number from 0.1 to 1000000, got '0'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> spiral("layers", "8,0"));
        assertEquals("layer 2 of '8,0' is '0': a dense layer is its number of units, a whole number from 1 to 1024 (other layers: convFxK, poolK, dropP, rnnN, gruN, lstmN)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> spiral("layers", "8,x8,4"));
        assertEquals("layer 2 of '8,x8,4' is 'x8': a dense layer is its number of units, a whole number from 1 to 1024 (other layers: convFxK, poolK, dropP, rnnN, gruN, lstmN)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> spiral("act", "relu,tanh,relu"));
        assertEquals("act lists 3 activations for 2 layers", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> spiral("act", "swish"));
        assertTrue(e.getMessage().startsWith("unknown activation 'swish'"));
    }
}
