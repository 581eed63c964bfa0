package studio.backprop.web.worker.files;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.ImageClasses;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.data.Zip;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.Project;
import studio.backprop.engine.sound.Resample;
import studio.backprop.engine.sound.SoundClasses;
import studio.backprop.engine.sound.SoundFiles;
import studio.backprop.engine.sound.SoundFormat;
import studio.backprop.engine.sound.Wav;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.SoundMessages;
import studio.backprop.web.worker.run.Outbox;

/**
 * The user's own sounds, in the worker: the classes in the order they came and each one-second
 * clip at {@value SoundFormat#RATE} Hz with its spectrogram at the current format. A WAV is read
 * here by the engine ({@link Wav}), as the CLI reads it, so the same files give the same data set;
 * any other file goes to the page to decode (decodeAudioData is the page's only) and comes back as
 * samples, as recordings do. Files are taken one per task, so other messages go through between them.
 */
public final class OwnSounds {
    /** The latest clips per class in the summary. */
    static final int SHOWN = 8;
    /** A file waiting to be read: its class, name and bytes (a Blob; deflated while entry is not null). */
    private static final class Pending {
        int cls;
        final String name;
        JSObject blob;
        Zip zip;
        Zip.Entry entry;

        Pending(int cls, String name, JSObject blob) {
            this.cls = cls;
            this.name = name;
            this.blob = blob;
        }
    }

    private final List<String> classes = new ArrayList<>();
    private final List<SoundClip> clips = new ArrayList<>();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Files the page is decoding: class and name, as "class\0name". */
    private final List<String> decoding = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<Runnable> whenDone = new ArrayList<>();
    private SoundFormat format = new SoundFormat(SoundFormat.SIDES[0]);
    private int nextId, recordings, total, done;
    private boolean busy, cancelled;
    private String message = "";
    private double lastSummary;

    /** Whether the settings train on the user's sounds (setting sound, a data name that is no built-in set). */
    public static boolean isFor(Settings s) {
        return Experiment.sounds(s) && !BuiltIn.isBuiltIn(s.get("data"));
    }

    boolean ready(Settings s) {
        return !busy && queue.isEmpty() && decoding.isEmpty() && SoundFormat.side(s.get("sound")) == format.side;
    }

    /** Runs then once every file is read, at the settings' format (the spectrograms made again first if it changed). */
    void whenReady(Settings s, Runnable then) {
        int side = SoundFormat.side(s.get("sound"));
        if (side != format.side) {
            format = new SoundFormat(side);
            for (SoundClip c : clips) c.levels = format.spectrogram(c.samples);
        }
        if (ready(s)) {
            then.run();
            return;
        }
        whenDone.add(then);
    }

    Experiment experiment(Settings s) {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("the sounds of '" + s.get("data") + "' are not here: a page keeps them only until it is left;"
                    + " add the files again or record them (Your sounds)");
        }
        SoundClasses c = new SoundClasses(format);
        for (String name : classes) c.addClass(name);
        for (SoundClip clip : clips) c.add(classes.get(clip.cls), clip.name, clip.levels);
        return Experiment.fromSounds(s, c);
    }

    void add(SoundMessages.Add m) {
        JSObject[] files = m.getFiles();
        String[] paths = m.getPaths();
        String into = m.getClassName();
        List<String> loose = new ArrayList<>();
        for (String p : paths) if (!isZip(p)) loose.add(p);
        String root = ImageClasses.root(loose);
        message = "";
        for (int i = 0; i < files.length; i++) {
            String path = paths[i];
            if (ImageClasses.isClutter(path)) continue;
            if (isZip(path)) {
                addZip(files[i], path, into);
                continue;
            }
            String cls = into.isEmpty() ? ImageClasses.classOf(path, root) : into;
            if (cls.isEmpty()) skip(path, "not in a class folder (drop a folder with one sub-folder per class, or add it to a class)");
            else enqueue(new Pending(classIndex(cls), path, files[i]));
        }
        pump();
        summary();
    }

    private static boolean isZip(String path) {
        return Text.lowerAscii(path).endsWith(".zip");
    }

    private void addZip(JSObject file, String name, String into) {
        ZipImages z = ZipImages.read(file, into);
        for (String c : z.classes) classIndex(c);
        for (String[] s : z.skipped) skip(s[0], s[1]);
        if (z.error != null) {
            message = name + ": " + z.error;
            return;
        }
        for (ZipImages.Found f : z.found) {
            Pending p = new Pending(classIndex(f.cls), f.path, f.blob);
            p.zip = f.zip;
            p.entry = f.entry;
            enqueue(p);
        }
    }

    /** A recording, or a file the page decoded (or could not: its error). */
    void pcm(SoundMessages.Pcm m) {
        boolean answer = decoding.remove(m.getClassName() + "\0" + m.getName());
        if (answer) done++;
        if (!m.getError().isEmpty()) {
            skip(m.getName(), m.getError());
        } else if (answer || classes.contains(m.getClassName())) {
            String name = m.getName().isEmpty() ? "recording-" + pad(++recordings) : m.getName();
            try {
                float[] x = m.getSamples().copyToJavaArray();
                if (x.length > Wav.MAX_SECONDS * m.getRate()) throw new IllegalArgumentException("longer than 10 minutes");
                addSound(classIndex(m.getClassName()), name, Resample.of(x, (int) m.getRate(), SoundFormat.RATE));
            } catch (IllegalArgumentException bad) {
                skip(name, bad.getMessage());
                if (!answer) message = name + ": " + bad.getMessage();
            }
        }
        if (!busy) finishIfDone();
        summary();
    }

    private void addSound(int cls, String name, float[] at16k) {
        List<float[]> parts = SoundFormat.clips(at16k);
        if (clips.size() + parts.size() > SoundClasses.MAX_CLIPS) throw new IllegalArgumentException("more than " + SoundClasses.MAX_CLIPS + " one-second clips (an hour)");
        for (int k = 0; k < parts.size(); k++) {
            SoundClip c = new SoundClip(cls, nextId++, SoundClasses.clipName(name, k), parts.get(k));
            c.levels = format.spectrogram(c.samples);
            clips.add(c);
        }
    }

    void edit(SoundMessages.Edit m) {
        int i = m.getIndex();
        switch (m.getOp()) {
            case "ADD": classIndex(m.getName()); break;
            case "RENAME":
                if (i >= 0 && i < classes.size() && !m.getName().isEmpty()) {
                    if (classes.contains(m.getName()) && classes.indexOf(m.getName()) != i) message = "there is a class '" + m.getName() + "' already";
                    else classes.set(i, m.getName());
                }
                break;
            case "REMOVE":
                if (i >= 0 && i < classes.size()) {
                    classes.remove(i);
                    clips.removeIf(c -> c.cls == i);
                    queue.removeIf(p -> p.cls == i);
                    for (SoundClip c : clips) if (c.cls > i) c.cls--;
                    for (Pending p : queue) if (p.cls > i) p.cls--;
                }
                break;
            case "CLEAR":
                classes.clear();
                clips.clear();
                queue.clear();
                skipped.clear();
                message = "";
                break;
            case "CANCEL":
                if (busy || !queue.isEmpty()) cancelled = true;
                break;
            case "DELETE": clips.removeIf(c -> c.id == i); break;
            case "PLAY":
                for (SoundClip c : clips) if (c.id == i) play(c.levels);
                return;
            default: break;
        }
        summary();
    }

    /** The classes in their order, for a project. */
    List<String> classNames() {
        return new ArrayList<>(classes);
    }

    /** Every clip, for a project: its class, its name with .wav, and its samples as a float WAV (read back exactly). */
    List<Project.Image> files() {
        List<Project.Image> out = new ArrayList<>();
        for (SoundClip c : clips) out.add(new Project.Image(classes.get(c.cls), c.name + ".wav", Wav.writeFloat(c.samples, SoundFormat.RATE)));
        return out;
    }

    /** A project's clips in place of the ones here (each file a clip that {@link #files} wrote), at the model's format. */
    void replace(Model model, List<String> classNames, List<Project.Image> files) {
        classes.clear();
        clips.clear();
        queue.clear();
        skipped.clear();
        message = "";
        format = SoundFormat.parse(model.settings.get("sound"));
        for (String c : classNames) classIndex(c);
        for (Project.Image f : files) {
            String name = SoundClasses.ofProjectFile(f.name);
            try {
                addSound(classIndex(f.className), name, SoundFormat.at16k(Wav.read(f.file)));
            } catch (IllegalArgumentException bad) {
                skip(f.name, bad.getMessage());
            }
        }
        summary();
    }

    /** Plays the clip whose spectrogram this is (the very array a run's data set holds). */
    void play(double[] levels) {
        for (SoundClip c : clips) if (c.levels == levels) Outbox.post(SoundMessages.clip(Float32Array.copyFromJavaArray(c.samples)));
    }

    /** An opened model's classes, made ready for the user's sounds, at its format. */
    void expect(Model model) {
        format = SoundFormat.parse(model.settings.get("sound"));
        for (SoundClip c : clips) c.levels = format.spectrogram(c.samples);
        for (String n : model.classes) classIndex(n);
        summary();
    }

    private int classIndex(String name) {
        int i = classes.indexOf(name);
        if (i >= 0) return i;
        classes.add(name);
        return classes.size() - 1;
    }

    private void enqueue(Pending p) {
        queue.add(p);
        total++;
    }

    private void skip(String name, String why) {
        skipped.add(name + ": " + why);
    }

    /** Reads the next file in a task of its own (a deflated one inflated by the browser first). */
    private void pump() {
        if (busy) return;
        if (cancelled) {
            total -= queue.size();
            queue.clear();
            cancelled = false;
            message = "loading cancelled";
        }
        Pending p = queue.poll();
        if (p == null) {
            finishIfDone();
            return;
        }
        busy = true;
        if (p.entry != null) {
            Zip zip = p.zip;
            Zip.Entry e = p.entry;
            ModelExchange.inflate(p.blob, Zip.inflatedLimit(e), (bytes, error) -> {
                try {
                    if (bytes == null) {
                        if (error.startsWith("larger than")) throw Zip.bomb(e);
                        throw new IllegalArgumentException("damaged (" + error + ")");
                    }
                    byte[] b = Zip.checked(e, bytes.copyToJavaArray());
                    zip.count(b.length);
                    read(p, b);
                } catch (Zip.ZipBomb bomb) {
                    message = bomb.getMessage();
                    int before = queue.size();
                    queue.removeIf(other -> other.zip == zip);
                    done += 1 + before - queue.size();
                } catch (IllegalArgumentException bad) {
                    done++;
                    skip(p.name, bad.getMessage());
                }
                next();
            });
            return;
        }
        Js.setTimeout(() -> {
            Int8Array bytes = ImageDecoding.readBytes(p.blob, 0, -1);
            if (bytes == null) {
                done++;
                skip(p.name, "unreadable");
            } else {
                read(p, bytes.copyToJavaArray());
            }
            next();
        }, 0);
    }

    private void next() {
        busy = false;
        if (Js.now() - lastSummary > 250) summary();
        pump();
    }

    /** A file's bytes: a WAV read here; another sound (by its start or its name) to the page to decode; anything else skipped. */
    private void read(Pending p, byte[] b) {
        String kind = Wav.kind(b);
        String lower = Text.lowerAscii(p.name);
        // (a file named .wav that does not start as one is no sound the browser would find either)
        if (kind == null && (!SoundFiles.isAudio(p.name) || lower.endsWith(".wav") || lower.endsWith(".wave"))) {
            done++;
            skip(p.name, "not a sound file (WAV, MP3, Ogg, WebM, FLAC or M4A)");
            return;
        }
        if (!"WAV".equals(kind)) {
            decoding.add(classes.get(p.cls) + "\0" + p.name);
            Outbox.post(SoundMessages.decode(Int8Array.copyFromJavaArray(b), classes.get(p.cls), p.name));
            return;
        }
        done++;
        try {
            addSound(p.cls, p.name, SoundFormat.at16k(Wav.read(b)));
        } catch (IllegalArgumentException bad) {
            skip(p.name, bad.getMessage());
        }
    }

    private void finishIfDone() {
        if (busy || !queue.isEmpty() || !decoding.isEmpty()) return;
        total = 0;
        done = 0;
        java.util.Collections.sort(skipped);
        summary();
        List<Runnable> waiting = new ArrayList<>(whenDone);
        whenDone.clear();
        for (Runnable r : waiting) r.run();
    }

    /** Tells the page what there is: classes, counts, each class's latest clips, skipped files, progress. */
    void summary() {
        lastSummary = Js.now();
        int n = classes.size(), plane = format.side * format.side;
        double[] counts = new double[n];
        List<SoundClip> shown = new ArrayList<>();
        for (int k = n - 1; k >= 0; k--) {
            int left = SHOWN;
            for (int i = clips.size() - 1; i >= 0; i--) {
                SoundClip c = clips.get(i);
                if (c.cls != k) continue;
                counts[k]++;
                if (left-- > 0) shown.add(0, c);
            }
        }
        int[] cls = new int[shown.size()], ids = new int[shown.size()];
        String[] names = new String[shown.size()];
        byte[] levels = new byte[shown.size() * plane];
        for (int i = 0; i < shown.size(); i++) {
            SoundClip c = shown.get(i);
            cls[i] = c.cls;
            ids[i] = c.id;
            names[i] = c.name;
            for (int p = 0; p < plane; p++) levels[i * plane + p] = (byte) Math.round(c.levels[p] * 255);
        }
        boolean loading = busy || !queue.isEmpty() || !decoding.isEmpty();
        double fraction = loading ? (total == 0 ? 0 : (double) done / total) : -1;
        Outbox.post(SoundMessages.summary(classes.toArray(new String[0]), Js.float64(counts), format.side, Js.int32(cls), Js.int32(ids), names,
                Int8Array.copyFromJavaArray(levels), skipped.toArray(new String[0]), fraction, message));
    }

    private static String pad(int n) {
        String s = Integer.toString(n);
        return "000".substring(Math.min(3, s.length())) + s;
    }
}
