package studio.backprop.web;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * The few JavaScript operations that the page and the workers share, written as plain
 * JavaScript so that they behave the same in the JS and the WebAssembly build. Messages are
 * declared in {@link Protocol}.
 */
public final class Js {
    private Js() {}

    @JSFunctor
    public interface Callback extends JSObject {
        void call(JSObject value);
    }

    @JSFunctor
    public interface Action extends JSObject {
        void run();
    }

    @JSBody(script = "return [];")
    private static native JSObject array();

    @JSBody(params = {"a", "v"}, script = "a.push(v);")
    private static native void push(JSObject a, String v);

    /** A JavaScript array of the strings, for drawing code written in JavaScript. */
    public static JSObject strings(String[] values) {
        JSObject a = array();
        for (String v : values) push(a, v);
        return a;
    }

    public static Float64Array float64(double[] values) {
        return Float64Array.copyFromJavaArray(values);
    }

    public static Int32Array int32(int[] values) {
        return Int32Array.copyFromJavaArray(values);
    }

    public static double[] doubles(Float64Array values) {
        return values.copyToJavaArray();
    }

    @JSBody(params = {"f", "ms"}, script = "return setTimeout(f, ms);")
    public static native int setTimeout(Action f, double ms);

    @JSBody(script = "return performance.now();")
    public static native double now();

    /** ms on a clock every worker of the page shares (now() counts from each worker's own start). */
    @JSBody(script = "return performance.timeOrigin + performance.now();")
    public static native double clock();

    @JSBody(params = "s", script = "console.error(s);")
    public static native void error(String s);
}
