package studio.backprop.engine.train;

import java.util.List;
import java.util.function.Supplier;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Param;

/**
 * On the JVM: the parts of each batch (see {@link Parts}) computed at the same time on threads,
 * as the browser computes them on workers. Part 0 runs on the calling thread with the trainer's
 * network; part k on a thread of its own with a replica network that reads the trainer's weights
 * (they change only between batches, when the parts are done). Then the threads share the rest
 * of the batch by ranges of parameter rows: adding the parts' gradients (in part order, as
 * always), regularisation, the checks and the update. So the weights are the ones the parts give
 * computed one after another, and the ones N browser workers give.
 */
public final class PartThreads implements Trainer.PartRunner, AutoCloseable {
    private final Trainer trainer;
    private final Crew crew;
    private final Network[] replicas;
    private final ParamRows rows;
    /** The first parameter row of each thread's range, and then the row count. */
    private final int[] starts;

    /** @param replica makes a network of the trainer's architecture (its weights are overwritten) */
    private PartThreads(Trainer trainer, Supplier<Network> replica) {
        this.trainer = trainer;
        int parts = trainer.parts;
        crew = new Crew(parts, "part");
        replicas = new Network[parts];
        List<Param> own = trainer.network().params();
        rows = trainer.paramRows();
        starts = new int[parts + 1];
        for (int k = 0; k <= parts; k++) starts[k] = rows.start(k, parts);
        for (int k = 1; k < parts; k++) {
            replicas[k] = replica.get();
            // the replica reads the trainer's weight rows themselves (no copy a batch): they change only between batches
            List<Param> theirs = replicas[k].params();
            for (int i = 0; i < own.size(); i++) {
                double[][] from = own.get(i).value, to = theirs.get(i).value;
                for (int r = 0; r < to.length; r++) to[r] = from[r];
            }
        }
    }

    /** Computes the run's parts on threads from now on (nothing changes for a run of one part). */
    public static void attach(Experiment ex) {
        if (ex.trainer.parts < 2) return;
        ex.trainer.runner = new PartThreads(ex.trainer, ex::replica);
    }

    /** The same for a trainer whose architecture a supplier rebuilds. */
    public static PartThreads attach(Trainer t, Supplier<Network> replica) {
        PartThreads threads = new PartThreads(t, replica);
        t.runner = threads;
        return threads;
    }

    @Override public void compute(double[] losses) {
        crew.run(k -> {
            losses[k] = trainer.computePart(k, k == 0 ? trainer.network() : replicas[k]);
            return true;
        });
    }

    @Override public void addRows(int from, int to) {
        for (int k = 1; k < replicas.length; k++) {  // g0 + g1 + ... in part order
            List<Param> part = replicas[k].params();
            rows.each(from, to, (i, p, a, b) -> {
                double[][] sum = p.grad, add = part.get(i).grad;
                for (int r = a; r < b; r++) {
                    double[] t = sum[r], f = add[r];
                    for (int j = 0; j < t.length; j++) t[j] += f[j];
                }
                return true;
            });
        }
    }

    @Override public boolean forRows(Trainer.RowsJob job) {
        return crew.run(k -> job.run(starts[k], starts[k + 1]));
    }

    @Override public void close() {
        crew.close();
    }
}
