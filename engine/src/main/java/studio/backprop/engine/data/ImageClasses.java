package studio.backprop.engine.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A user's own images by class, each already scaled (see {@link ImageFormat#scale}) to the RGB
 * levels of one side, with the files that were skipped and why. The folder layout of image
 * classification gives the classes: a file's class is the name of the folder it is in. The data
 * set lists the classes by name and each class's images by file name, so the same files make
 * the same data set (and, seeded, the same weights) whatever order they were added in: on the
 * JVM from a folder or zip, in the browser from a drop, a zip or the camera.
 */
public final class ImageClasses {
    /** The most inputs x images one data set may hold in memory (8 bytes each). */
    public static final long MAX_VALUES = 24_000_000;

    public final int side;
    private final List<String> classes = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<byte[]> levels = new ArrayList<>();
    /** "file: why" (see {@link #sortSkipped}). */
    public final List<String> skipped = new ArrayList<>();

    public ImageClasses(int side) {
        this.side = side;
    }

    /**
     * The folder the class folders are in, for a batch of paths (files, and folders ending in
     * '/'): "" for the top, or the one folder everything is wrapped in ("pets/" for pets/cat/1.png
     * and pets/dog/1.png), as many levels down as such wrapping goes, but never the class folder
     * itself (cat/1.png and cat/2.png are one class, cat).
     */
    public static String root(java.util.Collection<String> paths) {
        String root = "";
        while (true) {
            String first = null;
            boolean deeper = false, same = !paths.isEmpty();
            for (String path : paths) {
                String rest = path.replace('\\', '/').substring(Math.min(root.length(), path.length()));
                int slash = rest.indexOf('/');
                if (slash < 0 || !path.replace('\\', '/').startsWith(root)) {
                    same = false;
                    break;
                }
                String top = rest.substring(0, slash + 1);
                if (first == null) first = top;
                same &= top.equals(first);
                deeper |= rest.indexOf('/', slash + 1) >= 0;
            }
            if (!same || !deeper) return root;
            root += first;
        }
    }

    /**
     * The class of a file in the folder layout: the first folder under the root (files in its
     * sub-folders belong to it too); "" for a file directly in the root.
     */
    public static String classOf(String path, String root) {
        String rest = path.replace('\\', '/').substring(root.length());
        int slash = rest.indexOf('/');
        return slash <= 0 ? "" : rest.substring(0, slash);
    }

    /** Files that are no one's images and are passed over without a word: macOS's and Windows' extras, hidden files. */
    public static boolean isClutter(String path) {
        String p = path.replace('\\', '/');
        String file = p.substring(p.lastIndexOf('/') + 1);
        return p.startsWith("__MACOSX/") || p.contains("/__MACOSX/") || file.startsWith(".") || file.equalsIgnoreCase("Thumbs.db")
                || file.equalsIgnoreCase("desktop.ini");
    }

    /** Adds a class with no images yet (a class made in the studio); its index. */
    public int addClass(String name) {
        int i = classes.indexOf(name);
        if (i >= 0) return i;
        classes.add(name);
        return classes.size() - 1;
    }

    /** Adds an image: its file name (or path) and its RGB levels at {@link #side}. */
    public void add(String className, String name, byte[] rgbLevels) {
        if (rgbLevels.length != 3 * side * side) throw new IllegalArgumentException("levels are not " + side + "x" + side + " RGB");
        labels.add(addClass(className));
        names.add(name);
        levels.add(rgbLevels);
    }

    public void skip(String name, String why) {
        skipped.add(name + ": " + why);
    }

    /** The skipped files by name (they come in whatever order the files were read). */
    public void sortSkipped() {
        java.util.Collections.sort(skipped);
    }

    /** The i-th image added: its file name and RGB levels. */
    public String name(int i) {
        return names.get(i);
    }

    public byte[] levels(int i) {
        return levels.get(i);
    }

    public int size() {
        return levels.size();
    }

    /** The classes in the order they came. */
    public List<String> classes() {
        return java.util.Collections.unmodifiableList(classes);
    }

    public int count(String className) {
        int c = classes.indexOf(className), n = 0;
        for (int label : labels) if (label == c) n++;
        return n;
    }

    /** Whether every image is grey (the default format is then grey). */
    public boolean allGrey() {
        for (byte[] l : levels) if (!ImageFormat.isGrey(l)) return false;
        return true;
    }

    /** The format the setting {@code image} names, "auto" resolved from these images. */
    public ImageFormat format(String setting) {
        ImageFormat f = ImageFormat.parse(setting.equals("auto") || setting.isEmpty() ? ImageFormat.auto(allGrey()) : setting);
        if (f.side != side) throw new IllegalArgumentException("the images are scaled to " + side + ", not " + f.side);
        return f;
    }

    /** Per class (in the order they came), the RGB levels of its first {@code n} images in data set order. */
    public List<List<byte[]>> firstOfEach(int n) {
        List<List<byte[]>> out = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) out.add(new ArrayList<>());
        for (int i : order()) {
            List<byte[]> mine = out.get(labels.get(i));
            if (mine.size() < n) mine.add(levels.get(i));
        }
        return out;
    }

    /** Per class (in the order they came), how many images it has. */
    public int[] counts() {
        int[] n = new int[classes.size()];
        for (int label : labels) n[label]++;
        return n;
    }

    /**
     * The data set: classes sorted by name, images by class and then by file name.
     *
     * @throws IllegalArgumentException naming what is missing: a class without images, fewer
     *     than two classes, or more images than fit in memory at this format
     */
    public DataSet dataSet(String data, ImageFormat f) {
        for (String c : classes) if (count(c) == 0) throw new IllegalArgumentException("the class '" + c + "' has no images");
        if (classes.size() < 2) {
            throw new IllegalArgumentException(classes.isEmpty() ? "no images (put them in one folder per class)"
                    : "only one class ('" + classes.get(0) + "'): a classifier needs at least two, one folder each");
        }
        if ((long) f.inputs() * size() > MAX_VALUES) {
            throw new IllegalArgumentException(size() + " images at " + f + " are more than fit in memory (at most "
                    + MAX_VALUES / f.inputs() + "); choose a smaller size or grey");
        }
        String[] sorted = classes.toArray(new String[0]);
        java.util.Arrays.sort(sorted);
        List<String> byName = java.util.Arrays.asList(sorted);
        Integer[] order = order();
        double[][] x = new double[order.length][], y = new double[order.length][];
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            x[k] = f.inputs(levels.get(i));
            y[k] = new double[] {byName.indexOf(classes.get(labels.get(i)))};
        }
        return new DataSet(data, f.inputNames(), x, new String[] {"class"}, sorted, y);
    }

    /** Indices of the images by class name, then file name (then the order added, for equal names). */
    private Integer[] order() {
        Integer[] order = new Integer[size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> {
            int c = classes.get(labels.get(a)).compareTo(classes.get(labels.get(b)));
            if (c == 0) c = names.get(a).compareTo(names.get(b));
            return c != 0 ? c : Integer.compare(a, b);
        });
        return order;
    }
}
