package studio.backprop.web.worker.files;

/** One second of the user's sound (see {@link OwnSounds}): its class, id, name, samples at 16 kHz, spectrogram at the current format. */
final class SoundClip {
    int cls;
    final int id;
    final String name;
    final float[] samples;
    double[] levels;

    SoundClip(int cls, int id, String name, float[] samples) {
        this.cls = cls;
        this.id = id;
        this.name = name;
        this.samples = samples;
    }
}
