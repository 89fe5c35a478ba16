import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { jsonl, tempDir } from '../../data/test/helpers';
import { main } from '../../cli/main';
import { capture } from '../../cli/test/capture';
import { applyTransform, roundHalfEven, softmax } from '../heads';
import { OnnxGraph } from '../onnx-graph';
import { buildEncoderOnnx, referenceLogits, unigramTokenizer, wordPieceTokenizer, type EncoderSpec } from './transformer-fixture';

const TEXTS = [
  'The cell uses light energy in photosynthesis.',
  'BUY NOW!!! cheap, click here, free free free',
  'Students learn the lesson of the plant and the water.',
  // Longer than the model's length: truncated to [CLS] + the first tokens + [SEP].
  Array.from({ length: 30 }, (_, i) => ['the', 'energy', 'of', 'water', 'learning'][i % 5]).join(' '),
  'zebra quiz 42',
];

/** Ids as transformers makes them for one sequence: the text's tokens cut to max − 2, between [CLS] and [SEP]. */
function referenceIds(tokenizerJson: object, text: string, max: number): number[] {
  const t = new Tokenizer(tokenizerJson, {});
  const ids = t.encode(text, { add_special_tokens: false }).ids as number[];
  return [2, ...ids.slice(0, max - 2), 3];
}

function writeModel(dir: string, spec: EncoderSpec, tokenizer: object, config: object) {
  writeFileSync(join(dir, 'model.onnx'), buildEncoderOnnx(spec));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
}

async function score(dir: string, extra: string[] = []) {
  const corpus = join(dir, 'corpus.jsonl');
  writeFileSync(corpus, jsonl(TEXTS.map((text, i) => ({ id: `d${i}`, text }))));
  const out = join(dir, 'scores.jsonl');
  const io = capture();
  const code = await main(['score', corpus, '--model', join(dir, 'model.onnx'), '--model-config', join(dir, 'config.json'), '--out', out, ...extra], io);
  return { code, io, rows: code === 0 ? readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>) : [] };
}

describe('classifier heads', () => {
  it("int_score rounds as Python's round: halves to even, after clamping to 0–5", () => {
    expect([0.5, 1.5, 2.5, 3.5, 4.5, -0.5, -1.5, 2.4999, 2.5001].map((x) => roundHalfEven(x) + 0)).toEqual([0, 2, 2, 4, 4, 0, -2, 2, 3]);
    const int = { kind: 'int_score', min: 0, max: 5 } as const;
    expect([2.5, 3.5, -1.2, 7.9, 4.5].map((v) => applyTransform(int, [v]))).toEqual([2, 4, 0, 5, 4]);
  });

  it('softmax heads give probabilities and the expected score; a binary head a probability', () => {
    const p = softmax([1, 2, 3]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(applyTransform({ kind: 'expected', weights: [2, 0, 1] }, [1, 2, 3])).toBeCloseTo(2 * p[0] + p[2], 12);
    expect(applyTransform({ kind: 'binary' }, [0])).toBe(0.5);
    expect(applyTransform({ kind: 'binary' }, [0, Math.log(3)])).toBeCloseTo(0.75, 12);
  });
});

describe('long documents', () => {
  it('tokenize only the start that holds the first tokens: the same ids as the whole text truncated, whitespace floods included', async () => {
    const { parseModelConfig } = await import('../config');
    const { makeEncoder } = await import('../run');
    const long = [
      Array.from({ length: 5000 }, (_, i) => ['energy', 'of', 'the', 'plant', 'synthesised', 'water!'][i % 6]).join(' '),
      'the cell' + ' '.repeat(20000) + '\n\t'.repeat(3000) + ' energy of water '.repeat(2000),
      'x'.repeat(300_000),
    ];
    for (const tok of [wordPieceTokenizer(), unigramTokenizer()]) {
      const encode = makeEncoder(parseModelConfig('c', { preset: 'fineweb-edu', max_length: 64 }, tok.json));
      for (const text of long.slice(0, 2)) expect(Array.from(encode(text))).toEqual(referenceIds(tok.json, text, 64));
      // No whitespace at all: cut at twice the budget, and no stack overflow.
      expect(encode(long[2]).length).toBeLessThanOrEqual(64);
    }
  });
});

describe('on the cluster', () => {
  it('sift run score runs the same model, preset and truncation per shard: the sidecars hold sift score\'s values', async () => {
    const dir = tempDir();
    const tok = unigramTokenizer();
    const spec: EncoderSpec = { vocab: tok.vocabSize, hidden: 16, heads: 4, layers: 1, intermediate: 16, maxPositions: 64, head: 'cls', classes: 3, seed: 9 };
    writeModel(dir, spec, tok.json, { preset: 'nvidia-quality', max_length: 10 });
    const { rows } = await score(dir);
    const shards = [0, 1].map((k) => {
      const file = join(dir, `part-${k}.jsonl`);
      writeFileSync(file, jsonl(TEXTS.map((text, i) => ({ id: `d${i}`, text })).filter((_, i) => i % 2 === k)));
      return file;
    });
    const io = capture();
    const code = await main(['run', 'score', ...shards, '--work', join(dir, 'work'), '--model', join(dir, 'model.onnx'), '--model-config', join(dir, 'config.json')], io);
    expect(code, io.stderr.join('\n')).toBe(0);
    const sidecars = io.stdout.join('\n').replace(/^score sidecars: /, '').trim();
    const { NodeConnector } = await import('../../data/connectors/node');
    const conn = await NodeConnector.open();
    const got = await conn.query(`SELECT doc_id, nvidia_quality, nvidia_quality_high FROM read_parquet('${sidecars}/*.parquet') ORDER BY doc_id`);
    conn.close();
    expect(got).toHaveLength(TEXTS.length);
    for (const r of got) {
      const want = rows[Number(String(r.doc_id).slice(1))];
      expect(Math.abs(Number(r.nvidia_quality) - want.nvidia_quality)).toBeLessThan(1e-9);
      expect(Math.abs(Number(r.nvidia_quality_high) - want.nvidia_quality_high)).toBeLessThan(1e-9);
    }
  }, 120_000);
});

describe('model cards', () => {
  it("give a preset's model, head and threshold, and the share the threshold drops on these scores", async () => {
    const { modelCard } = await import('../presets');
    const card = modelCard({ preset: 'fineweb-edu' }, { fineweb_edu_int: [0, 1, 2, 3, 4, 5, NaN, 2, 3] })!;
    expect(card).toMatchObject({ preset: 'fineweb-edu', published: 'HuggingFaceFW/fineweb-edu-classifier', scored: 8, dropped: 4 });
    expect(card.threshold).toMatchObject({ selector: 'fineweb_edu_int', value: 3, keeps: 'at or above' });
    expect(modelCard({ name: 'mine' }, {})).toBeNull();
  });
});

describe('transformer classifiers (onnxruntime-node) against an independent forward pass', () => {
  it('a BERT-shaped regression model with a WordPiece tokenizer.json, configured by the fineweb-edu preset', async () => {
    const dir = tempDir();
    const tok = wordPieceTokenizer();
    const spec: EncoderSpec = { vocab: tok.vocabSize, hidden: 16, heads: 2, layers: 2, intermediate: 32, maxPositions: 64, head: 'bert', classes: 1, seed: 11 };
    writeModel(dir, spec, tok.json, { preset: 'fineweb-edu', max_length: 12 });
    const { code, io, rows } = await score(dir);
    expect(code, io.stderr.join('\n')).toBe(0);
    expect(Object.keys(rows[0])).toEqual(['doc_id', 'fineweb_edu', 'fineweb_edu_int']);
    // The tokenizer as BERT's: lower-cased, split on punctuation, ## pieces; the long text is cut to 12 with [SEP] kept.
    expect(referenceIds(tok.json, 'The cell.', 12)).toEqual([2, 4, 12, 28, 3]);
    TEXTS.forEach((text, i) => {
      const ids = referenceIds(tok.json, text, 12);
      expect(ids.length).toBeLessThanOrEqual(12);
      const [value] = referenceLogits(spec, ids);
      expect(Math.abs(rows[i].fineweb_edu - value), text).toBeLessThan(1e-4);
      expect(rows[i].fineweb_edu_int).toBe(roundHalfEven(Math.min(5, Math.max(0, value))));
    });
  }, 60_000);

  it('a DeBERTa-shaped three-class model with a Unigram tokenizer.json, configured by the nvidia-quality preset', async () => {
    const dir = tempDir();
    const tok = unigramTokenizer();
    const spec: EncoderSpec = { vocab: tok.vocabSize, hidden: 16, heads: 4, layers: 2, intermediate: 24, maxPositions: 64, head: 'cls', classes: 3, seed: 5 };
    writeModel(dir, spec, tok.json, { preset: 'nvidia-quality', max_length: 10 });
    const { code, io, rows } = await score(dir);
    expect(code, io.stderr.join('\n')).toBe(0);
    expect(Object.keys(rows[0])).toEqual(['doc_id', 'nvidia_quality', 'nvidia_quality_high', 'nvidia_quality_low', 'nvidia_quality_medium']);
    TEXTS.forEach((text, i) => {
      const p = softmax(referenceLogits(spec, referenceIds(tok.json, text, 10)));
      expect(Math.abs(rows[i].nvidia_quality_high - p[0]), text).toBeLessThan(1e-4);
      expect(Math.abs(rows[i].nvidia_quality_low - p[1])).toBeLessThan(1e-4);
      expect(Math.abs(rows[i].nvidia_quality_medium - p[2])).toBeLessThan(1e-4);
      expect(Math.abs(rows[i].nvidia_quality - (2 * p[0] + p[2]))).toBeLessThan(1e-4);
    });
  }, 60_000);
});

describe('an fp16 export', () => {
  it('scores from a float16 output (decoded from its 16 bits), with the regression head', async () => {
    const dir = tempDir();
    const tok = wordPieceTokenizer();
    // logits = float16(Σ ids / Σ mask + 0·Σ type ids): the mean id of the real positions (padding ids are 0).
    const g = new OnnxGraph('fp16');
    for (const input of ['input_ids', 'attention_mask', 'token_type_ids']) g.input(input, 'int64', ['batch', 'seq']);
    const total = (x: string) => g.op('ReduceSum', [g.op('Cast', [x], { to: 1 }), g.init(`axes_${x}`, 'int64', [1], [1])], { keepdims: 1 });
    const zero = g.init('zero', 'float32', [], [0]);
    const mean = g.op('Add', [g.op('Div', [total('input_ids'), total('attention_mask')]), g.op('Mul', [total('token_type_ids'), zero])]);
    g.op('Cast', [mean], { to: 10 }, 'logits');
    g.output('logits', 'float16', ['batch', 1]);
    writeFileSync(join(dir, 'model.onnx'), g.toBytes('fp16 output'));
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tok.json));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ preset: 'fineweb-edu', max_length: 16 }));
    const { code, io, rows } = await score(dir);
    expect(code, io.stderr.join('\n')).toBe(0);
    TEXTS.forEach((text, i) => {
      const ids = referenceIds(tok.json, text, 16);
      const exact = ids.reduce((a, b) => a + b, 0) / ids.length;
      // float16 keeps 11 significant bits: within 2^-11 relative.
      expect(Math.abs(rows[i].fineweb_edu - exact), text).toBeLessThanOrEqual(exact * 2 ** -10);
      expect(rows[i].fineweb_edu_int).toBe(roundHalfEven(Math.min(5, Math.max(0, rows[i].fineweb_edu))));
    });
  });
});

describe('bad transformer models and configs: one message naming what is wrong, nothing scored', () => {
  const tok = wordPieceTokenizer();
  const spec: EncoderSpec = { vocab: tok.vocabSize, hidden: 8, heads: 2, layers: 1, intermediate: 8, maxPositions: 32, head: 'bert', classes: 1, seed: 3 };

  it('an output that is not the model’s', async () => {
    const dir = tempDir();
    writeModel(dir, spec, tok.json, { preset: 'fineweb-edu', max_length: 8, head: { output: 'score' } });
    const { code, io } = await score(dir);
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/output "score" \(for selector fineweb_edu\) is not an output of the model; its outputs are: logits/);
  });

  it('a tokenizer whose vocabulary the model’s embedding does not hold', async () => {
    const dir = tempDir();
    // The model was built for 20 fewer tokens than the tokenizer has.
    writeModel(dir, { ...spec, vocab: tok.vocabSize - 20 }, tok.json, { preset: 'fineweb-edu', max_length: 8 });
    const { code, io } = await score(dir);
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(new RegExp(`the tokenizer does not fit the model: its vocabulary has ids up to ${tok.vocabSize - 1}`));
  });

  it('a model with two outputs and a head that names none', async () => {
    const dir = tempDir();
    const g = new OnnxGraph('two');
    g.input('input_ids', 'int64', ['batch', 'seq']);
    g.output('a', 'float32', ['batch', 1]);
    g.output('b', 'float32', ['batch', 1]);
    const f = g.op('ReduceMean', [g.op('Cast', ['input_ids'], { to: 1 })], { axes: [1], keepdims: 1 });
    g.op('Identity', [f], {}, 'a');
    g.op('Neg', [f], {}, 'b');
    writeFileSync(join(dir, 'model.onnx'), g.toBytes('two outputs'));
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tok.json));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ name: 'x', max_length: 8, inputs: { ids: 'input_ids' }, encoding: { type: 'tokenizer' }, head: { type: 'regression', name: 'x' } }));
    const { code, io } = await score(dir);
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/the model has 2 outputs \(a, b\) and the config names none for selector x: set "head.output"/);
  });

  it('an unknown preset, and a softmax head whose classes do not match the logits', async () => {
    const dir = tempDir();
    writeModel(dir, spec, tok.json, { preset: 'fineweb-edu-v9' });
    expect((await score(dir)).io.stderr.join('\n')).toMatch(/"preset" must be one of fineweb-edu, nvidia-fineweb-edu, nvidia-quality, got "fineweb-edu-v9"/);
    writeModel(dir, { ...spec, head: 'cls', classes: 2 }, tok.json, { preset: 'nvidia-quality', max_length: 8, inputs: { type_ids: 'token_type_ids' } });
    const bad = await score(dir);
    expect(bad.code).toBe(1);
    expect(bad.io.stderr.join('\n')).toMatch(/output "logits" \[batch, 2\] for selector nvidia_quality: the head names 3 classes, the output has 2 logits per document/);
  });
});
