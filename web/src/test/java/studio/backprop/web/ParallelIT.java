package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/**
 * Data-parallel training in the page: pause at any moment (a batch may be out on a helper) and
 * step an epoch by hand, and the weights are still the JVM's after the same number of samples.
 */
class ParallelIT {
    @Test
    void pauseAndStepWhileBatchesAreOutOnHelpers() throws Exception {
        String query = "data=mnist&layers=48&act=relu&opt=momentum&lr=0.01&batch=64&workers=2&seed=3";
        for (String backend : new String[] {"js", "wasm"}) {
            try (Browser b = Browser.pooled()) {
                b.open("?backend=" + backend + "#" + query);
                b.waitUpTo(30).until(d -> "2".equals(b.byTestId("throughput").getAttribute("data-workers")));
                int train = Integer.parseInt(b.text("sizes").split(" train")[0].replaceAll("[^0-9]", ""));
                b.byTestId("play").click();
                b.waitUpTo(30).until(d -> samples(b) >= 1000);
                b.byTestId("play").click(); // pause, whatever is in flight
                b.byTestId("step-epoch").click();
                // samples and hash are read in one go: the step may still be on its way when the pause lands on
                // an epoch's end, and a hash read a moment later is then from further on (it failed once so)
                String[] at = new String[2];
                b.waitUpTo(30).until(d -> {
                    List<String> v = b.values("status", "epoch@data-samples", "weights-hash");
                    long s = v.get(1).isEmpty() ? 0 : (long) Double.parseDouble(v.get(1));
                    at[0] = Long.toString(s);
                    at[1] = v.get(2);
                    return "paused".equals(v.get(0)) && s > 1000 && s % train == 0;
                });
                long samples = Long.parseLong(at[0]);
                Experiment ex = Experiment.load(Settings.of(query, '&'));
                while (ex.trainer.samples() < samples) ex.trainer.step();
                assertEquals(samples, ex.trainer.samples());
                assertEquals(WeightsHash.of(ex.model.network), at[1], backend + " after " + samples + " samples");
            }
        }
    }

    private static long samples(Browser b) {
        String v = b.byTestId("epoch").getAttribute("data-samples");
        return v == null || v.isEmpty() ? 0 : (long) Double.parseDouble(v);
    }
}
