package studio.backprop.web.worker.files;

import org.teavm.jso.JSObject;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.protocol.SoundMessages;
import studio.backprop.web.protocol.TextMessages;
import studio.backprop.web.protocol.ToWorker;
import studio.backprop.web.worker.run.TrainingRun;

/** What the full program adds (see {@link FileWork}); none in the training program. */
public interface Files {
    /** The run on a table (built in, or the user's file: a File) or on the user's own images or sounds. */
    Experiment experiment(Settings settings, JSObject file) throws CsvException;

    /** Whether the settings train on the user's own images or sounds (see OwnImages, OwnSounds). */
    boolean own(Settings settings);

    /** The user's images or sounds are ready for a run on them. */
    boolean ownReady(Settings settings);

    void whenOwnReady(Settings settings, Runnable then);

    /** The opened model of someone's own images or sounds that waits for them (null for none). */
    Model awaitingImages();

    /** A new run from settings: no opened model waits any more. */
    void forget();

    void inspect(ToWorker.FileMessage m);

    /** A table row, as the model's input. */
    void predictRow(Experiment ex, ToWorker.Predict m);

    /** An image file or camera frame, as the model's input. */
    void predictImage(Model model, ToWorker.Predict m);

    void imagesAdd(ToWorker.ImagesAdd m);

    void imagesFrame(ToWorker.ImagesFrame m);

    void imagesEdit(ToWorker.ImagesEdit m);

    void soundsAdd(SoundMessages.Add m);

    void soundsPcm(SoundMessages.Pcm m);

    void soundsEdit(SoundMessages.Edit m);

    /** Plays the user's clip whose spectrogram a run's test sample is (none for images or a null sample). */
    void play(double[] sample);

    /** A sound, classified by the model. */
    void predictSound(Model model, SoundMessages.Listen m);

    void open(ToWorker.Open m);

    void openFile(ToWorker.OpenFile m);

    void resumeFile(ToWorker.FileMessage m);

    /** The benchmark page's measurement (see {@link BenchRun}). */
    void bench(ToWorker.Bench m);

    /** The model file (or project) the request asks for, posted to the page (see ToWorker.ExportRequest). */
    void export(Model model, ToWorker.ExportRequest m);

    /** A run has started (a text run's samples come from here). */
    void started(TrainingRun run);

    /** The page's view of a text run's made-up text. */
    void textView(TextMessages.View m);

    /** The same for the model the request holds in its binary form (the training program's, handed over by the page). */
    void exportModel(ToWorker.ExportRequest m);
}
