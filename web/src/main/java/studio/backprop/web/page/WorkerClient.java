package studio.backprop.web.page;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import studio.backprop.web.Js;

/**
 * The page's side of the training worker. The worker posts "ready" once its build (JS or
 * WebAssembly) has loaded; messages sent before that wait here.
 */
final class WorkerClient {
    private final String backend;
    private final Js.Callback onMessage;
    private JSObject worker;
    private final List<JSObject> queue = new ArrayList<>();
    private boolean ready;

    WorkerClient(String backend, Js.Callback onMessage) {
        this.backend = backend;
        this.onMessage = onMessage;
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
        listen(worker, data -> {
            if ("ready".equals(Js.string(data, "type"))) {
                ready = true;
                for (JSObject m : queue) post(worker, m);
                queue.clear();
            } else {
                onMessage.call(data);
            }
        }, message -> onMessage.call(message));
    }

    void send(JSObject message) {
        if (ready) post(worker, message);
        else queue.add(message);
    }

    void send(String type) {
        JSObject m = Js.object();
        Js.set(m, "type", type);
        send(m);
    }

    @JSBody(params = "w", script = "w.terminate();")
    private static native void terminate(JSObject w);

    @JSBody(params = "url", script = "return new Worker(url);")
    private static native JSObject create(String url);

    /** Errors inside the worker (a failed load, an uncaught exception) arrive as error messages. */
    @JSBody(params = {"w", "f", "fail"}, script = "w.onmessage = function(e) { f(e.data); };"
            + "w.onerror = function(e) { e.preventDefault(); fail({type: 'error', message: 'training worker failed: ' + (e.message || 'could not load')}); };")
    private static native void listen(JSObject w, Js.Callback f, Js.Callback fail);

    @JSBody(params = {"w", "m"}, script = "w.postMessage(m);")
    private static native void post(JSObject w, JSObject m);
}
