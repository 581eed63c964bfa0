package studio.backprop.engine.train;

import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.Chars;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.Generators;
import studio.backprop.engine.data.ImageFiles;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.data.Series;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.sound.SoundFiles;
import studio.backprop.engine.sound.SoundFormat;

/** On the JVM: the data the settings name read from the class path (built-in sets) or from disk. */
final class OnDisk {
    private OnDisk() {}

    /**
     * The run the settings describe: a built-in table, text or image set from the class path; a
     * folder or zip of sounds (WAV) or images; any other data name as a CSV or text file's path.
     */
    static Experiment load(Settings settings) throws java.io.IOException, CsvException {
        String data = settings.get("data");
        if (Images.isImageSet(data)) return Experiment.fromImages(settings, Images.inflate(BuiltIn.resource(Images.fileName(data))));
        if (Generators.isGenerated(data) || Series.isSeries(data)) return Experiment.create(settings, null);
        if (!BuiltIn.isBuiltIn(data) && ImageFiles.isImages(data) && (!settings.get("sound").isEmpty() || SoundFiles.isSounds(java.nio.file.Path.of(data)))) {
            String sound = settings.get("sound").isEmpty() ? "mel32" : settings.get("sound");
            return Experiment.fromSounds(settings.copy().set("sound", sound), SoundFiles.read(java.nio.file.Path.of(data), SoundFormat.parse(sound)));
        }
        if (!BuiltIn.isBuiltIn(data) && ImageFiles.isImages(data)) {
            String image = settings.get("image").isEmpty() ? "auto" : settings.get("image");
            int side = image.equals("auto") ? ImageFormat.SIDES[0] : ImageFormat.parse(image).side;
            return Experiment.fromImages(settings.copy().set("image", image), ImageFiles.read(java.nio.file.Path.of(data), side));
        }
        if (BuiltIn.isTable(data)) return Experiment.create(settings, Text.fromUtf8(BuiltIn.resource(BuiltIn.fileName(data))));
        if (data.equals(Chars.NAMES)) return Experiment.create(settings, Text.fromUtf8(BuiltIn.resource(Chars.NAMES_FILE)));
        java.nio.file.Path p = java.nio.file.Path.of(data);
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no data set or file '" + data + "' (built in: spiral, circle, xor, gauss, moons, plane, sine, wave, sines, saw, damped, names, "
                    + String.join(", ", BuiltIn.TABLES) + ", mnist, fashion; or a CSV or .txt file, a folder of images or sounds or a .zip of them)");
        }
        if (java.nio.file.Files.size(p) > 200_000_000) throw new IllegalArgumentException(p + " is larger than 200 MB");
        if (settings.text() && java.nio.file.Files.size(p) > 4L * Chars.MAX_CHARS) throw new IllegalArgumentException(p + " is larger than " + 4 * Chars.MAX_CHARS / 1_000_000 + " MB");
        return Experiment.create(settings, java.nio.file.Files.readString(p, java.nio.charset.StandardCharsets.UTF_8));
    }

}
