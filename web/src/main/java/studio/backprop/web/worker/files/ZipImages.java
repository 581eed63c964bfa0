package studio.backprop.web.worker.files;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.data.ImageClasses;
import studio.backprop.engine.data.Zip;

/**
 * A .zip of the user's images read into what {@link OwnImages} queues: each entry's class (its
 * folder, or the class it is dropped into), its bytes as a Blob (a deflated entry still deflated,
 * with its zip and entry to inflate and check later), the entries it skips and why, and the
 * classes in the order they came (empty class folders too). The zip itself is read by the engine.
 */
final class ZipImages {
    /** An entry to decode: class, path, bytes (deflated if entry is not null), and its zip and entry when deflated. */
    static final class Found {
        final String cls, path;
        final JSObject blob;
        final Zip zip;
        final Zip.Entry entry;

        Found(String cls, String path, JSObject blob, Zip zip, Zip.Entry entry) {
            this.cls = cls;
            this.path = path;
            this.blob = blob;
            this.zip = zip;
            this.entry = entry;
        }
    }

    /** The classes as they came, what to decode, what is skipped (path, why); error: why none of it is taken (a bad zip, a bomb), else null. */
    final List<String> classes = new ArrayList<>();
    final List<Found> found = new ArrayList<>();
    final List<String[]> skipped = new ArrayList<>();
    String error;

    private ZipImages() {}

    /** The zip in the File file; into: the class every image goes to, or "" for one class per folder. */
    static ZipImages read(JSObject file, String into) {
        ZipImages out = new ZipImages();
        Zip zip;
        try {
            Int8Array bytes = ImageDecoding.readBytes(file, 0, -1);
            if (bytes == null) throw new IllegalArgumentException("unreadable");
            zip = new Zip(bytes.copyToJavaArray());
        } catch (IllegalArgumentException e) {
            out.error = e.getMessage();
            return out;
        }
        List<String> paths = new ArrayList<>(zip.emptyFolders());
        for (Zip.Entry e : zip.entries) if (!ImageClasses.isClutter(e.path)) paths.add(e.path);
        String root = ImageClasses.root(paths);
        if (into.isEmpty()) for (String f : zip.emptyFolders()) if (!ImageClasses.classOf(f, root).isEmpty()) out.classes.add(ImageClasses.classOf(f, root));
        for (Zip.Entry e : zip.entries) {
            if (ImageClasses.isClutter(e.path)) continue;
            String cls = into.isEmpty() ? ImageClasses.classOf(e.path, root) : into;
            if (cls.isEmpty()) {
                out.skipped.add(new String[] {e.path, "not in a class folder"});
                continue;
            }
            try {
                byte[] raw = zip.stored(e);
                if (!Zip.deflated(e)) {
                    Zip.checked(e, raw);
                    zip.count(raw.length);
                }
                JSObject blob = ImageDecoding.blob(Int8Array.copyFromJavaArray(raw));
                out.classes.add(cls);
                out.found.add(Zip.deflated(e) ? new Found(cls, e.path, blob, zip, e) : new Found(cls, e.path, blob, null, null));
            } catch (Zip.ZipBomb bomb) {
                out.error = bomb.getMessage();
                return out;
            } catch (IllegalArgumentException bad) {
                out.skipped.add(new String[] {e.path, bad.getMessage()});
            }
        }
        return out;
    }
}
