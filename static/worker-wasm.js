// The training worker, WebAssembly build. It posts "ready" once loaded; the page waits for it.
importScripts('wasm/runtime.js');
TeaVM.wasmGC.load('wasm/worker.wasm').then(function (teavm) {
  teavm.exports.main([]);
}, function (e) {
  self.postMessage({type: 'error', message: 'could not load the WebAssembly worker: ' + e});
});
