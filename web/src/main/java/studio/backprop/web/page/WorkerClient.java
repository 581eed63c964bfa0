package studio.backprop.web.page;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.Message;
import studio.backprop.web.protocol.ToWorker;

/**
 * The page's side of the training worker. A worker posts ready once its build (JS or
 * WebAssembly) has loaded; messages sent before that wait here.
 *
 * <p>There are two worker programs. The training program, started first, trains on generated data
 * and the built-in image sets. The full program adds tables, the user's own images and model
 * files; it is loaded when first needed: for a message only it reads ({@link #sendFiles}: a CSV
 * preview, the user's images, a model file to write or to open) it runs beside the training worker, and a
 * run that needs it ({@link #init} on a table or the user's images, {@link #sendFull} to open a
 * link, {@link #promoteFiles} once a file has opened) makes it the training worker, the other one
 * stopping with its old run.
 */
public final class WorkerClient {
    @JSFunctor
    public interface Failed extends JSObject {
        void failed(String message);
    }

    /** One worker and the messages waiting for it to load. */
    private final class Connection {
        final boolean full;
        final JSObject worker;
        final List<Message> queue = new ArrayList<>();
        boolean ready;

        Connection(boolean full) {
            this.full = full;
            worker = create((full ? "full-worker-" : "worker-") + (backend.equals("wasm") ? "wasm" : "js") + ".js");
            FromWorker.Receiver readiness = new FromWorker.Receiver() {
                @Override public void ready() {
                    ready = true;
                    for (Message m : queue) post(worker, m);
                    queue.clear();
                }
            };
            listen(worker, data -> FromWorker.dispatch((Message) data, ready ? receiver : readiness), onFailure);
        }

        void send(Message m) {
            if (ready) post(worker, m);
            else queue.add(m);
        }

        void stop() {
            terminate(worker);
            queue.clear();
        }
    }

    private final String backend;
    private final FromWorker.Receiver receiver;
    private final Failed onFailure;
    /** The training worker: started by the first message, of the program that message needs. */
    private Connection trainer;
    /** The full program beside a training worker that is not (null until needed, or while the trainer is the full one). */
    private Connection files;

    /** @param onFailure hears of a worker that could not load or crashed */
    public WorkerClient(String backend, FromWorker.Receiver receiver, Failed onFailure) {
        this.backend = backend;
        this.receiver = receiver;
        this.onFailure = onFailure;
    }

    private Connection trainer() {
        if (trainer == null) trainer = new Connection(false);
        return trainer;
    }

    /**
     * Stops the workers wherever they are (a long parse cannot be interrupted otherwise) and starts a
     * fresh training worker of the same program (the one beside it starts again when next needed).
     */
    void restart() {
        if (trainer != null) {
            trainer.stop();
            trainer = new Connection(trainer.full);
        }
        if (files != null) files.stop();
        files = null;
    }

    /** Stops the workers for good. */
    public void terminate() {
        if (trainer != null) trainer.stop();
        if (files != null) files.stop();
        trainer = files = null;
    }

    /** To the training worker. */
    public void send(Message message) {
        trainer().send(message);
    }

    /**
     * A new run of these settings, to stop at an epoch (0: never), on the user's CSV file when its
     * data is no built-in set; on the full program when its data is a table or the user's images.
     */
    public void init(Settings settings, JSObject csvFile, int stopAtEpoch) {
        String data = settings.get("data");
        if (!BuiltIn.isGeneratedOrImageSet(data)) full();
        trainer().send(ToWorker.init(settings, BuiltIn.isBuiltIn(data) ? null : csvFile, stopAtEpoch));
    }

    /** To the training worker, made the full program first: a model to open (a run from it follows). */
    public void sendFull(Message message) {
        full();
        trainer.send(message);
    }

    /** To the full program: the training worker if it is one, else the one beside it (started if need be). */
    public void sendFiles(Message message) {
        if (trainer != null && trainer.full) {
            trainer.send(message);
            return;
        }
        if (files == null) files = new Connection(true);
        files.send(message);
    }

    /**
     * The full program beside the training worker has opened a model (or project), whose run it
     * now holds: it becomes the training worker and the other stops. (A file that could not be
     * opened leaves the training worker's run as it was.)
     */
    public void promoteFiles() {
        if (files != null) full();
    }

    /** Whether the training worker is of the full program (it holds the run and the user's data). */
    public boolean trainerIsFull() {
        return trainer != null && trainer.full;
    }

    /** The full program becomes the training worker (the one beside it, if any, with the user's images it holds). */
    private void full() {
        if (trainer != null && trainer.full) return;
        if (trainer != null) trainer.stop();
        trainer = files != null ? files : new Connection(true);
        files = null;
    }

    /** Stops a worker and stops hearing from it (a worker stopped while it loads would otherwise report its failed load). */
    @JSBody(params = "w", script = "w.onmessage = null; w.onerror = null; w.terminate();")
    private static native void terminate(JSObject w);

    @JSBody(params = "url", script = "return new Worker(url);")
    private static native JSObject create(String url);

    /** Errors inside the worker (a failed load, an uncaught exception) arrive at fail. */
    @JSBody(params = {"w", "f", "fail"}, script = "w.onmessage = function(e) { f(e.data); };"
            + "w.onerror = function(e) { e.preventDefault(); fail('training worker failed: ' + (e.message || 'could not load')); };")
    private static native void listen(JSObject w, Js.Callback f, Failed fail);

    @JSBody(params = {"w", "m"}, script = "w.postMessage(m);")
    private static native void post(JSObject w, Message m);
}
