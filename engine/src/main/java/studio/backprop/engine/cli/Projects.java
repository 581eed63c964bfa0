package studio.backprop.engine.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import studio.backprop.engine.data.ImageFiles;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelException;
import studio.backprop.engine.model.Project;
import studio.backprop.engine.train.Settings;

/** The CLI's projects (see {@link Project}): read one, its settings with the flags', and the project a run writes. */
final class Projects {
    private Projects() {}

    static Project readProject(String file) throws IOException, ModelException {
        Path p = Path.of(file);
        if (Files.size(p) > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(p + " is larger than 2 GB");
        return Project.read(Files.readAllBytes(p));
    }

    /** A project's settings, with the ones the flags change. */
    static Settings projectSettings(Project project, Flags flags) {
        Settings s = project.model.settings.copy();
        for (var e : flags.settingsOverrides().entrySet()) s.set(e.getKey(), e.getValue());
        return s;
    }

    /** --out=NAME.zip writes a project (a .tfjs.zip is a TensorFlow.js model). */
    static boolean isProjectFile(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        return f.endsWith(".zip") && !f.endsWith(".tfjs.zip");
    }

    /** The trained model as a project: with the data of the project it came from, or the table it was trained on. */
    static Project projectOf(Model model, Project from, Settings settings) throws IOException {
        String saved = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        if (from != null) return new Project(model, saved, from.csvName, from.csv, from.classes, from.images, from.runs);
        String data = settings.get("data");
        if (studio.backprop.engine.data.BuiltIn.isBuiltIn(data)) return new Project(model, saved, null, null, List.of(), List.of(), "[]");
        if (ImageFiles.isImages(data)) {
            throw new IllegalArgumentException("a project of your own images is saved by the studio (Save project); here, --out=model.bpsm saves the model");
        }
        Path p = Path.of(data);
        return new Project(model, saved, p.getFileName().toString(), Main.read(p), List.of(), List.of(), "[]");
    }
}
