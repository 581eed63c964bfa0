// Runs one benchmark workload in the training worker of the chosen build and writes the result,
// as JSON, into document.body.dataset.result (the benchmark command reads it from there).
(function () {
  'use strict';
  var q = new URLSearchParams(location.search);
  var workload = q.get('workload') || 'playground', backend = q.get('backend') === 'wasm' ? 'wasm' : 'js';
  var seconds = Number(q.get('seconds') || 3), workers = Math.max(1, Math.min(8, Number(q.get('workers') || 1)));
  // the longest gap between animation frames while the worker trains: the page must stay smooth
  var gap = 0, last = 0, measuring = true;
  function frame(t) { if (last) gap = Math.max(gap, t - last); last = t; if (measuring) requestAnimationFrame(frame); }
  var policy = document.createElement('meta');
  policy.httpEquiv = 'Content-Security-Policy';
  policy.content = "default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
  document.head.appendChild(policy);
  var out = document.querySelector('[data-testid="bench-output"]');
  var worker = new Worker(backend === 'wasm' ? 'worker-wasm.js' : 'worker-js.js');
  worker.onmessage = function (e) {
    var m = e.data;
    if (m.type === 'ready') {
      worker.postMessage({type: 'bench', workload: workload, seconds: seconds, workers: workers});
      requestAnimationFrame(frame);
    } else if (m.type === 'bench') {
      measuring = false;
      var result = {workload: m.workload, backend: backend, workers: m.workers, samples: m.samples, seconds: m.seconds,
        samplesPerSecond: m.samplesPerSecond, gflops: m.gflops, maxFrameGapMs: Math.round(gap)};
      document.body.dataset.result = JSON.stringify(result);
      out.textContent = JSON.stringify(result, null, 2);
      worker.terminate();
    } else if (m.type === 'error') {
      out.textContent = 'error: ' + m.message;
    }
  };
})();
