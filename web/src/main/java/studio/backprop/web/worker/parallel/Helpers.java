package studio.backprop.web.worker.parallel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int32Array;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.nn.Loss;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Param;
import studio.backprop.engine.train.Parts;
import studio.backprop.engine.train.Trainer;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.Message;
import studio.backprop.web.protocol.PartMessages;
import studio.backprop.web.protocol.ToWorker;

/**
 * Data-parallel training (see {@link Parts}): this worker starts P - 1 helper workers (the same
 * script), each holding a replica of the network. Per batch it sends helper k the weights and the
 * rows of part k, computes part 0 itself meanwhile, and adds the gradients in part order when all
 * are back. Until every helper has loaded, batches run here part after part, with the same result.
 *
 * <p>No large array is allocated per batch: each helper has a weights buffer and a gradient
 * buffer that travel to it and back as transfers (moved, not copied), and the networks' own rows
 * meet them through one direct buffer ({@link #stageRows}, {@link #unstageRows}, {@link #addRows}),
 * with no flat copy on either side.
 */
public final class Helpers {
    public interface Done {
        void batchDone(boolean epochEnded);
    }

    private final JSObject[] workers;
    private final PartMessages.PartInit init;
    private final Js.Action onReady;
    private int ready;
    private Trainer trainer;
    private Done done;
    private double[] losses;
    /** Per helper, its weights and gradient buffers (detached while they are away with it). */
    private Float64Array[] weightBuffers, gradBuffers;
    private int pending;
    private int batch;
    /** Per part, whether its gradient is in for the current batch. */
    private boolean[] received;
    /** A helper failed (could not load, or crashed): from then on every batch runs here. */
    private boolean failed;
    /** Where the batches' time goes; the current batch's start, part 0's end, and when part k went out (on Js.clock). */
    public final BatchTimeline timeline = new BatchTimeline();
    private double batchStart, partZeroDone;
    private double[] sentAt;

    /** @param onReady runs once every helper has loaded */
    public Helpers(int count, Model model, Js.Action onReady) {
        Network net = model.network;
        init = PartMessages.partInit(net.inputs, Js.strings(net.kinds()), Int32Array.copyFromJavaArray(net.shapes()), model.settings.math(), model.loss);
        this.onReady = onReady;
        workers = new JSObject[count];
        for (int i = 0; i < count; i++) {
            final int k = i + 1;
            FromWorker.Receiver from = new FromWorker.Receiver() {
                @Override public void ready() {
                    helperReady(k);
                }

                @Override public void partDone(PartMessages.PartDone m) {
                    Helpers.this.partDone(k, m);
                }

                @Override public void error(FromWorker.Failure m) {
                    helperFailed();
                }
            };
            workers[i] = spawn(m -> FromWorker.dispatch((Message) m, from), this::helperFailed);
        }
    }

    public boolean ready() {
        return !failed && ready == workers.length;
    }

    /** A batch is out on the helpers and not yet added up. */
    public boolean busy() {
        return pending > 0;
    }

    /** One batch of the trainer (which must have workers + 1 parts); {@code then} runs when it is done. */
    public void step(Trainer t, Done then) {
        if (!ready()) {
            then.batchDone(t.step());
            return;
        }
        trainer = t;
        done = then;
        batch++;
        batchStart = Js.clock();
        int size = t.network().parameterCount();
        if (weightBuffers == null || weightBuffers[1].getLength() != size) {
            int parts = workers.length + 1;
            losses = new double[parts];
            weightBuffers = new Float64Array[parts];
            gradBuffers = new Float64Array[parts];
            received = new boolean[parts];
            sentAt = new double[parts];
            for (int k = 1; k < parts; k++) {
                weightBuffers[k] = new Float64Array(size);
                gradBuffers[k] = new Float64Array(size);
            }
        }
        Float64Array staged = stageRows(t.network(), false);
        for (int k = 1; k <= workers.length; k++) copy(staged, weightBuffers[k], size);
        for (int k = 1; k <= workers.length; k++) {
            Mat[] d = t.partData(k);
            PartMessages.Part m = PartMessages.part(batch, weightBuffers[k], gradBuffers[k], d[0].rows, flat(d[0]), flat(d[1]), t.batchScale(),
                    t.batchSeed(), Parts.start(k, workers.length + 1, t.batchRows()));
            // moved: these two are detached here until the helper sends them back
            sendMoving(workers[k - 1], m, weightBuffers[k], gradBuffers[k]);
            sentAt[k] = Js.clock();
        }
        pending = workers.length;
        java.util.Arrays.fill(received, false);
        double partZero = Js.clock();
        timeline.add(BatchTimeline.SEND, partZero - batchStart);
        losses[0] = t.computePart(0, t.network()); // its gradient stays in the network's grads
        received[0] = true;
        partZeroDone = Js.clock();
        timeline.add(BatchTimeline.PART_0, partZeroDone - partZero);
    }

    private void helperReady(int k) {
        send(workers[k - 1], init);
        if (++ready == workers.length && onReady != null) onReady.run();
    }

    private void partDone(int k, PartMessages.PartDone m) {
        if (m.getBatch() != batch || pending == 0) return;
        weightBuffers[k] = m.getWeights();
        gradBuffers[k] = m.getGrad();
        losses[k] = m.getLoss();
        received[k] = true;
        double now = Js.clock(), share = 1.0 / workers.length;
        timeline.add(BatchTimeline.TO_HELPER, (m.getBegan() - sentAt[k]) * share);
        timeline.add(BatchTimeline.HELPER_COPIES, (m.getEnded() - m.getBegan() - m.getComputeMs()) * share);
        timeline.add(BatchTimeline.HELPER_PART, m.getComputeMs() * share);
        timeline.add(BatchTimeline.BACK, (now - Math.max(m.getEnded(), partZeroDone)) * share);
        if (--pending == 0) finish();
    }

    /**
     * A helper could not load or crashed: the parts still out are computed here (on this network,
     * so part 0's gradient is set aside first), and the batch, and the run, come out the same.
     */
    private void helperFailed() {
        failed = true;
        if (pending == 0) return;
        int size = trainer.network().parameterCount();
        double[][] grads = new double[received.length][size];
        Parts.gradients(trainer.network(), grads[0]);
        for (int p = 1; p < received.length; p++) {
            if (received[p]) get(gradBuffers[p], grads[p]);
            else losses[p] = trainer.computePart(p, grads[p]);
        }
        pending = 0;
        done.batchDone(trainer.finishParts(grads, losses));
    }

    /** Every part is in: the helpers' gradients added onto part 0's in part order, then the update. */
    private void finish() {
        double in = Js.clock();
        for (int k = 1; k < received.length; k++) addRows(gradBuffers[k], trainer.network());
        double added = Js.clock();
        boolean epochEnded = trainer.finishSummed(losses);
        double end = Js.clock();
        timeline.add(BatchTimeline.WAIT, in - partZeroDone);
        timeline.add(BatchTimeline.ADD, added - in);
        timeline.add(BatchTimeline.UPDATE, end - added);
        timeline.add(BatchTimeline.BATCH, end - batchStart);
        timeline.batchDone();
        done.batchDone(epochEnded);
    }

    public void terminate() {
        for (JSObject w : workers) kill(w);
        pending = 0;
    }

    private static Float64Array flat(Mat m) {
        int n = m.rows * m.cols;
        Float64Array v = view(n), a = new Float64Array(n);
        for (int i = 0; i < m.rows; i++) direct.put(m.row[i], 0, m.cols);
        copy(v, a, n);
        return a;
    }

    // --- Java arrays to and from JS typed arrays ---

    private static DoubleBuffer direct;

    /**
     * The direct buffer's memory seen from JS. Measured on 100,000 doubles: copyFromJavaArray
     * takes about 5 ms in the Wasm build (element by element through JS), a put into a direct
     * buffer and a typed-array copy about 0.2 ms; copyToJavaArray allocates a new Java array.
     */
    private static Float64Array view(int n) {
        if (direct == null || direct.capacity() < n) {
            direct = ByteBuffer.allocateDirect(Math.max(n, 1024) * 8).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        }
        direct.clear();
        direct.limit(n);
        return Float64Array.fromJavaBuffer(direct);
    }

    /** Every weight (or gradient) of the network, flat in network order, in the direct buffer, seen from JS. */
    private static Float64Array stageRows(Network net, boolean grads) {
        Float64Array v = view(net.parameterCount());
        for (Param p : net.params()) for (double[] r : grads ? p.grad : p.value) direct.put(r);
        return v;
    }

    /** The network's weights = the flat weights sent. */
    private static void unstageRows(Float64Array from, Network net) {
        copy(from, view(from.getLength()), from.getLength());
        for (Param p : net.params()) for (double[] r : p.value) direct.get(r);
    }

    private static double[] row;

    /** The network's grads += a part's flat gradient (g0 + g1 + ... in the order called). */
    private static void addRows(Float64Array from, Network net) {
        copy(from, view(from.getLength()), from.getLength());
        for (Param p : net.params()) for (double[] r : p.grad) {
            if (row == null || row.length < r.length) row = new double[r.length];
            direct.get(row, 0, r.length);
            for (int j = 0; j < r.length; j++) r[j] += row[j];
        }
    }

    /** The rows of a matrix, sent flat, into its rows. */
    private static void unstage(Float64Array from, Mat to) {
        int n = to.rows * to.cols;
        copy(from, view(n), n);
        for (int i = 0; i < to.rows; i++) direct.get(to.row[i], 0, to.cols);
    }

    /** to = from, whole. */
    private static void get(Float64Array from, double[] to) {
        copy(from, view(to.length), to.length);
        direct.get(to, 0, to.length);
    }

    @JSBody(params = {"from", "to", "n"}, script = "to.set(from.subarray(0, n));")
    private static native void copy(Float64Array from, Float64Array to, int n);

    // --- the helper's side, in a helper worker ---

    private static Network replica;
    private static Loss replicaLoss;
    private static Mat replicaY;

    public static void init(PartMessages.PartInit m) {
        replica = Network.of(m.getInputs(), m.getKinds(), m.getShapes().copyToJavaArray(), m.getMath());
        replicaLoss = Loss.of(m.getLoss());
    }

    /** Part k of a batch: the gradient at the weights sent, over the rows sent; both buffers go back. */
    public static void part(PartMessages.Part m) {
        double began = Js.clock();
        Float64Array weights = m.getWeights(), grad = m.getGrad();
        unstageRows(weights, replica);
        int rows = m.getRows();
        if (replicaY == null || replicaY.capacity() < rows) replicaY = new Mat(rows, replica.outputs());
        replicaY.rows = rows;
        unstage(m.getX(), replica.input(rows));
        unstage(m.getY(), replicaY);
        double computing = Js.now();
        double loss = Parts.gradientHere(replica, replicaLoss, replicaY, m.getScale(), m.getBatchSeed(), m.getFirstRow());
        double computed = Js.now();
        copy(stageRows(replica, true), grad, grad.getLength());
        postMoving(PartMessages.partDone(m.getBatch(), loss, weights, grad, began, Js.clock(), computed - computing), weights, grad);
    }

    @JSBody(params = {"f", "failed"}, script = "var js_w = new Worker(self.location.href); js_w.onmessage = function (e) { f(e.data); };"
            + "js_w.onerror = function (e) { e.preventDefault(); failed(); }; return js_w;")
    private static native JSObject spawn(Js.Callback f, Js.Action failed);

    @JSBody(params = {"w", "m"}, script = "w.postMessage(m);")
    private static native void send(JSObject w, Message m);

    /** postMessage with two arrays' buffers moved, not copied (JSO's own postMessage takes no transfer list). */
    @JSBody(params = {"w", "m", "a", "b"}, script = "w.postMessage(m, [a.buffer, b.buffer]);")
    private static native void sendMoving(JSObject w, Message m, Float64Array a, Float64Array b);

    @JSBody(params = {"m", "a", "b"}, script = "self.postMessage(m, [a.buffer, b.buffer]);")
    private static native void postMoving(Message m, Float64Array a, Float64Array b);

    @JSBody(params = "w", script = "w.terminate();")
    private static native void kill(JSObject w);
}
