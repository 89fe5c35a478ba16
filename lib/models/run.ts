/**
 * Runs a model (shipped or brought by the user) over documents with any
 * onnxruntime (onnxruntime-web in the page's workers, onnxruntime-node in the
 * CLI): encodes texts as its config says, batches documents of similar length
 * together (less padding), and reads the score outputs.
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { checkModelAgainstConfig, type ModelConfig, type ValueMeta } from './config';
import { documentBytes } from './byte-lm';
import { hashedNgramIds } from './hashed-ngrams';
import { applyTransform } from './heads';

/** The parts of onnxruntime's API Sift uses; web and node provide the same. */
export interface OrtTensorLike {
  readonly data: unknown;
  readonly dims: readonly number[];
  readonly type: string;
}
export interface OrtModule {
  Tensor: new (type: 'int32' | 'int64' | 'float32' | 'bool', data: Int32Array | BigInt64Array | Float32Array | Uint8Array, dims: number[]) => OrtTensorLike;
}
export interface OrtSessionLike {
  readonly inputMetadata: readonly ValueMeta[];
  readonly outputMetadata: readonly ValueMeta[];
  run(feeds: Record<string, OrtTensorLike>): Promise<Record<string, OrtTensorLike>>;
}

export class ModelMismatchError extends Error {
  constructor(
    readonly model: string,
    readonly problems: string[],
  ) {
    super(`${model} does not fit its config: ${problems.join('; ')}`);
    this.name = 'ModelMismatchError';
  }
}

/** Checks the session against the config; throws naming every mismatch. */
export function assertModelFits(label: string, config: ModelConfig, session: OrtSessionLike): void {
  const problems = checkModelAgainstConfig(config, session.inputMetadata, session.outputMetadata);
  if (problems.length) throw new ModelMismatchError(label, problems);
}

/** The largest token id a tokenizer.json can produce (its model's vocabulary and its added tokens). */
export function tokenizerMaxId(json: unknown): number {
  const t = json as { model?: { vocab?: unknown }; added_tokens?: Array<{ id?: number }> };
  const vocab = t.model?.vocab;
  let max = Array.isArray(vocab) ? vocab.length - 1 : vocab && typeof vocab === 'object' ? Math.max(-1, ...Object.values(vocab as Record<string, number>)) : -1;
  for (const a of t.added_tokens ?? []) if (typeof a.id === 'number') max = Math.max(max, a.id);
  return max;
}

/**
 * Runs the model once on the tokenizer's largest id: a vocabulary the model's
 * embedding does not hold fails here, with one message, before any document is scored.
 */
export async function assertTokenizerFits(ort: OrtModule, label: string, config: ModelConfig, session: OrtSessionLike): Promise<void> {
  const enc = config.encoding;
  if (enc.type !== 'tokenizer') return;
  const maxId = tokenizerMaxId(enc.tokenizer);
  if (maxId < 0) return;
  const feeds = modelFeeds(ort, session, config, Int32Array.from([maxId]), Float32Array.from([1]), 1, 1, 1);
  try {
    await session.run(feeds);
  } catch (error) {
    const detail = ((error as Error).message ?? String(error)).split('\n')[0];
    throw new ModelMismatchError(label, [`the tokenizer does not fit the model: its vocabulary has ids up to ${maxId}, and the model fails on id ${maxId} (${detail}); use the tokenizer.json published with this model`]);
  }
}

/** A document's ids (before padding) under the config's encoding. */
export type Encoder = (text: string) => Int32Array;

export function makeEncoder(config: ModelConfig): Encoder {
  const enc = config.encoding;
  const max = config.maxLength;
  if (enc.type === 'hashed_ngrams') {
    const spec = { buckets: enc.buckets, wordNgrams: enc.wordNgrams, charNgrams: enc.charNgrams, maxChars: max };
    return (text) => hashedNgramIds(text, spec);
  }
  if (enc.type === 'bytes') {
    return (text) => Int32Array.from(documentBytes(text, max));
  }
  // tokenizers.js takes the unknown token from the tokenizer config, which tokenizer.json keeps in its model.
  const json = enc.tokenizer as { model?: { unk_token?: string } };
  const tokenizer = new Tokenizer(json, { unk_token: json.model?.unk_token });
  const { before, after } = specialTokens(tokenizer);
  const room = Math.max(0, max - before.length - after.length);
  const budget = room * longestPiece(enc.tokenizer);
  return (text) => {
    // Truncated as transformers truncates one sequence: the text's tokens are cut, the special tokens stay ([CLS] … [SEP]).
    // Only the part of the text that can hold those tokens is tokenized (a long document's full token list is wasted work,
    // and tokenizers.js overflows the browser's stack on a few hundred thousand tokens).
    const ids = tokenizer.encode(textPrefix(text, budget), { add_special_tokens: false }).ids as Array<number | undefined>;
    if (ids.some((id) => id === undefined)) throw new Error('tokenizer.json: a token of this text has no id and the tokenizer has no unk_token');
    return Int32Array.from([...before, ...(ids.length > room ? ids.slice(0, room) : ids), ...after] as number[]);
  };
}

/** Characters of the longest vocabulary piece (without ## or ▁ markers), at least 1: no token covers more (but [UNK]). */
function longestPiece(json: unknown): number {
  const vocab = (json as { model?: { vocab?: unknown } }).model?.vocab;
  const pieces = Array.isArray(vocab) ? vocab.map((v) => String((v as unknown[])[0] ?? '')) : vocab && typeof vocab === 'object' ? Object.keys(vocab) : [];
  let longest = 1;
  for (const p of pieces) longest = Math.max(longest, p.replace(/^##|▁/g, '').length);
  return longest;
}

/**
 * The start of a text that holds its first tokens: `budget` non-space characters, then up to the
 * next whitespace (tokenizers split words at whitespace, so the first tokens are the same).
 * A text with no whitespace for a long stretch is cut at twice the budget.
 */
export function textPrefix(text: string, budget: number): string {
  if (text.length <= budget) return text;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
    if (seen >= budget && space) return text.slice(0, i);
    if (!space) seen++;
    if (seen >= 2 * budget) return text.slice(0, i + 1);
  }
  return text;
}

/** The special tokens the tokenizer's post-processor puts before and after one sequence (found from a probe text). */
function specialTokens(tokenizer: Tokenizer): { before: number[]; after: number[] } {
  const plain = tokenizer.encode('a', { add_special_tokens: false }).ids as number[];
  const full = tokenizer.encode('a', { add_special_tokens: true }).ids as number[];
  for (let i = 0; i + plain.length <= full.length; i++) {
    if (plain.every((id, k) => full[i + k] === id)) return { before: full.slice(0, i), after: full.slice(i + plain.length) };
  }
  return { before: [], after: [] };
}

/** Groups document indices into batches of similar length within a padded-element budget. */
export function lengthBatches(lengths: ArrayLike<number>, budget: number, maxBatch = 256): number[][] {
  const order = Array.from({ length: lengths.length }, (_, i) => i).sort((a, b) => lengths[a] - lengths[b]);
  const batches: number[][] = [];
  let current: number[] = [];
  for (const i of order) {
    const width = Math.max(1, lengths[i]);
    if (current.length > 0 && ((current.length + 1) * width > budget || current.length >= maxBatch)) {
      batches.push(current);
      current = [];
    }
    current.push(i);
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * Scores texts: one Float64Array per score output (config order), NaN for a
 * document with nothing to score (empty text or null). Each run call pads
 * at most 65,536 bytes (a byte LM's activations are ~300 floats per element)
 * or 262,144 other ids: large batches matter on WebGPU, where each call has
 * a fixed cost.
 */
export async function scoreTexts(
  ort: OrtModule,
  session: OrtSessionLike,
  config: ModelConfig,
  encode: Encoder,
  texts: ReadonlyArray<string | null>,
): Promise<Float64Array[]> {
  const enc = config.encoding;
  const context = enc.type === 'bytes' ? enc.context : 0;
  const bos = enc.type === 'bytes' ? enc.bos : 0;
  const encoded = texts.map((t) => (t ? encode(t) : new Int32Array(0)));
  const out = config.scores.map(() => new Float64Array(texts.length).fill(NaN));
  const scorable = encoded.map((ids, i) => (ids.length > 0 ? i : -1)).filter((i) => i >= 0);
  const batches = lengthBatches(
    scorable.map((i) => encoded[i].length),
    enc.type === 'bytes' ? 65_536 : 262_144,
  ).map((b) => b.map((k) => scorable[k]));
  for (const batch of batches) {
    const n = Math.max(...batch.map((i) => encoded[i].length));
    const width = context + n;
    const ids = new Int32Array(batch.length * width);
    const mask = new Float32Array(batch.length * n);
    batch.forEach((doc, r) => {
      const row = r * width;
      ids.fill(bos, row, row + context);
      ids.set(encoded[doc], row + context);
      mask.fill(1, r * n, r * n + encoded[doc].length);
    });
    const result = await session.run(modelFeeds(ort, session, config, ids, mask, batch.length, width, n));
    config.scores.forEach((s, k) => {
      const data = tensorNumbers(result[s.output || session.outputMetadata[0].name]);
      // A row per document: one value, or a head's logits.
      const rowWidth = data.length / batch.length;
      batch.forEach((doc, r) => {
        out[k][doc] = s.transform ? applyTransform(s.transform, Array.from({ length: rowWidth }, (_, c) => Number(data[r * rowWidth + c]))) : Number(data[r * rowWidth]);
      });
    });
  }
  return out;
}

/** A float16 value from its 16 bits (IEEE 754 binary16). */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** An output's values as numbers: float16 outputs come as their raw 16 bits (no Float16Array here), so they are decoded. */
function tensorNumbers(tensor: OrtTensorLike): ArrayLike<number> {
  if (tensor.type === 'float16' && tensor.data instanceof Uint16Array) return Array.from(tensor.data, halfToNumber);
  return tensor.data as ArrayLike<number>;
}

/**
 * A batch's inputs as the config names them: ids [rows, width] in the config's dtype, the mask
 * [rows, maskWidth] in the model's mask dtype, and token type ids (zeros) when the model has them.
 */
function modelFeeds(ort: OrtModule, session: OrtSessionLike, config: ModelConfig, ids: Int32Array, mask: Float32Array, rows: number, width: number, maskWidth: number): Record<string, OrtTensorLike> {
  const enc = config.encoding;
  const meta = (name: string | undefined) => (name ? session.inputMetadata.find((m) => m.name === name) : undefined);
  const feeds: Record<string, OrtTensorLike> = {
    [enc.ids]: enc.dtype === 'int64' ? new ort.Tensor('int64', BigInt64Array.from(ids, (v) => BigInt(v)), [rows, width]) : new ort.Tensor('int32', ids, [rows, width]),
  };
  if (enc.mask) feeds[enc.mask] = maskTensor(ort, (meta(enc.mask)?.type ?? 'float32') as 'float32' | 'int64' | 'int32' | 'bool', mask, [rows, maskWidth]);
  const typeIds = enc.type === 'tokenizer' ? meta(enc.typeIds) : undefined;
  if (typeIds) feeds[typeIds.name] = typeIds.type === 'int32' ? new ort.Tensor('int32', new Int32Array(rows * width), [rows, width]) : new ort.Tensor('int64', new BigInt64Array(rows * width), [rows, width]);
  return feeds;
}

function maskTensor(ort: OrtModule, type: 'float32' | 'int64' | 'int32' | 'bool', mask: Float32Array, dims: number[]): OrtTensorLike {
  if (type === 'float32') return new ort.Tensor('float32', mask, dims);
  if (type === 'int64') return new ort.Tensor('int64', BigInt64Array.from(mask, (v) => BigInt(v)), dims);
  if (type === 'int32') return new ort.Tensor('int32', Int32Array.from(mask), dims);
  return new ort.Tensor('bool', Uint8Array.from(mask), dims);
}
