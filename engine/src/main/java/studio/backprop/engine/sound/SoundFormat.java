package studio.backprop.engine.sound;

import java.util.ArrayList;
import java.util.List;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.math.Det;

/**
 * What a network hears of a sound: a log-mel spectrogram of one second, which the conv net reads
 * as a grey image of side x side (rows the mel bands, the highest at the top; columns the frames,
 * in time order). It is the preprocessing of a sound model, stored in the model (setting
 * {@code sound}, e.g. mel32), so that every prediction prepares its sound the same way:
 * <ol>
 * <li>the channels mixed to one, resampled to {@value #RATE} Hz ({@link Resample});</li>
 * <li>cut into clips of {@value #CLIP} samples (one second): a shorter sound padded with silence at
 *     the end, a longer one cut into consecutive seconds, its last part kept (padded) when it is
 *     at least half a second;</li>
 * <li>side frames of {@value #FFT} samples (32 ms), one every {@value #CLIP} / side samples, each
 *     centred on its stretch of the clip (silence beyond the clip's ends), times a periodic Hann
 *     window, through the FFT to the power spectrum, scaled so that a full-scale sine has power 1
 *     in its bin;</li>
 * <li>side mel bands from {@value #LOW} to {@value #HIGH} Hz ({@link Mel}), each band's power in
 *     decibels, 10 log10(power + 1e-10), mapped from [{@value #FLOOR_DB}, {@value #FLOOR_DB} + 100]
 *     dB to a level in [0, 1] (clamped).</li>
 * </ol>
 */
public final class SoundFormat {
    public static final int RATE = 16_000, CLIP = RATE, FFT = 512;
    public static final double LOW = 20, HIGH = 8000, FLOOR_DB = -90;
    public static final int[] SIDES = {32, 64};
    /** The shortest sound taken: 0.1 s. */
    public static final int MIN_SAMPLES = RATE / 10;
    /** A sound whose loudest sample is below this (-60 dBFS) is silent. */
    public static final double SILENT = 1e-3;

    public final int side;
    private final int hop;
    private final double[] window;
    private final double[][] bank;
    private final Fft fft = new Fft(FFT);

    public SoundFormat(int side) {
        boolean known = false;
        for (int s : SIDES) known |= s == side;
        if (!known) throw new IllegalArgumentException("sound must be mel32 or mel64, got mel" + side);
        this.side = side;
        hop = CLIP / side;
        window = new double[FFT];
        for (int n = 0; n < FFT; n++) window[n] = 0.5 - 0.5 * Det.cos(2 * Math.PI * n / FFT);
        bank = Mel.bank(side, FFT, RATE, LOW, HIGH);
    }

    /** "mel32" or "mel64": the values of the setting {@code sound}. */
    public static SoundFormat parse(String text) {
        return new SoundFormat(side(text));
    }

    /** The side that a value of the setting {@code sound} names (the spectrogram's bands and frames). */
    public static int side(String text) {
        if (text.equals("mel32")) return 32;
        if (text.equals("mel64")) return 64;
        throw new IllegalArgumentException("sound must be mel32 or mel64 (the log-mel spectrogram's bands and frames), got '" + text + "'");
    }

    public String name() {
        return "mel" + side;
    }

    /** The spectrogram as the image views and the network's shape see it: side x side grey, levels in [0, 1]. */
    public ImageFormat picture() {
        return new ImageFormat(side, 1, 1);
    }

    /** The steps above in words (for a model's ONNX and TF.js files). */
    public String describe() {
        return name() + ": the channels mixed to one and resampled to " + RATE + " Hz; one second (a shorter sound padded with silence);"
                + " " + side + " frames of " + FFT + " samples every " + hop + ", centred, periodic Hann window, power spectrum / (" + FFT + "/4)^2;"
                + " " + side + " HTK mel bands " + (int) LOW + "-" + (int) HIGH + " Hz; 10 log10(power + 1e-10) dB mapped from [" + (int) FLOOR_DB + ", "
                + (int) (FLOOR_DB + 100) + "] to [0, 1], clamped; an image of " + side + "x" + side + " (row 0 the highest band, column t frame t)";
    }

    /** A sound at its own rate, resampled to {@value #RATE} Hz. */
    public static float[] at16k(Wav w) {
        return Resample.of(w.mono, w.rate, RATE);
    }

    /**
     * The one-second clips of a sound at {@value #RATE} Hz (see the class comment).
     *
     * @throws IllegalArgumentException when it is shorter than 0.1 s or silent
     */
    public static List<float[]> clips(float[] x) {
        if (x.length < MIN_SAMPLES) {
            throw new IllegalArgumentException("too short (" + Math.round(x.length * 1000.0 / RATE) + " ms; at least " + MIN_SAMPLES * 1000 / RATE + " ms)");
        }
        double peak = 0;
        for (float v : x) peak = Math.max(peak, Math.abs(v));
        if (peak < SILENT) throw new IllegalArgumentException("silent (its loudest sample is below -60 dB)");
        List<float[]> out = new ArrayList<>();
        for (int start = 0; start < x.length; start += CLIP) {
            int n = Math.min(CLIP, x.length - start);
            if (start > 0 && n < CLIP / 2) break;
            float[] clip = new float[CLIP];
            System.arraycopy(x, start, clip, 0, n);
            out.add(clip);
        }
        return out;
    }

    /**
     * A model's outputs for a sound at its own rate (a file, or a microphone's last second): each
     * second's, as the model's preprocessing (setting sound) makes it, averaged. Unlike training
     * clips, silence and a sound under a second are classified too (padded with silence).
     *
     * @throws IllegalArgumentException for a model that takes no sounds, or a sound over 10 minutes
     */
    public static double[] classify(studio.backprop.engine.model.Model model, float[] samples, int rate) {
        if (model.settings.get("sound").isEmpty()) throw new IllegalArgumentException("this model does not take sounds");
        if (samples.length > Wav.MAX_SECONDS * rate) throw new IllegalArgumentException("longer than 10 minutes");
        SoundFormat f = parse(model.settings.get("sound"));
        float[] x = Resample.of(samples, rate, RATE);
        List<double[]> windows = new ArrayList<>();
        for (int start = 0; start == 0 || start + CLIP / 2 <= x.length; start += CLIP) {
            float[] clip = new float[CLIP];
            System.arraycopy(x, start, clip, 0, Math.max(0, Math.min(CLIP, x.length - start)));
            windows.add(f.spectrogram(clip));
        }
        double[][] out = model.predict(windows.toArray(new double[0][]));
        double[] mean = new double[out[0].length];
        for (double[] o : out) for (int k = 0; k < mean.length; k++) mean[k] += o[k] / out.length;
        return mean;
    }

    /** A clip's levels, row-major: row r is mel band side - 1 - r, column t frame t. */
    public double[] spectrogram(float[] clip) {
        if (clip.length != CLIP) throw new IllegalArgumentException("a clip is " + CLIP + " samples, got " + clip.length);
        double[] out = new double[side * side], frame = new double[FFT];
        double scale = 1.0 / ((FFT / 4.0) * (FFT / 4.0)), ln10 = Det.log(10);
        for (int t = 0; t < side; t++) {
            int start = t * hop + hop / 2 - FFT / 2;
            for (int n = 0; n < FFT; n++) {
                int i = start + n;
                frame[n] = i >= 0 && i < CLIP ? clip[i] * window[n] : 0;
            }
            double[] power = fft.power(frame);
            for (int b = 0; b < side; b++) {
                double e = 0;
                double[] w = bank[b];
                for (int k = 0; k < w.length; k++) if (w[k] != 0) e += w[k] * power[k];
                double db = 10 * Det.log(e * scale + 1e-10) / ln10;
                out[(side - 1 - b) * side + t] = Math.max(0, Math.min(1, (db - FLOOR_DB) / 100));
            }
        }
        return out;
    }
}
