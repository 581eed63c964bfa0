// Runs each <name>.onnx in the given folder on <name>.input.json ({"rows": n, "cols": k, "data": [...]}, or
// {"dims": [...], "data": [...]} for an input of another shape)
// with ONNX Runtime and writes <name>.output.json ({"dims": [...], "data": [...]}).
// Usage: node run.mjs FOLDER
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';

ort.env.wasm.numThreads = 1;
const folder = process.argv[2];
for (const file of readdirSync(folder).filter(f => f.endsWith('.onnx')).sort()) {
  const name = file.slice(0, -'.onnx'.length);
  const input = JSON.parse(readFileSync(join(folder, name + '.input.json'), 'utf8'));
  const session = await ort.InferenceSession.create(readFileSync(join(folder, file)));
  const feeds = { input: new ort.Tensor('float32', Float32Array.from(input.data), input.dims || [input.rows, input.cols]) };
  const result = await session.run(feeds);
  const out = result.output;
  writeFileSync(join(folder, name + '.output.json'), JSON.stringify({ dims: out.dims, data: Array.from(out.data) }));
  console.log(`${name}: ${session.inputNames} -> ${session.outputNames} ${JSON.stringify(out.dims)}`);
}
