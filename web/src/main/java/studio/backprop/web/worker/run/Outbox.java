package studio.backprop.web.worker.run;

import org.teavm.jso.JSBody;
import studio.backprop.web.protocol.Message;

/** The worker's one way to the page: every message it sends (declared in the protocol) goes out here. */
public final class Outbox {
    private Outbox() {}

    @JSBody(params = "m", script = "self.postMessage(m);")
    public static native void post(Message m);
}
