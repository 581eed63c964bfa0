package studio.backprop.web.worker.files;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.data.ImageClasses;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.data.ImageHeader;
import studio.backprop.engine.data.Png;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.data.Zip;
import studio.backprop.engine.model.Project;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;
import studio.backprop.web.worker.run.Outbox;

/**
 * The user's own images, in the worker: the classes in the order they came and each image's
 * file (kept, to decode again at another size) or camera frame, with its RGB levels at the
 * current side. Files are decoded here, one after another without blocking the worker's
 * messages: createImageBitmap with no colour conversion, the pixels read back from an
 * OffscreenCanvas, then cropped and scaled by the engine ({@link ImageFormat}), so the same
 * PNG gives the same levels as on the JVM. Zips are listed by {@link ZipImages}, read by the engine ({@link Zip}).
 */
public final class OwnImages {
    /** Thumbnails per class in the summary. */
    static final int THUMBS = 8;

    private static final class Item {
        int cls;
        final String name;
        /** The file (a Blob), or null for a camera frame. */
        JSObject blob;
        /** A zip entry still deflated (blob holds it so): its zip and entry, to inflate and check it first; else null. */
        Zip zip;
        Zip.Entry entry;
        final byte[] frame;
        final int frameWidth, frameHeight;
        byte[] levels;

        Item(int cls, String name, JSObject blob, byte[] frame, int frameWidth, int frameHeight) {
            this.cls = cls;
            this.name = name;
            this.blob = blob;
            this.frame = frame;
            this.frameWidth = frameWidth;
            this.frameHeight = frameHeight;
        }
    }

    private final List<String> classes = new ArrayList<>();
    private final List<Item> items = new ArrayList<>();
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<Runnable> whenDone = new ArrayList<>();
    private int side = ImageFormat.SIDES[0];
    private int frames, total, done;
    private int inFlight;
    private boolean cancelled;
    private String message = "";
    private double lastSummary;

    /** Whether the settings train on the user's images (a data name that is no built-in set, with the setting image). */
    public static boolean isFor(Settings s) {
        return studio.backprop.engine.data.Images.own(s.get("data"), s.get("image"));
    }

    private static int sideOf(Settings s) {
        String image = s.get("image");
        return image.equals("auto") ? ImageFormat.SIDES[0] : ImageFormat.parse(image).side;
    }

    /** Whether the images are all decoded at the settings' side. */
    boolean ready(Settings s) {
        return inFlight == 0 && queue.isEmpty() && sideOf(s) == side;
    }

    /** Runs then once every image is decoded at the settings' side (decoding again at a new side first). */
    void whenReady(Settings s, Runnable then) {
        int wanted = sideOf(s);
        if (wanted != side) rescale(wanted);
        if (ready(s)) {
            then.run();
            return;
        }
        whenDone.add(then);
        pump();
    }

    /** The run on these images: see {@link Experiment#fromImages}. */
    Experiment experiment(Settings s) {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("the images of '" + s.get("data") + "' are not here: a page keeps them only until it is left;"
                    + " add the folder or zip again (Your images)");
        }
        return Experiment.fromImages(s, classified());
    }

    private ImageClasses classified() {
        ImageClasses c = new ImageClasses(side);
        for (String name : classes) c.addClass(name);
        for (Item it : items) if (it.levels != null) c.add(classes.get(it.cls), it.name, it.levels);
        return c;
    }

    void add(ToWorker.ImagesAdd m) {
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
            else enqueue(new Item(classIndex(cls), path, files[i], null, 0, 0));
        }
        pump();
        summary();
    }

    private static boolean isZip(String path) {
        return Text.lowerAscii(path).endsWith(".zip");
    }

    private void addZip(JSObject file, String name, String into) {
        ZipImages z = ZipImages.read(file, into);
        // the classes as they came (those met before a bomb too), skipped entries in order, then the images
        for (String c : z.classes) classIndex(c);
        for (String[] s : z.skipped) skip(s[0], s[1]);
        if (z.error != null) {
            message = name + ": " + z.error;
            return;
        }
        for (ZipImages.Found f : z.found) {
            Item it = new Item(classIndex(f.cls), f.path, f.blob, null, 0, 0);
            it.zip = f.zip;
            it.entry = f.entry;
            enqueue(it);
        }
    }

    /** The classes in their order, for a project. */
    List<String> classNames() {
        return new ArrayList<>(classes);
    }

    /**
     * Every image that is in (decoded), for a project: its class, its name and its file as it
     * came (a camera frame as a PNG of the frame); null when a file cannot be read again.
     */
    List<Project.Image> files() {
        List<Project.Image> out = new ArrayList<>();
        for (Item it : items) {
            byte[] file;
            if (it.blob == null) {
                file = Png.write(it.frameWidth, it.frameHeight, it.frame);
            } else {
                Int8Array bytes = ImageDecoding.readBytes(it.blob, 0, -1);
                if (bytes == null) return null;
                file = bytes.copyToJavaArray();
            }
            out.add(new Project.Image(classes.get(it.cls), it.blob == null ? it.name + ".png" : it.name, file));
        }
        return out;
    }

    /** A project's images in place of the ones here: its classes (in order), each file queued to be decoded. */
    void replace(List<String> classNames, List<Project.Image> files) {
        classes.clear();
        items.clear();
        queue.clear();
        skipped.clear();
        message = "";
        total = 0;
        done = 0;
        for (String c : classNames) classIndex(c);
        for (Project.Image im : files) enqueue(new Item(classIndex(im.className), im.name, ImageDecoding.blob(Int8Array.copyFromJavaArray(im.file)), null, 0, 0));
        pump();
        summary();
    }

    /** An opened model's classes, made ready for the user's images (the ones there are stay). */
    void expect(String[] names) {
        for (String n : names) classIndex(n);
        summary();
    }

    void frame(ToWorker.ImagesFrame m) {
        Item it = new Item(classIndex(m.getClassName()), "camera-" + pad(++frames), null, m.getPixels().copyToJavaArray(), m.getWidth(), m.getHeight());
        it.levels = ImageFormat.scale(it.frameWidth, it.frameHeight, it.frame, side);
        items.add(it);
        summary();
    }

    void edit(ToWorker.ImagesEdit m) {
        int i = m.getIndex();
        switch (m.getOp()) {
            case "ADD": classIndex(m.getName()); break;
            case "RENAME":
                if (i >= 0 && i < classes.size() && !m.getName().isEmpty()) {
                    int existing = classes.indexOf(m.getName());
                    if (existing >= 0 && existing != i) {
                        message = "there is a class '" + m.getName() + "' already";
                    } else {
                        classes.set(i, m.getName());
                    }
                }
                break;
            case "REMOVE":
                if (i >= 0 && i < classes.size()) {
                    classes.remove(i);
                    items.removeIf(it -> it.cls == i);
                    queue.removeIf(it -> it.cls == i);
                    for (Item it : items) if (it.cls > i) it.cls--;
                    for (Item it : queue) if (it.cls > i) it.cls--;
                }
                break;
            case "CLEAR":
                classes.clear();
                items.clear();
                queue.clear();
                skipped.clear();
                message = "";
                break;
            case "CANCEL":
                if (inFlight > 0 || !queue.isEmpty()) cancelled = true;
                break;
            default: break;
        }
        summary();
    }

    private int classIndex(String name) {
        int i = classes.indexOf(name);
        if (i >= 0) return i;
        classes.add(name);
        return classes.size() - 1;
    }

    private void enqueue(Item it) {
        queue.add(it);
        total++;
    }

    private void skip(String name, String why) {
        skipped.add(name + ": " + why);
    }

    /** Every file decoded again at another side; camera frames scaled again at once. */
    private void rescale(int newSide) {
        side = newSide;
        List<Item> keep = new ArrayList<>();
        for (Item it : items) {
            if (it.blob == null) {
                it.levels = ImageFormat.scale(it.frameWidth, it.frameHeight, it.frame, side);
                keep.add(it);
            } else {
                it.levels = null;
                enqueue(it);
            }
        }
        for (Item it : queue) it.levels = null;
        items.clear();
        items.addAll(keep);
    }

    /** Files being decoded at once: the browser decodes on other threads, so several in flight keep it busy. */
    private static final int IN_FLIGHT = 8;

    /**
     * Decodes the queue, a few files at a time; each file's answer comes back as a task of this
     * worker, so other messages (a cancel among them) go through in between.
     */
    private void pump() {
        while (inFlight < IN_FLIGHT) {
            if (cancelled) {
                total -= queue.size();
                queue.clear();
                cancelled = false;
                message = "loading cancelled";
            }
            Item it = queue.poll();
            if (it == null) {
                if (inFlight == 0) finish();
                return;
            }
            if (it.entry != null) {
                inflate(it);
                continue;
            }
            Int8Array head = ImageDecoding.readBytes(it.blob, 0, ImageDecoding.HEAD);
            ImageHeader h = head == null ? null : ImageHeader.of(head.copyToJavaArray());
            if (h == null) {
                done++;
                skip(it.name, head == null ? "unreadable" : "not an image (PNG, JPEG, GIF or WebP)");
                continue;
            }
            inFlight++;
            ImageDecoding.decode(it.blob, h, (width, height, rgba, error) -> {
                inFlight--;
                done++;
                if (error != null) {
                    skip(it.name, "unreadable " + h.kind + " (" + error + ")");
                } else {
                    it.levels = ImageFormat.scale(width, height, rgba.copyToJavaArray(), side);
                    items.add(it);
                }
                if (Js.now() - lastSummary > 250) summary();
                pump();
            });
        }
    }

    /**
     * A deflated zip entry, inflated by the browser (bounded: past its limit it is a bomb, and
     * the rest of its zip is dropped) and checked against its CRC; then it queues to be decoded.
     */
    private void inflate(Item it) {
        inFlight++;
        Zip zip = it.zip;
        Zip.Entry e = it.entry;
        ModelExchange.inflate(it.blob, Zip.inflatedLimit(e), (bytes, error) -> {
            inFlight--;
            it.zip = null;
            it.entry = null;
            try {
                if (bytes == null) {
                    if (error.startsWith("larger than")) throw Zip.bomb(e);
                    throw new IllegalArgumentException("damaged (" + error + ")");
                }
                Zip.checked(e, bytes.copyToJavaArray());
                zip.count(bytes.getLength());
                it.blob = ImageDecoding.blob(bytes);
                queue.addFirst(it);
            } catch (Zip.ZipBomb bomb) {
                message = bomb.getMessage();
                done++;
                int before = queue.size();
                queue.removeIf(other -> other.zip == zip);
                done += before - queue.size();
            } catch (IllegalArgumentException bad) {
                done++;
                skip(it.name, bad.getMessage());
            }
            pump();
        });
    }

    private void finish() {
        total = 0;
        done = 0;
        java.util.Collections.sort(skipped);
        summary();
        List<Runnable> waiting = new ArrayList<>(whenDone);
        whenDone.clear();
        for (Runnable r : waiting) r.run();
    }

    /** Tells the page what there is: classes, counts, thumbnails, skipped files, progress. */
    void summary() {
        lastSummary = Js.now();
        ImageClasses c = classified();
        String[] names = classes.toArray(new String[0]);
        double[] counts = new double[names.length];
        int plane = 3 * side * side;
        byte[] thumbs = new byte[names.length * THUMBS * plane];
        List<List<byte[]>> first = c.firstOfEach(THUMBS);
        int[] n = c.counts();
        for (int k = 0; k < names.length; k++) {
            counts[k] = n[k];
            List<byte[]> levels = first.get(k);
            for (int t = 0; t < levels.size(); t++) System.arraycopy(levels.get(t), 0, thumbs, (k * THUMBS + t) * plane, plane);
        }
        double fraction = inFlight > 0 || !queue.isEmpty() ? (total == 0 ? 0 : (double) done / total) : -1;
        Outbox.post(FromWorker.imagesSummary(names, Js.float64(counts), side, THUMBS, Int8Array.copyFromJavaArray(thumbs),
                skipped.toArray(new String[0]), fraction, message));
    }

    private static String pad(int n) {
        String s = Integer.toString(n);
        return "00000".substring(Math.min(5, s.length())) + s;
    }

}
