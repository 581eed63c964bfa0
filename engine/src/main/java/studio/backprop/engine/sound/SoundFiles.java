package studio.backprop.engine.sound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import studio.backprop.engine.data.ImageClasses;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.data.Zip;

/**
 * On the JVM: a user's sounds from a folder or a .zip with one sub-folder per class, each WAV
 * read by {@link Wav} and prepared by {@link SoundFormat}, as the studio's worker does with the
 * same files. Other audio formats are skipped with a word: the CLI reads WAV only.
 */
public final class SoundFiles {
    private SoundFiles() {}

    private static final String[] AUDIO = {".wav", ".wave", ".mp3", ".ogg", ".oga", ".opus", ".webm", ".flac", ".m4a", ".aac"};

    /** Whether a file name looks like a sound file. */
    public static boolean isAudio(String path) {
        String p = Text.lowerAscii(path);
        for (String e : AUDIO) if (p.endsWith(e)) return true;
        return false;
    }

    /** Whether a folder or zip holds sound files (the first file that is no clutter decides). */
    public static boolean isSounds(Path p) throws IOException {
        for (String path : paths(p)) if (!ImageClasses.isClutter(path)) return isAudio(path);
        return false;
    }

    private static List<String> paths(Path p) throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(p)) {
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(Files::isRegularFile).sorted().forEach(f -> out.add(p.relativize(f).toString().replace('\\', '/')));
            }
        } else if (Text.lowerAscii(p.toString()).endsWith(".zip") && Files.isRegularFile(p)) {
            for (Zip.Entry e : new Zip(Files.readAllBytes(p)).entries) out.add(e.path);
        }
        return out;
    }

    /** Every sound under a folder or in a zip (skipped files listed in the result). */
    public static SoundClasses read(Path p, SoundFormat format) throws IOException {
        return read(p, format, false);
    }

    /** The same; with {@code anywhere}, files outside class folders too (class ""): sounds to predict. */
    public static SoundClasses read(Path p, SoundFormat format, boolean anywhere) throws IOException {
        SoundClasses sounds = new SoundClasses(format);
        List<String> paths = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        if (Files.isDirectory(p)) {
            for (String path : paths(p)) {
                Path f = p.resolve(path);
                if (Files.size(f) > Zip.MAX_ENTRY) sounds.skip(path, "larger than " + (Zip.MAX_ENTRY >> 20) + " MB");
                else {
                    paths.add(path);
                    bytes.add(Files.readAllBytes(f));
                }
            }
        } else {
            Zip zip = new Zip(Files.readAllBytes(p));
            for (Zip.Entry e : zip.entries) {
                if (ImageClasses.isClutter(e.path)) continue;
                try {
                    bytes.add(zip.read(e));
                    paths.add(e.path);
                } catch (Zip.ZipBomb bomb) {
                    throw bomb;
                } catch (IllegalArgumentException bad) {
                    sounds.skip(e.path, bad.getMessage());
                }
            }
        }
        List<String> loose = new ArrayList<>();
        for (String path : paths) if (!ImageClasses.isClutter(path)) loose.add(path);
        String root = ImageClasses.root(loose);
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            if (ImageClasses.isClutter(path)) continue;
            String c = ImageClasses.classOf(path, root);
            if (c.isEmpty() && !anywhere) sounds.skip(path, "not in a class folder");
            else add(sounds, c, path, bytes.get(i));
        }
        java.util.Collections.sort(sounds.skipped);
        return sounds;
    }

    /** One file's clips into a class, or the file skipped with why. */
    public static void add(SoundClasses sounds, String cls, String path, byte[] file) {
        try {
            Wav w = Wav.read(file);
            sounds.addSound(cls, path, SoundFormat.at16k(w));
        } catch (IllegalArgumentException bad) {
            sounds.skip(path, bad.getMessage());
        }
    }
}
