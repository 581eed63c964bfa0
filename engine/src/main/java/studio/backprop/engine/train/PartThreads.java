package studio.backprop.engine.train;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Param;
import java.util.List;

/**
 * On the JVM: the parts of each batch (see {@link Parts}) computed at the same time on threads,
 * as the browser computes them on workers. Part 0 runs on the calling thread with the trainer's
 * network; part k on a thread of its own with a replica network that reads the trainer's weights
 * (they change only between batches, when the parts are done). The gradients are added in part order as always, so the weights are the ones the parts
 * give computed one after another, and the ones N browser workers give.
 */
public final class PartThreads implements Trainer.PartRunner, AutoCloseable {
    private final Trainer trainer;
    private final ExecutorService pool;
    private final Network[] replicas;

    /** @param replica makes a network of the trainer's architecture (its weights are overwritten) */
    private PartThreads(Trainer trainer, Supplier<Network> replica) {
        this.trainer = trainer;
        int parts = trainer.parts;
        pool = Executors.newFixedThreadPool(parts - 1, r -> {
            Thread t = new Thread(r, "part");
            t.setDaemon(true);
            return t;
        });
        replicas = new Network[parts];
        List<Param> own = trainer.network().params();
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
        int parts = trainer.parts;
        @SuppressWarnings("unchecked")
        Future<Double>[] done = new Future[parts];
        for (int k = 1; k < parts; k++) {
            int part = k;
            done[k] = pool.submit(() -> trainer.computePart(part, replicas[part]));
        }
        losses[0] = trainer.computePart(0, trainer.network());
        try {
            for (int k = 1; k < parts; k++) {
                losses[k] = done[k].get();
                Parts.add(trainer.network(), replicas[k]); // g0 + g1 + ... in part order
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : new IllegalStateException(e.getCause());
        }
    }

    @Override public void close() {
        pool.shutdownNow();
    }
}
