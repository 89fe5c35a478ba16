/**
 * Transformer classifier throughput (issue 26): documents/s for BERT-shaped encoders of 6 and
 * 12 layers (hidden 768, 12 heads, 3,072 inner: BERT-base's shape; random weights, built by
 * lib/models/test/transformer-fixture.ts) on this machine's CPU, through the same runner as
 * `sift score` (onnxruntime-node) and through onnxruntime-web's WASM build in Node (the kernels
 * the page runs without a GPU), with the regression head and FineWeb-Edu's int_score.
 *   npx tsx bench/transformers.ts [docs=24] [tokens=256]
 */
import { availableParallelism } from 'node:os';
import * as ortWeb from 'onnxruntime-web';
import { parseModelConfig } from '../lib/models/config';
import { loadModel, scoreLoaded } from '../lib/models/node';
import { makeEncoder, scoreTexts, type OrtModule, type OrtSessionLike } from '../lib/models/run';
import { buildEncoderOnnx, wordPieceTokenizer, type EncoderSpec } from '../lib/models/test/transformer-fixture';
import { demoTexts } from './support';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const docs = Number(process.argv[2] ?? 24);
const tokens = Number(process.argv[3] ?? 256);
const cores = availableParallelism();

async function main() {
  const texts = (await demoTexts()).filter((t) => t.length > 2000).slice(0, docs);
  const tok = wordPieceTokenizer();
  const config = parseModelConfig('bench config', { preset: 'fineweb-edu', max_length: tokens }, tok.json);
  const lengths = texts.map((t) => makeEncoder(config)(t).length);
  console.log(`${texts.length} demo documents, ${tokens} tokens each at most (mean ${(lengths.reduce((a, b) => a + b, 0) / lengths.length).toFixed(0)}); ${cores} cores; ${new Date().toISOString().slice(0, 10)}`);
  for (const layers of [6, 12]) {
    const spec: EncoderSpec = { vocab: tok.vocabSize, hidden: 768, heads: 12, layers, intermediate: 3072, maxPositions: 512, head: 'bert', classes: 1, seed: 1 };
    const t0 = performance.now();
    const bytes = buildEncoderOnnx(spec);
    const dir = mkdtempSync(join(tmpdir(), 'sift-bench-'));
    const file = join(dir, 'model.onnx');
    writeFileSync(file, bytes);
    console.log(`${layers} layers: ${(bytes.length / 2 ** 20).toFixed(0)} MiB of float32 weights, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    for (const threads of [...new Set([1, cores])]) {
      const model = await loadModel(file, config, threads);
      await scoreLoaded(model, texts.slice(0, 2));
      const t1 = performance.now();
      await scoreLoaded(model, texts);
      const s = (performance.now() - t1) / 1000;
      console.log(`  onnxruntime-node (CPU), ${threads} thread(s): ${(texts.length / s).toFixed(2)} docs/s (${s.toFixed(1)} s)`);
    }
    ortWeb.env.wasm.numThreads = 1;
    const session = await ortWeb.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    const run = (list: string[]) => scoreTexts(ortWeb as unknown as OrtModule, session as unknown as OrtSessionLike, config, makeEncoder(config), list);
    await run(texts.slice(0, 2));
    const t2 = performance.now();
    await run(texts);
    const s = (performance.now() - t2) / 1000;
    console.log(`  onnxruntime-web WASM (SIMD, 1 thread), in Node: ${(texts.length / s).toFixed(2)} docs/s (${s.toFixed(1)} s)`);
    await session.release();
  }
}

await main();
