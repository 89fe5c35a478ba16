import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../util/prng';
import { byteLmForward, initByteLm, trainByteLm, documentBytes } from '../byte-lm';
import { checkModelAgainstConfig, parseModelConfig, ModelConfigError } from '../config';
import { byteLmToOnnx, qualityModelToOnnx } from '../export';
import { hashedNgramIds } from '../hashed-ngrams';
import { loadModel, readModelConfig, scoreWithOnnx } from '../node';
import { initQualityModel, qualityForward, trainQualityModel } from '../quality';
import { lengthBatches } from '../run';
import { OnnxGraph } from '../onnx-graph';

const dir = mkdtempSync(join(tmpdir(), 'sift-models-'));
const SPEC = { buckets: 4096, wordNgrams: [1, 2], charNgrams: [2, 4], maxChars: 600 };
const TEXTS = [
  'The committee met on Tuesday to discuss the proposal.',
  'Ã©tÃ© â€œquotedâ€\u009d text',
  'x',
  'ALL CAPS SHOUTING ABOUT PRICES!!! 100% FREE',
  '日本語のテキストと emoji 😀 and combining e\u0301 marks',
  'a'.repeat(900),
  '1 2 3 4 5\n6 7 8 9 10\n' .repeat(20),
];
const qualityConfig = {
  name: 'q',
  max_length: SPEC.maxChars,
  inputs: { ids: 'ids', mask: 'mask', dtype: 'int32' },
  encoding: { type: 'hashed_ngrams', buckets: SPEC.buckets, word_ngrams: SPEC.wordNgrams, char_ngrams: SPEC.charNgrams },
  output: 'p_clean',
  direction: 'higher_is_better',
};
const lmShape = { context: 8, near: 3, hidden: 16, maxBytes: 200 };
const lmConfig = {
  name: 'lm',
  max_length: lmShape.maxBytes,
  inputs: { ids: 'bytes', mask: 'mask', dtype: 'int32' },
  encoding: { type: 'bytes', context: lmShape.context, bos: 256 },
  scores: [
    { output: 'bpb', name: 'lm_bpb', direction: 'lower_is_better' },
    { output: 'bpb_weak', name: 'lm_bpb_weak', direction: 'lower_is_better' },
  ],
};

describe('hashed n-grams', () => {
  it('are deterministic ids in [1, buckets), keep case, and read only maxChars characters', () => {
    const a = hashedNgramIds('Hello world, hello WORLD', SPEC);
    expect(Array.from(a)).toEqual(Array.from(hashedNgramIds('Hello world, hello WORLD', SPEC)));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...a)).toBeLessThan(SPEC.buckets);
    // 5 words (",", a word of its own) → 5 unigrams + 4 bigrams; 24 chars → 23 bigrams + 21 four-grams.
    expect(a.length).toBe(5 + 4 + 23 + 21);
    const lower = hashedNgramIds('hello', SPEC);
    const upper = hashedNgramIds('HELLO', SPEC);
    expect(lower[0]).not.toBe(upper[0]);
    expect(hashedNgramIds('abc'.repeat(1000), SPEC).length).toBe(hashedNgramIds('abc'.repeat(200), SPEC).length);
    expect(hashedNgramIds('', SPEC).length).toBe(0);
  });
});

describe('ONNX export', () => {
  it('the quality graph computes the TypeScript forward pass (to 1e-5) on onnxruntime-node', async () => {
    const model = initQualityModel(SPEC, 6, new Prng(3));
    for (let i = 0; i < model.embeddings.length; i++) model.embeddings[i] *= 40; // spread the outputs away from 0.5
    const path = join(dir, 'q.onnx');
    writeFileSync(path, qualityModelToOnnx(model, {}));
    const [onnx] = await scoreWithOnnx(path, qualityConfig, TEXTS);
    const ts = TEXTS.map((t) => qualityForward(model, hashedNgramIds(t, SPEC)));
    expect(new Set(ts.map((x) => x.toFixed(3))).size).toBeGreaterThan(3);
    ts.forEach((v, i) => expect(Math.abs(onnx[i] - v)).toBeLessThan(1e-5));
  });

  it('the byte-LM graph computes both views of the TypeScript forward pass (to 1e-4), padding and batching included', async () => {
    const model = initByteLm(lmShape, new Prng(5));
    for (let i = 0; i < model.tables.length; i++) model.tables[i] *= 20;
    const path = join(dir, 'lm.onnx');
    writeFileSync(path, byteLmToOnnx(model, {}));
    const [bpb, weak] = await scoreWithOnnx(path, lmConfig, [...TEXTS, '', null]);
    TEXTS.forEach((t, i) => {
      const ts = byteLmForward(model, t);
      expect(Math.abs(bpb[i] - ts.bpb)).toBeLessThan(1e-4);
      expect(Math.abs(weak[i] - ts.bpbWeak)).toBeLessThan(1e-4);
    });
    expect(Math.abs(bpb[0] - weak[0])).toBeGreaterThan(1e-3); // the masked offsets matter
    expect(Number.isNaN(bpb[TEXTS.length])).toBe(true); // empty text: nothing to score
    expect(Number.isNaN(bpb[TEXTS.length + 1])).toBe(true);
  });

  it('documents are cut at maxBytes, even inside a multi-byte character', () => {
    const bytes = documentBytes('é'.repeat(150), 201);
    expect(bytes.length).toBe(201);
  });
});

describe('training loops', () => {
  it('the quality classifier separates two kinds of text it was trained on', () => {
    const rng = new Prng(1);
    const clean = Array.from({ length: 200 }, (_, i) => `the report of the committee number ${i} was read and approved by the members`);
    const junk = Array.from({ length: 200 }, (_, i) => `BUY NOW ${i} CHEAP PILLS $$$ CLICK HERE FREE ${i * 7}`);
    const data = [...clean.map((t) => ({ ids: hashedNgramIds(t, SPEC), label: 1 })), ...junk.map((t) => ({ ids: hashedNgramIds(t, SPEC), label: 0 }))];
    const model = initQualityModel(SPEC, 8, rng);
    const log = trainQualityModel(model, data, { epochs: 3, lr: 0.5, rng, logEvery: 100 });
    expect(log.curve.at(-1)!.loss).toBeLessThan(log.curve[0].loss);
    expect(qualityForward(model, hashedNgramIds('the minutes of the committee were approved', SPEC))).toBeGreaterThan(0.5);
    expect(qualityForward(model, hashedNgramIds('CLICK HERE FOR CHEAP PILLS $$$', SPEC))).toBeLessThan(0.5);
  });

  it('the byte LM learns: training bits per byte fall, and held-out text of the same kind scores below random bytes', () => {
    const rng = new Prng(2);
    const docs = Array.from({ length: 50 }, (_, i) => new TextEncoder().encode(`the cat sat on the mat ${i % 7} and the dog sat on the log. `.repeat(3)));
    const model = initByteLm(lmShape, rng);
    const log = trainByteLm(model, docs, { steps: 300, batch: 32, lr: 5e-3, weakShare: 0.3, rng, logEvery: 50 });
    expect(log.curve.at(-1)!.bitsPerByte).toBeLessThan(log.curve[0].bitsPerByte - 2);
    const seen = byteLmForward(model, 'the dog sat on the mat and the cat sat on the log.').bpb;
    const noise = byteLmForward(model, 'q9#Zx!v0@Lk2%Wm8&Rt5^Yp1*Hs4(Jd7)').bpb;
    expect(seen).toBeLessThan(noise - 2);
  });
});

describe('model configs', () => {
  it('a config names what is wrong in it', () => {
    const bad = (json: unknown, pattern: RegExp) => expect(() => parseModelConfig('my.json', json)).toThrow(pattern);
    bad([], /my\.json: expected a JSON object/);
    bad({ ...qualityConfig, name: 'has space' }, /"name" must be letters/);
    bad({ ...qualityConfig, max_length: 0 }, /"max_length"/);
    bad({ ...qualityConfig, inputs: { mask: 'm' } }, /"inputs\.ids" must be a non-empty string/);
    bad({ ...qualityConfig, inputs: { ids: 'ids', dtype: 'float32' } }, /"inputs\.dtype" must be "int32" or "int64", got "float32"/);
    bad({ ...qualityConfig, encoding: { type: 'words' } }, /"encoding\.type" must be .* got "words"/);
    bad({ ...qualityConfig, direction: 'up' }, /"direction" must be "higher_is_better" or "lower_is_better", got "up"/);
    bad({ ...qualityConfig, encoding: { type: 'tokenizer' } }, /needs a tokenizer\.json/);
    expect(() => parseModelConfig('x.json', { ...qualityConfig, name: '1' })).toThrow(ModelConfigError);
  });

  it('a model is checked against its config before scoring: wrong input name, dtype, shape and output are each named', async () => {
    // A tiny model: int64 ids [batch, n] → mean of a table lookup → score [batch].
    const g = new OnnxGraph('tiny');
    g.input('input_ids', 'int64', ['batch', 'n']);
    g.init('table', 'float32', [10, 1], Array.from({ length: 10 }, (_, i) => i / 10));
    const looked = g.op('Gather', ['table', 'input_ids'], { axis: 0 });
    const mean = g.op('ReduceMean', [looked], { axes: [1, 2], keepdims: 0 });
    g.op('Identity', [mean], {}, 'score');
    g.output('score', 'float32', ['batch']);
    const path = join(dir, 'tiny.onnx');
    writeFileSync(path, g.toBytes('tiny'));
    const base = { name: 'tiny', max_length: 16, encoding: { type: 'bytes' }, output: 'score', direction: 'higher_is_better' };
    const session = await ort.InferenceSession.create(readFileSync(path));
    const problems = (inputs: Record<string, unknown>, output = 'score') =>
      checkModelAgainstConfig(parseModelConfig('c.json', { ...base, inputs, output }), session.inputMetadata, session.outputMetadata);
    expect(problems({ ids: 'input_ids', dtype: 'int64' })).toEqual([]);
    expect(problems({ ids: 'ids', dtype: 'int64' }).join('\n')).toMatch(/input "ids" \(inputs\.ids in the config\) is not an input of the model; its inputs are: input_ids int64 \[batch, n\]/);
    expect(problems({ ids: 'input_ids', dtype: 'int32' }).join('\n')).toMatch(/input "input_ids": dtype mismatch — the config feeds int32 \(inputs\.dtype\), the model expects int64/);
    expect(problems({ ids: 'input_ids', dtype: 'int64', mask: 'attention_mask' }).join('\n')).toMatch(/input "attention_mask" \(inputs\.mask in the config\) is not an input/);
    expect(problems({ ids: 'input_ids', dtype: 'int64' }, 'logits').join('\n')).toMatch(/output "logits" \(for selector tiny\) is not an output of the model; its outputs are: score float32 \[batch\]/);
    await expect(loadModel(path, { ...base, inputs: { ids: 'input_ids', dtype: 'int32' } })).rejects.toThrow(/tiny\.onnx does not fit its config: input "input_ids": dtype mismatch/);
    // The right config scores: bytes of "\x01\x03" → table values 0.1 and 0.3 → mean 0.2.
    const [scores] = await scoreWithOnnx(path, { ...base, inputs: { ids: 'input_ids', dtype: 'int64' } }, ['\x01\x03']);
    expect(scores[0]).toBeCloseTo(0.2, 6);
  });

  it('a rank-3 input is a shape mismatch', () => {
    const cfg = parseModelConfig('c.json', { ...qualityConfig });
    const problems = checkModelAgainstConfig(cfg, [
      { name: 'ids', isTensor: true, type: 'int32', shape: ['batch', 'n', 4] },
      { name: 'mask', isTensor: true, type: 'float32', shape: ['batch', 'n'] },
    ], [{ name: 'p_clean', isTensor: true, type: 'float32', shape: ['batch', 2] }]);
    expect(problems.join('\n')).toMatch(/input "ids": shape mismatch — Sift feeds \[batch, length\] \(rank 2\), the model expects \[batch, n, 4\] \(rank 3\)/);
    expect(problems.join('\n')).toMatch(/output "p_clean": shape mismatch — a score must be \[batch\] or \[batch, 1\], the model gives \[batch, 2\]/);
  });
});

describe('batching', () => {
  it('groups documents of similar length within the padded-element budget, each once', () => {
    const lengths = [5, 100, 6, 98, 7, 3000, 1];
    const batches = lengthBatches(lengths, 300);
    expect(batches.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const b of batches) expect(b.length === 1 || b.length * Math.max(...b.map((i) => lengths[i])) <= 300).toBe(true);
    expect(batches.find((b) => b.includes(1))).toContain(3);
  });
});

describe('the tokenizer encoding', () => {
  it('feeds token ids from a tokenizer.json read beside the config (unknown words → the unk id), cut at max_length', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sift-tok-'));
    const vocab: Record<string, number> = { '[UNK]': 0, the: 1, cat: 2, sat: 3, '.': 4 };
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify({
      version: '1.0', truncation: null, padding: null, normalizer: null, post_processor: null, decoder: null,
      added_tokens: [{ id: 0, content: '[UNK]', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
      pre_tokenizer: { type: 'Whitespace' },
      model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
    }));
    // Score = mean over tokens of table[id] with table = [0, 10, 20, 30, 40]: the mean token id × 10.
    const g = new OnnxGraph('tok');
    g.input('input_ids', 'int64', ['batch', 'n']);
    g.input('attention_mask', 'int64', ['batch', 'n']);
    g.init('table', 'float32', [5, 1], [0, 10, 20, 30, 40]);
    g.init('axis1', 'int64', [1], [1]);
    const mask = g.op('Cast', ['attention_mask'], { to: 1 });
    const looked = g.op('Squeeze', [g.op('Gather', ['table', 'input_ids'], { axis: 0 }), g.init('axis2', 'int64', [1], [2])]);
    const total = g.op('ReduceSum', [g.op('Mul', [looked, mask]), 'axis1'], { keepdims: 0 });
    g.op('Div', [total, g.op('ReduceSum', [mask, 'axis1'], { keepdims: 0 })], {}, 'score');
    g.output('score', 'float32', ['batch']);
    writeFileSync(join(dir, 'tok.onnx'), g.toBytes('tok'));
    writeFileSync(join(dir, 'tok.json'), JSON.stringify({
      name: 'tok_mean', max_length: 3, inputs: { ids: 'input_ids', mask: 'attention_mask', dtype: 'int64' },
      encoding: { type: 'tokenizer', file: 'tokenizer.json' }, output: 'score', direction: 'higher_is_better',
    }));
    const config = readModelConfig(join(dir, 'tok.json'));
    const [scores] = await scoreWithOnnx(join(dir, 'tok.onnx'), config, ['the cat sat .', 'cat dog', 'sat']);
    expect(scores[0]).toBeCloseTo(20, 5); // the cat sat (cut at 3 tokens): ids 1 2 3
    expect(scores[1]).toBeCloseTo(10, 5); // cat [UNK]: ids 2 0, padded in the batch and masked
    expect(scores[2]).toBeCloseTo(30, 5);
    expect(() => readModelConfig(join(dir, 'missing.json'))).toThrow(/cannot read the model config .*missing\.json \(ENOENT\)/);
    writeFileSync(join(dir, 'broken.json'), '{"name": ');
    expect(() => readModelConfig(join(dir, 'broken.json'))).toThrow(/broken\.json: not valid JSON/);
  });
});

