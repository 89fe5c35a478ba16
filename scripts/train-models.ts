/**
 * Trains Sift's shipped ONNX models from text that npm packages ship and
 * writes them, with their configs, into lib/models/generated/ (git-ignored; built by
 * `npm run setup`, which npm start and npm test run; served at /models/ by app/models/):
 *   quality.onnx  model_quality: hashed n-grams → mean embedding → linear → sigmoid
 *   byte-lm.onnx  model_bpb / model_bpb_weak: byte-level LM, full and near context
 * Training data: a demo-style corpus built with a different seed (7) from the
 * shipped demo (42). Evaluation (--evaluate): the shipped demo corpus. Deterministic for a seed.
 *
 *   npx tsx scripts/train-models.ts [--seed 1] [--evaluate] [--cards]   (--cards also rewrites docs/models/)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { documentBytes, initByteLm, parameterCount, trainByteLm, type ByteLmShape } from '../lib/models/byte-lm';
import { byteLmToOnnx, qualityModelToOnnx } from '../lib/models/export';
import { hashedNgramIds, type HashedNgramSpec } from '../lib/models/hashed-ngrams';
import { initQualityModel, trainQualityModel } from '../lib/models/quality';
import { scoreWithOnnx } from '../lib/models/node';
import { Prng } from '../lib/util/prng';
import { buildDemoDocs } from './build-demo';
import { writeModelCards, type TrainingReport } from './models/cards';

const root = new URL('..', import.meta.url).pathname;
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const seed = Number(arg('seed', '1'));
const t0 = Date.now();

export const QUALITY_SPEC: HashedNgramSpec = { buckets: 1 << 16, wordNgrams: [1, 2], charNgrams: [2, 4], maxChars: 1536 };
const QUALITY_DIM = 12;
export const BYTE_LM_SHAPE: ByteLmShape = { context: 16, near: 2, hidden: 48, maxBytes: 512 };

type Doc = { source: string; defect: string | null; text: string };
const isJunk = (d: Doc) => d.defect !== null || d.source === 'spam';
const category = (d: Doc) => d.defect ?? (d.source === 'spam' ? 'spam' : `clean ${d.source}`);

const train = buildDemoDocs(7).docs as Doc[];
console.log(`training corpus: ${train.length} documents (seed 7)`);

// ---------------------------------------------------------------- model_quality
const rng = new Prng(seed);
const examples = train.map((d) => ({ ids: hashedNgramIds(d.text, QUALITY_SPEC), label: isJunk(d) ? 0 : 1 }));
const heldOut = examples.filter((_, i) => i % 10 === 0);
const heldOutSample = heldOut.filter((_, i) => i % 3 === 0);
const fit = examples.filter((_, i) => i % 10 !== 0);
const quality = initQualityModel(QUALITY_SPEC, QUALITY_DIM, rng);
const qualityLog = trainQualityModel(quality, fit, { epochs: 4, lr: 0.5, rng, heldOut: heldOutSample, logEvery: 4000 });
console.log(`model_quality: trained in ${qualityLog.seconds.toFixed(1)} s; held-out loss ${qualityLog.curve.at(-1)!.heldOutLoss!.toFixed(4)}`);

// ---------------------------------------------------------------- byte LM
const lmRng = new Prng(seed + 1);
// Prose only (Brown, nlp-corpus): mail is full of aligned columns and signatures, and a model
// that learned those finds whitespace floods unsurprising.
const clean = train.filter((d) => !isJunk(d) && d.source !== 'email');
const lmDocs = clean.filter((_, i) => i % 20 !== 0).map((d) => documentBytes(d.text, BYTE_LM_SHAPE.maxBytes));
const lmHeldOut = clean.filter((_, i) => i % 20 === 0).slice(0, 40).map((d) => d.text);
const lm = initByteLm(BYTE_LM_SHAPE, lmRng);
const steps = Number(arg('steps', '4000'));
const lmLog = trainByteLm(lm, lmDocs, { steps, batch: 128, lr: 3e-3, weakShare: 0.3, rng: lmRng, heldOut: lmHeldOut, logEvery: Math.max(1, Math.floor(steps / 15)) });
console.log(`byte LM: ${parameterCount(lm)} parameters, trained in ${lmLog.seconds.toFixed(1)} s; held-out ${lmLog.curve.at(-1)!.heldOutBpb!.toFixed(3)} bpb (weak ${lmLog.curve.at(-1)!.heldOutWeakBpb!.toFixed(3)})`);

// ---------------------------------------------------------------- write
const outDir = resolve(arg('out-dir', join(root, 'lib/models/generated')));
mkdirSync(outDir, { recursive: true });
const meta = { seed: String(seed), producer: 'scripts/train-models.ts' };
const files: Record<string, Uint8Array> = {
  'quality.onnx': qualityModelToOnnx(quality, { ...meta, selector: 'model_quality' }),
  'byte-lm.onnx': byteLmToOnnx(lm, { ...meta, selector: 'model_bpb' }),
};
const configs = {
  'quality.json': {
    name: 'model_quality',
    description: 'P(clean) from hashed word and character n-grams (fastText-style), trained on Sift demo-style clean vs junk text.',
    max_length: QUALITY_SPEC.maxChars,
    inputs: { ids: 'ids', mask: 'mask', dtype: 'int32' },
    encoding: { type: 'hashed_ngrams', buckets: QUALITY_SPEC.buckets, word_ngrams: QUALITY_SPEC.wordNgrams, char_ngrams: QUALITY_SPEC.charNgrams },
    scores: [{ output: 'p_clean', name: 'model_quality', direction: 'higher_is_better' }],
  },
  'byte-lm.json': {
    name: 'model_bpb',
    description: `Mean bits per byte over the first ${BYTE_LM_SHAPE.maxBytes} bytes under a byte-level LM trained on clean prose; the weak score masks context beyond ${BYTE_LM_SHAPE.near} bytes.`,
    max_length: BYTE_LM_SHAPE.maxBytes,
    inputs: { ids: 'bytes', mask: 'mask', dtype: 'int32' },
    encoding: { type: 'bytes', context: BYTE_LM_SHAPE.context, bos: 256 },
    scores: [
      { output: 'bpb', name: 'model_bpb', direction: 'lower_is_better' },
      { output: 'bpb_weak', name: 'model_bpb_weak', direction: 'lower_is_better' },
    ],
  },
};
const manifest = {
  models: [
    { id: 'quality', file: 'quality.onnx', config: 'quality.json' },
    { id: 'byte-lm', file: 'byte-lm.onnx', config: 'byte-lm.json' },
  ].map((m) => ({ ...m, sha256: createHash('sha256').update(files[m.file]).digest('hex'), bytes: files[m.file].length })),
};
for (const [name, bytes] of Object.entries(files)) writeFileSync(join(outDir, name), bytes);
for (const [name, config] of Object.entries(configs)) writeFileSync(join(outDir, name), JSON.stringify(config, null, 2) + '\n');
writeFileSync(join(outDir, 'models.json'), JSON.stringify(manifest, null, 2) + '\n');

// Evaluation (--evaluate, or --cards which needs it) runs the written ONNX files with
// onnxruntime-node over the demo; `npm run setup` leaves it out (about 100 s).
if (!process.argv.includes('--evaluate') && !process.argv.includes('--cards')) {
  console.log(`models → ${outDir} (${Object.values(files).reduce((a, b) => a + b.length, 0)} bytes) in ${((Date.now() - t0) / 1000).toFixed(1)} s (evaluation: --evaluate)`);
  process.exit(0);
}
const evalDocs = buildDemoDocs(42).docs as Doc[];
const texts = evalDocs.map((d) => d.text);
const [qualityScores] = await scoreWithOnnx(join(outDir, 'quality.onnx'), configs['quality.json'], texts);
const [bpbScores, weakScores] = await scoreWithOnnx(join(outDir, 'byte-lm.onnx'), configs['byte-lm.json'], texts);
const lmScores = Array.from(bpbScores, (bpb, i) => ({ bpb, bpbWeak: weakScores[i] }));

const report: TrainingReport = {
  seed,
  evalCategories: evalDocs.map(category),
  quality: { spec: QUALITY_SPEC, dim: QUALITY_DIM, log: qualityLog, scores: Array.from(qualityScores), bytes: files['quality.onnx'].length, trainDocs: fit.length, heldOutDocs: heldOut.length },
  byteLm: { shape: BYTE_LM_SHAPE, params: parameterCount(lm), log: lmLog, scores: lmScores, bytes: files['byte-lm.onnx'].length, trainDocs: lmDocs.length, steps },
};
const summary = writeModelCards(report, process.argv.includes('--cards') ? join(root, 'docs/models') : null);
console.log(summary);
console.log(`models → ${outDir} (${Object.values(files).reduce((a, b) => a + b.length, 0)} bytes) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
