package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.sound.Fft;
import studio.backprop.engine.sound.Mel;
import studio.backprop.engine.sound.Resample;
import studio.backprop.engine.sound.SoundClasses;
import studio.backprop.engine.sound.SoundFiles;
import studio.backprop.engine.sound.SoundFormat;
import studio.backprop.engine.sound.Wav;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Settings;

/** The sound preprocessing against its definitions, the WAV reader, and sounds the tests make trained to high accuracy. */
class SoundTest {
    @Test
    void theFftIsThePlainDft() {
        Random r = new Random(7);
        for (int n = 2; n <= 512; n *= 2) {
            double[] re = new double[n], im = new double[n];
            for (int i = 0; i < n; i++) {
                re[i] = r.nextGaussian();
                im[i] = r.nextGaussian();
            }
            double[][] want = Fft.dft(re, im);
            new Fft(n).transform(re, im);
            for (int k = 0; k < n; k++) {
                assertEquals(want[0][k], re[k], 1e-10 * n, "re X_" + k + " of " + n);
                assertEquals(want[1][k], im[k], 1e-10 * n, "im X_" + k + " of " + n);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Fft(12));
    }

    @Test
    void melFiltersAreTrianglesEvenlySpacedOnTheMelScale() {
        assertEquals(1000, Mel.mel(1000), 0.5, "1000 Hz is about 1000 mel on HTK's scale");
        for (double f : new double[] {20, 440, 8000}) assertEquals(f, Mel.hz(Mel.mel(f)), 1e-9 * f);
        double[] edges = Mel.edges(32, 20, 8000);
        for (int i = 1; i < edges.length; i++) {
            assertEquals(Mel.mel(edges[1]) - Mel.mel(edges[0]), Mel.mel(edges[i]) - Mel.mel(edges[i - 1]), 1e-9, "even in mel");
        }
        for (int bands : SoundFormat.SIDES) {
            double[][] bank = Mel.bank(bands, 512, 16000, 20, 8000);
            double[] e = Mel.edges(bands, 20, 8000);
            for (int b = 0; b < bands; b++) {
                double peak = 0;
                for (int k = 0; k <= 256; k++) {
                    double f = k * 16000.0 / 512, want = f <= e[b] || f >= e[b + 2] ? 0
                            : f <= e[b + 1] ? (f - e[b]) / (e[b + 1] - e[b]) : (e[b + 2] - f) / (e[b + 2] - e[b + 1]);
                    assertEquals(want, bank[b][k], 1e-12, "band " + b + " at bin " + k);
                    peak = Math.max(peak, bank[b][k]);
                }
                assertTrue(peak > 0, bands + " bands: band " + b + " covers a bin");
            }
        }
    }

    private static float[] tone(double hz, double amp, double seconds, int rate) {
        float[] x = new float[(int) (seconds * rate)];
        for (int i = 0; i < x.length; i++) x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / rate));
        return x;
    }

    @Test
    void resamplingKeepsWhatFitsUnderTheNewNyquistAndDropsTheRest() {
        for (int rate : new int[] {8000, 22050, 44100, 48000, 44101}) {
            float[] y = Resample.of(tone(1000, 0.5, 0.5, rate), rate, 16000);
            assertEquals(8000, y.length, 1, rate + " Hz");
            float[] want = tone(1000, 0.5, 0.5, 16000);
            for (int i = 400; i < 7600; i++) assertEquals(want[i], y[i], 2e-3, rate + " Hz -> 16 kHz at " + i);
        }
        // a 12 kHz tone cannot be carried at 16 kHz: filtered out, not folded to 4 kHz
        float[] alias = Resample.of(tone(12000, 0.5, 0.5, 48000), 48000, 16000);
        double rms = 0;
        for (int i = 400; i < 7600; i++) rms += alias[i] * alias[i];
        assertTrue(Math.sqrt(rms / 7200) < 0.01, "aliasing suppressed: rms " + Math.sqrt(rms / 7200));
    }

    private static byte[] wav(int format, int bits, int channels, int rate, double[][] frames) {
        int width = bits / 8, n = frames.length;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + n * channels * width).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + n * channels * width).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) format).putShort((short) channels).putInt(rate).putInt(rate * channels * width)
                .putShort((short) (channels * width)).putShort((short) bits).put("data".getBytes()).putInt(n * channels * width);
        for (double[] f : frames) {
            for (double v : f) {
                if (format == 3 && bits == 32) b.putFloat((float) v);
                else if (format == 3) b.putDouble(v);
                else if (bits == 8) b.put((byte) (Math.round(v * 128) + 128));
                else if (bits == 16) b.putShort((short) Math.round(v * 32768));
                else if (bits == 24) {
                    int s = (int) Math.round(v * 8388608);
                    b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                } else b.putInt((int) Math.round(v * 2147483648.0));
            }
        }
        return b.array();
    }

    @Test
    void wavFilesOfEveryCommonLayoutReadTheSameSound() {
        double[][] frames = new double[400][];
        for (int i = 0; i < frames.length; i++) frames[i] = new double[] {0.5 * Math.sin(i * 0.1), -0.25 * Math.sin(i * 0.1)};
        Object[][] layouts = {{1, 8, 1 / 64.0}, {1, 16, 1e-4}, {1, 24, 1e-6}, {1, 32, 1e-8}, {3, 32, 1e-7}, {3, 64, 1e-7}};
        for (Object[] l : layouts) {
            int format = (int) l[0], bits = (int) l[1];
            Wav stereo = Wav.read(wav(format, bits, 2, 22050, frames));
            assertEquals(22050, stereo.rate);
            assertEquals(2, stereo.channels);
            assertEquals(400, stereo.mono.length);
            for (int i = 0; i < 400; i++) assertEquals(0.125 * Math.sin(i * 0.1), stereo.mono[i], (double) l[2], format + "/" + bits + " at " + i);
        }
        double[] x = {0, 0.5, -0.5, 1, -1};
        Wav back = Wav.read(Wav.write16(x, 16000));
        assertArrayEquals(new float[] {0, 0.5f, -0.5f, 32767 / 32768f, -1}, back.mono);

        assertEquals("MP3", Wav.kind(new byte[] {'I', 'D', '3', 4, 0}));
        assertEquals("Ogg", Wav.kind("OggS....".getBytes()));
        assertEquals("FLAC", Wav.kind("fLaC....".getBytes()));
        assertEquals("MP4/M4A", Wav.kind("\0\0\0\u0020ftypM4A ".getBytes()));
        assertEquals("not a sound file (WAV, MP3, Ogg, WebM, FLAC or M4A)", assertThrows(IllegalArgumentException.class, () -> Wav.read("hello".getBytes())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Wav.read("OggS0000".getBytes())).getMessage().contains("convert it to WAV"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Wav.read(wav(2, 16, 1, 8000, new double[10][1]))).getMessage().contains("16-bit PCM"));
        byte[] hour = wav(1, 16, 1, 16000, new double[10][1]);
        java.nio.ByteBuffer.wrap(hour).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(40, 16000 * 2 * 3600);
        java.nio.ByteBuffer.wrap(hour).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, 16000 * 2 * 3600 + 36);
        byte[] longer = java.util.Arrays.copyOf(hour, 44 + 16000 * 2 * 3600);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Wav.read(longer)).getMessage().startsWith("longer than 10 minutes (60 min)"));
        // a truncated recording reads what is there
        assertEquals(10, Wav.read(java.util.Arrays.copyOf(hour, 64)).mono.length);
    }

    @Test
    void clipsAreWholeSecondsAndTheSpectrogramFindsTheTone() {
        assertEquals(1, SoundFormat.clips(tone(440, 0.5, 0.3, 16000)).size(), "a short sound padded");
        assertEquals(3, SoundFormat.clips(tone(440, 0.5, 2.6, 16000)).size(), "2 s and 0.6 s padded");
        assertEquals(2, SoundFormat.clips(tone(440, 0.5, 2.3, 16000)).size(), "0.3 s left over is dropped");
        assertEquals("too short (10 ms; at least 100 ms)", assertThrows(IllegalArgumentException.class,
                () -> SoundFormat.clips(tone(440, 0.5, 0.01, 16000))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoundFormat.clips(new float[16000])).getMessage().startsWith("silent"));

        SoundFormat f = SoundFormat.parse("mel32");
        assertEquals("mel32", f.name());
        assertThrows(IllegalArgumentException.class, () -> SoundFormat.parse("mel40"));
        double[] edges = Mel.edges(32, SoundFormat.LOW, SoundFormat.HIGH);
        for (double hz : new double[] {300, 1000, 3000}) {
            double[] s = f.spectrogram(SoundFormat.clips(tone(hz, 0.5, 1, 16000)).get(0));
            int band = 0;
            while (!(edges[band + 1] <= hz && hz < edges[band + 2]) && !(edges[band] < hz && hz < edges[band + 2] && band == 31)) band++;
            int brightest = 0;
            for (int row = 0; row < 32; row++) if (s[row * 32 + 16] > s[brightest * 32 + 16]) brightest = row;
            int brightestBand = 31 - brightest;
            assertTrue(Math.abs(brightestBand - band) <= 1, hz + " Hz: band " + brightestBand + ", its peak in band " + band);
            double db = s[brightest * 32 + 16] * 100 + SoundFormat.FLOOR_DB;
            assertEquals(20 * Math.log10(0.5), db, 3, "a -6 dB tone is about -6 dB in its band");
            for (double v : s) assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void soundsTheTestsMakeTrainToHighAccuracyTheSameFromAZipOrAFolder(@TempDir Path dir) throws Exception {
        Path z = dir.resolve("sounds.zip");
        Files.write(z, SoundMaker.zip(20, 22050));
        Path folder = dir.resolve("folder");
        studio.backprop.engine.data.Zip read = new studio.backprop.engine.data.Zip(Files.readAllBytes(z));
        for (var e : read.entries) {
            Path f = folder.resolve(e.path);
            Files.createDirectories(f.getParent());
            Files.write(f, read.read(e));
        }
        Files.write(folder.resolve("sounds/low/notes.txt"), "not a sound".getBytes());
        String query = "data=" + z + "&" + Recommended.SOUNDS + "&epochs=12";
        Experiment fromZip = Experiment.load(Settings.of(query, '&'));
        assertEquals("mel32", fromZip.settings.get("sound"), "sounds found in the zip, mel32 by default");
        assertEquals("32\u00d732\u00d71", fromZip.inputShape.toString());
        assertArrayEquals(SoundMaker.CLASSES, fromZip.model.classes);
        fromZip.trainToEnd(12);
        Experiment fromFolder = Experiment.load(Settings.of(query.replace(z.toString(), folder.toString()), '&'));
        fromFolder.trainToEnd(12);
        assertEquals(WeightsHash.of(fromZip.model.network), WeightsHash.of(fromFolder.model.network), "the same files from a folder");
        double accuracy = fromZip.evaluate().test.accuracy;
        assertTrue(accuracy >= 0.9, "4 classes of made sounds, 80 clips: " + accuracy);

        SoundClasses skipped = SoundFiles.read(folder, SoundFormat.parse("mel32"));
        assertEquals(List.of("sounds/low/notes.txt: not a sound file (WAV, MP3, Ogg, WebM, FLAC or M4A)"), skipped.skipped);

        // the preprocessing travels with the model: a link's model hears a new file as the run did
        var back = ModelLink.read(ModelLink.payload(fromZip.model));
        assertEquals("mel32", back.settings.get("sound"));
        SoundFormat f = SoundFormat.parse(back.settings.get("sound"));
        double[] x = f.spectrogram(SoundFormat.clips(SoundFormat.at16k(Wav.read(Wav.write16(SoundMaker.sound("high", 99, 1, 44100), 44100)))).get(0));
        double[] p = back.predict(new double[][] {x})[0];
        assertArrayEquals(fromZip.model.predict(new double[][] {x})[0], p);
        assertEquals(2, argmax(p), "a new high tone is heard as high: " + java.util.Arrays.toString(p));
        String onnx = new String(studio.backprop.engine.model.Onnx.write(fromZip.model), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(onnx.contains(f.describe()), "the ONNX file's metadata says how a sound becomes its input");
    }

    @Test
    void theCliTrainsOnSoundsAndPredictsEachSecondOfAFile(@TempDir Path dir) throws Exception {
        Path z = dir.resolve("sounds.zip");
        Files.write(z, SoundMaker.zip(12, 16000));
        Path model = dir.resolve("m.bpsm");
        String[] out = cli("train", "--data=" + z, "--quiet", "--out=" + model); // the recommended conv net, to early stopping or 40 epochs
        assertEquals("0", out[2], out[1]);
        assertTrue(out[0].contains("\"weightsHash\""), out[0]);
        double[] two = new double[2 * 48000];
        System.arraycopy(SoundMaker.sound("low", 50, 1, 48000), 0, two, 0, 48000);
        System.arraycopy(SoundMaker.sound("high", 50, 1, 48000), 0, two, 48000, 48000);
        Files.write(dir.resolve("two.wav"), Wav.write16(two, 48000));
        Files.write(dir.resolve("song.mp3"), new byte[] {'I', 'D', '3', 4, 0, 0});
        out = cli("predict", "--model=" + model, "--input=" + dir.resolve("two.wav"));
        assertEquals("0", out[2], out[1]);
        String[] lines = out[0].trim().split("\n");
        assertEquals("file,prediction,p(chirp),p(clicks),p(high),p(low)", lines[0]);
        assertTrue(lines[1].startsWith(dir.resolve("two.wav") + ",low,"), "the first second is low: " + lines[1]);
        assertTrue(lines[2].startsWith(dir.resolve("two.wav") + " 2,high,"), "the second is high: " + lines[2]);
        Path some = dir.resolve("some");
        Files.createDirectories(some);
        Files.copy(dir.resolve("two.wav"), some.resolve("two.wav"));
        Files.copy(dir.resolve("song.mp3"), some.resolve("song.mp3"));
        out = cli("predict", "--model=" + model, "--input=" + some);
        assertEquals(3, out[0].trim().split("\n").length, out[0]);
        assertTrue(out[1].contains("skipped song.mp3: MP3 is read in the browser only; convert it to WAV for the CLI"), out[1]);
    }

    @Test
    void aProjectKeepsEachClipExactlyAndOpensToTheSameWeights() throws Exception {
        SoundClasses sounds = new SoundClasses(SoundFormat.parse("mel32"));
        List<studio.backprop.engine.model.Project.Image> clips = new java.util.ArrayList<>();
        for (String c : new String[] {"high", "low"}) {
            for (int n = 0; n < 6; n++) {
                double[] x = SoundMaker.sound(c, n, 1, SoundFormat.RATE);
                float[] f = new float[x.length];
                for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
                String name = c + "-" + n + ".wav" + (n % 2 == 1 ? " 2" : ""); // a second clip's name too
                sounds.addSound(c, name, f);
                clips.add(new studio.backprop.engine.model.Project.Image(c, name + ".wav", Wav.writeFloat(f, SoundFormat.RATE)));
            }
        }
        Settings s = Settings.of("data=mine&sound=mel32&" + Recommended.SOUNDS, '&');
        Experiment ex = Experiment.fromSounds(s, sounds);
        ex.trainer.stepEpoch();
        var saved = new studio.backprop.engine.model.Project(ex.model, "now", null, null, List.of("high", "low"), clips, "[]");
        assertEquals("sounds", saved.dataKind());
        var back = studio.backprop.engine.model.Project.read(studio.backprop.engine.model.Project.write(saved));
        assertEquals("sounds", back.dataKind());
        assertEquals("high-1.wav 2.wav", back.images.get(1).name);
        Experiment reopened = studio.backprop.engine.train.ProjectRun.load(back, back.model.settings);
        assertEquals(WeightsHash.of(ex.model.network), WeightsHash.of(reopened.model.network));
        // trained on from there (a project keeps the weights, not the optimiser's state), as the same clips here are
        Experiment again = Experiment.fromSounds(s, sounds);
        assertTrue(again.takeWeights(ex.model));
        again.trainer.stepEpoch();
        reopened.trainer.stepEpoch();
        assertEquals(WeightsHash.of(again.model.network), WeightsHash.of(reopened.model.network), "the same clips in the same order, to the bit");
    }

    private static String[] cli(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(), err = new java.io.ByteArrayOutputStream();
        int code = studio.backprop.engine.cli.Main.run(args, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        return new String[] {out.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString(java.nio.charset.StandardCharsets.UTF_8), Integer.toString(code)};
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return best;
    }
}
