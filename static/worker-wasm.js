// The training worker, WebAssembly build. It posts "ready" once loaded; the page waits for it.
// A failed load is thrown, so that whoever started this worker hears of it through onerror.
importScripts('wasm/runtime.js');
TeaVM.wasmGC.load('wasm/worker.wasm').then(function (teavm) {
  teavm.exports.main([]);
}, function (e) {
  setTimeout(function () { throw new Error('could not load the WebAssembly worker: ' + e); });
});
