package studio.backprop.web.worker.files;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.Zip;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelException;
import studio.backprop.engine.model.Project;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;
import studio.backprop.web.worker.run.Data;
import studio.backprop.web.worker.run.Outbox;

/**
 * Save project: the run's model, the user's table (read again from its File) or images (the
 * files as they came, from {@link OwnImages}) and the page's runs, in one .zip (see
 * {@link Project}), posted to the page to download; and reading one (what it restores is
 * {@link ModelExchange}'s).
 */
final class ProjectFiles {
    private ProjectFiles() {}

    static void save(Model model, ToWorker.ExportRequest m, OwnImages images, OwnSounds sounds) {
        Settings s = model.settings;
        String data = s.get("data"), csv = null;
        List<String> classes = List.of();
        List<Project.Image> files = List.of();
        if (OwnSounds.isFor(s)) {
            if (!sounds.ready(s)) {
                error("the sounds are still loading: save the project once they are in");
                return;
            }
            classes = sounds.classNames();
            files = sounds.files();
        } else if (OwnImages.isFor(s)) {
            if (!images.ready(s)) {
                error("the images are still loading: save the project once they are in");
                return;
            }
            classes = images.classNames();
            files = images.files();
            if (files == null) {
                error("an image file could not be read again (was it moved or deleted?)");
                return;
            }
        } else if (!BuiltIn.isBuiltIn(data)) {
            csv = Data.readFile(m.getFile());
            if (csv == null) {
                error("the file " + data + " could not be read again (was it moved or deleted?): open it again, then save");
                return;
            }
        }
        byte[] zip = Project.write(new Project(model, now(), csv == null ? null : data, csv, classes, files, m.getRuns()));
        Outbox.post(FromWorker.exportFile(ToWorker.Format.PROJECT, null, Int8Array.copyFromJavaArray(zip)));
    }

    /**
     * A project's archive: its deflated entries (a project re-zipped by hand) inflated by the
     * browser, one after another and bounded as {@link Zip#read} bounds them, then the project
     * read from it (see {@link Project#read(Zip, Project.Contents)}); or fail hears why not.
     */
    static void read(byte[] bytes, Consumer<Project> then, Consumer<String> fail) {
        Zip zip;
        try {
            zip = Project.open(bytes);
        } catch (ModelException e) {
            fail.accept(e.getMessage());
            return;
        }
        List<Zip.Entry> deflated = new ArrayList<>();
        for (Zip.Entry e : zip.entries) if (Zip.deflated(e)) deflated.add(e);
        Map<Zip.Entry, byte[]> inflated = new HashMap<>();
        inflate(zip, deflated, 0, inflated, () -> {
            try {
                then.accept(Project.read(zip, e -> Zip.deflated(e) ? inflated.get(e) : stored(zip, e)));
            } catch (ModelException e) {
                fail.accept(e.getMessage());
            }
        }, fail);
    }

    private static void inflate(Zip zip, List<Zip.Entry> todo, int i, Map<Zip.Entry, byte[]> out, Runnable done, Consumer<String> fail) {
        if (i == todo.size()) {
            done.run();
            return;
        }
        Zip.Entry e = todo.get(i);
        byte[] raw;
        try {
            raw = zip.stored(e);
        } catch (IllegalArgumentException x) {
            fail.accept(why(e, x));
            return;
        }
        ModelExchange.inflate(Int8Array.copyFromJavaArray(raw), Zip.inflatedLimit(e), (bytes, error) -> {
            try {
                if (bytes == null) throw error.startsWith("larger than") ? Zip.bomb(e) : new IllegalArgumentException("damaged (" + error + ")");
                byte[] b = Zip.checked(e, bytes.copyToJavaArray());
                zip.count(b.length);
                out.put(e, b);
            } catch (IllegalArgumentException x) {
                fail.accept(why(e, x));
                return;
            }
            inflate(zip, todo, i + 1, out, done, fail);
        });
    }

    private static byte[] stored(Zip zip, Zip.Entry e) {
        byte[] raw = Zip.checked(e, zip.stored(e));
        zip.count(raw.length);
        return raw;
    }

    private static String why(Zip.Entry e, IllegalArgumentException x) {
        return x instanceof Zip.ZipBomb ? x.getMessage() : "the project's " + e.path + " is " + x.getMessage();
    }

    private static void error(String why) {
        Outbox.post(FromWorker.error("The project could not be saved: " + why + "."));
    }

    /** The date and time now, as ISO 8601 in UTC to the second ("2026-12-07T12:00:00Z"). */
    @JSBody(script = "return new Date().toISOString().slice(0, 19) + 'Z';")
    private static native String now();

    /** A project's table as a File, for the page to hand back with every run on it. */
    @JSBody(params = {"text", "name"}, script = "return new File([text], name, {type: 'text/csv'});")
    static native JSObject file(String text, String name);
}
