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
  return (text) => {
    const ids = tokenizer.encode(text).ids as Array<number | undefined>;
    if (ids.some((id) => id === undefined)) throw new Error('tokenizer.json: a token of this text has no id and the tokenizer has no unk_token');
    return Int32Array.from((ids.length > max ? ids.slice(0, max) : ids) as number[]);
  };
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
  const maskMeta = enc.mask ? session.inputMetadata.find((m) => m.name === enc.mask) : undefined;
  const maskType = (maskMeta?.type ?? 'float32') as 'float32' | 'int64' | 'int32' | 'bool';
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
    const feeds: Record<string, OrtTensorLike> = {
      [enc.ids]: enc.dtype === 'int64' ? new ort.Tensor('int64', BigInt64Array.from(ids, (v) => BigInt(v)), [batch.length, width]) : new ort.Tensor('int32', ids, [batch.length, width]),
    };
    if (enc.mask) feeds[enc.mask] = maskTensor(ort, maskType, mask, [batch.length, n]);
    const result = await session.run(feeds);
    config.scores.forEach((s, k) => {
      const data = result[s.output].data as ArrayLike<number>;
      batch.forEach((doc, r) => (out[k][doc] = Number(data[r])));
    });
  }
  return out;
}

function maskTensor(ort: OrtModule, type: 'float32' | 'int64' | 'int32' | 'bool', mask: Float32Array, dims: number[]): OrtTensorLike {
  if (type === 'float32') return new ort.Tensor('float32', mask, dims);
  if (type === 'int64') return new ort.Tensor('int64', BigInt64Array.from(mask, (v) => BigInt(v)), dims);
  if (type === 'int32') return new ort.Tensor('int32', Int32Array.from(mask), dims);
  return new ort.Tensor('bool', Uint8Array.from(mask), dims);
}
