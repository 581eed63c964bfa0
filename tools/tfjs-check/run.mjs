// Serves the given folder over HTTP and loads each sub-folder's model.json (TensorFlow.js layers
// format, its weights file beside it) with tf.loadLayersModel, as a web page would; runs it on
// the folder's input.json (rows of the encoded columns), doing what the model's
// userDefinedMetadata says the studio does around the network (2-D features, normalisation,
// a regression's target scale), and writes output.json (rows of outputs).
// Usage: node run.mjs FOLDER
import { createServer } from 'node:http';
import { readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

const folder = process.argv[2];
const server = createServer((req, res) => {
  try {
    res.end(readFileSync(join(folder, decodeURIComponent(new URL(req.url, 'http://x').pathname))));
  } catch (e) {
    res.statusCode = 404;
    res.end();
  }
});
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const FEATURES = {
  x1: (a, b) => a, x2: (a, b) => b, x1sq: (a, b) => a * a, x2sq: (a, b) => b * b, x1x2: (a, b) => a * b,
  sinx1: (a, b) => Math.sin(a), sinx2: (a, b) => Math.sin(b),
};

function prepare(row, meta) {
  const x = meta.features.length > 0 ? meta.features.map(f => FEATURES[f](row[0], row[1])) : row;
  const { shift, scale } = meta.normalization;
  return x.map((v, i) => (v - shift[i]) / scale[i]);
}

try {
  for (const name of readdirSync(folder).filter(f => statSync(join(folder, f)).isDirectory()).sort()) {
    const model = await tf.loadLayersModel(`${base}/${name}/model.json`);
    const meta = JSON.parse(readFileSync(join(folder, name, 'model.json'), 'utf8')).userDefinedMetadata;
    const rows = JSON.parse(readFileSync(join(folder, name, 'input.json'), 'utf8'));
    const y = model.predict(tf.tensor2d(rows.map(r => prepare(r, meta)))).arraySync();
    const { shift, scale } = meta.targetNormalization;
    const out = y.map(r => r.map((v, j) => (j < scale.length ? v * scale[j] + shift[j] : v)));
    writeFileSync(join(folder, name, 'output.json'), JSON.stringify(out));
    console.log(`${name}: ${model.layers.map(l => l.getClassName()).join(' ')} -> [${out.length}, ${out[0].length}]`);
  }
} finally {
  server.close();
}
