package studio.backprop.web.worker;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.Message;
import studio.backprop.web.protocol.Protocol;
import studio.backprop.web.protocol.ToWorker;

/**
 * The training worker's entry point. It receives the page's messages (see {@link Protocol}) and
 * hands each to the part that does it: the run's lifecycle ({@link TrainingRun}), the models it
 * shares and opens ({@link ModelExchange}), the CSV preview, predictions, the explorer, the
 * benchmark. A helper worker is this same script, given part-init and part by a training worker.
 * The page never trains.
 */
public final class WorkerMain implements ToWorker.Receiver {
    /** The run being trained, or null before the first one (or after settings that failed). */
    private TrainingRun run;
    /** The user's own images, kept while the worker lives (a run on them is rebuilt from them). */
    private final OwnImages images = new OwnImages();
    private final ModelExchange models = new ModelExchange(this::start, this::whenLoaded, images);
    /** While an image set downloads: the messages that came meanwhile, handled in order once it is in. */
    private boolean loading;
    private final List<Message> waiting = new ArrayList<>();

    private WorkerMain() {}

    public static void main(String[] args) {
        WorkerMain worker = new WorkerMain();
        onMessage(m -> worker.receive((Message) m));
        post(FromWorker.ready());
    }

    private void receive(Message m) {
        // while a run waits for its data, changes to the user's images (a cancel included) still go through
        if (loading && (m.getType() == null || !m.getType().startsWith("images-"))) {
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
        post(FromWorker.error(message == null ? "unexpected error" : message));
    }

    /**
     * Runs {@code then} once the settings' data is at hand: at once, or after an image set has
     * downloaded (other messages wait meanwhile, then go through in order).
     */
    private void whenLoaded(Settings settings, Runnable then) {
        boolean own = OwnImages.isFor(settings);
        if (own ? images.ready(settings) : !Data.needsLoading(settings)) {
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
        if (own) images.whenReady(settings, () -> loaded.accept(null));
        else Data.load(settings.get("data"), loaded);
    }

    /** Replaces the run (the old one stops, with its helpers) and reports the new one's setup. */
    private void start(Experiment ex, int stopAtEpoch) {
        end();
        run = new TrainingRun(ex, stopAtEpoch);
    }

    private void end() {
        if (run != null) run.end();
        run = null;
    }

    @Override public void init(ToWorker.Init m) {
        // an opened model of someone's images goes on from its weights on the images added to its classes
        Model from = models.awaitingImages();
        models.forget();
        end();
        Settings settings = Protocol.settings(m.getSettings());
        whenLoaded(settings, () -> {
            try {
                Experiment ex = OwnImages.isFor(settings) ? images.experiment(settings) : Data.experiment(settings, Data.readFile(m.getFile()));
                // (a network changed since, with other shapes, starts from its own weights)
                if (from != null && OwnImages.isFor(settings)) ex.takeWeights(from);
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

    @Override public void speed(ToWorker.Speed m) {
        if (run != null) run.pace(m.getEpochsPerSecond());
    }

    @Override public void inspect(ToWorker.FileMessage m) {
        CsvPreview.inspect(Data.readFile(m.getFile()));
    }

    @Override public void predict(ToWorker.Predict m) {
        Model model = run != null ? run.experiment.model : models.awaitingImages();
        if (model == null) return;
        if (m.getFile() == null && m.getFrame() == null) {
            if (run != null) post(Predictions.of(run.experiment, m));
            return;
        }
        ImageFormat format = Images.format(model.settings.get("data"), model.settings.get("image"));
        if (format == null || format.maxLevel != 1) {
            post(FromWorker.prediction("this model does not take images", null, -1, Double.NaN, Double.NaN));
            return;
        }
        ImageDecoding.prepare(m, format, (x, error) -> post(Predictions.ofInputs(model, x, error)));
    }

    @Override public void imagesAdd(ToWorker.ImagesAdd m) {
        images.add(m);
    }

    @Override public void imagesFrame(ToWorker.ImagesFrame m) {
        images.frame(m);
    }

    @Override public void imagesEdit(ToWorker.ImagesEdit m) {
        images.edit(m);
    }

    @Override public void share(ToWorker.ShareRequest m) {
        if (run != null) models.share(run.experiment, m.isSave());
    }

    @Override public void explain(ToWorker.ExplainRequest m) {
        if (run != null) post(Explanations.of(run.experiment, m));
    }

    @Override public void bench(ToWorker.Bench m) {
        BenchRun.run(m.getWorkload(), m.getSeconds(), m.getWorkers());
    }

    @Override public void open(ToWorker.Open m) {
        if (run != null) run.pause(false);
        models.openLink(m.getPayload());
    }

    @Override public void openFile(ToWorker.OpenFile m) {
        if (run != null) run.pause(false);
        models.openFile(m.getBytes());
    }

    @Override public void resumeFile(ToWorker.FileMessage m) {
        models.resumeFile(Data.readFile(m.getFile()));
    }

    @Override public void export(ToWorker.ExportRequest m) {
        if (run != null) post(ModelExchange.export(run.experiment, ToWorker.format(m.getFormat())));
    }

    @Override public void watch(ToWorker.Watch m) {
        if (run != null) run.watch(m.getIndex());
    }

    @Override public void partInit(ToWorker.PartInit m) {
        Helpers.init(m.getModel());
    }

    @Override public void part(ToWorker.Part m) {
        Helpers.part(m);
    }

    @Override public void unknown(String type) {
        Js.error("worker: unknown message " + type);
    }

    @JSBody(params = "m", script = "self.postMessage(m);")
    static native void post(Message m);

    @JSBody(params = "f", script = "self.onmessage = function(e) { f(e.data); };")
    private static native void onMessage(Js.Callback f);
}
