package studio.backprop.web.worker;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelException;
import studio.backprop.engine.nn.Loss;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.train.Parts;
import studio.backprop.engine.train.Trainer;
import studio.backprop.web.Js;

/**
 * Data-parallel training (see {@link Parts}): this worker starts P - 1 helper workers (the same
 * script), each holding a replica of the network. Per batch it sends helper k the weights and the
 * rows of part k, computes part 0 itself meanwhile, and adds the gradients in part order when all
 * are back. Until every helper has loaded, batches run here part after part, with the same result.
 */
final class Helpers {
    interface Done {
        void batchDone(boolean epochEnded);
    }

    private final JSObject[] workers;
    private final Int8Array model;
    private final Js.Action onReady;
    private int ready;
    private Trainer trainer;
    private Done done;
    private double[][] grads;
    private double[] losses;
    private double[] weights;
    private int pending;
    private int batch;

    /** @param onReady runs once every helper has loaded */
    Helpers(int count, Model model, Js.Action onReady) {
        this.model = Int8Array.copyFromJavaArray(ModelBinary.write(model, 64));
        this.onReady = onReady;
        workers = new JSObject[count];
        for (int i = 0; i < count; i++) {
            final int k = i + 1;
            workers[i] = spawn(m -> message(k, m));
        }
    }

    boolean ready() {
        return ready == workers.length;
    }

    /** A batch is out on the helpers and not yet added up. */
    boolean busy() {
        return pending > 0;
    }

    /** One batch of the trainer (which must have workers + 1 parts); {@code then} runs when it is done. */
    void step(Trainer t, Done then) {
        if (!ready()) {
            then.batchDone(t.step());
            return;
        }
        trainer = t;
        done = then;
        batch++;
        int size = Parts.size(t.network());
        if (grads == null || grads[0].length != size) {
            grads = new double[workers.length + 1][];
            grads[0] = new double[size];
            losses = new double[workers.length + 1];
            weights = new double[size];
        }
        Parts.weights(t.network(), weights);
        Float64Array w = Float64Array.copyFromJavaArray(weights);
        for (int k = 1; k <= workers.length; k++) {
            Mat[] d = t.partData(k);
            JSObject m = Js.object();
            Js.set(m, "type", "part");
            Js.set(m, "batch", batch);
            Js.set(m, "weights", w);
            Js.set(m, "rows", d[0].rows);
            Js.set(m, "x", flat(d[0]));
            Js.set(m, "y", flat(d[1]));
            Js.set(m, "scale", t.batchScale());
            send(workers[k - 1], m);
        }
        pending = workers.length;
        losses[0] = t.computePart(0, grads[0]);
    }

    private void message(int k, JSObject m) {
        String type = Js.string(m, "type");
        if ("ready".equals(type)) {
            JSObject init = Js.object();
            Js.set(init, "type", "part-init");
            Js.set(init, "model", model);
            send(workers[k - 1], init);
            if (++ready == workers.length && onReady != null) onReady.run();
        } else if ("part".equals(type) && (int) Js.number(m, "batch") == batch && pending > 0) {
            grads[k] = ((Float64Array) Js.get(m, "grad")).copyToJavaArray();
            losses[k] = Js.number(m, "loss");
            if (--pending == 0) {
                boolean epochEnded = trainer.finishParts(grads, losses);
                done.batchDone(epochEnded);
            }
        }
    }

    void terminate() {
        for (JSObject w : workers) kill(w);
        pending = 0;
    }

    private static Float64Array flat(Mat m) {
        double[] out = new double[m.rows * m.cols];
        for (int i = 0; i < m.rows; i++) System.arraycopy(m.row[i], 0, out, i * m.cols, m.cols);
        return Float64Array.copyFromJavaArray(out);
    }

    // --- the helper's side, in a helper worker ---

    private static Network replica;
    private static Loss replicaLoss;

    static void init(Int8Array bytes) {
        try {
            Model m = ModelBinary.read(bytes.copyToJavaArray());
            replica = m.network;
            replicaLoss = Loss.of(m.loss);
        } catch (ModelException e) {
            Js.error("helper: " + e.getMessage());
        }
    }

    /** Part k of a batch: the gradient at the weights sent, over the rows sent. */
    static void part(JSObject m) {
        Parts.setWeights(replica, ((Float64Array) Js.get(m, "weights")).copyToJavaArray());
        int rows = (int) Js.number(m, "rows");
        double[] x = ((Float64Array) Js.get(m, "x")).copyToJavaArray(), y = ((Float64Array) Js.get(m, "y")).copyToJavaArray();
        int xc = replica.inputs, yc = replica.outputs();
        Mat xm = new Mat(rows, xc), ym = new Mat(rows, yc);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(x, i * xc, xm.row[i], 0, xc);
            System.arraycopy(y, i * yc, ym.row[i], 0, yc);
        }
        double[] grad = new double[Parts.size(replica)];
        double loss = rows == 0 ? 0 : Parts.gradient(replica, replicaLoss, xm, ym, Js.number(m, "scale"), grad);
        JSObject out = Js.object();
        Js.set(out, "type", "part");
        Js.set(out, "batch", Js.number(m, "batch"));
        Js.set(out, "loss", loss);
        Float64Array g = Float64Array.copyFromJavaArray(grad);
        Js.set(out, "grad", g);
        postTransfer(out, g);
    }

    @JSBody(params = "f", script = "var js_w = new Worker(self.location.href); js_w.onmessage = function (e) { f(e.data); }; return js_w;")
    private static native JSObject spawn(Js.Callback f);

    @JSBody(params = {"w", "m"}, script = "w.postMessage(m);")
    private static native void send(JSObject w, JSObject m);

    @JSBody(params = "w", script = "w.terminate();")
    private static native void kill(JSObject w);

    /** postMessage with the array's buffer moved, not copied (JSO's own postMessage takes no transfer list). */
    @JSBody(params = {"m", "a"}, script = "self.postMessage(m, [a.buffer]);")
    private static native void postTransfer(JSObject m, Float64Array a);
}
