package studio.backprop.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import studio.backprop.engine.sound.Wav;

/**
 * Sounds the tests make themselves, as a user's recordings would be: one-second WAV files of
 * four classes (a low tone, a high tone, a rising chirp, clicks), each with its own pitch,
 * loudness and background noise drawn from a seeded Random, at a rate other than 16 kHz, in a zip
 * with one folder per class. The browser tests use the same files.
 */
public final class SoundMaker {
    private SoundMaker() {}

    public static final String[] CLASSES = {"chirp", "clicks", "high", "low"};

    /** The n-th sound of a class, seconds long, at rate Hz. */
    public static double[] sound(String cls, int n, double seconds, int rate) {
        Random r = new Random(cls.hashCode() * 31L + n);
        int samples = (int) (seconds * rate);
        double[] x = new double[samples];
        double amp = 0.2 + 0.5 * r.nextDouble(), noise = 0.01 + 0.03 * r.nextDouble(), phase = 2 * Math.PI * r.nextDouble();
        double f = cls.equals("low") ? 200 + 200 * r.nextDouble() : cls.equals("high") ? 2000 + 1500 * r.nextDouble() : 0;
        double onset = 0.05 + 0.3 * r.nextDouble(), length = 0.4 + 0.2 * r.nextDouble();
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate, v = 0;
            boolean on = t >= onset && t < onset + length;
            if (on && f > 0) v = amp * Math.sin(2 * Math.PI * f * t + phase);
            if (on && cls.equals("chirp")) {
                double u = t - onset, f0 = 300 + 300 * r.nextDouble(), f1 = 4000;
                v = amp * Math.sin(2 * Math.PI * (f0 * u + (f1 - f0) * u * u / (2 * length)) + phase);
            }
            x[i] = v + noise * (2 * r.nextDouble() - 1);
        }
        if (cls.equals("clicks")) {
            for (double t = onset; t < onset + length; t += 0.08 + 0.04 * r.nextDouble()) {
                int at = (int) (t * rate);
                for (int k = 0; k < rate / 1000 && at + k < samples; k++) x[at + k] += amp * (k % 2 == 0 ? 1 : -1) * (1 - (double) k * 1000 / rate);
            }
        }
        return x;
    }

    /** A zip of perClass one-second WAVs of every class (sounds/CLASS/CLASS-N.wav) at rate Hz. */
    public static byte[] zip(int perClass, int rate) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String c : CLASSES) {
                for (int n = 0; n < perClass; n++) {
                    z.putNextEntry(new ZipEntry("sounds/" + c + "/" + c + "-" + n + ".wav"));
                    z.write(Wav.write16(sound(c, n, 1, rate), rate));
                    z.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }
}
