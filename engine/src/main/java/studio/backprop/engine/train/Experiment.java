package studio.backprop.engine.train;

import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.DataSet;
import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.Features;
import studio.backprop.engine.data.Generators;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.data.Normalizer;
import studio.backprop.engine.data.Table;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.nn.Init;
import studio.backprop.engine.nn.Loss;
import studio.backprop.engine.nn.Network;

/**
 * One training run built from {@link Settings}: the data (generated, or a table given as CSV
 * text), its seeded split, the inputs the network sees, the network, its loss and a trainer.
 * The JVM CLI and the browser worker both start here, so they build the same run.
 */
public final class Experiment {
    public final Settings settings;
    public final DataSet train, test;
    public final int droppedRows;
    /** For a table, every column that could be an input (all but the target); empty otherwise. */
    public final String[] candidateInputs;
    public final Model model;
    public final Loss loss;
    public final double[][] trainX, trainY, testX, testY;
    public final Trainer trainer;

    private Experiment(Settings settings, DataSet all, Encoding encoding, int droppedRows, String[] candidateInputs) {
        this.settings = settings;
        this.droppedRows = droppedRows;
        this.candidateInputs = candidateInputs;
        int seed = settings.integer("seed", -2147483647, 2147483647);
        DataSet[] parts = all.split(settings.number("split", 0.01, 0.99), new Rng(seed ^ 0x5B1170));
        train = parts[0];
        test = parts[1];
        boolean planar = Generators.isGenerated(all.name);
        int[] features = planar ? Features.parse(settings.get("features")) : new int[0];
        double[][] rawTrain = planar ? Features.expand(train.x, features) : train.x;
        String norm = settings.get("norm");
        if (norm.equals("auto")) norm = planar ? "none" : "standard";
        Normalizer normalizer = Normalizer.fit(norm, rawTrain, rawTrain[0].length);

        String lossKind = settings.get("loss");
        int classes = all.classes.length;
        if (lossKind.equals("auto")) lossKind = classes == 0 ? "mse" : classes == 2 ? "bce" : "ce";
        if (classes == 0 && !lossKind.equals("mse")) throw new IllegalArgumentException(lossKind + " needs class labels; use mse for regression");
        if (lossKind.equals("bce") && classes != 2) throw new IllegalArgumentException("bce needs 2 classes; use ce for " + classes);
        loss = Loss.of(lossKind);
        int outputs = classes == 0 ? all.targetNames.length : lossKind.equals("ce") || classes > 2 ? classes : 1;
        String output = loss.pairedOutput() != null ? loss.pairedOutput() : "identity";

        int[] hidden = settings.layers();
        Network net = Network.build(rawTrain[0].length, hidden, settings.activations(hidden.length), outputs, output);
        Init.apply(net, settings.get("init"), new Rng(seed ^ 0x1A17));
        model = new Model(settings, encoding, features, normalizer, all.targetNames, all.classes, lossKind, net);

        trainX = normalizer.apply(rawTrain);
        testX = model.prepare(test.x);
        trainY = targets(train, outputs);
        testY = targets(test, outputs);
        String reduce = settings.get("reduce");
        if (!reduce.equals("sum") && !reduce.equals("mean")) throw new IllegalArgumentException("reduce must be sum or mean");
        String reg = settings.get("reg");
        if (!reg.equals("none") && !reg.equals("l1") && !reg.equals("l2")) throw new IllegalArgumentException("reg must be none, l1 or l2");
        trainer = new Trainer(net, loss, Optimizer.of(settings.get("opt"), net.params()),
                settings.number("lr", 0, 100), settings.integer("batch", 1, 100_000), reduce.equals("mean"),
                reg, settings.number("rate", 0, 100), trainX, trainY, seed);
    }

    /**
     * @param tableText the CSV text of a built-in table or an uploaded file; null for a generated set
     */
    public static Experiment create(Settings settings, String tableText) throws CsvException {
        String data = settings.get("data");
        int seed = settings.integer("seed", -2147483647, 2147483647);
        if (Generators.isGenerated(data)) {
            DataSet all = Generators.generate(data, settings.integer("samples", 2, 100_000),
                    settings.number("noise", 0, 1), new Rng(seed));
            return new Experiment(settings, all, Encoding.numeric(all.inputNames), 0, new String[0]);
        }
        if (tableText == null) throw new IllegalArgumentException("data set '" + data + "' needs its CSV text");
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
        return new Experiment(settings, c.data, c.encoding, c.dropped, c.candidates);
    }

    /**
     * On the JVM: the run the settings describe, reading a built-in table or image set from the
     * class path and any other data name as a CSV file path.
     */
    public static Experiment load(Settings settings) throws java.io.IOException, CsvException {
        String data = settings.get("data");
        if (Images.isImageSet(data)) return fromImages(settings, BuiltIn.resource(Images.fileName(data)));
        if (Generators.isGenerated(data)) return create(settings, null);
        if (BuiltIn.isTable(data)) return create(settings, new String(BuiltIn.resource(BuiltIn.fileName(data)), java.nio.charset.StandardCharsets.UTF_8));
        java.nio.file.Path p = java.nio.file.Path.of(data);
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no data set or file '" + data + "' (built in: spiral, circle, xor, gauss, moons, plane, sine, "
                    + String.join(", ", BuiltIn.TABLES) + ", mnist, fashion)");
        }
        if (java.nio.file.Files.size(p) > 200_000_000) throw new IllegalArgumentException(p + " is larger than 200 MB");
        return create(settings, java.nio.file.Files.readString(p, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** An image set from its records (see {@link Images}). */
    public static Experiment fromImages(Settings settings, byte[] records) {
        DataSet all = Images.fromRecords(settings.get("data"), records);
        return new Experiment(settings, all, Encoding.numeric(all.inputNames), 0, new String[0]);
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

    public EpochReport evaluate() {
        Network net = model.network;
        int classes = model.classes.length;
        return new EpochReport(trainer.epoch(), trainer.samples(),
                Metrics.evaluate(net, loss, trainX, trainY, classes), Metrics.evaluate(net, loss, testX, testY, classes));
    }
}
