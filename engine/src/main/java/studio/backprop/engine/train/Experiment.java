package studio.backprop.engine.train;

import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.Chars;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.DataSet;
import studio.backprop.engine.data.Drawn;
import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.Features;
import studio.backprop.engine.data.Generators;
import studio.backprop.engine.data.ImageClasses;
import studio.backprop.engine.data.ImageFiles;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.data.Normalizer;
import studio.backprop.engine.data.Series;
import studio.backprop.engine.data.Table;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.sound.SoundClasses;
import studio.backprop.engine.sound.SoundFiles;
import studio.backprop.engine.sound.SoundFormat;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.nn.Init;
import studio.backprop.engine.nn.Loss;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Shape;
import studio.backprop.engine.nn.StepCrossEntropy;

/**
 * One training run built from {@link Settings}: the data (generated, or a table given as CSV
 * text), its seeded split, the inputs the network sees, the network, its loss and a trainer.
 * The JVM CLI and the browser worker both start here, so they build the same run.
 */
public final class Experiment {
    public final Settings settings;
    /** The data before the split, and its encoding (for {@link #adopt}). */
    private final DataSet all;
    private final Encoding encoding;
    public final DataSet train, test;
    public final int droppedRows;
    /** For a table, every column that could be an input (all but the target); empty otherwise. */
    public final String[] candidateInputs;
    /** For each candidate: why it is what it is ("" when plain: see Table's notes), and whether it stays out unless chosen (ids, free text). */
    public final String[] candidateNotes;
    public final boolean[] outByDefault;
    /** The shape of one sample as the network sees it: an image's channels x height x width, or flat. */
    public final Shape inputShape;
    public final Model model;
    public final Loss loss;
    public final double[][] trainX, trainY, testX, testY;
    public final Trainer trainer;
    private final int outputs;
    private final String output;

    private Experiment(Settings settings, DataSet all, Encoding encoding) {
        this(settings, all, encoding, 0, new String[0], new String[0], new boolean[0], null);
    }

    private Experiment(Settings settings, Table.Converted c, Model from) {
        this(settings, c.data, c.encoding, c.dropped, c.candidates, c.notes, c.outByDefault, from);
    }

    /** @param from a model to resume: its normalisation is kept (not refitted) and its weights taken */
    private Experiment(Settings settings, DataSet all, Encoding encoding, int droppedRows, String[] candidateInputs, String[] candidateNotes,
            boolean[] outByDefault, Model from) {
        this.settings = settings;
        this.all = all;
        this.encoding = encoding;
        this.droppedRows = droppedRows;
        this.candidateInputs = candidateInputs;
        this.candidateNotes = candidateNotes;
        this.outByDefault = outByDefault;
        int seed = settings.integer("seed", -2147483647, 2147483647);
        boolean series = settings.series() && !Generators.isGenerated(all.name), text = settings.text();
        // a series and a text keep their order: the test part is the later one (no window of it trained on)
        DataSet[] parts = series || text ? all.splitInOrder(settings.number("split", 0.01, 0.99))
                : all.split(settings.number("split", 0.01, 0.99), new Rng(seed ^ 0x5B1170));
        train = parts[0];
        test = parts[1];
        boolean planar = Generators.isGenerated(all.name);
        int[] features = planar ? Features.parse(settings.get("features")) : new int[0];
        double[][] rawTrain = planar ? Features.expand(train.x, features) : train.x;
        String norm = settings.get("norm");
        if (norm.equals("auto")) norm = planar || series || text ? "none" : "standard";
        if (text && !norm.equals("none")) throw new IllegalArgumentException("a text's inputs are symbols: norm must be auto or none");
        if (from != null) checkSameInputs(from, encoding, all);
        if (from != null && from.normalizer.shift.length != rawTrain[0].length) {
            throw mismatch("the model takes " + from.normalizer.shift.length + " inputs, and the data gives " + rawTrain[0].length);
        }
        Normalizer normalizer = from != null ? from.normalizer : Normalizer.fit(norm, rawTrain, rawTrain[0].length);

        String lossKind = settings.get("loss");
        int classes = all.classes.length;
        if (lossKind.equals("auto")) lossKind = text ? StepCrossEntropy.KIND : classes == 0 ? "mse" : classes == 2 ? "bce" : "ce";
        if (text != lossKind.equals(StepCrossEntropy.KIND)) {
            throw new IllegalArgumentException(text ? "a text's next characters need loss stepce (or auto)" : "stepce is the loss of a text (names or a .txt file)");
        }
        if (classes == 0 && !lossKind.equals("mse")) throw new IllegalArgumentException(lossKind + " needs class labels; use mse for regression");
        if (lossKind.equals("bce") && classes != 2) throw new IllegalArgumentException("bce needs 2 classes; use ce for " + classes);
        loss = Loss.of(lossKind);
        int outputs = classes == 0 ? all.targetNames.length : lossKind.equals("ce") || text || classes > 2 ? classes : 1;
        String output = loss.pairedOutput() != null ? loss.pairedOutput() : "identity";

        ImageFormat image = picture(settings);
        // an image set's pixels (a sound's spectrogram) keep their layout (unless only some of them are chosen as inputs)
        inputShape = image != null && image.inputs() == rawTrain[0].length ? new Shape(image.channels, image.side, image.side)
                : series ? Shape.sequence(rawTrain[0].length, 1) : text ? Shape.tokens(rawTrain[0].length, classes) : Shape.flat(rawTrain[0].length);
        Network net = Network.build(inputShape, settings.layers(), outputs, output, settings.math());
        this.outputs = outputs;
        this.output = output;
        Init.apply(net, settings.get("init"), new Rng(seed ^ 0x1A17));
        double[][] rawTrainY = text ? train.y : targets(train, outputs);
        // a regression learns its targets standardised (prices in the 100,000s would swamp the gradient)
        Normalizer targetScale = from != null ? from.targets : classes > 0 ? Normalizer.identity(rawTrainY[0].length)
                : Normalizer.fit(targetNorm(settings.get("ynorm")), rawTrainY, outputs);
        model = new Model(settings, encoding, features, normalizer, all.targetNames, all.classes, lossKind, net, targetScale);
        if (from != null && !takeWeights(from)) throw new IllegalArgumentException("the model's network does not match its own settings");

        trainX = normalizer.apply(rawTrain);
        testX = model.prepare(test.x);
        trainY = targetScale.apply(rawTrainY);
        testY = targetScale.apply(text ? test.y : targets(test, outputs));
        String reduce = settings.get("reduce");
        if (!reduce.equals("sum") && !reduce.equals("mean")) throw new IllegalArgumentException("reduce must be sum or mean");
        String reg = settings.get("reg");
        if (!reg.equals("none") && !reg.equals("l1") && !reg.equals("l2")) throw new IllegalArgumentException("reg must be none, l1 or l2");
        trainer = new Trainer(net, loss, Optimizer.of(settings.get("opt"), net.params()),
                settings.number("lr", 0, 100), settings.integer("batch", 1, 100_000), reduce.equals("mean"),
                reg, settings.number("rate", 0, 100), trainX, trainY, seed, settings.integer("workers", 1, Parts.MAX));
        trainer.augment = Augment.of(settings.get("augment"), inputShape);
        trainer.clip = settings.number("clip", 0, 1e6);
        trainer.freeze(Freeze.flags(settings.get("freeze"), settings.layers(), net));
    }

    private static String targetNorm(String ynorm) {
        if (ynorm.equals("auto") || ynorm.equals("standard")) return "standard";
        if (ynorm.equals("none")) return "none";
        throw new IllegalArgumentException("ynorm must be auto, standard or none");
    }

    /** The run on a generated data set (see {@link Generators}; the drawn one included; a series, see {@link Series}). */
    public static Experiment generated(Settings settings) {
        String data = settings.get("data");
        if (!Generators.isGenerated(data) && !Series.isSeries(data)) throw new IllegalArgumentException("data set '" + data + "' is not generated");
        DataSet all = Series.isSeries(data) ? Series.dataSet(data, settings.integer("window", 1, Series.MAX_WINDOW),
                settings.integer("horizon", 1, Series.MAX_HORIZON), settings.number("noise", 0, 1), new Rng(settings.integer("seed", -2147483647, 2147483647)))
                : data.equals(Drawn.NAME) ? Drawn.dataSet(settings.get(Drawn.KEY))
                : Generators.generate(data, settings.integer("samples", 2, 100_000), settings.number("noise", 0, 1),
                new Rng(settings.integer("seed", -2147483647, 2147483647)));
        return new Experiment(settings, all, Encoding.numeric(all.inputNames));
    }

    /**
     * @param tableText the CSV text of a built-in table or an uploaded file; null for a generated set
     */
    public static Experiment create(Settings settings, String tableText) throws CsvException {
        String data = settings.get("data");
        if (Generators.isGenerated(data) || Series.isSeries(data)) return generated(settings);
        if (tableText == null) throw new IllegalArgumentException("data set '" + data + "' needs its " + (settings.text() ? "text" : "CSV text"));
        if (settings.text()) {
            DataSet all = textSet(settings, tableText, null);
            return new Experiment(settings, all, Encoding.numeric(all.inputNames));
        }
        if (!settings.get("series").isEmpty()) {
            DataSet all = Series.fromTable(Table.parse(tableText, "auto"), settings.get("series"), data,
                    settings.integer("window", 1, Series.MAX_WINDOW), settings.integer("horizon", 1, Series.MAX_HORIZON));
            return new Experiment(settings, all, Encoding.numeric(all.inputNames));
        }
        String[] inputs = settings.get("inputs").isEmpty() ? null : Text.split(settings.get("inputs"), ',');
        Table.Converted c;
        if (BuiltIn.isTable(data)) {
            c = BuiltIn.fromText(data, tableText, inputs);
        } else {
            Table.Choice choice = new Table.Choice();
            if (!settings.get("target").isEmpty()) choice.target = settings.get("target");
            choice.inputs = inputs;
            choice.missing = settings.get("missing");
            c = Table.parse(tableText, "auto").toDataSet(data, choice);
        }
        return new Experiment(settings, c, null);
    }

    /** A text's windows (see {@link Chars}): the names file's lines shuffled into one text, or a user's text as it is; vocab null for the text's own. */
    private static DataSet textSet(Settings settings, String text, String[] vocab) {
        String data = settings.get("data");
        return Chars.dataSet(data, data.equals(Chars.NAMES) ? Chars.namesText(text) : text, settings.integer("window", 1, Chars.MAX_WINDOW), vocab);
    }

    /**
     * The run a model came from, rebuilt on a table its user supplies again (a model trained on
     * an uploaded file does not carry the file): the model's settings, the table's columns
     * checked against the model's (names, categories, target and classes), the model's
     * normalisation kept rather than refitted, and the model's weights, so predictions are the
     * model's bit for bit and training goes on from them.
     *
     * @throws IllegalArgumentException with what does not match
     */
    public static Experiment resume(Model model, String tableText) throws CsvException {
        Settings settings = model.settings.copy();
        // a column of the file as a series: the windows come from the file again, the model's own normalisation kept
        if (!settings.get("series").isEmpty()) return create(settings, tableText).adopt(model);
        // a text: its windows in the model's own vocabulary
        if (settings.text()) {
            DataSet all = textSet(settings, tableText, model.classes);
            return new Experiment(settings, all, Encoding.numeric(all.inputNames), 0, new String[0], new String[0], new boolean[0], model);
        }
        Table table = Table.parse(tableText, "auto");
        Table.Choice choice = new Table.Choice();
        choice.target = model.targetNames[0];
        choice.missing = settings.get("missing");
        String[] inputs = new String[model.encoding.columns.size()];
        for (int c = 0; c < inputs.length; c++) inputs[c] = model.encoding.columns.get(c).name;
        choice.inputs = inputs;
        for (String name : inputs) {
            if (!has(table, name)) throw mismatch("it has no column '" + name + "' (the model's inputs: " + String.join(", ", inputs) + ")");
        }
        if (!has(table, choice.target)) throw mismatch("it has no column '" + choice.target + "', the model's target");
        Table.Converted c = table.toDataSet(settings.get("data"), choice);
        return new Experiment(settings, c, model);
    }

    private static boolean has(Table table, String column) {
        try {
            table.column(column);
            return true;
        } catch (CsvException e) {
            return false;
        }
    }

    private static String what(Encoding.Column c) {
        return c.date != null ? "dates" : c.categories != null ? "categories" : "numbers";
    }

    private static IllegalArgumentException mismatch(String why) {
        return new IllegalArgumentException("the file does not match the model: " + why);
    }

    private static void checkSameInputs(Model from, Encoding encoding, DataSet all) {
        for (int c = 0; c < from.encoding.columns.size(); c++) {
            Encoding.Column want = from.encoding.columns.get(c), got = encoding.columns.get(c);
            if ((want.categories == null) != (got.categories == null) || (want.date == null) != (got.date == null)) {
                throw mismatch("column '" + want.name + "' is " + what(got) + " in the file, " + what(want) + " in the model");
            }
            if (want.categories != null && !java.util.Arrays.equals(want.categories, got.categories)) {
                throw mismatch("column '" + want.name + "' has the categories " + String.join(", ", got.categories)
                        + "; the model knows " + String.join(", ", want.categories));
            }
        }
        if (!java.util.Arrays.equals(from.classes, all.classes)) {
            throw mismatch(from.classes.length == 0 ? "its target '" + from.targetNames[0] + "' has classes where the model predicts numbers"
                    : "its target's classes are " + (all.classes.length == 0 ? "numbers" : String.join(", ", all.classes))
                    + "; the model's are " + String.join(", ", from.classes));
        }
    }

    /**
     * This run's data under a model opened from a file or a link, or made elsewhere (an ONNX
     * file): the model's weights, normalisation and target scaling are kept (not refitted), so
     * its predictions are the model's; the columns and classes are this data's.
     */
    public Experiment adopt(Model from) {
        if (from.classes.length != model.classes.length) {
            throw mismatch("the model knows " + from.classes.length + " classes, and the data has " + model.classes.length);
        }
        if (settings.text() && !java.util.Arrays.equals(from.classes, model.classes)) throw mismatch("the model knows other characters than the text's");
        Model m = new Model(from.settings, model.encoding, model.features, from.normalizer, model.targetNames, model.classes, from.loss,
                from.network, from.targets);
        return new Experiment(settings, all, encoding, droppedRows, candidateInputs, candidateNotes, outByDefault, m);
    }

    /** A network of this run's architecture (its own weights; see {@link PartThreads}). */
    public Network replica() {
        return Network.build(inputShape, settings.layers(), outputs, output, settings.math());
    }

    /** Copies the weights of a model with the same architecture; false when the shapes differ. */
    public boolean takeWeights(Model from) {
        var to = model.network.params();
        var source = from.network.params();
        if (to.size() != source.size()) return false;
        for (int i = 0; i < to.size(); i++) {
            double[][] a = to.get(i).value, b = source.get(i).value;
            if (a.length != b.length || a[0].length != b[0].length) return false;
        }
        for (int i = 0; i < to.size(); i++) {
            double[][] a = to.get(i).value, b = source.get(i).value;
            for (int r = 0; r < a.length; r++) System.arraycopy(b[r], 0, a[r], 0, a[r].length);
        }
        return true;
    }

    /** On the JVM: the run the settings describe (see {@link OnDisk#load}). */
    public static Experiment load(Settings settings) throws java.io.IOException, CsvException {
        return OnDisk.load(settings);
    }

    /** An image set from its records (see {@link Images}). */
    public static Experiment fromImages(Settings settings, byte[] records) {
        DataSet all = Images.fromRecords(settings.get("data"), records);
        return new Experiment(settings, all, Encoding.numeric(all.inputNames));
    }

    /**
     * A user's own images (see {@link ImageClasses}): the setting {@code image} resolved ("auto"
     * becomes grey28 or rgb28) and kept in the run's settings, so the model prepares every
     * image it is shown the same way.
     */
    public static Experiment fromImages(Settings settings, ImageClasses images) {
        ImageFormat format = images.format(settings.get("image"));
        Settings resolved = settings.copy().set("image", format.name());
        DataSet all = images.dataSet(settings.get("data"), format);
        return new Experiment(resolved, all, Encoding.numeric(all.inputNames));
    }

    /** A user's own sounds (see {@link SoundClasses}), their format kept in the run's settings (setting {@code sound}). */
    public static Experiment fromSounds(Settings settings, SoundClasses sounds) {
        Settings resolved = settings.copy().set("sound", sounds.format.name()).set("image", "");
        DataSet all = sounds.dataSet(settings.get("data"));
        return new Experiment(resolved, all, Encoding.numeric(all.inputNames));
    }

    /**
     * What the network sees as an image: an image set's or the user's images' format, a sound's
     * spectrogram as a grey image (setting {@code sound}); null for any other data.
     */
    public static ImageFormat picture(Settings settings) {
        if (!settings.get("sound").isEmpty()) return new ImageFormat(SoundFormat.side(settings.get("sound")), 1, 1);
        return Images.format(settings.get("data"), settings.get("image"));
    }

    /** Whether the settings train on a user's own sounds. */
    public static boolean sounds(Settings settings) {
        return !settings.get("sound").isEmpty();
    }

    /** Loss targets: the value(s) for regression, 0/1 for one sigmoid output, one-hot otherwise. */
    public static double[][] targets(DataSet d, int outputs) {
        if (!d.isClassification()) return d.y;
        double[][] t = new double[d.size()][outputs];
        for (int i = 0; i < d.size(); i++) {
            if (outputs == 1) t[i][0] = d.label(i);
            else t[i][d.label(i)] = 1;
        }
        return t;
    }

    /**
     * Trains as the studio's Play does, epoch by epoch: to {@code epochs}, until the run diverges
     * or until it stops early (its test loss no longer falling), then with its best weights.
     */
    public void trainToEnd(int epochs) {
        EarlyStop early = EarlyStop.of(this);
        while (trainer.epoch() < epochs && trainer.status() == Trainer.Status.RUNNING) {
            trainer.stepEpoch();
            if (early != null && early.epochEnded()) break;
        }
    }

    /** A text's floor to beat: the test loss of a bigram model of its training part (see {@link Chars#bigramLoss}); NaN for other data. */
    public double bigramLoss() {
        return settings.text() ? Chars.bigramLoss(trainX, trainY, testX, testY, model.classes.length) : Double.NaN;
    }

    /** The loss over the test part, as {@link #evaluate()} reports it. */
    public double evaluateTestLoss() {
        return Metrics.evaluate(model.network, loss, testX, testY, model.classes.length, model.targets.scale).loss;
    }

    public EpochReport evaluate() {
        return evaluate(trainX.length);
    }

    /**
     * The same with the training metrics over at most {@code maxTrainRows} training samples (the
     * first ones of the shuffled split, a fair sample): the studio's snapshots of a large set.
     */
    public EpochReport evaluate(int maxTrainRows) {
        Network net = model.network;
        int classes = model.classes.length, rows = Math.min(maxTrainRows, trainX.length);
        double[][] x = rows == trainX.length ? trainX : java.util.Arrays.copyOf(trainX, rows);
        double[][] y = rows == trainY.length ? trainY : java.util.Arrays.copyOf(trainY, rows);
        return new EpochReport(trainer.epoch(), trainer.samples(),
                Metrics.evaluate(net, loss, x, y, classes, model.targets.scale),
                Metrics.evaluate(net, loss, testX, testY, classes, model.targets.scale));
    }

}
