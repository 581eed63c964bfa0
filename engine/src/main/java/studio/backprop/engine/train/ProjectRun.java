package studio.backprop.engine.train;

import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.ImageClasses;
import studio.backprop.engine.data.ImageFiles;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.Project;
import studio.backprop.engine.sound.SoundClasses;
import studio.backprop.engine.sound.SoundFiles;
import studio.backprop.engine.sound.SoundFormat;

/** A saved project's run on the JVM (the CLI's --project): its model on the data it holds. */
public final class ProjectRun {
    private ProjectRun() {}

    /**
     * On the JVM: a saved project's run (see {@link studio.backprop.engine.model.Project}) under
     * these settings (the model's, with any changed): its model on its data, as the studio opens
     * it, so the weights hash is the one it was saved with.
     */
    public static Experiment load(Project p, Settings settings) throws java.io.IOException, CsvException {
        Model m = p.model;
        Model from = new Model(settings, m.encoding, m.features, m.normalizer, m.targetNames, m.classes, m.loss, m.network, m.targets);
        switch (p.dataKind()) {
            case "csv": return Experiment.resume(from, p.csv);
            case "images": {
                String image = settings.get("image");
                ImageClasses images = new ImageClasses(image.equals("auto") ? ImageFormat.SIDES[0] : ImageFormat.parse(image).side);
                for (String c : p.classes) images.addClass(c);
                for (Project.Image im : p.images) {
                    try {
                        images.add(im.className, im.name, ImageFiles.levels(im.file, images.side));
                    } catch (IllegalArgumentException bad) {
                        images.skip(im.name, bad.getMessage());
                    }
                }
                Experiment ex = Experiment.fromImages(settings, images);
                if (!ex.takeWeights(from)) throw new IllegalArgumentException("the project's network does not match its own settings");
                return ex;
            }
            case "sounds": {
                SoundClasses sounds = new SoundClasses(SoundFormat.parse(settings.get("sound")));
                for (String c : p.classes) sounds.addClass(c);
                for (Project.Image clip : p.images) SoundFiles.add(sounds, clip.className, SoundClasses.ofProjectFile(clip.name), clip.file);
                Experiment ex = Experiment.fromSounds(settings, sounds);
                if (!ex.takeWeights(from)) throw new IllegalArgumentException("the project's network does not match its own settings");
                return ex;
            }
            default: return Experiment.load(settings).adopt(from);
        }
    }
}
