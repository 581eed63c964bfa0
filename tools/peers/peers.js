// The peers on the benchmark's workloads (engine Workload: same layer sizes, activations, loss and
// batch size where the library has them), timed for a few seconds after a warm-up on seeded
// synthetic data. Writes {"samplesPerSecond": ...} (or {"error": ...}) to document.body.dataset.result.
'use strict';

const WORKLOADS = {
  playground: { inputs: 2, hidden: [8, 8], activation: 'tanh', outputs: 1, batch: 10, samples: 2048 },
  digits: { inputs: 64, hidden: [32], activation: 'relu', outputs: 10, batch: 32, samples: 2048 },
  mnist: { inputs: 784, hidden: [128], activation: 'relu', outputs: 10, batch: 32, samples: 512 },
  wide: { inputs: 784, hidden: [512, 512], activation: 'relu', outputs: 10, batch: 128, samples: 256 },
  // recurrent (engine Workload charlstm and series): only brain.js and TF.js have recurrent layers
  charlstm: { recurrent: 'text', steps: 25, vocab: 65, hidden: 128, batch: 32, samples: 32 },
  series: { recurrent: 'series', steps: 50, hidden: 32, batch: 32, samples: 128 },
};
/** 65 characters for charlstm's random text. */
const ALPHABET = Array.from({ length: 65 }, (_, i) => String.fromCharCode(48 + i));
const LEARNING_RATE = 0.001;

/**
 * Uniform inputs in [-1, 1) and random labels (one-hot, or 0/1 for one output), from a seeded
 * generator; charlstm: random strings of steps + 1 characters (each step's target the next one);
 * series: windows of steps uniform values and the value after them.
 */
function syntheticData(w) {
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  if (w.recurrent === 'text') {
    const texts = [];
    for (let i = 0; i < w.samples; i++) {
      let t = '';
      for (let k = 0; k <= w.steps; k++) t += ALPHABET[Math.floor(next() * w.vocab)];
      texts.push(t);
    }
    return { texts };
  }
  if (w.recurrent === 'series') {
    const windows = [];
    for (let i = 0; i < w.samples; i++) windows.push(Array.from({ length: w.steps + 1 }, () => 2 * next() - 1));
    return { windows };
  }
  const xs = [], ys = [];
  for (let i = 0; i < w.samples; i++) {
    const x = new Float64Array(w.inputs), y = new Float64Array(w.outputs);
    for (let j = 0; j < w.inputs; j++) x[j] = 2 * next() - 1;
    if (w.outputs === 1) y[0] = next() < 0.5 ? 0 : 1;
    else y[Math.floor(next() * w.outputs)] = 1;
    xs.push(x);
    ys.push(y);
  }
  return { xs, ys };
}

/** Runs train(k) (k = samples to train on) until `seconds` have passed; samples per second. */
async function timed(seconds, chunk, train) {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const start = performance.now();
  while (performance.now() < end) {
    await train(chunk);
    done += chunk;
  }
  return done / ((performance.now() - start) / 1000);
}

/** A peer without recurrent layers. */
function noRecurrent(w) {
  if (w.recurrent) throw new Error('n/a: no recurrent layers');
}

/**
 * brain.js 2's recurrent nets, sample by sample as it trains (no mini-batches): charlstm its
 * recurrent.LSTM on the strings (its own character table and input size), series its
 * LSTMTimeStep on each window and the value after it. A sample is one window.
 */
function brainRecurrent(w, data, seconds) {
  const text = w.recurrent === 'text';
  const net = text ? new brain.recurrent.LSTM({ hiddenLayers: [w.hidden] })
    : new brain.recurrent.LSTMTimeStep({ inputSize: 1, hiddenLayers: [w.hidden], outputSize: 1 });
  const set = text ? data.texts : data.windows;
  // (its recurrent train() does not stop at a timeout: passes over the set, counted from a timed first one)
  const options = (iterations) => ({ iterations, errorThresh: 0, log: false, learningRate: LEARNING_RATE });
  let start = performance.now();
  net.train(set, options(1));
  const passes = Math.max(1, Math.round(seconds * 1000 / (performance.now() - start)));
  start = performance.now();
  const status = net.train(set, options(passes));
  return (status.iterations * set.length) / ((performance.now() - start) / 1000);
}

/** TensorFlow.js's LSTM layer: charlstm one-hot steps into lstm(returnSequences) and a time-distributed softmax; series lstm and a dense output. */
async function tfjsRecurrent(w, data, seconds) {
  const model = tf.sequential();
  const batches = [];
  if (w.recurrent === 'text') {
    model.add(tf.layers.lstm({ units: w.hidden, returnSequences: true, inputShape: [w.steps, w.vocab] }));
    model.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: w.vocab, activation: 'softmax' }) }));
    model.compile({ optimizer: tf.train.sgd(LEARNING_RATE), loss: 'categoricalCrossentropy' });
    for (let b = 0; b + w.batch <= data.texts.length; b += w.batch) {
      const x = new Float32Array(w.batch * w.steps * w.vocab), y = new Float32Array(w.batch * w.steps * w.vocab);
      for (let s = 0; s < w.batch; s++) {
        const t = data.texts[b + s];
        for (let k = 0; k < w.steps; k++) {
          x[(s * w.steps + k) * w.vocab + ALPHABET.indexOf(t[k])] = 1;
          y[(s * w.steps + k) * w.vocab + ALPHABET.indexOf(t[k + 1])] = 1;
        }
      }
      batches.push([tf.tensor3d(x, [w.batch, w.steps, w.vocab]), tf.tensor3d(y, [w.batch, w.steps, w.vocab])]);
    }
  } else {
    model.add(tf.layers.lstm({ units: w.hidden, inputShape: [w.steps, 1] }));
    model.add(tf.layers.dense({ units: 1 }));
    model.compile({ optimizer: tf.train.sgd(LEARNING_RATE), loss: 'meanSquaredError' });
    for (let b = 0; b + w.batch <= data.windows.length; b += w.batch) {
      const x = new Float32Array(w.batch * w.steps), y = new Float32Array(w.batch);
      for (let s = 0; s < w.batch; s++) {
        x.set(data.windows[b + s].slice(0, w.steps), s * w.steps);
        y[s] = data.windows[b + s][w.steps];
      }
      batches.push([tf.tensor3d(x, [w.batch, w.steps, 1]), tf.tensor2d(y, [w.batch, 1])]);
    }
  }
  let i = 0;
  const train = async (k) => {
    for (let s = 0; s < k; s += w.batch, i = (i + 1) % batches.length) await model.trainOnBatch(batches[i][0], batches[i][1]);
  };
  await train(w.batch * 3);
  return timed(seconds, w.batch * 2, train);
}

const PEERS = {
  /** brain.js 2: NeuralNetwork, which trains sample by sample (no mini-batches), the same activation on every layer. */
  async brain(w, data, seconds) {
    if (w.recurrent) return brainRecurrent(w, data, seconds);
    const net = new brain.NeuralNetwork({ hiddenLayers: w.hidden, activation: w.activation });
    const set = data.xs.map((x, i) => ({ input: Array.from(x), output: Array.from(data.ys[i]) }));
    const options = (ms) => ({ iterations: 1e9, errorThresh: 1e-9, log: false, learningRate: LEARNING_RATE, timeout: ms });
    net.train(set, options(Math.min(500, seconds * 250)));
    const start = performance.now();
    const status = net.train(set, options(seconds * 1000));
    return (status.iterations * set.length) / ((performance.now() - start) / 1000);
  },

  /** ConvNetJS: fully connected layers; a regression output for one output, softmax otherwise; its SGD trainer. */
  async convnetjs(w, data, seconds) {
    noRecurrent(w);
    const layers = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: w.inputs }];
    for (const n of w.hidden) layers.push({ type: 'fc', num_neurons: n, activation: w.activation });
    layers.push(w.outputs === 1 ? { type: 'regression', num_neurons: 1 } : { type: 'softmax', num_classes: w.outputs });
    const net = new convnetjs.Net();
    net.makeLayers(layers);
    const trainer = new convnetjs.Trainer(net, { method: 'sgd', learning_rate: LEARNING_RATE, momentum: 0, batch_size: w.batch, l2_decay: 0 });
    const vols = data.xs.map((x) => {
      const v = new convnetjs.Vol(1, 1, w.inputs, 0);
      v.w.set(x);
      return v;
    });
    const labels = data.ys.map((y) => (w.outputs === 1 ? [y[0]] : y.indexOf(1)));
    let i = 0;
    const train = (k) => {
      for (let s = 0; s < k; s++, i = (i + 1) % vols.length) trainer.train(vols[i], labels[i]);
    };
    train(w.batch * 20);
    return timed(seconds, w.batch * 10, train);
  },

  /** TensorFlow.js 4 with its WebAssembly backend (SIMD; threads when the page is cross-origin isolated): trainOnBatch. */
  async 'tfjs-wasm'(w, data, seconds) {
    tf.wasm.setWasmPaths('node_modules/@tensorflow/tfjs-backend-wasm/dist/');
    await tf.setBackend('wasm');
    await tf.ready();
    if (w.recurrent) return tfjsRecurrent(w, data, seconds);
    const model = tf.sequential();
    w.hidden.forEach((n, l) => model.add(tf.layers.dense(l === 0 ? { units: n, activation: w.activation, inputShape: [w.inputs] } : { units: n, activation: w.activation })));
    model.add(tf.layers.dense({ units: w.outputs, activation: w.outputs === 1 ? 'sigmoid' : 'softmax' }));
    model.compile({ optimizer: tf.train.sgd(LEARNING_RATE), loss: w.outputs === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy' });
    const batches = [];
    for (let b = 0; b + w.batch <= data.xs.length; b += w.batch) {
      const x = new Float32Array(w.batch * w.inputs), y = new Float32Array(w.batch * w.outputs);
      for (let s = 0; s < w.batch; s++) {
        x.set(data.xs[b + s], s * w.inputs);
        y.set(data.ys[b + s], s * w.outputs);
      }
      batches.push([tf.tensor2d(x, [w.batch, w.inputs]), tf.tensor2d(y, [w.batch, w.outputs])]);
    }
    let i = 0;
    const train = async (k) => {
      for (let s = 0; s < k; s += w.batch, i = (i + 1) % batches.length) await model.trainOnBatch(batches[i][0], batches[i][1]);
    };
    await train(w.batch * 10);
    return timed(seconds, w.batch * 5, train);
  },

  /**
   * Hand-written JavaScript: what a careful programmer writes for this net without a library
   * (typed arrays, row-major weights, mini-batch SGD, the browser's Math.tanh and Math.exp).
   */
  async handwritten(w, data, seconds) {
    noRecurrent(w);
    const sizes = [w.inputs, ...w.hidden, w.outputs], L = sizes.length - 1;
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296 - 0.5);
    const W = [], b = [], gW = [], gb = [], a = [data.xs[0]], d = [null];
    for (let l = 0; l < L; l++) {
      const n = sizes[l], m = sizes[l + 1], scale = Math.sqrt(6 / n);
      W.push(Float64Array.from({ length: n * m }, () => 2 * scale * rand()));
      b.push(new Float64Array(m));
      gW.push(new Float64Array(n * m));
      gb.push(new Float64Array(m));
      a.push(new Float64Array(m));
      d.push(new Float64Array(m));
    }
    const relu = w.activation === 'relu';
    let i = 0;
    const sample = (x, y) => {
      a[0] = x;
      for (let l = 0; l < L; l++) {
        const n = sizes[l], m = sizes[l + 1], u = a[l], v = a[l + 1], Wl = W[l], bl = b[l];
        for (let j = 0; j < m; j++) {
          let z = bl[j];
          for (let k = 0, o = j * n; k < n; k++) z += Wl[o + k] * u[k];
          v[j] = l < L - 1 ? (relu ? (z > 0 ? z : 0) : Math.tanh(z)) : z;
        }
      }
      const out = a[L], dOut = d[L];
      if (w.outputs === 1) {
        out[0] = 1 / (1 + Math.exp(-out[0])); // sigmoid + binary cross-entropy: dL/dz = p - y
        dOut[0] = out[0] - y[0];
      } else {
        let max = -Infinity, sum = 0;
        for (let j = 0; j < out.length; j++) max = Math.max(max, out[j]);
        for (let j = 0; j < out.length; j++) sum += (out[j] = Math.exp(out[j] - max));
        for (let j = 0; j < out.length; j++) dOut[j] = out[j] / sum - y[j]; // softmax + cross-entropy
      }
      for (let l = L - 1; l >= 0; l--) {
        const n = sizes[l], m = sizes[l + 1], u = a[l], dv = d[l + 1], Wl = W[l], gWl = gW[l], gbl = gb[l];
        const du = l > 0 ? d[l] : null;
        if (du) du.fill(0);
        for (let j = 0; j < m; j++) {
          const g = dv[j];
          gbl[j] += g;
          for (let k = 0, o = j * n; k < n; k++) {
            gWl[o + k] += g * u[k];
            if (du) du[k] += g * Wl[o + k];
          }
        }
        if (du) for (let k = 0; k < n; k++) du[k] *= relu ? (u[k] > 0 ? 1 : 0) : 1 - u[k] * u[k];
      }
    };
    const step = () => {
      for (let s = 0; s < w.batch; s++, i = (i + 1) % data.xs.length) sample(data.xs[i], data.ys[i]);
      const r = LEARNING_RATE / w.batch;
      for (let l = 0; l < L; l++) {
        const Wl = W[l], gWl = gW[l], bl = b[l], gbl = gb[l];
        for (let k = 0; k < Wl.length; k++) Wl[k] -= r * gWl[k];
        for (let k = 0; k < bl.length; k++) bl[k] -= r * gbl[k];
        gWl.fill(0);
        gbl.fill(0);
      }
    };
    const train = (k) => {
      for (let s = 0; s < k; s += w.batch) step();
    };
    train(w.batch * 50);
    return timed(seconds, w.batch * 10, train);
  },
};

const SCRIPTS = {
  brain: ['node_modules/brain.js/dist/browser.js'],
  convnetjs: ['node_modules/convnetjs/build/convnet.js'],
  'tfjs-wasm': ['node_modules/@tensorflow/tfjs/dist/tf.min.js', 'node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js'],
  handwritten: [],
};

function load(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error('could not load ' + src + ' (run npm ci in tools/peers)'));
    document.head.appendChild(s);
  });
}

(async () => {
  const q = new URLSearchParams(location.search);
  const w = WORKLOADS[q.get('workload')], peer = q.get('peer'), seconds = Number(q.get('seconds') || 3);
  try {
    if (!w || !PEERS[peer]) throw new Error('unknown workload or peer');
    for (const src of SCRIPTS[peer]) await load(src);
    const rate = await PEERS[peer](w, syntheticData(w), seconds);
    document.body.dataset.result = JSON.stringify({ samplesPerSecond: rate });
  } catch (e) {
    document.body.dataset.result = JSON.stringify({ error: String(e && e.message || e) });
  }
})();
