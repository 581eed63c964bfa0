package studio.backprop.web.worker.run;

import java.util.Arrays;
import org.teavm.jso.core.JSArray;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Explain;
import studio.backprop.engine.train.ExplainTime;
import studio.backprop.engine.train.Focus;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.Explained;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;

/**
 * The backprop explorer's numbers for one sample: the forward and backward pass of the engine
 * itself ({@link Explain}), a gradient check and a batch view.
 */
public final class Explanations {
    /** Samples in the batch view. */
    static final int BATCH = 8;
    /** Weights checked by finite differences per layer of a conv net (400 in a dense one). */
    static final int CONV_CHECKS = 60;

    private Explanations() {}

    public static FromWorker.Explanation of(Experiment ex, ToWorker.ExplainRequest request) {
        boolean test = request.isTest();
        double[][] xs = test ? ex.testX : ex.trainX, ys = test ? ex.testY : ex.trainY;
        int index = Math.max(0, Math.min(xs.length - 1, request.getIndex()));
        double x1 = request.getX1(), x2 = request.getX2();
        if (x1 == x1 && x2 == x2) index = nearest(test ? ex.test.x : ex.train.x, x1, x2);
        Network net = ex.model.network;
        FromWorker.Explanation m = FromWorker.explanation();
        Explain e = Explain.of(net, ex.loss, xs[index], ys[index], ex.trainer.learningRate, request.getFy(), request.getFx(), request.getFilter());
        m.setMessage(null);
        m.setTest(test);
        m.setIndex(index);
        m.setCount(xs.length);
        m.setLoss(e.loss);
        m.setLossKind(e.lossKind);
        m.setLr(ex.trainer.learningRate);
        m.setTarget(Js.float64(e.target));
        m.setTargetScaled(!ex.model.targets.isIdentity());
        JSArray<Explained.Layer> layers = JSArray.create();
        for (Explain.Layer l : e.layers) {
            Explained.Layer o = Explained.layer();
            o.setKind(l.kind);
            o.setM(l.m);
            o.setN(l.n);
            o.setInShape(l.inShape);
            o.setOutShape(l.outShape);
            o.setActivation(l.activation);
            o.setRate(l.rate);
            o.setAPrev(Js.float64(l.aPrev));
            o.setA(Js.float64(l.a));
            o.setDLdA(l.dLdA == null ? null : Js.float64(l.dLdA));
            o.setDLdAPrev(Js.float64(l.dLdAPrev));
            boolean weighted = l.w != null;
            o.setW(weighted ? Js.float64(l.w) : null);
            o.setW0(weighted ? Js.float64(l.w0) : null);
            o.setZ(weighted ? Js.float64(l.z) : null);
            o.setDLdZ(weighted ? Js.float64(l.dLdZ) : null);
            o.setFPrime(l.fPrime == null ? null : Js.float64(l.fPrime));
            o.setDLdW(weighted ? Js.float64(l.dLdW) : null);
            o.setDLdW0(weighted ? Js.float64(l.dLdW0) : null);
            o.setWAfter(weighted ? Js.float64(l.wAfter) : null);
            o.setFocus(l.focus == null ? null : focus(l.focus));
            o.setTime(l.time == null ? null : time(l.time));
            layers.push(o);
        }
        m.setLayers(layers);
        // each checked weight costs two forward passes: fewer of them on a conv net's larger layers
        boolean conv = false;
        for (Explain.Layer l : e.layers) conv |= l.kind.equals("conv");
        m.setCheck(Js.float64(Explain.gradientCheck(net, ex.loss, xs[index], ys[index], conv ? CONV_CHECKS : 400)));
        m.setBatch(batch(ex, net));
        return m;
    }

    private static Explained.Time time(ExplainTime t) {
        Explained.Time o = Explained.time();
        o.setCell(t.cell);
        o.setInputs(t.inputs);
        o.setHidden(t.hidden);
        o.setSteps(t.steps);
        o.setGates(t.gates);
        o.setSequences(t.sequences);
        o.setGateNames(t.gateNames);
        o.setStateNames(t.stateNames);
        o.setX(Js.float64(t.x));
        o.setH(Js.float64(t.h));
        o.setA(Js.float64(t.a));
        o.setState(Js.float64(t.state));
        o.setDLdhOwn(Js.float64(t.dLdhOwn));
        o.setDLdh(Js.float64(t.dLdh));
        o.setDLda(Js.float64(t.dLda));
        o.setW(Js.float64(t.w));
        o.setWh(Js.float64(t.wh));
        o.setW0(Js.float64(t.w0));
        o.setDLdW(Js.float64(t.dLdW));
        o.setDLdWh(Js.float64(t.dLdWh));
        o.setDLdW0(Js.float64(t.dLdW0));
        return o;
    }

    private static Explained.Focus focus(Focus f) {
        Explained.Focus o = Explained.focus();
        o.setFilter(f.filter);
        o.setY(f.y);
        o.setX(f.x);
        o.setTop(f.top);
        o.setLeft(f.left);
        o.setSize(f.size);
        boolean conv = f.field != null;
        o.setField(conv ? Js.float64(f.field) : null);
        o.setKernel(conv ? Js.float64(f.kernel) : null);
        o.setProducts(conv ? Js.float64(f.products) : null);
        o.setBias(f.bias);
        o.setSum(f.sum);
        o.setZ(f.z);
        o.setDLdW(conv ? Js.float64(f.dLdW) : null);
        o.setDLdWSum(conv ? Js.float64(f.dLdWSum) : null);
        o.setDLdW0(f.dLdW0);
        o.setDLdW0Sum(f.dLdW0Sum);
        o.setPositions(f.positions);
        o.setChannel(f.channel);
        o.setInY(f.inY);
        o.setInX(f.inX);
        o.setTerms(f.terms);
        o.setScatterSum(f.scatterSum);
        o.setDLdAPrev(f.dLdAPrev);
        o.setReachTop(f.reachTop);
        o.setReachLeft(f.reachLeft);
        o.setReachBottom(f.reachBottom);
        o.setReachRight(f.reachRight);
        o.setWindow(conv ? null : Js.float64(f.window));
        o.setDLdWindow(conv ? null : Js.float64(f.dLdWindow));
        o.setArgmax(f.argmax);
        o.setDLdOut(f.dLdOut);
        return o;
    }

    private static Explained.Batch batch(Experiment ex, Network net) {
        int b = Math.min(ex.trainer.batchSize, Math.min(BATCH, ex.trainX.length));
        Explain.Batch batch = Explain.batch(net, ex.loss, Arrays.copyOf(ex.trainX, b), Arrays.copyOf(ex.trainY, b), ex.trainer.mean);
        double[] per = new double[b * batch.m * batch.n];
        for (int s = 0; s < b; s++) System.arraycopy(batch.perSample[s], 0, per, s * batch.m * batch.n, batch.m * batch.n);
        Explained.Batch o = Explained.batch();
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
