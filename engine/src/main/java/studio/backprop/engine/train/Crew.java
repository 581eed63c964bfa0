package studio.backprop.engine.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads that run one job at a time together: {@link #run} hands job(k) to thread k for k = 1
 * .. n-1, runs job(0) on the calling thread, and returns when all are done. A batch hands out a
 * few jobs of a millisecond or less, so an executor's hand-off (a park and an unpark each way,
 * about 50 microseconds here) would cost as much as the work the threads share: the crew's
 * threads spin a short while for the next job before they park, and the caller spins for theirs.
 */
final class Crew implements AutoCloseable {
    /** A job for thread k of the crew's n; its result is and-ed over the threads. */
    interface Job {
        boolean run(int k);
    }

    /** About 100 microseconds of spinning before a thread parks. */
    private static final int SPINS = 4000;

    private final Thread[] threads;
    private volatile Job job;
    /** Incremented per job: a thread runs a job once it sees a generation it has not run. */
    private volatile int generation;
    private final AtomicInteger running = new AtomicInteger();
    private final boolean[] results;
    private volatile RuntimeException failure;
    private volatile boolean closed;

    /** A crew of n, the caller included (n - 1 threads). */
    Crew(int n, String name) {
        threads = new Thread[n];
        results = new boolean[n];
        for (int k = 1; k < n; k++) {
            int index = k;
            threads[k] = new Thread(() -> work(index), name + " " + k);
            threads[k].setDaemon(true);
            threads[k].start();
        }
    }

    /** Runs job(k) on thread k, job(0) here, and returns when all have: true if each returned true. */
    boolean run(Job j) {
        job = j;
        running.set(threads.length - 1);
        generation++; // publishes the job
        for (int k = 1; k < threads.length; k++) LockSupport.unpark(threads[k]);
        boolean all;
        try {
            all = j.run(0);
        } finally {
            while (running.get() > 0) Thread.onSpinWait();
        }
        RuntimeException f = failure;
        if (f != null) {
            failure = null;
            throw f;
        }
        for (int k = 1; k < threads.length; k++) all &= results[k];
        return all;
    }

    private void work(int k) {
        int seen = 0;
        while (true) {
            int spins = 0, g;
            while ((g = generation) == seen) {
                if (closed) return;
                if (++spins < SPINS) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            seen = g;
            try {
                results[k] = job.run(k);
            } catch (RuntimeException | Error e) {
                failure = e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
                results[k] = false;
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @Override public void close() {
        closed = true;
        for (int k = 1; k < threads.length; k++) LockSupport.unpark(threads[k]);
    }
}
