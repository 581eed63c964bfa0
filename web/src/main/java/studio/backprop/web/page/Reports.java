package studio.backprop.web.page;

import studio.backprop.web.Js;
import studio.backprop.web.protocol.FromWorker;

/** The worker's setup and snapshots, into the page's state. */
public final class Reports {
    /** Curve points kept; past this every other one is dropped, so long runs keep a bounded history. */
    static final int HISTORY = 2000;

    private Reports() {}

    static void setup(State state, FromWorker.Setup m) {
        state.clearRun();
        state.planar = m.isPlanar();
        state.classes = m.getClasses();
        state.inputs = m.getInputs();
        state.loss = m.getLoss();
        state.parameters = m.getParameters();
        state.trainSize = m.getTrainSize();
        state.testSize = m.getTestSize();
        state.dropped = m.getDropped();
        double[] widths = m.getWidths().copyToJavaArray();
        state.widths = new int[widths.length];
        for (int i = 0; i < widths.length; i++) state.widths[i] = (int) widths[i];
        state.layerNames = m.getLayerNames();
        state.layerShapes = m.getLayerShapes();
        state.layerParameters = m.getLayerParameters().copyToJavaArray();
        state.tileSide = m.getTileSide();
        state.candidates = m.getCandidates();
        state.candidateNotes = m.getCandidateNotes();
        String[] defaults = m.getCandidateDefaults();
        state.outByDefault = new boolean[defaults.length];
        for (int i = 0; i < defaults.length; i++) state.outByDefault[i] = defaults[i].equals("out");
        int columns = m.getColumns().getLength();
        state.columns = new String[columns];
        state.categories = new String[columns][];
        state.dates = new String[columns];
        for (int c = 0; c < columns; c++) {
            FromWorker.Column col = m.getColumns().get(c);
            state.columns[c] = col.getName();
            state.categories[c] = col.getCategories();
            state.dates[c] = col.getDate();
        }
        if (state.planar) {
            state.trainPoints = m.getTrain().copyToJavaArray();
            state.testPoints = m.getTest().copyToJavaArray();
            state.grid = m.getGrid();
            state.neuronGrid = m.getNeuronGrid();
            state.extent = m.getExtent();
        }
        state.imageSide = m.getImageSide();
        if (state.imageSide > 0) {
            state.maxLevel = m.getMaxLevel();
            state.imageChannels = m.getImageChannels();
            state.photos = m.isPhotos();
            state.galleryPixels = m.getGalleryPixels();
            state.galleryLabels = m.getGalleryLabels().copyToJavaArray();
        }
        state.error = "";
    }

    static void snapshot(State state, FromWorker.Snapshot m) {
        state.status = m.getStatus();
        state.epoch = m.getEpoch();
        state.samples = m.getSamples();
        state.samplesPerSecond = m.getSamplesPerSecond();
        state.workers = Math.max(1, m.getWorkers());
        state.trainLoss = m.getTrainLoss();
        state.testLoss = m.getTestLoss();
        state.trainAccuracy = m.getTrainAccuracy();
        state.testAccuracy = m.getTestAccuracy();
        state.testRmse = m.getTestRmse();
        state.testR2 = m.getTestR2();
        // a large network's hash comes with the full snapshots only (a pause, a step): until then the one shown would be stale
        if (m.getHash() != null) state.hash = m.getHash();
        else if (state.samples > 0) state.hash = "";
        state.ended = m.getEnded() == null ? "" : m.getEnded();
        state.bestEpoch = m.getBestEpoch();
        if (m.getOutputPixels() != null) state.outputPixels = m.getOutputPixels();
        state.fitKind = m.getFitKind() == null ? "" : m.getFitKind();
        state.fit = m.getFit() == null ? new double[0] : Js.doubles(m.getFit());
        state.weights = m.getWeights() == null ? new double[0] : Js.doubles(m.getWeights());
        state.stepGradients = m.getStepGradients() == null ? new double[0] : Js.doubles(m.getStepGradients());
        state.clipped = m.getClipped();
        if (m.getNeuronPixels() != null) state.neuronPixels = m.getNeuronPixels();
        state.confusion = Js.doubles(m.getConfusion());
        if (m.getGalleryPixels() != null) {
            state.galleryPixels = m.getGalleryPixels();
            state.galleryLabels = Js.doubles(m.getGalleryLabels());
        }
        if (m.getGalleryPredicted() != null) {
            state.galleryPredicted = Js.doubles(m.getGalleryPredicted());
            state.firstLayerPixels = m.getFirstLayerPixels();
        }
        state.watched = m.getWatched();
        state.featureMapPixels = m.getFeatureMapPixels();
        state.featureShapes = m.getFeatureShapes() == null ? new double[0] : Js.doubles(m.getFeatureShapes());
        double[] curve = m.getCurve() == null ? new double[0] : Js.doubles(m.getCurve());
        for (int i = 0; i + 5 < curve.length; i += 6) point(state, java.util.Arrays.copyOfRange(curve, i, i + 6));
        point(state, new double[] {state.epoch, state.trainLoss, state.testLoss, state.trainAccuracy, state.testAccuracy, m.getSeconds()});
    }

    /** A point of the curves, unless its epoch is in already; past HISTORY points every other one goes. */
    private static void point(State state, double[] p) {
        if (!state.history.isEmpty() && state.history.get(state.history.size() - 1)[0] >= p[0]) return;
        state.history.add(p);
        if (state.history.size() > HISTORY) {
            for (int i = state.history.size() - 2; i > 0; i -= 2) state.history.remove(i);
        }
    }
}
