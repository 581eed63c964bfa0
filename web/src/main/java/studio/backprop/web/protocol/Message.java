package studio.backprop.web.protocol;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** Every message between page and workers: a plain object with a type (see {@link Protocol}). */
public interface Message extends JSObject {
    @JSProperty String getType();
}
