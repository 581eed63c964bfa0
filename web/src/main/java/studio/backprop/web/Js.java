package studio.backprop.web;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Float64Array;

/**
 * The few JavaScript operations that the page and the worker share, written as plain
 * JavaScript so that they behave the same in the JS and the WebAssembly build. Messages
 * between page and worker are plain objects with string keys.
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

    @JSBody(script = "return {};")
    public static native JSObject object();

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    public static native void set(JSObject o, String k, double v);

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    public static native void set(JSObject o, String k, String v);

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    public static native void set(JSObject o, String k, JSObject v);

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    public static native void set(JSObject o, String k, boolean v);

    @JSBody(params = {"o", "k"}, script = "var js_v = o[k]; return typeof js_v === 'number' ? js_v : NaN;")
    public static native double number(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "var js_v = o[k]; return typeof js_v === 'string' ? js_v : null;")
    public static native String string(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "var js_v = o[k]; return js_v === undefined ? null : js_v;")
    public static native JSObject get(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "return o[k] === true;")
    public static native boolean flag(JSObject o, String k);

    @JSBody(script = "return [];")
    public static native JSObject array();

    @JSBody(params = {"a", "v"}, script = "a.push(v);")
    public static native void push(JSObject a, String v);

    @JSBody(params = {"a", "v"}, script = "a.push(v);")
    public static native void push(JSObject a, JSObject v);

    @JSBody(params = "a", script = "return a.length;")
    public static native int length(JSObject a);

    @JSBody(params = {"a", "i"}, script = "return String(a[i]);")
    public static native String stringAt(JSObject a, int i);

    @JSBody(params = {"a", "i"}, script = "return a[i];")
    public static native JSObject at(JSObject a, int i);

    public static JSObject strings(String[] values) {
        JSObject a = array();
        for (String v : values) push(a, v);
        return a;
    }

    public static String[] strings(JSObject a) {
        if (a == null) return new String[0];
        String[] out = new String[length(a)];
        for (int i = 0; i < out.length; i++) out[i] = stringAt(a, i);
        return out;
    }

    public static JSObject float64(double[] values) {
        return Float64Array.copyFromJavaArray(values);
    }

    public static double[] doubles(JSObject float64Array) {
        return ((Float64Array) float64Array).copyToJavaArray();
    }

    @JSBody(params = {"f", "ms"}, script = "return setTimeout(f, ms);")
    public static native int setTimeout(Action f, double ms);

    @JSBody(script = "return performance.now();")
    public static native double now();

    @JSBody(params = "s", script = "console.error(s);")
    public static native void error(String s);
}
