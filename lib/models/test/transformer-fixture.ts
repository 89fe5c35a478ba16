/**
 * Small transformer classifiers built by the tests: BERT-shaped encoders
 * (word, position and token-type embeddings, post-LayerNorm blocks of
 * multi-head attention and a GELU feed-forward) with random weights, written
 * as ONNX with lib/models/onnx-graph.ts, real tokenizer.json files (WordPiece
 * as BERT's, Unigram/Metaspace as DeBERTa-v3's), and an independent forward
 * pass in plain JavaScript (float64) to check onnxruntime's scores against.
 *
 * The "DeBERTa-shaped" model has DeBERTa's interface — no token type ids, a
 * SentencePiece (Unigram) tokenizer, a linear three-class head on the CLS
 * token — but BERT's absolute-position attention, not DeBERTa's disentangled
 * attention: the tests check Sift's conventions (tokenizer, truncation, masks,
 * head), which do not depend on the attention inside.
 */
import { OnnxGraph } from '../onnx-graph';
import { Prng } from '../../util/prng';

export interface EncoderSpec {
  vocab: number;
  hidden: number;
  heads: number;
  layers: number;
  intermediate: number;
  maxPositions: number;
  /** 'bert': pooler (dense + tanh) then the classifier, with token type ids; 'cls': a linear head on the CLS vector. */
  head: 'bert' | 'cls';
  classes: number;
  seed: number;
}

type Matrix = { rows: number; cols: number; w: Float64Array };

interface Weights {
  word: Matrix;
  pos: Matrix;
  type: Matrix;
  embLn: { g: Float64Array; b: Float64Array };
  layers: Array<{
    q: Matrix; bq: Float64Array; k: Matrix; bk: Float64Array; v: Matrix; bv: Float64Array; o: Matrix; bo: Float64Array;
    ln1: { g: Float64Array; b: Float64Array };
    f1: Matrix; bf1: Float64Array; f2: Matrix; bf2: Float64Array;
    ln2: { g: Float64Array; b: Float64Array };
  }>;
  pooler: Matrix; bp: Float64Array;
  cls: Matrix; bc: Float64Array;
}

/** Weights as float32 values (what the ONNX file holds), kept as float64 for the reference pass. */
function makeWeights(s: EncoderSpec): Weights {
  const rng = new Prng(s.seed);
  const f32 = (x: number) => Math.fround(x);
  const mat = (rows: number, cols: number, scale = 0.3): Matrix => ({ rows, cols, w: Float64Array.from({ length: rows * cols }, () => f32((rng.next() * 2 - 1) * scale)) });
  const vec = (n: number, centre = 0, scale = 0.1) => Float64Array.from({ length: n }, () => f32(centre + (rng.next() * 2 - 1) * scale));
  const ln = () => ({ g: vec(s.hidden, 1), b: vec(s.hidden) });
  const H = s.hidden;
  return {
    word: mat(s.vocab, H, 1),
    pos: mat(s.maxPositions, H, 0.5),
    type: mat(2, H, 0.5),
    embLn: ln(),
    layers: Array.from({ length: s.layers }, () => ({
      q: mat(H, H), bq: vec(H), k: mat(H, H), bk: vec(H), v: mat(H, H), bv: vec(H), o: mat(H, H), bo: vec(H),
      ln1: ln(),
      f1: mat(H, s.intermediate), bf1: vec(s.intermediate), f2: mat(s.intermediate, H), bf2: vec(H),
      ln2: ln(),
    })),
    pooler: mat(H, H), bp: vec(H),
    cls: mat(H, s.classes, 1), bc: vec(s.classes, 0, 0.5),
  };
}

/** The ONNX model (opset 13): inputs input_ids, attention_mask (int64) and, for 'bert', token_type_ids; output logits [batch, classes]. */
export function buildEncoderOnnx(s: EncoderSpec): Uint8Array {
  const W = makeWeights(s);
  const g = new OnnxGraph(`encoder_${s.head}`);
  const H = s.hidden;
  const dh = H / s.heads;
  let n = 0;
  const m = (x: Matrix) => g.init(`w${n++}`, 'float32', [x.rows, x.cols], x.w);
  const v = (x: Float64Array) => g.init(`b${n++}`, 'float32', [x.length], x);
  const scalar = (x: number) => g.init(`c${n++}`, 'float32', [], [x]);
  const ints = (xs: number[]) => g.init(`i${n++}`, 'int64', [xs.length], xs);
  const ids = g.input('input_ids', 'int64', ['batch', 'seq']);
  const mask = g.input('attention_mask', 'int64', ['batch', 'seq']);
  const types = s.head === 'bert' ? g.input('token_type_ids', 'int64', ['batch', 'seq']) : null;
  g.output('logits', 'float32', ['batch', s.classes]);

  const layerNorm = (x: string, p: { g: Float64Array; b: Float64Array }) => {
    const mean = g.op('ReduceMean', [x], { axes: [-1], keepdims: 1 });
    const d = g.op('Sub', [x, mean]);
    const variance = g.op('ReduceMean', [g.op('Mul', [d, d])], { axes: [-1], keepdims: 1 });
    const normed = g.op('Div', [d, g.op('Sqrt', [g.op('Add', [variance, scalar(1e-12)])])]);
    return g.op('Add', [g.op('Mul', [normed, v(p.g)]), v(p.b)]);
  };
  const dense = (x: string, w: Matrix, b: Float64Array) => g.op('Add', [g.op('MatMul', [x, m(w)]), v(b)]);

  // Embeddings: word + position (0 … seq−1) + token type.
  const seq = g.op('Gather', [g.op('Shape', [ids]), g.init(`i${n++}`, 'int64', [], [1])], { axis: 0 });
  const positions = g.op('Range', [g.init(`i${n++}`, 'int64', [], [0]), seq, g.init(`i${n++}`, 'int64', [], [1])]);
  let x = g.op('Add', [g.op('Gather', [m(W.word), ids], { axis: 0 }), g.op('Gather', [m(W.pos), positions], { axis: 0 })]);
  if (types) x = g.op('Add', [x, g.op('Gather', [m(W.type), types], { axis: 0 })]);
  else x = g.op('Add', [x, v(W.type.w.subarray(0, H))]);
  x = layerNorm(x, W.embLn);

  // Padding is masked with −10000 before the softmax, as BERT's extended attention mask does.
  const maskF = g.op('Cast', [mask], { to: 1 });
  const bias = g.op('Mul', [g.op('Sub', [scalar(1), g.op('Unsqueeze', [maskF, ints([1, 2])])]), scalar(-10000)]);
  const split = (t: string) => g.op('Transpose', [g.op('Reshape', [t, ints([0, 0, s.heads, dh])])], { perm: [0, 2, 1, 3] });
  for (const L of W.layers) {
    const q = split(dense(x, L.q, L.bq));
    const k = split(dense(x, L.k, L.bk));
    const val = split(dense(x, L.v, L.bv));
    const scores = g.op('Add', [g.op('Div', [g.op('MatMul', [q, g.op('Transpose', [k], { perm: [0, 1, 3, 2] })]), scalar(Math.sqrt(dh))]), bias]);
    const ctx = g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), val]);
    const merged = g.op('Reshape', [g.op('Transpose', [ctx], { perm: [0, 2, 1, 3] }), ints([0, 0, H])]);
    x = layerNorm(g.op('Add', [x, dense(merged, L.o, L.bo)]), L.ln1);
    const h = dense(x, L.f1, L.bf1);
    const gelu = g.op('Mul', [g.op('Mul', [h, scalar(0.5)]), g.op('Add', [scalar(1), g.op('Erf', [g.op('Div', [h, scalar(Math.SQRT2)])])])]);
    x = layerNorm(g.op('Add', [x, dense(gelu, L.f2, L.bf2)]), L.ln2);
  }
  const cls = g.op('Gather', [x, g.init(`i${n++}`, 'int64', [], [0])], { axis: 1 });
  const pooled = s.head === 'bert' ? g.op('Tanh', [dense(cls, W.pooler, W.bp)]) : cls;
  g.op('Add', [g.op('MatMul', [pooled, m(W.cls)]), v(W.bc)], {}, 'logits');
  return g.toBytes(`a ${s.layers}-layer ${s.head === 'bert' ? 'BERT' : 'DeBERTa'}-shaped test classifier with random weights`);
}

/** The same network, computed directly in float64: one document's logits from its ids (mask all ones, type ids 0). */
export function referenceLogits(s: EncoderSpec, ids: ArrayLike<number>): number[] {
  const W = makeWeights(s);
  const H = s.hidden;
  const T = ids.length;
  const dh = H / s.heads;
  const row = (mtx: Matrix, r: number) => mtx.w.subarray(r * mtx.cols, (r + 1) * mtx.cols);
  const matvec = (x: ArrayLike<number>, w: Matrix, b: Float64Array) => {
    const out = Float64Array.from(b);
    for (let i = 0; i < w.rows; i++) for (let j = 0; j < w.cols; j++) out[j] += x[i] * w.w[i * w.cols + j];
    return out;
  };
  const layerNorm = (x: Float64Array, p: { g: Float64Array; b: Float64Array }) => {
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
    return x.map((t, i) => ((t - mean) / Math.sqrt(variance + 1e-12)) * p.g[i] + p.b[i]);
  };
  const erf = (z: number) => {
    // Abramowitz–Stegun 7.1.26 is too coarse for 1e-4 agreement; integrate the series instead.
    let sum = 0;
    let term = z;
    for (let k = 0; k < 80; k++) {
      sum += term / (2 * k + 1);
      term *= (-z * z) / (k + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  };
  let x = Array.from({ length: T }, (_, t) => {
    const e = new Float64Array(H);
    const w = row(W.word, ids[t]);
    const p = row(W.pos, t);
    const ty = row(W.type, 0);
    for (let i = 0; i < H; i++) e[i] = w[i] + p[i] + ty[i];
    return layerNorm(e, W.embLn);
  });
  for (const L of W.layers) {
    const q = x.map((h) => matvec(h, L.q, L.bq));
    const k = x.map((h) => matvec(h, L.k, L.bk));
    const v = x.map((h) => matvec(h, L.v, L.bv));
    const ctx = x.map(() => new Float64Array(H));
    for (let head = 0; head < s.heads; head++) {
      for (let t = 0; t < T; t++) {
        const scores = Array.from({ length: T }, (_, u) => {
          let dot = 0;
          for (let d = 0; d < dh; d++) dot += q[t][head * dh + d] * k[u][head * dh + d];
          return dot / Math.sqrt(dh);
        });
        const max = Math.max(...scores);
        const e = scores.map((z) => Math.exp(z - max));
        const sum = e.reduce((a, b) => a + b, 0);
        for (let u = 0; u < T; u++) for (let d = 0; d < dh; d++) ctx[t][head * dh + d] += (e[u] / sum) * v[u][head * dh + d];
      }
    }
    x = x.map((h, t) => {
      const attn = matvec(ctx[t], L.o, L.bo);
      const a = layerNorm(h.map((z, i) => z + attn[i]), L.ln1);
      const inner = matvec(a, L.f1, L.bf1).map((z) => 0.5 * z * (1 + erf(z / Math.SQRT2)));
      const f = matvec(inner, L.f2, L.bf2);
      return layerNorm(a.map((z, i) => z + f[i]), L.ln2);
    });
  }
  const pooled = s.head === 'bert' ? matvec(x[0], W.pooler, W.bp).map(Math.tanh) : x[0];
  return Array.from(matvec(pooled, W.cls, W.bc));
}

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];
const WORDS = ['the', 'a', 'of', 'and', 'to', 'in', 'is', 'on', 'cell', 'energy', 'water', 'learn', 'student', 'photo', 'synthesis', 'buy', 'now', 'cheap', 'click', 'here', 'free', 'lesson', 'plant', 'light', '.', ',', '!'];
const PIECES = ['##s', '##ing', '##ed', '##er', '##ly', '##e', '##a', '##o', '##t', '##n'];

const addedTokens = (tokens: string[]) => tokens.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
const template = { single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }], pair: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }] };

/** A WordPiece tokenizer.json as BERT's (lower-casing BertNormalizer, BertPreTokenizer, [CLS] … [SEP]). */
export function wordPieceTokenizer(): { json: object; vocabSize: number } {
  const tokens = [...SPECIAL, ...WORDS, ...PIECES, ...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')];
  const vocab = Object.fromEntries(tokens.map((t, i) => [t, i]));
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens(SPECIAL),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'TemplateProcessing', ...template, special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } } },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
  return { json, vocabSize: tokens.length };
}

/** A Unigram (SentencePiece) tokenizer.json as DeBERTa-v3's: Metaspace pre-tokenizer, [CLS] … [SEP]. */
export function unigramTokenizer(): { json: object; vocabSize: number } {
  const pieces: Array<[string, number]> = [
    ...SPECIAL.map((t): [string, number] => [t, 0]),
    ...WORDS.map((w, i): [string, number] => [`▁${w}`, -2 - i / 10]),
    ...['▁', 's', 'ing', 'ed', 'er', 'e', 'a', 'o', 't', 'n', ...'bcdfghijklmpqruvwxyz0123456789.,!'.split('')].map((p, i): [string, number] => [p, -6 - i / 10]),
  ];
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens(SPECIAL),
    normalizer: { type: 'Sequence', normalizers: [{ type: 'Lowercase' }] },
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    post_processor: { type: 'TemplateProcessing', ...template, special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } } },
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: 1, vocab: pieces, byte_fallback: false },
  };
  return { json, vocabSize: pieces.length };
}
