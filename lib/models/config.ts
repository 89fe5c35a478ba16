/**
 * Model configs: how Sift feeds a model (its input names and encoding), which
 * outputs are scores, what they are called and which way is better. The
 * shipped models use the same format as a bring-your-own model, so both go
 * through one parser, one validator and one runner.
 */
import type { HashedNgramSpec } from './hashed-ngrams';

export type Direction = 'higher_is_better' | 'lower_is_better';
export type IdType = 'int32' | 'int64';

export interface ScoreOutput {
  /** The model output holding the score ([batch] or [batch, 1]). */
  output: string;
  /** The selector's name in Sift. */
  name: string;
  direction: Direction;
}

export type Encoding =
  | ({ type: 'hashed_ngrams'; ids: string; mask?: string; dtype: IdType } & Omit<HashedNgramSpec, 'maxChars'>)
  | { type: 'bytes'; ids: string; mask?: string; dtype: IdType; /** leading "before the start" symbols */ context: number; bos: number }
  | { type: 'tokenizer'; ids: string; mask?: string; dtype: IdType; /** tokenizer.json, parsed */ tokenizer: unknown };

export interface ModelConfig {
  name: string;
  encoding: Encoding;
  /** Characters (hashed n-grams), bytes (bytes) or tokens (tokenizer) read per document. */
  maxLength: number;
  scores: ScoreOutput[];
  description?: string;
}

export class ModelConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ModelConfigError';
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Parses a JSON config. `tokenizerJson` supplies the tokenizer.json a
 * `tokenizer` encoding names (read by the caller: a file beside the config on
 * the CLI, a second file picked on the page).
 */
export function parseModelConfig(file: string, json: unknown, tokenizerJson?: unknown): ModelConfig {
  const fail = (msg: string): never => {
    throw new ModelConfigError(file, msg);
  };
  if (!json || typeof json !== 'object' || Array.isArray(json)) fail('expected a JSON object');
  const c = json as Record<string, unknown>;
  const str = (obj: Record<string, unknown>, key: string, where: string): string => {
    const v = obj[key];
    if (typeof v !== 'string' || v === '') fail(`"${where}" must be a non-empty string`);
    return v as string;
  };
  const name = str(c, 'name', 'name');
  if (!NAME.test(name)) fail(`"name" must be letters, digits and _ (starting with a letter or _), got "${name}"`);
  const maxLength = c.max_length ?? c.maxLength;
  if (typeof maxLength !== 'number' || !Number.isInteger(maxLength) || maxLength < 1 || maxLength > 1_000_000) fail('"max_length" must be a whole number from 1 to 1,000,000');
  const inputs = c.inputs;
  if (!inputs || typeof inputs !== 'object') fail('"inputs" must be an object naming the model inputs, e.g. {"ids": "input_ids", "mask": "attention_mask"}');
  const ins = inputs as Record<string, unknown>;
  const ids = str(ins, 'ids', 'inputs.ids');
  const mask = ins.mask === undefined ? undefined : str(ins, 'mask', 'inputs.mask');
  const dtype = (ins.dtype ?? 'int64') as IdType;
  if (dtype !== 'int32' && dtype !== 'int64') fail(`"inputs.dtype" must be "int32" or "int64", got ${JSON.stringify(ins.dtype)}`);
  const enc = c.encoding;
  if (!enc || typeof enc !== 'object') fail('"encoding" must be an object with a "type": "hashed_ngrams", "bytes" or "tokenizer"');
  const e = enc as Record<string, unknown>;
  let encoding: Encoding;
  const ints = (v: unknown, where: string, lo: number, hi: number): number[] => {
    if (!Array.isArray(v) || v.some((x) => !Number.isInteger(x) || x < lo || x > hi)) fail(`"${where}" must be a list of whole numbers from ${lo} to ${hi}`);
    return v as number[];
  };
  if (e.type === 'hashed_ngrams') {
    const buckets = e.buckets;
    if (!Number.isInteger(buckets) || (buckets as number) < 2 || (buckets as number) > 2 ** 28) fail('"encoding.buckets" must be a whole number from 2 to 2^28');
    encoding = {
      type: 'hashed_ngrams',
      ids,
      mask,
      dtype,
      buckets: buckets as number,
      wordNgrams: ints(e.word_ngrams ?? [1, 2], 'encoding.word_ngrams', 1, 5),
      charNgrams: ints(e.char_ngrams ?? [], 'encoding.char_ngrams', 1, 8),
    };
  } else if (e.type === 'bytes') {
    const context = e.context ?? 0;
    const bos = e.bos ?? 256;
    if (!Number.isInteger(context) || (context as number) < 0 || (context as number) > 4096) fail('"encoding.context" must be a whole number from 0 to 4096');
    if (!Number.isInteger(bos) || (bos as number) < 0) fail('"encoding.bos" must be a whole number ≥ 0');
    encoding = { type: 'bytes', ids, mask, dtype, context: context as number, bos: bos as number };
  } else if (e.type === 'tokenizer') {
    if (!tokenizerJson) fail(`the "tokenizer" encoding needs a tokenizer.json (config names "${String(e.file ?? 'tokenizer.json')}")`);
    encoding = { type: 'tokenizer', ids, mask, dtype, tokenizer: tokenizerJson };
  } else {
    return fail(`"encoding.type" must be "hashed_ngrams", "bytes" or "tokenizer", got ${JSON.stringify(e.type)}`);
  }
  const rawScores: unknown[] = Array.isArray(c.scores) ? c.scores : [{ output: c.output, name, direction: c.direction }];
  if (rawScores.length === 0) fail('"scores" must list at least one output');
  const scores = rawScores.map((s, i) => {
    const where = Array.isArray(c.scores) ? `scores[${i}].` : '';
    if (!s || typeof s !== 'object') fail(`"${where || 'scores'}" must be an object`);
    const o = s as Record<string, unknown>;
    const output = str(o, 'output', `${where}output`);
    const sname = str(o, 'name', `${where}name`);
    if (!NAME.test(sname)) fail(`"${where}name" must be letters, digits and _, got "${sname}"`);
    const direction = o.direction === 'higher' ? 'higher_is_better' : o.direction === 'lower' ? 'lower_is_better' : o.direction;
    if (direction !== 'higher_is_better' && direction !== 'lower_is_better') fail(`"${where}direction" must be "higher_is_better" or "lower_is_better", got ${JSON.stringify(o.direction)}`);
    return { output, name: sname, direction: direction as Direction };
  });
  return { name, encoding, maxLength: maxLength as number, scores, description: typeof c.description === 'string' ? c.description : undefined };
}

/** Metadata of one model input or output, as onnxruntime reports it (web and node alike). */
export interface ValueMeta {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: ReadonlyArray<number | string>;
}

const fmt = (m: ValueMeta) => `${m.name} ${m.isTensor ? `${m.type} [${(m.shape ?? []).join(', ')}]` : '(not a tensor)'}`;

/**
 * Checks a loaded model's inputs and outputs against its config before any
 * document is scored. Returns problems, each naming the input or output and
 * what differs (name, dtype or shape); empty when they fit.
 */
export function checkModelAgainstConfig(config: ModelConfig, inputs: readonly ValueMeta[], outputs: readonly ValueMeta[]): string[] {
  const problems: string[] = [];
  const enc = config.encoding;
  const byName = new Map(inputs.map((m) => [m.name, m]));
  const wanted: Array<{ role: string; name: string; dtype: string }> = [{ role: 'ids', name: enc.ids, dtype: enc.dtype }];
  if (enc.mask) wanted.push({ role: 'mask', name: enc.mask, dtype: '' });
  for (const w of wanted) {
    const m = byName.get(w.name);
    if (!m) {
      problems.push(`input "${w.name}" (inputs.${w.role} in the config) is not an input of the model; its inputs are: ${inputs.map(fmt).join('; ')}`);
      continue;
    }
    if (!m.isTensor) {
      problems.push(`input "${w.name}" is not a tensor`);
      continue;
    }
    if (w.role === 'ids' && m.type !== w.dtype) problems.push(`input "${w.name}": dtype mismatch — the config feeds ${w.dtype} (inputs.dtype), the model expects ${m.type}`);
    if (w.role === 'mask' && !['float32', 'int64', 'int32', 'bool'].includes(m.type ?? '')) problems.push(`input "${w.name}": dtype ${m.type} cannot hold a mask (expected float32, int64, int32 or bool)`);
    if (m.shape && m.shape.length > 0 && m.shape.length !== 2) problems.push(`input "${w.name}": shape mismatch — Sift feeds [batch, length] (rank 2), the model expects [${m.shape.join(', ')}] (rank ${m.shape.length})`);
    if (m.shape && m.shape.length === 2 && typeof m.shape[0] === 'number' && m.shape[0] !== 1) problems.push(`input "${w.name}": the model fixes the batch dimension to ${m.shape[0]}; Sift needs it dynamic or 1`);
  }
  const fed = new Set(wanted.map((w) => w.name));
  for (const m of inputs) if (!fed.has(m.name)) problems.push(`the model has an input "${m.name}" (${fmt(m)}) that the config does not feed; name it in "inputs"`);
  const outByName = new Map(outputs.map((m) => [m.name, m]));
  for (const s of config.scores) {
    const m = outByName.get(s.output);
    if (!m) {
      problems.push(`output "${s.output}" (for selector ${s.name}) is not an output of the model; its outputs are: ${outputs.map(fmt).join('; ')}`);
      continue;
    }
    if (!m.isTensor || !['float32', 'float16', 'float64'].includes(m.type ?? '')) problems.push(`output "${s.output}": dtype mismatch — a score must be float32, float16 or float64, the model gives ${m.type ?? 'a non-tensor'}`);
    const shape = m.shape ?? [];
    if (shape.length > 2 || (shape.length === 2 && shape[1] !== 1)) problems.push(`output "${s.output}": shape mismatch — a score must be [batch] or [batch, 1], the model gives [${shape.join(', ')}]`);
  }
  return problems;
}
