package studio.backprop.engine.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.data.Zip;

/**
 * A whole project in one .zip, so that nothing is lost with the browser tab: the model (its
 * settings, drawn points included, and its weights at 64 bits, so it opens to the same weights
 * hash), the data it was trained on when that is the user's (the CSV file as it was, or the
 * images, one folder per class, each file as it came; a camera frame as a PNG; or the sounds,
 * each one-second clip as a 32-bit float WAV at 16 kHz, so it opens to the same spectrograms), and
 * the runs panel. The files inside:
 *
 * <pre>
 * project.json        {"format": "backprop-studio-project", "version": 1, "saved": ..., "data": "built-in" | "csv" | "images" | "sounds",
 *                      "file": "data/NAME.csv", "images": [{"class": "cat", "folder": "images/cat/"}, ...]}
 * model.bpsm          the model (see ModelBinary)
 * data/NAME.csv       the user's table
 * images/FOLDER/NAME  the user's images of each class (NAME as the studio lists it)
 * sounds/FOLDER/NAME  the user's sound clips of each class (NAME: the clip's name and .wav), listed as "sounds": [...]
 * runs.json           the runs panel: the studio's list of runs (a JSON array), "[]" for none
 * </pre>
 *
 * Reading checks what it reads: the archive's bounds (see {@link Zip}: no zip bomb gets
 * through), the manifest's format and version, the model, the data it names, and the runs.
 */
public final class Project {
    public static final String FORMAT = "backprop-studio-project", MANIFEST = "project.json", MODEL = "model.bpsm", RUNS = "runs.json";
    public static final int VERSION = 1;
    /** The runs panel's JSON is at most this long (it keeps 50 runs of 200 curve points). */
    public static final int MAX_RUNS_CHARS = 16 << 20;

    /** One of the user's images (or sound clips): its class, its name as the studio lists it, and its file's bytes. */
    public static final class Image {
        public final String className, name;
        public final byte[] file;

        public Image(String className, String name, byte[] file) {
            this.className = className;
            this.name = name;
            this.file = file;
        }
    }

    public final Model model;
    /** When it was saved (ISO date and time, as the saver's clock gave it). */
    public final String saved;
    /** The user's table (file name and text), or null. */
    public final String csvName, csv;
    /** The user's images: the classes in their order (empty when the data is not images), and the images. */
    public final List<String> classes;
    public final List<Image> images;
    /** The runs panel, a JSON array. */
    public final String runs;

    public Project(Model model, String saved, String csvName, String csv, List<String> classes, List<Image> images, String runs) {
        this.model = model;
        this.saved = saved;
        this.csvName = csvName;
        this.csv = csv;
        this.classes = classes;
        this.images = images;
        this.runs = runs == null || runs.isEmpty() ? "[]" : runs;
    }

    /** What the data is: "csv", "images", "sounds" (the model's setting sound says which) or "built-in". */
    public String dataKind() {
        return csv != null ? "csv" : classes.isEmpty() ? "built-in" : model.settings.get("sound").isEmpty() ? "images" : "sounds";
    }

    public static byte[] write(Project p) {
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        StringBuilder m = new StringBuilder("{\n  \"format\": \"" + FORMAT + "\",\n  \"version\": " + VERSION);
        m.append(",\n  \"saved\": ").append(Json.quote(p.saved));
        m.append(",\n  \"data\": \"").append(p.dataKind()).append('"');
        if (p.csv != null) {
            String file = "data/" + fileName(p.csvName);
            m.append(",\n  \"file\": ").append(Json.quote(file));
            names.add(file);
            contents.add(p.csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (!p.classes.isEmpty()) {
            String kind = p.dataKind();
            List<String> folders = folders(kind, p.classes);
            m.append(",\n  \"").append(kind).append("\": [");
            for (int c = 0; c < folders.size(); c++) {
                m.append(c == 0 ? "\n    " : ",\n    ").append("{\"class\": ").append(Json.quote(p.classes.get(c)))
                        .append(", \"folder\": ").append(Json.quote(folders.get(c))).append('}');
            }
            m.append("\n  ]");
            for (Image im : p.images) {
                int c = p.classes.indexOf(im.className);
                if (c < 0) throw new IllegalArgumentException("the file " + im.name + " is of no class of the project");
                names.add(folders.get(c) + im.name);
                contents.add(im.file);
            }
        }
        m.append("\n}\n");
        names.add(0, MANIFEST);
        contents.add(0, m.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        names.add(1, MODEL);
        contents.add(1, ModelBinary.write(p.model, 64));
        names.add(RUNS);
        contents.add(p.runs.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Zip.write(names.toArray(new String[0]), contents.toArray(new byte[0][]));
    }

    /** Whether the bytes start as a zip does (a project, or some other zip: {@link #read} tells). */
    public static boolean isZip(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    /** An entry's bytes, checked (its CRC, the archive's bounds). @throws IllegalArgumentException (a Zip.ZipBomb among them) when bad */
    public interface Contents {
        byte[] of(Zip.Entry e);
    }

    /** @throws ModelException with what is wrong, fit to show: not a zip, not a project, damaged, a zip bomb, a newer version */
    public static Project read(byte[] bytes) throws ModelException {
        Zip zip = open(bytes);
        return read(zip, zip::read);
    }

    /** The archive (its directory read, no entry yet). @throws ModelException when it is no zip file */
    public static Zip open(byte[] bytes) throws ModelException {
        try {
            return new Zip(bytes);
        } catch (IllegalArgumentException e) {
            throw new ModelException("this is not a project file: " + e.getMessage());
        }
    }

    /**
     * The project in an archive, its entries' bytes from contents (in the browser, deflated ones
     * are inflated by the browser first, as {@link Zip#read} does on the JVM).
     */
    public static Project read(Zip zip, Contents contents) throws ModelException {
        Map<String, Zip.Entry> byPath = new LinkedHashMap<>();
        for (Zip.Entry e : zip.entries) byPath.put(e.path, e);
        if (!byPath.containsKey(MANIFEST)) {
            throw new ModelException("this zip is not a Backprop Studio project (it has no " + MANIFEST + ")"
                    + (byPath.containsKey("model.json") ? "; it may be a TensorFlow.js model" : "; a zip of images goes under Your images"));
        }
        Object parsed = Json.parse(Text.fromUtf8(entry(contents, byPath, MANIFEST)));
        if (!(parsed instanceof Map)) throw new ModelException(MANIFEST + " is not a JSON object");
        @SuppressWarnings("unchecked") Map<String, Object> manifest = (Map<String, Object>) parsed;
        if (!FORMAT.equals(manifest.get("format"))) throw new ModelException(MANIFEST + " is not of a Backprop Studio project");
        Object version = manifest.get("version");
        if (!(version instanceof Double) || (Double) version < 1 || (Double) version != Math.floor((Double) version)) {
            throw new ModelException(MANIFEST + " has no valid version");
        }
        if ((Double) version > VERSION) {
            throw new ModelException("the project was saved by a newer version of Backprop Studio (project version " + ((Double) version).intValue()
                    + "; this one reads " + VERSION + "): reload the studio to update it");
        }
        String kind = text(manifest, "data");
        if (!byPath.containsKey(MODEL)) throw new ModelException("the project has no model (" + MODEL + ")");
        Model model = ModelBinary.read(entry(contents, byPath, MODEL));
        String saved = manifest.get("saved") instanceof String ? (String) manifest.get("saved") : "";

        String csvName = null, csv = null;
        List<String> classes = new ArrayList<>();
        List<Image> images = new ArrayList<>();
        if (kind.equals("csv")) {
            String file = text(manifest, "file");
            if (!byPath.containsKey(file)) throw new ModelException("the project's table " + file + " is missing");
            csvName = file.substring(file.lastIndexOf('/') + 1);
            csv = Text.fromUtf8(entry(contents, byPath, file));
        } else if (kind.equals("images") || kind.equals("sounds")) {
            if (!(manifest.get(kind) instanceof List)) throw new ModelException(MANIFEST + " lists no " + kind + " classes");
            List<String> folders = new ArrayList<>();
            for (Object o : (List<?>) manifest.get(kind)) {
                if (!(o instanceof Map)) throw new ModelException(MANIFEST + ": a class of " + kind + " is not an object");
                @SuppressWarnings("unchecked") Map<String, Object> c = (Map<String, Object>) o;
                String name = text(c, "class"), folder = text(c, "folder");
                if (!folder.startsWith(kind + "/") || !folder.endsWith("/") || folders.contains(folder) || classes.contains(name)) {
                    throw new ModelException(MANIFEST + ": the class '" + name + "' has a bad or repeated folder");
                }
                classes.add(name);
                folders.add(folder);
            }
            for (Zip.Entry e : zip.entries) {
                if (!e.path.startsWith(kind + "/")) continue;
                int c = -1;
                for (int i = 0; i < folders.size() && c < 0; i++) if (e.path.startsWith(folders.get(i)) && e.path.length() > folders.get(i).length()) c = i;
                if (c < 0) throw new ModelException("the project's file " + e.path + " is in no class folder of " + MANIFEST);
                images.add(new Image(classes.get(c), e.path.substring(folders.get(c).length()), entry(contents, byPath, e.path)));
            }
        } else if (!kind.equals("built-in")) {
            throw new ModelException(MANIFEST + ": unknown data '" + kind + "'");
        } else if (!BuiltIn.isBuiltIn(model.settings.get("data"))) {
            throw new ModelException("the project's model was trained on '" + model.settings.get("data") + "', which the project does not hold");
        }
        String runs = "[]";
        if (byPath.containsKey(RUNS)) {
            String text = Text.fromUtf8(entry(contents, byPath, RUNS));
            if (text.length() > MAX_RUNS_CHARS) throw new ModelException("the project's runs (" + RUNS + ") are too long");
            Object list = Json.parse(text);
            if (!(list instanceof List)) throw new ModelException("the project's runs (" + RUNS + ") are not a list");
            runs = runs((List<?>) list);
        }
        return new Project(model, saved, csvName, csv, classes, images, runs);
    }

    /**
     * The runs as the studio keeps them, each with its fields of their types only (what is not a
     * run, one edited by hand say, is left out): id, settings (a URL query), date and hash
     * (text), epochs (0 for none), seconds, testLoss and testMetric (numbers, null for none), classifier, and
     * curve (rows of numbers: epoch, seconds, train loss, test loss, train and test accuracy).
     */
    static String runs(List<?> list) {
        StringBuilder sb = new StringBuilder("[");
        for (Object o : list) {
            if (!(o instanceof Map)) continue;
            Map<?, ?> r = (Map<?, ?>) o;
            if (!(r.get("id") instanceof String) || !(r.get("settings") instanceof String)) continue;
            if (sb.length() > 1) sb.append(',');
            sb.append("{\"id\":").append(Json.quote((String) r.get("id"))).append(",\"settings\":").append(Json.quote((String) r.get("settings")));
            for (String k : new String[] {"date", "hash"}) sb.append(",\"").append(k).append("\":").append(Json.quote(r.get(k) instanceof String ? (String) r.get(k) : ""));
            String epochs = number(r.get("epochs"));
            sb.append(",\"epochs\":").append(epochs.equals("null") ? "0" : epochs);
            for (String k : new String[] {"seconds", "testLoss", "testMetric"}) sb.append(",\"").append(k).append("\":").append(number(r.get(k)));
            sb.append(",\"classifier\":").append(Boolean.TRUE.equals(r.get("classifier"))).append(",\"curve\":[");
            if (r.get("curve") instanceof List) {
                boolean first = true;
                for (Object p : (List<?>) r.get("curve")) {
                    if (!(p instanceof List)) continue;
                    sb.append(first ? "[" : ",[");
                    first = false;
                    List<?> point = (List<?>) p;
                    for (int i = 0; i < point.size(); i++) sb.append(i > 0 ? "," : "").append(number(point.get(i)));
                    sb.append(']');
                }
            }
            sb.append("]}");
        }
        return sb.append(']').toString();
    }

    private static String number(Object v) {
        if (!(v instanceof Double) || ((Double) v).isNaN() || ((Double) v).isInfinite()) return "null";
        double d = (Double) v;
        return d == Math.rint(d) && Math.abs(d) < 1e9 ? Integer.toString((int) d) : Double.toString(d);
    }

    private static byte[] entry(Contents contents, Map<String, Zip.Entry> byPath, String path) throws ModelException {
        try {
            return contents.of(byPath.get(path));
        } catch (Zip.ZipBomb bomb) {
            throw new ModelException(bomb.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ModelException("the project's " + path + " is " + e.getMessage());
        }
    }

    private static String text(Map<String, Object> m, String key) throws ModelException {
        Object v = m.get(key);
        if (!(v instanceof String) || ((String) v).isEmpty()) throw new ModelException(MANIFEST + " has no \"" + key + "\"");
        return (String) v;
    }

    /** A folder per class: its name as a file name may have it, made unique. */
    static List<String> folders(String kind, List<String> classes) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            String base = kind + "/" + fileName(classes.get(c)), f = base + "/";
            for (int k = 2; out.contains(f); k++) f = base + "-" + k + "/";
            out.add(f);
        }
        return out;
    }

    /** A name as a file name may have it: no slashes, control characters or leading dots; never empty. */
    static String fileName(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(c < 0x20 || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|'
                    || (c == '.' && sb.length() == 0) ? '_' : c);
        }
        return sb.length() == 0 ? "_" : sb.toString();
    }
}
