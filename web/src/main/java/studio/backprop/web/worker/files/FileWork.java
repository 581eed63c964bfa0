package studio.backprop.web.worker.files;

import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelException;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.SoundMessages;
import studio.backprop.web.protocol.TextMessages;
import studio.backprop.web.protocol.ToWorker;
import studio.backprop.web.worker.bench.BenchRun;
import studio.backprop.web.worker.run.Data;
import studio.backprop.web.worker.run.Outbox;
import studio.backprop.web.worker.run.Predictions;
import studio.backprop.web.worker.run.TextSamples;
import studio.backprop.web.worker.run.TrainingRun;

/**
 * The full worker's part (see {@link FullWorker}): tables, the user's own images
 * ({@link OwnImages}) and sounds ({@link OwnSounds}), the CSV preview, model files and opened models ({@link ModelExchange}), and the benchmark.
 */
public final class FileWork implements Files {
    /** The user's own images, kept while the worker lives (a run on them is rebuilt from them). */
    private final OwnImages images = new OwnImages();
    /** The user's own sounds, the same way. */
    private final OwnSounds sounds = new OwnSounds();
    private final ModelExchange models;
    /** The text run's made-up text, or null when the run is on other data. */
    private TextSamples text;

    public FileWork(ModelExchange.Start start, ModelExchange.Loading loading) {
        models = new ModelExchange(start, loading, images, sounds);
    }

    @Override public Experiment experiment(Settings settings, JSObject file) throws CsvException {
        if (OwnSounds.isFor(settings)) return sounds.experiment(settings);
        return OwnImages.isFor(settings) ? images.experiment(settings) : Data.experiment(settings, Data.readFile(file));
    }

    @Override public void started(TrainingRun run) {
        text = run.experiment.settings.text() ? new TextSamples(run.experiment) : null;
        if (text == null) return;
        TextSamples mine = text;
        run.afterSnapshot = training -> mine.snapshotPosted(training);
        mine.post();
    }

    @Override public void textView(TextMessages.View m) {
        if (text != null) text.view(m);
    }

    @Override public boolean own(Settings settings) {
        return OwnSounds.isFor(settings) || OwnImages.isFor(settings);
    }

    @Override public boolean ownReady(Settings settings) {
        return OwnSounds.isFor(settings) ? sounds.ready(settings) : images.ready(settings);
    }

    @Override public void whenOwnReady(Settings settings, Runnable then) {
        if (OwnSounds.isFor(settings)) sounds.whenReady(settings, then);
        else images.whenReady(settings, then);
    }

    @Override public Model awaitingImages() {
        return models.awaitingImages();
    }

    @Override public void forget() {
        models.forget();
    }

    @Override public void inspect(ToWorker.FileMessage m) {
        CsvPreview.inspect(Data.readFile(m.getFile()));
    }

    @Override public void predictRow(Experiment ex, ToWorker.Predict m) {
        Outbox.post(Predictions.ofRow(ex, m));
    }

    @Override public void predictImage(Model model, ToWorker.Predict m) {
        ImageFormat format = Images.format(model.settings.get("data"), model.settings.get("image"));
        if (format == null || format.maxLevel != 1) {
            Outbox.post(FromWorker.prediction("this model does not take images", null, -1, Double.NaN, Double.NaN));
            return;
        }
        ImageDecoding.prepare(m, format, (x, error) -> Outbox.post(Predictions.ofInputs(model, x, error)));
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

    @Override public void soundsAdd(SoundMessages.Add m) {
        sounds.add(m);
    }

    @Override public void soundsPcm(SoundMessages.Pcm m) {
        sounds.pcm(m);
    }

    @Override public void soundsEdit(SoundMessages.Edit m) {
        sounds.edit(m);
    }

    @Override public void play(double[] sample) {
        if (sample != null) sounds.play(sample);
    }

    @Override public void predictSound(Model model, SoundMessages.Listen m) {
        // "Try it": the class probabilities of a sound (see SoundFormat.classify; a live microphone sends its last second)
        try {
            if (model == null) throw new IllegalArgumentException("this model does not take sounds");
            double[] out = studio.backprop.engine.sound.SoundFormat.classify(model, m.getSamples().copyToJavaArray(), (int) m.getRate());
            Outbox.post(FromWorker.prediction(null, studio.backprop.web.Js.float64(out), studio.backprop.engine.train.Metrics.predictedClass(out),
                    Double.NaN, Double.NaN));
        } catch (IllegalArgumentException e) {
            Outbox.post(FromWorker.prediction(e.getMessage(), null, -1, Double.NaN, Double.NaN));
        }
    }

    @Override public void open(ToWorker.Open m) {
        models.openLink(m.getPayload());
    }

    @Override public void openFile(ToWorker.OpenFile m) {
        models.openFile(m.getBytes());
    }

    @Override public void resumeFile(ToWorker.FileMessage m) {
        models.resumeFile(Data.readFile(m.getFile()));
    }

    @Override public void bench(ToWorker.Bench m) {
        BenchRun.run(m.getWorkload(), m.getSeconds(), m.getWorkers());
    }

    @Override public void export(Model model, ToWorker.ExportRequest m) {
        ToWorker.Format format = ToWorker.format(m.getFormat());
        if (format == ToWorker.Format.PAGE) ModelPageFile.write(model, m.getScore());
        else if (format == ToWorker.Format.PROJECT) ProjectFiles.save(model, m, images, sounds);
        else Outbox.post(ModelExchange.export(model, format));
    }

    @Override public void exportModel(ToWorker.ExportRequest m) {
        try {
            export(ModelBinary.read(m.getModel().copyToJavaArray()), m);
        } catch (ModelException e) {
            Outbox.post(FromWorker.error("could not write the model file: " + e.getMessage()));
        }
    }
}
