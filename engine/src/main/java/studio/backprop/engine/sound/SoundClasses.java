package studio.backprop.engine.sound;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import studio.backprop.engine.data.DataSet;
import studio.backprop.engine.data.ImageClasses;

/**
 * A user's own sounds by class: each one-second clip's spectrogram at one {@link SoundFormat},
 * with the files that were skipped and why. As for images ({@link ImageClasses}), the folder a
 * file is in names its class, and the data set lists classes by name and each class's clips by
 * name ("dog/bark.wav", and "dog/bark.wav 2" for its second second), so the same files give the
 * same data set (and, seeded, the same weights) in the CLI and in the studio.
 */
public final class SoundClasses {
    /** The most clips one data set holds (an hour of sound). */
    public static final int MAX_CLIPS = 3600;

    public final SoundFormat format;
    private final List<String> classes = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<double[]> levels = new ArrayList<>();
    public final List<String> skipped = new ArrayList<>();

    public SoundClasses(SoundFormat format) {
        this.format = format;
    }

    public int addClass(String name) {
        int i = classes.indexOf(name);
        if (i >= 0) return i;
        classes.add(name);
        return classes.size() - 1;
    }

    /** Adds one clip's spectrogram (see {@link SoundFormat#spectrogram}). */
    public void add(String className, String name, double[] spectrogram) {
        if (spectrogram.length != format.side * format.side) throw new IllegalArgumentException("not a " + format.name() + " spectrogram");
        if (levels.size() >= MAX_CLIPS) throw new IllegalArgumentException("more than " + MAX_CLIPS + " one-second clips (an hour)");
        labels.add(addClass(className));
        names.add(name);
        levels.add(spectrogram);
    }

    /** Adds a sound at {@value SoundFormat#RATE} Hz: each of its clips, named "name", "name 2", ... */
    public void addSound(String className, String name, float[] at16k) {
        List<float[]> clips = SoundFormat.clips(at16k);
        for (int k = 0; k < clips.size(); k++) add(className, clipName(name, k), format.spectrogram(clips.get(k)));
    }

    /** The k-th clip (from 0) of a file: its name, then 2, 3, ... for the later seconds. */
    public static String clipName(String name, int k) {
        return k == 0 ? name : name + " " + (k + 1);
    }

    /** A project keeps each clip as "NAME.wav", NAME the clip's name (see Project): the clip's name again. */
    public static String ofProjectFile(String file) {
        return file.endsWith(".wav") ? file.substring(0, file.length() - 4) : file;
    }

    public void skip(String name, String why) {
        skipped.add(name + ": " + why);
    }

    public int size() {
        return levels.size();
    }

    public List<String> classes() {
        return java.util.Collections.unmodifiableList(classes);
    }

    public String name(int i) {
        return names.get(i);
    }

    public double[] levels(int i) {
        return levels.get(i);
    }

    public int count(String className) {
        int c = classes.indexOf(className), n = 0;
        for (int label : labels) if (label == c) n++;
        return n;
    }

    /**
     * The data set: classes sorted by name, clips by class and then by name.
     *
     * @throws IllegalArgumentException naming what is missing: a class without clips, or fewer than two classes
     */
    public DataSet dataSet(String data) {
        for (String c : classes) if (count(c) == 0) throw new IllegalArgumentException("the class '" + c + "' has no sounds");
        if (classes.size() < 2) {
            throw new IllegalArgumentException(classes.isEmpty() ? "no sounds (put them in one folder per class)"
                    : "only one class ('" + classes.get(0) + "'): a classifier needs at least two, one folder each");
        }
        String[] sorted = classes.toArray(new String[0]);
        Arrays.sort(sorted);
        List<String> byName = Arrays.asList(sorted);
        Integer[] order = new Integer[size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> {
            int c = classes.get(labels.get(a)).compareTo(classes.get(labels.get(b)));
            if (c == 0) c = names.get(a).compareTo(names.get(b));
            return c != 0 ? c : Integer.compare(a, b);
        });
        double[][] x = new double[order.length][], y = new double[order.length][];
        for (int k = 0; k < order.length; k++) {
            x[k] = levels.get(order[k]);
            y[k] = new double[] {byName.indexOf(classes.get(labels.get(order[k])))};
        }
        return new DataSet(data, format.picture().inputNames(), x, new String[] {"class"}, sorted, y);
    }
}
