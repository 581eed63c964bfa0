// Picks the engine build: WebAssembly (GC) where the browser supports it, else JavaScript;
// ?backend=js|wasm (or #backend=...) forces one. Then loads the page program, which is the same
// JavaScript in both builds: it only draws, and starts the training worker of the chosen build.
(function () {
  'use strict';
  function param(name) {
    var fromQuery = new URLSearchParams(location.search).get(name);
    return fromQuery || new URLSearchParams(location.hash.slice(1)).get(name);
  }
  // The smallest module with a GC struct type: it validates only where WebAssembly GC is supported.
  var gcModule = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 0x5f, 1, 0x7f, 0]);
  var wasmGc = typeof WebAssembly === 'object' && WebAssembly.validate(gcModule);
  var forced = param('backend');
  var backend = forced === 'js' ? 'js' : forced === 'wasm' && wasmGc ? 'wasm' : wasmGc ? 'wasm' : 'js';

  // The strictest policy: no inline script, no eval, nothing from other origins. (TeaVM's
  // WebAssembly runtime builds its glue with new Function, but only in the worker, which a
  // page's policy does not govern.)
  var policy = document.createElement('meta');
  policy.httpEquiv = 'Content-Security-Policy';
  policy.content = "default-src 'self'; script-src 'self'"
      + "; style-src 'self'; img-src 'self' data: blob:; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
  document.head.appendChild(policy);

  function fail(what, error) {
    if (error) console.error(error);
    var box = document.querySelector('[data-testid="error"]') || document.querySelector('[data-testid="bench-output"]');
    box.textContent = 'Could not load the ' + what + (error ? ' (' + error + ')' : '') + '. Reload the page to try again.';
    box.hidden = false;
  }
  function script(src, then) {
    var s = document.createElement('script');
    s.src = src;
    s.onload = then;
    s.onerror = function () { fail(src); };
    document.head.appendChild(s);
  }
  // bench.html runs the page program as the benchmark page; it needs no offline copy.
  var page = document.body.dataset.page || 'studio';

  // Offline: a service worker keeps the site (relative scope, so any sub-path works). When a new
  // deploy has installed itself beside the running one, offer to switch.
  if ('serviceWorker' in navigator && page === 'studio') {
    var updating = false, reloading = false;
    function reload() {
      if (updating && !reloading) { reloading = true; location.reload(); }
    }
    navigator.serviceWorker.addEventListener('controllerchange', reload);
    navigator.serviceWorker.register('sw.js').then(function (registration) {
      function offer(worker) {
        var bar = document.querySelector('[data-testid="update"]');
        bar.hidden = false;
        bar.querySelector('button').onclick = function () {
          updating = true;
          // the new version takes over (controllerchange); should that event not come, its activation reloads
          worker.addEventListener('statechange', function () { if (worker.state === 'activated') reload(); });
          worker.postMessage('activate-new-version');
        };
      }
      if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
      registration.addEventListener('updatefound', function () {
        var fresh = registration.installing;
        fresh.addEventListener('statechange', function () {
          if (fresh.state === 'installed' && navigator.serviceWorker.controller) offer(fresh);
        });
      });
    }, function (e) { console.warn('offline mode unavailable: ' + e); });
  }

  script('js/page.js', function () { main([backend, page]); });
})();
