// The full worker, WebAssembly build: the training worker with tables, the user's images and model files.
// It posts "ready" once loaded; a failed load is thrown, so that whoever started it hears of it through onerror.
importScripts('wasm/runtime.js');
TeaVM.wasmGC.load('wasm/full-worker.wasm').then(function (teavm) {
  teavm.exports.main([]);
}, function (e) {
  setTimeout(function () { throw new Error('could not load the WebAssembly worker: ' + e); });
});
