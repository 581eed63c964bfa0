package studio.backprop.web.worker.run;

import java.util.List;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int32Array;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.nn.Conv2D;
import studio.backprop.engine.nn.Linear;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.train.EpochReport;
import studio.backprop.engine.train.Experiment;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.Pixels;

/**
 * What the image views need of a run (a sound's spectrograms are grey images), in its setup and its snapshots: the format, the gallery
 * of test images (the first ones, or for the user's own images the mistakes first, from the
 * whole test part) with their predictions, the first layer's weights as images, and each conv
 * layer's feature maps of the watched gallery image.
 */
public final class ImageSnapshots {
    /** Test images shown with their predictions, and first-layer units drawn as images. */
    static final int GALLERY = 24, FEATURES = 16;

    private final Experiment ex;
    /** What the network sees of the run's images (null: no images), and whether they are the user's own. */
    private final ImageFormat image;
    private final boolean own;
    /** The gallery's test image whose feature maps snapshots carry (conv nets): its place in the gallery. */
    int watched;
    /** The test images the gallery shows, by index. */
    private int[] shown = new int[0];

    ImageSnapshots(Experiment ex) {
        this.ex = ex;
        this.image = Experiment.picture(ex.settings);
        this.own = Images.own(ex.settings.get("data"), ex.settings.get("image")) || Experiment.sounds(ex.settings);
    }

    /** The test sample shown at a place of the gallery (the data set's own row), or null. */
    double[] testSample(int index) {
        return index >= 0 && index < shown.length ? ex.test.x[shown[index]] : null;
    }

    void setup(FromWorker.Setup m) {
        Network net = ex.model.network;
        int side = image == null ? 0 : image.side, size = image == null ? 0 : image.inputs();
        m.setImageSide(side);
        m.setImageChannels(image == null ? 1 : image.channels);
        m.setPhotos(own);
        m.setMaxLevel(image != null ? image.maxLevel : 1);
        m.setGalleryPixels(null);
        m.setGalleryLabels(null);
        if (side > 0) {
            shown = new int[Math.min(GALLERY, ex.test.size())];
            for (int i = 0; i < shown.length; i++) shown[i] = i;
            m.setGalleryPixels(galleryPixels(size));
            m.setGalleryLabels(galleryLabels());
        }
        m.setTileSide(net.modules().get(0) instanceof Conv2D ? ((Conv2D) net.modules().get(0)).K : side);
    }

    void snapshot(FromWorker.Snapshot m, EpochReport r) {
        Network net = ex.model.network;
        m.setGalleryPredicted(null);
        m.setFirstLayerPixels(null);
        m.setGalleryPixels(null);
        m.setGalleryLabels(null);
        if (image != null) {
            int[] byRow = r.test.predicted;
            if (own) {
                int[] mistakesFirst = mistakesFirst(byRow);
                if (!java.util.Arrays.equals(mistakesFirst, shown)) {
                    shown = mistakesFirst;
                    m.setGalleryPixels(galleryPixels(image.inputs()));
                    m.setGalleryLabels(galleryLabels());
                }
            }
            double[] predicted = new double[shown.length];
            for (int i = 0; i < shown.length; i++) predicted[i] = byRow[shown[i]];
            m.setGalleryPredicted(Js.float64(predicted));
            int tile = net.modules().get(0) instanceof Conv2D ? ((Conv2D) net.modules().get(0)).K : image.side;
            m.setFirstLayerPixels(Js.int32(Pixels.tiles(firstLayer(net), tile * tile, 1e-12)));
        }
        featureMaps(m, net);
    }

    /**
     * The first layer's weights into each of its first FEATURES units, unit by unit: the images
     * it looks for (a conv layer's filters, K x K each, of its first channel).
     */
    private double[] firstLayer(Network net) {
        if (net.modules().get(0) instanceof Conv2D) {
            Conv2D conv = (Conv2D) net.modules().get(0);
            int taps = conv.inC * conv.K * conv.K, tile = conv.K * conv.K, units = Math.min(FEATURES, conv.F);
            double[] filters = new double[conv.F * taps], out = new double[units * tile];
            conv.filters(filters);
            // each filter's first channel (its first K x K taps)
            for (int f = 0; f < units; f++) System.arraycopy(filters, f * taps, out, f * tile, tile);
            return out;
        }
        Linear first = (Linear) net.modules().get(0);
        // an RGB image's weights: the red plane's
        int units = Math.min(FEATURES, first.n), plane = ex.inputShape.spatial() ? ex.inputShape.height * ex.inputShape.width : first.m;
        double[] out = new double[units * plane];
        for (int j = 0; j < units; j++) for (int k = 0; k < plane; k++) out[j * plane + k] = first.W.value[k][j];
        return out;
    }

    /** Maps per conv layer in a snapshot. */
    static final int MAPS = 16;

    /** The test images that the model gets wrong, in test order, then the right ones, up to GALLERY. */
    private int[] mistakesFirst(int[] predicted) {
        int[] out = new int[Math.min(GALLERY, ex.test.size())];
        int k = 0;
        for (int pass = 0; pass < 2 && k < out.length; pass++) {
            for (int i = 0; i < ex.test.size() && k < out.length; i++) {
                boolean wrong = predicted[i] != ex.test.label(i);
                if (wrong == (pass == 0)) out[k++] = i;
            }
        }
        return out;
    }

    private Int32Array galleryPixels(int size) {
        double[] levels = new double[shown.length * size];
        for (int i = 0; i < shown.length; i++) System.arraycopy(ex.test.x[shown[i]], 0, levels, i * size, size);
        return Js.int32(Pixels.images(levels, image.side, image.channels, own, image.maxLevel));
    }

    private Float64Array galleryLabels() {
        double[] labels = new double[shown.length];
        for (int i = 0; i < shown.length; i++) labels[i] = ex.test.label(shown[i]);
        return Js.float64(labels);
    }

    /** The watched test image through the network: each conv layer's first MAPS maps, after its activation. */
    private void featureMaps(FromWorker.Snapshot m, Network net) {
        m.setWatched(watched);
        m.setFeatureMapPixels(null);
        m.setFeatureShapes(null);
        List<Module> ms = net.modules();
        int convs = 0;
        for (Module mod : ms) if (mod instanceof Conv2D) convs++;
        if (convs == 0 || ex.test.size() == 0) return;
        int place = Math.max(0, Math.min(shown.length - 1, watched));
        m.setWatched(place);
        Mat in = net.input(1);
        System.arraycopy(ex.testX[shown[place]], 0, in.row[0], 0, in.cols);
        net.forward();
        double[] shapes = new double[3 * convs];
        int total = 0, c = 0;
        for (Module mod : ms) {
            if (!(mod instanceof Conv2D)) continue;
            Conv2D conv = (Conv2D) mod;
            shapes[3 * c] = Math.min(MAPS, conv.F);
            shapes[3 * c + 1] = conv.outH;
            shapes[3 * c + 2] = conv.outW;
            total += (int) shapes[3 * c] * conv.outH * conv.outW;
            c++;
        }
        int[] maps = new int[total];
        int at = 0;
        for (int l = 0; l < ms.size(); l++) {
            if (!(ms.get(l) instanceof Conv2D)) continue;
            Conv2D conv = (Conv2D) ms.get(l);
            int size = conv.outH * conv.outW, n = Math.min(MAPS, conv.F) * size;
            System.arraycopy(Pixels.ink(java.util.Arrays.copyOf(net.activation(l + 2).row[0], n), size), 0, maps, at, n);
            at += n;
        }
        m.setFeatureMapPixels(Js.int32(maps));
        m.setFeatureShapes(Js.float64(shapes));
    }

}
