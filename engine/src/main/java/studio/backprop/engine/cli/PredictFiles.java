package studio.backprop.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studio.backprop.engine.data.ImageClasses;
import studio.backprop.engine.data.ImageFiles;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.sound.SoundClasses;
import studio.backprop.engine.sound.SoundFiles;
import studio.backprop.engine.sound.SoundFormat;
import studio.backprop.engine.train.Metrics;

/** The CLI's predict on files: images or sounds prepared as the model's were, one CSV row each (a sound one row a second), file first. */
final class PredictFiles {
    private final PrintStream out, err;
    private final Model model;

    PredictFiles(PrintStream out, PrintStream err, Model model) {
        this.out = out;
        this.err = err;
        this.model = model;
    }

    /** An image, or every image in a folder or zip, prepared as the model's images were: one CSV row each, file first. */
    int images(ImageFormat image, Path input) throws IOException {
        List<String> files = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        if (Files.isRegularFile(input) && !input.toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            files.add(input.toString());
            x.add(image.inputs(ImageFiles.levels(Files.readAllBytes(input), image.side)));
        } else {
            ImageClasses found = ImageFiles.read(input, image.side, true);
            for (String skipped : found.skipped) err.println("skipped " + skipped);
            for (int i = 0; i < found.size(); i++) {
                files.add(found.name(i));
                x.add(image.inputs(found.levels(i)));
            }
        }
        return print(files, x);
    }

    /** A WAV file, or every WAV in a folder or zip: each second of each ("file", "file 2", ...). */
    int sounds(Path input) throws IOException {
        SoundFormat f = SoundFormat.parse(model.settings.get("sound"));
        SoundClasses found = new SoundClasses(f);
        if (Files.isRegularFile(input) && !input.toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            SoundFiles.add(found, "", input.toString(), Files.readAllBytes(input));
        } else {
            found = SoundFiles.read(input, f, true);
        }
        for (String skipped : found.skipped) err.println("skipped " + skipped);
        List<String> files = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            files.add(found.name(i));
            x.add(found.levels(i));
        }
        return print(files, x);
    }

    private int print(List<String> files, List<double[]> x) {
        double[][] outputs = model.predict(x.toArray(new double[0][]));
        out.println("file,prediction," + String.join(",", probabilityNames(model)));
        for (int i = 0; i < outputs.length; i++) {
            double[] a = outputs[i];
            StringBuilder sb = new StringBuilder(csvCell(files.get(i))).append(',').append(csvCell(model.classes[Metrics.predictedClass(a)]));
            if (a.length == 1) sb.append(',').append(1 - a[0]).append(',').append(a[0]);
            else for (double v : a) sb.append(',').append(v);
            out.println(sb);
        }
        return 0;
    }

    static String[] probabilityNames(Model model) {
        String[] names = new String[model.classes.length];
        for (int i = 0; i < names.length; i++) names[i] = csvCell("p(" + model.classes[i] + ")");
        return names;
    }

    static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
