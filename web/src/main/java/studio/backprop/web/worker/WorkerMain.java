package studio.backprop.web.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.Message;
import studio.backprop.web.protocol.PartMessages;
import studio.backprop.web.protocol.Protocol;
import studio.backprop.web.protocol.TextMessages;
import studio.backprop.web.protocol.SoundMessages;
import studio.backprop.web.protocol.ToWorker;
import studio.backprop.web.worker.files.Files;
import studio.backprop.web.worker.files.ModelExchange;
import studio.backprop.web.worker.parallel.Helpers;
import studio.backprop.web.worker.run.Data;
import studio.backprop.web.worker.run.Explanations;
import studio.backprop.web.worker.run.Outbox;
import studio.backprop.web.worker.run.Predictions;
import studio.backprop.web.worker.run.TrainingRun;

/**
 * The training worker's entry point. It receives the page's messages (see {@link Protocol}) and
 * hands each to the part that does it: the run's lifecycle ({@link TrainingRun}), share links,
 * predictions, the explorer. A helper worker is this same script, given part-init and part by a
 * training worker. The page never trains.
 *
 * <p>Two programs are built from it. This one, loaded first, trains on the generated and the
 * built-in image sets. {@link FullWorker} adds the {@link Files}: tables (built in or the user's
 * CSV), the user's own images, model files and opened models, and the benchmark (bench.html; the
 * same engine code); the page loads it when a run or a message needs them (see the page's
 * WorkerClient), so a first visit downloads and compiles neither the CSV reader nor the model
 * formats.
 */
public final class WorkerMain implements ToWorker.Receiver {
    /** The run being trained, or null before the first one (or after settings that failed). */
    private TrainingRun run;
    private final Files files;
    /** While an image set downloads: the messages that came meanwhile, handled in order once it is in. */
    private boolean loading;
    private final List<Message> waiting = new ArrayList<>();

    private WorkerMain(Function<WorkerMain, Files> files) {
        this.files = files == null ? null : files.apply(this);
    }

    public static void main(String[] args) {
        run(null);
    }

    /** Starts the worker: with the files' part, or (null) without. */
    static void run(Function<WorkerMain, Files> files) {
        WorkerMain worker = new WorkerMain(files);
        onMessage(m -> worker.receive((Message) m));
        Outbox.post(FromWorker.ready());
    }

    private Files files() {
        if (files == null) throw new IllegalArgumentException("this worker does not read files (the page sends them to the full worker)");
        return files;
    }

    private void receive(Message m) {
        // while a run waits for its data, changes to the user's images (a cancel included) still go through
        if (loading && (m.getType() == null || !m.getType().startsWith("images-") && !m.getType().startsWith("sounds-"))) {
            waiting.add(m);
            return;
        }
        try {
            ToWorker.dispatch(m, this);
        } catch (IllegalArgumentException e) {
            failed(e.getMessage());
        }
    }

    private void failed(String message) {
        if (run != null) run.pause(false);
        Outbox.post(FromWorker.error(message == null ? "unexpected error" : message));
    }

    /**
     * Runs {@code then} once the settings' data is at hand: at once, or after an image set has
     * downloaded (other messages wait meanwhile, then go through in order).
     */
    void whenLoaded(Settings settings, Runnable then) {
        boolean own = files != null && files.own(settings);
        if (own ? files.ownReady(settings) : !Data.needsLoading(settings)) {
            then.run();
            return;
        }
        loading = true;
        java.util.function.Consumer<String> loaded = error -> {
            loading = false;
            if (error != null) failed(error);
            else then.run();
            List<Message> later = new ArrayList<>(waiting);
            waiting.clear();
            for (Message w : later) receive(w);
        };
        if (own) files.whenOwnReady(settings, () -> loaded.accept(null));
        else Data.load(settings.get("data"), loaded);
    }

    /** Replaces the run (the old one stops, with its helpers) and reports the new one's setup. */
    void start(Experiment ex, int stopAtEpoch) {
        end();
        run = new TrainingRun(ex, stopAtEpoch);
        if (files != null) files.started(run);
    }

    private void end() {
        if (run != null) run.end();
        run = null;
    }

    @Override public void init(ToWorker.Init m) {
        // an opened model of someone's images goes on from its weights on the images added to its classes
        Model from = files == null ? null : files.awaitingImages();
        if (files != null) files.forget();
        end();
        Settings settings = Protocol.settings(m.getSettings());
        whenLoaded(settings, () -> {
            try {
                Experiment ex = BuiltIn.isGeneratedOrImageSet(settings.get("data")) ? Data.experiment(settings) : files().experiment(settings, m.getFile());
                // (a network changed since, with other shapes, starts from its own weights)
                if (from != null && files.own(settings)) ex.takeWeights(from);
                start(ex, m.getStopAtEpoch());
            } catch (CsvException | IllegalArgumentException e) {
                failed(e.getMessage());
            }
        });
    }

    @Override public void play() {
        if (run != null) run.play();
    }

    @Override public void pause() {
        if (run != null) run.pause(true);
    }

    @Override public void step(ToWorker.Step m) {
        if (run != null) run.step(m.isEpoch());
    }

    @Override public void learningRate(ToWorker.LearningRate m) {
        if (run != null) run.experiment.trainer.learningRate = m.getValue();
    }

    @Override public void freeze(ToWorker.Freeze m) {
        if (run == null) return;
        try {
            Experiment ex = run.experiment;
            ex.trainer.freeze(studio.backprop.engine.train.Freeze.flags(m.getLayers(), ex.settings.layers(), ex.model.network));
            ex.settings.set("freeze", m.getLayers()); // the model's settings: its links and files carry it
        } catch (IllegalArgumentException e) {
            Outbox.post(FromWorker.error(e.getMessage()));
        }
    }

    @Override public void speed(ToWorker.Speed m) {
        if (run != null) run.pace(m.getEpochsPerSecond());
    }

    @Override public void inspect(ToWorker.FileMessage m) {
        files().inspect(m);
    }

    @Override public void predict(ToWorker.Predict m) {
        Model model = run != null ? run.experiment.model : files == null ? null : files.awaitingImages();
        if (model == null) return;
        if (m.getFile() == null && m.getFrame() == null) {
            if (run == null) return;
            if (m.getCells() != null) files().predictRow(run.experiment, m); // runs on tables are the full worker's
            else Outbox.post(Predictions.of(run.experiment, m));
            return;
        }
        // only models of the user's own images take image files and camera frames, and only the full worker has them
        if (files == null) Outbox.post(FromWorker.prediction("this model does not take images", null, -1, Double.NaN, Double.NaN));
        else files.predictImage(model, m);
    }

    @Override public void imagesAdd(ToWorker.ImagesAdd m) {
        files().imagesAdd(m);
    }

    @Override public void imagesFrame(ToWorker.ImagesFrame m) {
        files().imagesFrame(m);
    }

    @Override public void imagesEdit(ToWorker.ImagesEdit m) {
        files().imagesEdit(m);
    }

    @Override public void soundsAdd(SoundMessages.Add m) {
        files().soundsAdd(m);
    }

    @Override public void soundsPcm(SoundMessages.Pcm m) {
        files().soundsPcm(m);
    }

    @Override public void soundsEdit(SoundMessages.Edit m) {
        files().soundsEdit(m);
    }

    @Override public void predictSound(SoundMessages.Listen m) {
        files().predictSound(run != null ? run.experiment.model : files.awaitingImages(), m);
    }

    @Override public void share(ToWorker.ShareRequest m) {
        if (run != null) ModelExchange.share(run.experiment, m.isSave());
    }

    @Override public void explain(ToWorker.ExplainRequest m) {
        if (run != null) Outbox.post(Explanations.of(run.experiment, m));
    }

    @Override public void bench(ToWorker.Bench m) {
        files().bench(m);
    }

    @Override public void open(ToWorker.Open m) {
        if (run != null) run.pause(false);
        files().open(m);
    }

    @Override public void openFile(ToWorker.OpenFile m) {
        if (run != null) run.pause(false);
        files().openFile(m);
    }

    @Override public void resumeFile(ToWorker.FileMessage m) {
        files().resumeFile(m);
    }

    @Override public void export(ToWorker.ExportRequest m) {
        if (m.getModel() != null) files().exportModel(m);
        else if (run == null) return;
        else if (files != null) files.export(run.experiment.model, m);
        // the full worker writes the file: the page hands it the model
        else Outbox.post(FromWorker.exportModel(m.getFormat(), Int8Array.copyFromJavaArray(ModelBinary.write(run.experiment.model, 64))));
    }

    @Override public void watch(ToWorker.Watch m) {
        if (run != null) run.watch(m.getIndex());
        // a test clip of the user's sounds is heard too
        if (run != null && files != null && files.own(run.experiment.settings)) files.play(run.testSample(m.getIndex()));
    }

    @Override public void textView(TextMessages.View m) {
        if (files != null) files.textView(m);
    }

    @Override public void partInit(PartMessages.PartInit m) {
        Helpers.init(m);
    }

    @Override public void part(PartMessages.Part m) {
        Helpers.part(m);
    }

    @Override public void unknown(String type) {
        Js.error("worker: unknown message " + type);
    }

    @JSBody(params = "f", script = "self.onmessage = function(e) { f(e.data); };")
    private static native void onMessage(Js.Callback f);
}
