package studio.backprop.web.worker;

import java.util.Arrays;
import org.teavm.jso.core.JSArray;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Explain;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;

/**
 * The backprop explorer's numbers for one sample: the forward and backward pass of the engine
 * itself ({@link Explain}), a gradient check and a batch view.
 */
final class Explanations {
    /** Samples in the batch view. */
    static final int BATCH = 8;

    private Explanations() {}

    static FromWorker.Explanation of(Experiment ex, ToWorker.ExplainRequest request) {
        boolean test = request.isTest();
        double[][] xs = test ? ex.testX : ex.trainX, ys = test ? ex.testY : ex.trainY;
        int index = Math.max(0, Math.min(xs.length - 1, request.getIndex()));
        double x1 = request.getX1(), x2 = request.getX2();
        if (x1 == x1 && x2 == x2) index = nearest(test ? ex.test.x : ex.train.x, x1, x2);
        Network net = ex.model.network;
        FromWorker.Explanation m = FromWorker.explanation();
        Explain e;
        try {
            e = Explain.of(net, ex.loss, xs[index], ys[index], ex.trainer.learningRate);
        } catch (IllegalArgumentException notDense) {
            String why = notDense.getMessage();
            m.setMessage(Character.toUpperCase(why.charAt(0)) + why.substring(1) + " (a conv layer's step through is still to come).");
            return m;
        }
        m.setMessage(null);
        m.setTest(test);
        m.setIndex(index);
        m.setCount(xs.length);
        m.setLoss(e.loss);
        m.setLossKind(e.lossKind);
        m.setLr(ex.trainer.learningRate);
        m.setTarget(Js.float64(e.target));
        JSArray<FromWorker.ExplainedLayer> layers = JSArray.create();
        for (Explain.Layer l : e.layers) {
            FromWorker.ExplainedLayer o = FromWorker.explainedLayer();
            o.setM(l.m);
            o.setN(l.n);
            o.setActivation(l.activation);
            o.setAPrev(Js.float64(l.aPrev));
            o.setW(Js.float64(l.w));
            o.setW0(Js.float64(l.w0));
            o.setZ(Js.float64(l.z));
            o.setA(Js.float64(l.a));
            o.setDLdA(l.dLdA == null ? null : Js.float64(l.dLdA));
            o.setDLdZ(Js.float64(l.dLdZ));
            o.setDLdAPrev(Js.float64(l.dLdAPrev));
            o.setDLdW(Js.float64(l.dLdW));
            o.setDLdW0(Js.float64(l.dLdW0));
            o.setWAfter(Js.float64(l.wAfter));
            layers.push(o);
        }
        m.setLayers(layers);
        m.setCheck(Js.float64(Explain.gradientCheck(net, ex.loss, xs[index], ys[index], 400)));
        m.setBatch(batch(ex, net));
        return m;
    }

    private static FromWorker.ExplainedBatch batch(Experiment ex, Network net) {
        int b = Math.min(ex.trainer.batchSize, Math.min(BATCH, ex.trainX.length));
        Explain.Batch batch = Explain.batch(net, ex.loss, Arrays.copyOf(ex.trainX, b), Arrays.copyOf(ex.trainY, b), ex.trainer.mean);
        double[] per = new double[b * batch.m * batch.n];
        for (int s = 0; s < b; s++) System.arraycopy(batch.perSample[s], 0, per, s * batch.m * batch.n, batch.m * batch.n);
        FromWorker.ExplainedBatch o = FromWorker.explainedBatch();
        o.setSamples(b);
        o.setM(batch.m);
        o.setN(batch.n);
        o.setMean(batch.mean);
        o.setPerSample(Js.float64(per));
        o.setSum(Js.float64(batch.sum));
        o.setBatch(Js.float64(batch.batch));
        o.setMaxDifference(batch.maxDifference);
        return o;
    }

    /** The sample nearest to a point of the 2-D plane (a click on the heatmap). */
    private static int nearest(double[][] points, double x1, double x2) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < points.length; i++) {
            double dx = points[i][0] - x1, dy = points[i][1] - x2, d = dx * dx + dy * dy;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
