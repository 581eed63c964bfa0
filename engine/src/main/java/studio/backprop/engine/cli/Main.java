package studio.backprop.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.data.Table;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelException;
import studio.backprop.engine.model.ModelJson;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.Onnx;
import studio.backprop.engine.model.OnnxImport;
import studio.backprop.engine.model.Project;
import studio.backprop.engine.model.Tfjs;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.EarlyStop;
import studio.backprop.engine.train.EpochReport;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.ProjectRun;
import studio.backprop.engine.train.Metrics;
import studio.backprop.engine.train.PartThreads;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Parts;
import studio.backprop.engine.train.Settings;
import studio.backprop.engine.train.Sweep;
import studio.backprop.engine.train.Trainer;

/** The JVM command line: train, eval, predict. Flags use the keys of the page's URL. */
public final class Main {
    private final PrintStream out, err;
    /** Whether stderr is a terminal (progress is then drawn in place). */
    private final boolean terminal;

    private Main(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err, System.console() != null).run(args));
    }

    /** Returns the process exit code: 0 done, 1 bad input, 2 training diverged. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new Main(out, err, false).run(args);
    }

    private int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            help();
            return 0;
        }
        try {
            String command = args[0];
            Flags flags = Flags.parse(args);
            switch (command) {
                case "train": return train(flags);
                case "eval": return eval(flags);
                case "predict": return predict(flags);
                case "export": return export(flags);
                case "sweep": return sweep(flags);
                case "sample": return Sample.run(flags, readModel(flags.require("model")), out);
                case "forecast": return Forecasts.run(flags, readModel(flags.require("model")), out);
                default: throw new IllegalArgumentException("unknown command '" + command + "' (use train, eval, predict, export, sweep, sample, forecast or --help)");
            }
        } catch (IllegalArgumentException | CsvException | ModelException | IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private void help() {
        Help.print(out);
    }

    private int train(Flags flags) throws IOException, CsvException, ModelException {
        Project project = flags.has("project") ? Projects.readProject(flags.require("project")) : null;
        Settings settings = project != null ? Projects.projectSettings(project, flags) : flags.settings();
        if (settings.get("epochs").isEmpty() || project != null && !flags.has("epochs")) settings.set("epochs", "100");
        if (settings.get("workers").equals("auto")) {
            settings.set("workers", Integer.toString(Math.max(1, Math.min(Parts.MAX, Runtime.getRuntime().availableProcessors()))));
        }
        int epochs = settings.integer("epochs", 0, 1_000_000);
        Experiment ex = project != null ? ProjectRun.load(project, settings) : Experiment.load(settings);
        PartThreads.attach(ex);
        if (!flags.has("quiet")) columnNotes(ex);
        Trainer trainer = ex.trainer;
        double startLoss = ex.evaluate().train.loss;
        int every = Math.max(1, epochs / 10);
        Progress progress = flags.has("quiet") ? null : new Progress(err, terminal, epochs, ex.trainX.length);
        EarlyStop early = EarlyStop.of(ex); // as Experiment.trainToEnd, batch by batch for the progress line
        while (trainer.epoch() < epochs && trainer.status() == Trainer.Status.RUNNING) {
            boolean ended = trainer.step();
            if (progress != null) progress.batch(trainer);
            if (ended && early != null && early.epochEnded()) break;
            if (ended && !flags.has("quiet") && (trainer.epoch() % every == 0 || trainer.epoch() == epochs)) {
                if (progress != null) progress.end();
                EpochReport r = ex.evaluate();
                out.println(String.format(Locale.ROOT, "epoch %d  train loss %.5f  test loss %.5f%s",
                        r.epoch, r.train.loss, r.test.loss, ex.model.classes.length > 0
                                ? String.format(Locale.ROOT, "  test accuracy %.4f", r.test.accuracy)
                                : String.format(Locale.ROOT, "  test R2 %.4f", r.test.r2)));
            }
        }
        if (progress != null) progress.end();
        boolean diverged = trainer.status() == Trainer.Status.DIVERGED;
        EpochReport last = ex.evaluate();
        if (!diverged && Trainer.exploding(startLoss, last.train.loss)) {
            out.println("the loss is over 1,000 times what it was at the start: training is diverging. Try a lower --lr.");
        }
        if (early != null && early.stopped() && !flags.has("quiet")) {
            out.println("stopped early at epoch " + trainer.epoch() + ": the test loss has not fallen for " + early.patience()
                    + (early.patience() == 1 ? " epoch" : " epochs") + "; the weights are those of epoch " + early.bestEpoch() + " (--patience=0 trains on)");
        }
        if (diverged) out.println("training diverged at epoch " + trainer.epoch() + ": a step gave NaN or Inf; weights are from the last good step. Try a lower --lr.");
        if (ex.settings.text() && !diverged && !flags.has("quiet")) Sample.report(ex, last.test.loss, out);
        if (trainer.clipped > 0 && !flags.has("quiet")) {
            out.println("the gradient was clipped to length " + settings.get("clip") + " in " + trainer.clipped + " batches");
        }
        if (flags.has("out") && Projects.isProjectFile(flags.get("out"))) {
            Files.write(Path.of(flags.get("out")), Project.write(Projects.projectOf(ex.model, project, settings)));
            if (!flags.has("quiet")) out.println("project written to " + flags.get("out"));
        } else if (flags.has("out")) {
            writeModel(ex.model, flags.get("out"));
            if (!flags.has("quiet")) out.println("model written to " + flags.get("out"));
        }
        if (!flags.has("quiet")) {
            String site = flags.has("site") ? flags.get("site") : "http://localhost:8080/";
            out.println(shareLine(site, ex.model, flags.has("link")));
        }
        out.println(summary(last, ex.model));
        return diverged ? 2 : 0;
    }

    /** What the table's columns turned into, as the studio's preview shows it: dates as numbers, identifiers and free text left out. */
    private void columnNotes(Experiment ex) {
        boolean leftOut = false;
        for (int i = 0; i < ex.candidateInputs.length; i++) {
            String name = ex.candidateInputs[i], note = ex.candidateNotes[i];
            boolean used = false;
            for (var c : ex.model.encoding.columns) used |= c.name.equals(name);
            // with --inputs given, only what the chosen columns became
            if (note.isEmpty() || used == ex.outByDefault[i] || (!used && !ex.settings.get("inputs").isEmpty())) continue;
            out.println("column '" + name + "': " + note);
            leftOut |= !used;
        }
        if (leftOut) out.println("(--inputs=a,b,... chooses the input columns)");
    }

    private int sweep(Flags flags) throws IOException, CsvException {
        Settings base = flags.settings();
        if (base.get("epochs").isEmpty()) base.set("epochs", "100");
        int epochs = base.integer("epochs", 0, 1_000_000);
        Sweep sweep = Sweep.parse(flags.require("sweep"));
        List<Settings> grid = sweep.grid(base);
        String t = flags.has("threads") ? flags.get("threads") : "auto";
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = t.equals("auto") ? cores : Integer.parseInt(t);
        if (threads < 1 || threads > 256) throw new IllegalArgumentException("--threads must be 1 to 256 or auto");
        for (Settings s : grid) Experiment.load(s); // every run's settings and data check out before any trains
        String[] results = new String[grid.size()], hashes = new String[grid.size()];
        EpochReport[] reports = new EpochReport[grid.size()];
        double[] seconds = new double[grid.size()];
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(threads, grid.size()));
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int i = 0; i < grid.size(); i++) {
                final int k = i;
                done.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    Experiment ex = Experiment.load(grid.get(k));
                    ex.trainToEnd(epochs);
                    reports[k] = ex.evaluate();
                    seconds[k] = (System.nanoTime() - start) / 1e9;
                    hashes[k] = WeightsHash.of(ex.model.network);
                    String json = summary(reports[k], ex.model);
                    results[k] = json.substring(0, json.length() - 1) + ",\"settings\":"
                            + studio.backprop.engine.model.Json.quote(Recommended.query(grid.get(k), v -> v)) + "}";
                    if (!flags.has("quiet")) {
                        synchronized (err) {
                            err.println("run " + (k + 1) + "/" + grid.size() + " done in " + Progress.duration(seconds[k]));
                        }
                    }
                    return null;
                }));
            }
            for (var f : done) f.get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("a run failed: " + cause.getMessage());
        } finally {
            pool.shutdown();
        }
        boolean classifier = !Double.isNaN(reports[0].test.accuracy);
        int best = 0;
        for (int i = 1; i < grid.size(); i++) {
            Metrics r = reports[i].test, b = reports[best].test;
            if (Sweep.better(classifier, classifier ? r.accuracy : r.rmse, r.loss, classifier ? b.accuracy : b.rmse, b.loss)) best = i;
        }
        StringBuilder head = new StringBuilder("  ");
        for (Sweep.Axis a : sweep.axes) head.append(String.format(Locale.ROOT, "%-12s ", a.key));
        head.append(String.format(Locale.ROOT, "%10s %10s %8s %8s  %s", "test loss", classifier ? "test acc" : "test rmse", "epochs", "seconds", "weights"));
        out.println(head);
        for (int i = 0; i < grid.size(); i++) {
            StringBuilder row = new StringBuilder(i == best ? "* " : "  ");
            for (Sweep.Axis a : sweep.axes) row.append(String.format(Locale.ROOT, "%-12s ", grid.get(i).get(a.key)));
            row.append(String.format(Locale.ROOT, "%10.5f %10.4f %8d %8.2f  %s", reports[i].test.loss, classifier ? reports[i].test.accuracy : reports[i].test.rmse,
                    reports[i].epoch, seconds[i], hashes[i]));
            out.println(row);
        }
        for (String r : results) out.println(r);
        return 0;
    }

    private int eval(Flags flags) throws IOException, CsvException, ModelException {
        Project project = flags.has("project") ? Projects.readProject(flags.require("project"))
                : Projects.isProjectFile(flags.require("model")) ? Projects.readProject(flags.get("model")) : null;
        Model model = project != null ? project.model : readModel(flags.require("model"));
        Settings settings = project != null ? Projects.projectSettings(project, flags) : model.settings.copy();
        if (project == null) for (var e : flags.settingsOverrides().entrySet()) settings.set(e.getKey(), e.getValue());
        Experiment ex = project != null ? ProjectRun.load(project, settings) : Experiment.load(settings);
        if (project != null) model = ex.model;
        int classes = model.classes.length;
        double[][] x = ex.test.x;
        Metrics test = Metrics.evaluate(model.network, ex.loss, model.prepare(x), ex.testY, classes, model.targets.scale);
        Metrics train = Metrics.evaluate(model.network, ex.loss, model.prepare(ex.train.x), ex.trainY, classes, model.targets.scale);
        int epochs = settings.get("epochs").isEmpty() ? 0 : settings.integer("epochs", 0, 1_000_000);
        out.println(summary(new EpochReport(epochs, 0, train, test), model));
        return 0;
    }

    private int predict(Flags flags) throws IOException, CsvException, ModelException {
        Model model = readModel(flags.require("model"));
        ImageFormat image = Images.format(model.settings.get("data"), model.settings.get("image"));
        boolean sounds = !model.settings.get("sound").isEmpty();
        if ((sounds || image != null && image.maxLevel == 1) && flags.has("input") && !flags.get("input").toLowerCase(Locale.ROOT).endsWith(".csv")) {
            PredictFiles p = new PredictFiles(out, err, model);
            return sounds ? p.sounds(Path.of(flags.get("input"))) : p.images(image, Path.of(flags.get("input")));
        }
        Encoding enc = model.encoding;
        List<String[]> rows = new ArrayList<>();
        if (flags.has("values")) {
            rows.add(flags.get("values").split(",", -1));
        } else {
            Table t = Table.parse(read(Path.of(flags.require("input"))), "auto");
            int[] cols = new int[enc.columns.size()];
            for (int c = 0; c < cols.length; c++) cols[c] = t.column(enc.columns.get(c).name);
            for (String[] r : t.rows) {
                String[] cells = new String[cols.length];
                for (int c = 0; c < cols.length; c++) cells[c] = r[cols[c]];
                rows.add(cells);
            }
        }
        double[][] encoded = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) encoded[i] = enc.encode(rows.get(i), null);
        double[][] outputs = model.predict(encoded);
        boolean classifier = model.classes.length > 0;
        out.println(classifier ? "prediction," + String.join(",", PredictFiles.probabilityNames(model)) : String.join(",", model.targetNames));
        for (double[] a : outputs) {
            StringBuilder sb = new StringBuilder();
            if (classifier) {
                sb.append(PredictFiles.csvCell(model.classes[Metrics.predictedClass(a)]));
                if (a.length == 1) sb.append(',').append(1 - a[0]).append(',').append(a[0]);
                else for (double v : a) sb.append(',').append(v);
            } else {
                for (int j = 0; j < a.length; j++) sb.append(j > 0 ? "," : "").append(a[j]);
            }
            out.println(sb);
        }
        return 0;
    }


    /** Links up to this length (8 KB) are printed: short enough to paste into a chat or a mail; a longer one would flood the terminal. */
    static final int MAX_PRINTED_LINK = 8192;

    /** The exact link, else the 8-bit one, if it fits {@link #MAX_PRINTED_LINK} (or always the exact one with --link); else how to get it. */
    private static String shareLine(String site, Model model, boolean always) {
        String exact = site + "#m=" + ModelLink.payload(model);
        if (exact.length() <= MAX_PRINTED_LINK || always) return "share: " + exact;
        String small = site + "#m=" + ModelLink.payload(model, 8);
        if (small.length() <= MAX_PRINTED_LINK) return "share (8-bit weights; the exact link has " + exact.length() + " characters, --link prints it): " + small;
        return "share: the model's link has " + exact.length() + " characters (" + small.length() + " with 8-bit weights); --link prints it,"
                + " or write the model with --out=FILE and open the file in the studio";
    }

    static String summary(EpochReport r, Model model) {
        StringBuilder sb = new StringBuilder("{\"epochs\":").append(r.epoch);
        sb.append(",\"trainLoss\":").append(num(r.train.loss)).append(",\"testLoss\":").append(num(r.test.loss));
        if (model.classes.length > 0) {
            sb.append(",\"trainAccuracy\":").append(num(r.train.accuracy)).append(",\"testAccuracy\":").append(num(r.test.accuracy));
            sb.append(",\"testBalancedAccuracy\":").append(num(r.test.balancedAccuracy()));
        } else {
            sb.append(",\"testRmse\":").append(num(r.test.rmse)).append(",\"testR2\":").append(num(r.test.r2));
        }
        return sb.append(",\"weightsHash\":\"").append(WeightsHash.of(model.network)).append("\"}").toString();
    }

    private static String num(double v) {
        return v - v == 0 ? Double.toString(v) : "null";
    }

    static String read(Path p) throws IOException {
        if (Files.size(p) > 200_000_000) throw new IllegalArgumentException(p + " is larger than 200 MB");
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** A model file (JSON, binary or ONNX), a project (its model), or a share link (a URL with "#m=", or the "m=..." text). */
    private static Model readModel(String file) throws IOException, ModelException {
        if (file.contains("#m=") || file.startsWith("m=")) return ModelLink.read(file);
        byte[] bytes = Files.readAllBytes(Path.of(file));
        if (Project.isZip(bytes)) return Project.read(bytes).model;
        if (bytes.length > 0 && bytes[0] == '{') return ModelJson.read(new String(bytes, StandardCharsets.UTF_8));
        if (OnnxImport.isOnnx(bytes)) return OnnxImport.read(bytes);
        return ModelBinary.read(bytes);
    }

    private int export(Flags flags) throws IOException, ModelException {
        Model model = flags.has("project") ? Projects.readProject(flags.require("project")).model : readModel(flags.require("model"));
        String file = flags.require("out");
        writeModel(model, file);
        out.println("model written to " + file);
        return 0;
    }

    private static void writeModel(Model model, String file) throws IOException {
        Path p = Path.of(file);
        if (file.endsWith(".onnx")) Files.write(p, Onnx.write(model));
        else if (file.endsWith(".tfjs.zip")) Files.write(p, Tfjs.write(model).zip());
        else if (file.endsWith(".json")) Files.writeString(p, ModelJson.write(model), StandardCharsets.UTF_8);
        else Files.write(p, ModelBinary.write(model));
    }
}
