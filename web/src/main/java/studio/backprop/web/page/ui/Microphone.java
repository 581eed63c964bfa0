package studio.backprop.web.page.ui;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The browser's sound on a page (the studio's, a model's own): the microphone (opened once, then kept; its level, a
 * recording, its last second), decoding a sound file (decodeAudioData, which workers lack) and
 * playing a clip. The microphone is read raw: no echo cancelling, noise suppression or gain
 * control, so a recording is what the live "Try it" hears.
 */
public final class Microphone {
    private Microphone() {}

    @JSFunctor
    public interface Level extends JSObject {
        /** The loudest sample of the latest block, 0-1. */
        void level(double peak);
    }

    @JSFunctor
    public interface Samples extends JSObject {
        /** Mono samples at rate Hz, or null and why not. */
        void got(Float32Array samples, double rate, String error);
    }

    /** The seconds a press records at least (a click records one clip). */
    public static final double MIN_SECONDS = 1;

    /**
     * Opens the microphone (once; later calls only run then): level hears each block, then runs
     * when it is on, fail says why it is not (refused, absent, no access in this browser).
     */
    @JSBody(params = {"level", "then", "fail"}, script =
            "var js_m = self.js_mic || (self.js_mic = {waiting: [], chunks: [], recording: false});"
            + "js_m.level = level;"
            + "if (js_m.ctx) { js_m.ctx.resume(); then(); return; }"
            + "js_m.waiting.push(then); if (js_m.waiting.length > 1) return;"
            + "if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { js_m.waiting = []; fail('this browser gives no microphone to this page'); return; }"
            + "navigator.mediaDevices.getUserMedia({audio: {echoCancellation: false, noiseSuppression: false, autoGainControl: false}, video: false})"
            + ".then(function (js_s) {"
            + "  var js_c = new AudioContext(); js_m.ctx = js_c; js_m.stream = js_s; js_m.rate = js_c.sampleRate;"
            + "  js_m.ring = new Float32Array(js_c.sampleRate); js_m.at = 0;"
            + "  var js_src = js_c.createMediaStreamSource(js_s), js_p = js_c.createScriptProcessor(2048, 1, 1);"
            + "  js_p.onaudioprocess = function (js_e) { var js_d = js_e.inputBuffer.getChannelData(0), js_peak = 0;"
            + "    for (var js_i = 0; js_i < js_d.length; js_i++) { var js_v = js_d[js_i]; if (js_v < 0) js_v = -js_v; if (js_v > js_peak) js_peak = js_v;"
            + "      js_m.ring[js_m.at] = js_d[js_i]; js_m.at = (js_m.at + 1) % js_m.ring.length; }"
            + "    if (js_m.recording) { js_m.chunks.push(new Float32Array(js_d)); js_m.got += js_d.length;"
            + "      if (js_m.stopAt && js_m.got >= js_m.stopAt) js_m.finish(); }"
            + "    js_m.level(js_peak); };"
            + "  js_src.connect(js_p); js_p.connect(js_c.destination); js_m.node = js_p;"
            + "  var js_w = js_m.waiting; js_m.waiting = []; js_c.resume(); js_w.forEach(function (js_f) { js_f(); });"
            + "}).catch(function (js_e) { js_m.waiting = [];"
            + "  var js_n = js_e && js_e.name;"
            + "  fail(js_n === 'NotAllowedError' ? 'the microphone was refused: allow it for this page in the browser, then try again'"
            + "    : js_n === 'NotFoundError' ? 'no microphone was found: plug one in, or add sound files instead'"
            + "    : 'the microphone could not start: ' + (js_e && js_e.message || js_e)); });")
    public static native void open(Level level, Done then, Failed fail);

    @JSFunctor
    public interface Done extends JSObject {
        void done();
    }

    @JSFunctor
    public interface Failed extends JSObject {
        void failed(String message);
    }

    /** Closes the microphone (the browser's indicator goes off); the next open asks for it again. */
    @JSBody(script = "var js_m = self.js_mic; if (!js_m || !js_m.ctx) return; js_m.stream.getTracks().forEach(function (js_t) { js_t.stop(); });"
            + " js_m.node.disconnect(); js_m.ctx.close(); self.js_mic = null;")
    public static native void close();

    /** Starts recording (the microphone is open). */
    @JSBody(script = "var js_m = self.js_mic; js_m.chunks = []; js_m.got = 0; js_m.stopAt = 0; js_m.recording = true;")
    public static native void start();

    /** Stops recording once it holds {@link #MIN_SECONDS} (at once if it does); done gets the whole recording. */
    @JSBody(params = {"min", "done"}, script =
            "var js_m = self.js_mic; if (!js_m || !js_m.recording) return;"
            + "js_m.finish = function () { js_m.recording = false; js_m.stopAt = 0;"
            + "  var js_out = new Float32Array(js_m.got), js_o = 0; js_m.chunks.forEach(function (js_c) { js_out.set(js_c, js_o); js_o += js_c.length; });"
            + "  js_m.chunks = []; done(js_out, js_m.rate, null); };"
            + "var js_need = Math.ceil(min * js_m.rate); if (js_m.got >= js_need) js_m.finish(); else js_m.stopAt = js_need;")
    public static native void stop(double min, Samples done);

    /** The microphone's last second, oldest sample first (null before it is open). */
    @JSBody(params = "done", script =
            "var js_m = self.js_mic; if (!js_m || !js_m.ring) return;"
            + "var js_n = js_m.ring.length, js_out = new Float32Array(js_n);"
            + "js_out.set(js_m.ring.subarray(js_m.at), 0); js_out.set(js_m.ring.subarray(0, js_m.at), js_n - js_m.at); done(js_out, js_m.rate, null);")
    public static native void lastSecond(Samples done);

    /** Decodes a sound file's bytes (any format the browser knows) to mono at 48 kHz: the channels' mean. */
    @JSBody(params = {"bytes", "done"}, script =
            "var js_C = self.OfflineAudioContext || self.webkitOfflineAudioContext;"
            + "if (!js_C) { done(null, 0, 'this browser cannot decode sound files'); return; }"
            + "var js_buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);"
            + "new js_C(1, 1, 48000).decodeAudioData(js_buf).then(function (js_a) {"
            + "  var js_n = js_a.length, js_out = new Float32Array(js_n), js_k = js_a.numberOfChannels;"
            + "  for (var js_ch = 0; js_ch < js_k; js_ch++) { var js_d = js_a.getChannelData(js_ch); for (var js_i = 0; js_i < js_n; js_i++) js_out[js_i] += js_d[js_i] / js_k; }"
            + "  done(js_out, js_a.sampleRate, null);"
            + "}, function (js_e) { done(null, 0, 'not a sound this browser decodes (' + (js_e && js_e.message || js_e) + ')'); });")
    public static native void decode(Int8Array bytes, Samples done);

    /** Plays samples at rate Hz. */
    @JSBody(params = {"samples", "rate"}, script =
            "var js_c = self.js_player || (self.js_player = new AudioContext()); js_c.resume();"
            + "var js_b = js_c.createBuffer(1, samples.length, rate); js_b.getChannelData(0).set(samples);"
            + "var js_s = js_c.createBufferSource(); js_s.buffer = js_b; js_s.connect(js_c.destination); js_s.start();")
    public static native void play(Float32Array samples, double rate);

    /** The bytes of a File, then done (read on the page: the worker is sent the samples). */
    @JSBody(params = {"file", "done"}, script = "file.arrayBuffer().then(function (js_b) { done(new Int8Array(js_b)); }, function () { done(null); });")
    public static native void read(JSObject file, Bytes done);

    @JSFunctor
    public interface Bytes extends JSObject {
        void got(Int8Array bytes);
    }
}
