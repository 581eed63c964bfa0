package studio.backprop.web.worker.run;

import studio.backprop.engine.train.EarlyStop;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Trainer;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.worker.parallel.Helpers;

/**
 * One run's lifecycle in the training worker: play, pause and step; training in slices of a few
 * milliseconds (so that the page's messages get through between them), on helper workers when
 * the run has several parts, at the user's pace (epochs per second: a slice stops once the run
 * is where the pace wants it, and the next waits a frame); snapshots for the page to draw.
 */
public final class TrainingRun {
    /** Training time per slice before the worker yields to its message queue. */
    private static final double SLICE_MS = 20;
    /** The wait before the next slice when the run is ahead of its pace: about a frame. */
    private static final double PACE_WAIT_MS = 16;
    /** Falling behind the pace by more than this (a slow machine, a paused tab) is forgotten, not made up in a burst. */
    private static final double MAX_BEHIND_S = 0.25;

    public final Experiment experiment;
    /** What runs after each snapshot goes out (a text run's made-up text: see TextSamples), with whether it is training; or null. */
    public java.util.function.Consumer<Boolean> afterSnapshot;
    private final Snapshots snapshots;
    /** The epoch to stop at (URL key epochs), or -1. */
    private final int stopAtEpoch;
    /** Early stopping on the test loss, or null when the settings turn it off or the user trains on after it stopped. */
    private EarlyStop early;
    /** Why the run ended by itself: "early", "epochs", or "" (see the Snapshot message). */
    private String ended = "";
    /** Helper workers when the run has more than one part (data-parallel), else null. */
    private final Helpers helpers;
    private boolean playing, loopScheduled, over;
    /** The first slice after play is reported at once, so the page shows progress without delay. */
    private boolean firstSlice;
    /** A step the user asked for while a parallel batch was out: it runs when the batch is in (null: none; true: an epoch). */
    private Boolean deferredStep;
    /** Epochs per second (infinite: as fast as the engine can), and where the pace was last set: time and samples. */
    private double pace;
    private double paceTime;
    private long paceSamples;

    /** Starts the run's helpers and tells the page what the run is. */
    public TrainingRun(Experiment experiment, int stopAtEpoch) {
        this.experiment = experiment;
        this.stopAtEpoch = stopAtEpoch > 0 ? stopAtEpoch : -1;
        int parts = experiment.trainer.parts;
        // the helpers' arrival changes the worker count the page shows
        helpers = parts > 1 ? new Helpers(parts - 1, experiment.model, () -> {
            if (!playing && !over) post(experiment.trainer.samples() == 0 ? "idle" : statusName());
        }) : null;
        pace = experiment.settings.epochsPerSecond();
        early = EarlyStop.of(experiment);
        snapshots = new Snapshots(experiment);
        Outbox.post(snapshots.setup());
        post("idle");
    }

    /** Stops for good: a new run replaces this one. */
    public void end() {
        over = true;
        playing = false;
        if (helpers != null) helpers.terminate();
    }

    public void play() {
        if (experiment.trainer.status() == Trainer.Status.DIVERGED) return;
        trainOn();
        playing = true;
        firstSlice = true;
        restartPace();
        schedule(0);
    }

    /** A new pace from now on. */
    public void pace(double epochsPerSecond) {
        pace = epochsPerSecond;
        restartPace();
    }

    private void restartPace() {
        paceTime = Js.now();
        paceSamples = experiment.trainer.samples();
    }

    /** Whether the run has trained as many samples as its pace allows by now. */
    private boolean aheadOfPace(double now) {
        if (pace == Double.POSITIVE_INFINITY) return false;
        double perSecond = pace * experiment.trainX.length, seconds = (now - paceTime) / 1000;
        double behind = paceSamples + seconds * perSecond - experiment.trainer.samples();
        if (behind > MAX_BEHIND_S * perSecond) {
            // forget the lag: restart the pace from here, a quarter second behind
            paceTime = now;
            paceSamples = experiment.trainer.samples() - (long) (MAX_BEHIND_S * perSecond);
        }
        return behind <= 0;
    }

    /** Stops training; with report, the page hears of it at once. */
    public void pause(boolean report) {
        playing = false;
        if (report) post("paused");
    }

    /** Play or a step after the run ended by itself trains on, without stopping early again. */
    private void trainOn() {
        if (!ended.isEmpty()) early = null;
        ended = "";
    }

    public void step(boolean epoch) {
        playing = false;
        trainOn();
        if (batchInFlight()) {
            deferredStep = epoch;
            return;
        }
        Trainer t = experiment.trainer;
        boolean epochEnded = true;
        if (epoch) t.stepEpoch();
        else epochEnded = t.step();
        // a step can end the run early too: the best weights are back, and the page says so
        if (epochEnded && epochEnded()) ended = "early";
        post(statusName());
    }

    /** The test image whose feature maps the snapshots carry; a paused run reports at once. */
    public void watch(int index) {
        snapshots.images.watched = index;
        if (!playing) post(experiment.trainer.samples() == 0 ? "idle" : statusName());
    }

    /** The test sample at a place of the gallery (its inputs as the network reads them, before any normalising), or null. */
    public double[] testSample(int index) {
        return snapshots.images.testSample(index);
    }

    private boolean batchInFlight() {
        return helpers != null && helpers.busy();
    }

    private void schedule(double delayMs) {
        if (loopScheduled) return;
        loopScheduled = true;
        Js.setTimeout(this::loop, delayMs);
    }

    private void loop() {
        loopScheduled = false;
        if (!playing || over || batchInFlight()) return;
        if (helpers != null && helpers.ready()) {
            parallelBatches(Js.now());
            return;
        }
        Trainer t = experiment.trainer;
        double start = Js.now(), now = start;
        // one clock read a batch (small nets run tens of thousands of batches a second); the slice's time is added once
        while (now - start < SLICE_MS) {
            if (aheadOfPace(now)) {
                snapshots.trained(now - start);
                sliceDone();
                schedule(PACE_WAIT_MS);
                return;
            }
            boolean epochEnded = t.step();
            boolean stopsEarly = epochEnded && epochEnded();
            now = Js.now();
            if (stops(epochEnded, stopsEarly)) {
                snapshots.trained(now - start);
                playing = false;
                post(statusName());
                return;
            }
        }
        snapshots.trained(now - start);
        sliceDone();
        schedule(0);
    }

    /** At an epoch's end: the snapshots' curve point, and whether the run stops early here. */
    private boolean epochEnded() {
        snapshots.epochEnded();
        return early != null && early.epochEnded();
    }

    /** Whether the run ends here: diverged, stopped early, or at its epochs (and why, for the page). */
    private boolean stops(boolean epochEnded, boolean stopsEarly) {
        if (stopsEarly) ended = "early";
        else if (epochEnded && experiment.trainer.epoch() == stopAtEpoch) ended = "epochs";
        return experiment.trainer.status() == Trainer.Status.DIVERGED || !ended.isEmpty();
    }

    private void sliceDone() {
        if (snapshots.due() || firstSlice) post("training", false);
        firstSlice = false;
    }

    /** Batches on the helpers, one after another, for a slice of time; the worker stays responsive between them. */
    private void parallelBatches(double sliceStart) {
        double batchStart = Js.now();
        helpers.step(experiment.trainer, epochEnded -> {
            if (over) return;
            snapshots.trained(Js.now() - batchStart);
            boolean stopsEarly = epochEnded && epochEnded();
            if (deferredStep != null) {
                boolean epoch = deferredStep;
                deferredStep = null;
                step(epoch);
                return;
            }
            if (stops(epochEnded, stopsEarly)) {
                playing = false;
                post(statusName());
                return;
            }
            if (!playing) {
                post("paused"); // the batch that was out at the pause
                return;
            }
            sliceDone();
            if (aheadOfPace(Js.now())) schedule(PACE_WAIT_MS);
            else if (Js.now() - sliceStart < SLICE_MS) parallelBatches(sliceStart);
            else schedule(0);
        });
    }

    private void post(String status) {
        post(status, true);
    }

    /** A snapshot of the run, with how many workers train it (helpers count once they have loaded). */
    private void post(String status, boolean full) {
        FromWorker.Snapshot m = snapshots.snapshot(status, full);
        m.setEnded(ended);
        m.setBestEpoch(early != null && early.stopped() ? early.bestEpoch() : -1);
        m.setWorkers(helpers != null && helpers.ready() ? experiment.trainer.parts : 1);
        Outbox.post(m);
        if (afterSnapshot != null) afterSnapshot.accept(status.equals("training"));
    }

    private String statusName() {
        if (experiment.trainer.status() == Trainer.Status.DIVERGED) return "diverged";
        return playing ? "training" : "paused";
    }
}
