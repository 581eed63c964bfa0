package studio.backprop.web.library;

import studio.backprop.engine.data.Drawn;
import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.Generators;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelException;
import studio.backprop.engine.model.ModelJson;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.train.Metrics;

/**
 * A trained model as the library and the model's own page use it: read from a model file (binary
 * or JSON) or a share link, it answers for a row of cells, a point of the plane, encoded inputs or
 * an image's pixels, with the studio's own arithmetic (the same engine, so the same bits).
 */
public final class Predictor {
    public final Model model;
    /** plane (a 2-D set: inputs x1, x2), images, sounds (setting sound: spectrograms), or table. */
    public final String kind;
    /** The images the network reads, or null when it reads no images. */
    public final ImageFormat image;

    public Predictor(Model model) {
        this.model = model;
        String data = model.settings.get("data");
        this.image = Images.format(data, model.settings.get("image"));
        this.kind = Generators.isGenerated(data) || data.equals(Drawn.NAME) ? "plane"
                : !model.settings.get("sound").isEmpty() ? "sounds" : image != null ? "images" : "table";
    }

    /** A model file's bytes: the binary form (.bpsm) or JSON (.json). */
    public static Predictor fromBytes(byte[] bytes) throws ModelException {
        if (bytes.length >= 4 && bytes[0] == 'B' && bytes[1] == 'P' && bytes[2] == 'S' && bytes[3] == 'M') return new Predictor(ModelBinary.read(bytes));
        int i = 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t' || bytes[i] == (byte) 0xEF
                || bytes[i] == (byte) 0xBB || bytes[i] == (byte) 0xBF)) i++;
        if (i < bytes.length && bytes[i] == '{') return new Predictor(ModelJson.read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        throw new ModelException("this is not a Backprop Studio model (a .bpsm or .json model file, or a share link)");
    }

    /** A share link (a whole URL with "#m=", or its payload) or a model file's JSON text. */
    public static Predictor fromText(String text) throws ModelException {
        String t = text.trim();
        if (t.startsWith("{")) return new Predictor(ModelJson.read(t));
        return new Predictor(ModelLink.read(t));
    }

    /** Whether a text is a model itself (a link or JSON) rather than the address of a model file. */
    public static boolean isModelText(String text) {
        String t = text.trim();
        return t.startsWith("{") || t.contains("#m=") || t.startsWith("m=");
    }

    /** The raw columns a row has, in order (for a 2-D set: x1, x2). */
    public String[] columns() {
        String[] names = new String[model.encoding.columns.size()];
        for (int i = 0; i < names.length; i++) names[i] = model.encoding.columns.get(i).name;
        return names;
    }

    /** Whether every column is a plain number, so that a row of numbers is its encoded inputs as they are. */
    public boolean numeric() {
        for (Encoding.Column c : model.encoding.columns) if (c.categories != null || c.date != null) return false;
        return true;
    }

    /** The outputs for one row of raw cells (numbers as text, category names, dates), encoded as the model's columns. */
    public double[] outputsOfCells(String[] cells) {
        return outputs(model.encoding.encode(cells, null));
    }

    /** The outputs for one row of encoded inputs (a regression's in its target's units). */
    public double[] outputs(double[] encoded) {
        if (encoded.length != model.encoding.inputNames().length) {
            throw new IllegalArgumentException("expected " + model.encoding.inputNames().length + " inputs, got " + encoded.length);
        }
        return model.predict(new double[][] {encoded})[0];
    }

    /** The outputs for a picture's RGBA pixels (any size: cropped to a square and scaled as the studio does). */
    public double[] outputsOfPixels(int width, int height, byte[] rgba) {
        if (image == null) throw new IllegalArgumentException("this model does not take images");
        double[] x = image.inputs(ImageFormat.scale(width, height, rgba, image.side));
        if (image.maxLevel != 1) for (int i = 0; i < x.length; i++) x[i] *= image.maxLevel; // the digits table's levels 0..16
        return outputs(x);
    }

    /** A sound's outputs (mono samples at rate Hz): each second's, averaged (see SoundFormat.classify). */
    public double[] outputsOfSound(float[] samples, int rate) {
        return studio.backprop.engine.sound.SoundFormat.classify(model, samples, rate);
    }

    /** A classifier's class probabilities (a one-output classifier's as [1 - p, p]), or null for a regression. */
    public double[] probabilities(double[] outputs) {
        if (model.classes.length == 0) return null;
        return outputs.length == 1 ? new double[] {1 - outputs[0], outputs[0]} : outputs;
    }

    /** The predicted class's index, or -1 for a regression. */
    public int label(double[] outputs) {
        return model.classes.length > 0 ? Metrics.predictedClass(outputs) : -1;
    }

    /** The architecture as the studio writes it: "2–16–16–1", or the layers' shapes for conv nets. */
    public String layers() {
        String layers = model.settings.get("layers");
        return layers.isEmpty() ? "no hidden layer" : layers;
    }
}
