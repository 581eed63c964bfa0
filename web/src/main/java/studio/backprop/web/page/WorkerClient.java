package studio.backprop.web.page;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.Message;

/**
 * The page's side of the training worker. The worker posts ready once its build (JS or
 * WebAssembly) has loaded; messages sent before that wait here.
 */
final class WorkerClient {
    @JSFunctor
    interface Failed extends JSObject {
        void failed(String message);
    }

    private final String backend;
    private final FromWorker.Receiver receiver;
    private final Failed onFailure;
    private JSObject worker;
    private final List<Message> queue = new ArrayList<>();
    private boolean ready;

    /** @param onFailure hears of a worker that could not load or crashed */
    WorkerClient(String backend, FromWorker.Receiver receiver, Failed onFailure) {
        this.backend = backend;
        this.receiver = receiver;
        this.onFailure = onFailure;
        start();
    }

    /** Stops the worker wherever it is (a long parse cannot be interrupted otherwise) and starts a fresh one. */
    void restart() {
        terminate(worker);
        ready = false;
        queue.clear();
        start();
    }

    private void start() {
        worker = create(backend.equals("wasm") ? "worker-wasm.js" : "worker-js.js");
        FromWorker.Receiver readiness = new FromWorker.Receiver() {
            @Override public void ready() {
                ready = true;
                for (Message m : queue) post(worker, m);
                queue.clear();
            }
        };
        listen(worker, data -> {
            Message m = (Message) data;
            FromWorker.dispatch(m, ready ? receiver : readiness);
        }, onFailure);
    }

    /** Stops the worker for good. */
    void terminate() {
        terminate(worker);
        ready = false;
        queue.clear();
    }

    void send(Message message) {
        if (ready) post(worker, message);
        else queue.add(message);
    }

    @JSBody(params = "w", script = "w.terminate();")
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
