package studio.backprop.web.page.data;

import java.util.function.Consumer;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.page.State;
import studio.backprop.web.page.WorkerClient;

/** The user's own images and sounds: both panels, following the settings together. */
public final class OwnData {
    public final ImagesPanel images;
    public final SoundsPanel sounds;
    private final State state;

    public OwnData(WorkerClient worker, State state, Consumer<Settings> onTrain, ImagesPanel.Failed onError) {
        this.state = state;
        images = new ImagesPanel(worker, state, onTrain, onError);
        sounds = new SoundsPanel(worker, state, onTrain);
    }

    /** The panels' choices and the Try it rows follow the settings. */
    public void sync(Settings s) {
        images.sync(s);
        sounds.sync(s);
    }

    /** An opened model of someone's images or sounds waits for them (false: a run of other settings). */
    public void awaiting(boolean opened) {
        boolean sound = SoundsPanel.isFor(state.settings);
        images.awaiting(opened && !sound);
        sounds.awaiting(opened && sound);
    }
}
