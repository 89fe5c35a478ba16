/**
 * Model configs: how Sift feeds a model (its input names and encoding), which
 * outputs are scores, what they are called and which way is better. The
 * shipped models use the same format as a bring-your-own model, so both go
 * through one parser, one validator and one runner.
 */
import type { HashedNgramSpec } from './hashed-ngrams';
import { transformWidthProblem, type Transform } from './heads';
import { withPreset } from './presets';

export type Direction = 'higher_is_better' | 'lower_is_better';
export type IdType = 'int32' | 'int64';

export interface ScoreOutput {
  /** The model output holding the score ([batch] or [batch, 1]; [batch, classes] for a head); '' for the model's only output. */
  output: string;
  /** The selector's name in Sift. */
  name: string;
  direction: Direction;
  /** How a document's output row becomes the score (lib/models/heads); absent: its first value. */
  transform?: Transform;
}

export type Encoding =
  | ({ type: 'hashed_ngrams'; ids: string; mask?: string; dtype: IdType } & Omit<HashedNgramSpec, 'maxChars'>)
  | { type: 'bytes'; ids: string; mask?: string; dtype: IdType; /** leading "before the start" symbols */ context: number; bos: number }
  | { type: 'tokenizer'; ids: string; mask?: string; /** token type ids, fed as zeros when the model has this input */ typeIds?: string; dtype: IdType; /** tokenizer.json, parsed */ tokenizer: unknown };

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
  const c = withPreset(json as Record<string, unknown>, fail);
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
    const typeIds = ins.type_ids === undefined ? undefined : str(ins, 'type_ids', 'inputs.type_ids');
    encoding = { type: 'tokenizer', ids, mask, ...(typeIds ? { typeIds } : {}), dtype, tokenizer: tokenizerJson };
  } else {
    return fail(`"encoding.type" must be "hashed_ngrams", "bytes" or "tokenizer", got ${JSON.stringify(e.type)}`);
  }
  if (c.head !== undefined) return { name, encoding, maxLength: maxLength as number, scores: headScores(c.head, fail), description: typeof c.description === 'string' ? c.description : undefined };
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

/** A selector name from a class label: lower case, letters and digits joined by _. */
const slug = (label: string) => label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'class';

/**
 * The selectors of a classifier head (lib/models/heads): regression (the
 * value, and its int_score), softmax (each class's probability and the
 * expected score) or binary (the positive class's probability).
 */
function headScores(head: unknown, fail: (message: string) => never): ScoreOutput[] {
  if (!head || typeof head !== 'object' || Array.isArray(head)) return fail('"head" must be an object with a "type": "regression", "softmax" or "binary"');
  const h = head as Record<string, unknown>;
  // No output named: the model's only output (a model with several makes the check name them).
  const output = h.output === undefined ? '' : typeof h.output === 'string' && h.output ? h.output : fail('"head.output" must name an output of the model');
  const name = typeof h.name === 'string' && NAME.test(h.name) ? h.name : fail(`"head.name" must be letters, digits and _ (the selector's name), got ${JSON.stringify(h.name)}`);
  const direction: Direction = h.direction === 'lower' ? 'lower_is_better' : h.direction === undefined || h.direction === 'higher' ? 'higher_is_better' : fail(`"head.direction" must be "higher" or "lower", got ${JSON.stringify(h.direction)}`);
  if (h.type === 'regression') {
    const scores: ScoreOutput[] = [{ output, name, direction, transform: { kind: 'value', index: 0 } }];
    if (h.int_score !== undefined && h.int_score !== false) {
      const intName = h.int_score === true ? `${name}_int` : typeof h.int_score === 'string' && NAME.test(h.int_score) ? h.int_score : fail('"head.int_score" must be true or a selector name');
      const range = h.int_range ?? [0, 5];
      if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isInteger) || range[0] >= range[1]) fail('"head.int_range" must be two whole numbers, low then high');
      scores.push({ output, name: intName, direction, transform: { kind: 'int_score', min: (range as number[])[0], max: (range as number[])[1] } });
    }
    return scores;
  }
  if (h.type === 'softmax') {
    const labels = h.labels;
    if (!Array.isArray(labels) || labels.length < 2 || !labels.every((l) => typeof l === 'string' && l !== '')) fail('"head.labels" must list the classes in the model\'s output order (at least two names)');
    const weights = h.weights ?? (labels as string[]).map((_, i) => i);
    if (!Array.isArray(weights) || weights.length !== (labels as string[]).length || !weights.every((w) => typeof w === 'number' && Number.isFinite(w))) fail(`"head.weights" must give one number per class (${(labels as string[]).length})`);
    const w = weights as number[];
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const names = (labels as string[]).map((l) => `${name}_${slug(l)}`);
    if (new Set(names).size !== names.length) fail('"head.labels" give two classes the same selector name');
    // A class's probability is better higher when its weight is above the classes' mean.
    return [
      { output, name, direction, transform: { kind: 'expected', weights: w } },
      ...names.map((n, i): ScoreOutput => ({ output, name: n, direction: w[i] > mean ? 'higher_is_better' : 'lower_is_better', transform: { kind: 'softmax', index: i } })),
    ];
  }
  if (h.type === 'binary') return [{ output, name, direction, transform: { kind: 'binary' } }];
  return fail(`"head.type" must be "regression", "softmax" or "binary", got ${JSON.stringify(h.type)}`);
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
  // Token type ids are fed only to a model that has the input (BERT exports do, DeBERTa's may not).
  if (enc.type === 'tokenizer' && enc.typeIds && byName.has(enc.typeIds)) wanted.push({ role: 'type_ids', name: enc.typeIds, dtype: '' });
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
    if (w.role === 'type_ids' && m.type !== 'int64' && m.type !== 'int32') problems.push(`input "${w.name}": token type ids must be int64 or int32, the model expects ${m.type}`);
    if (w.role === 'ids' && m.type !== w.dtype) problems.push(`input "${w.name}": dtype mismatch — the config feeds ${w.dtype} (inputs.dtype), the model expects ${m.type}`);
    if (w.role === 'mask' && !['float32', 'int64', 'int32', 'bool'].includes(m.type ?? '')) problems.push(`input "${w.name}": dtype ${m.type} cannot hold a mask (expected float32, int64, int32 or bool)`);
    if (m.shape && m.shape.length > 0 && m.shape.length !== 2) problems.push(`input "${w.name}": shape mismatch — Sift feeds [batch, length] (rank 2), the model expects [${m.shape.join(', ')}] (rank ${m.shape.length})`);
    if (m.shape && m.shape.length === 2 && typeof m.shape[0] === 'number' && m.shape[0] !== 1) problems.push(`input "${w.name}": the model fixes the batch dimension to ${m.shape[0]}; Sift needs it dynamic or 1`);
  }
  const fed = new Set(wanted.map((w) => w.name));
  for (const m of inputs) if (!fed.has(m.name)) problems.push(`the model has an input "${m.name}" (${fmt(m)}) that the config does not feed; name it in "inputs"`);
  const outByName = new Map(outputs.map((m) => [m.name, m]));
  for (const s of config.scores) {
    if (s.output === '' && outputs.length !== 1) {
      problems.push(`the model has ${outputs.length} outputs (${outputs.map((o) => o.name).join(', ')}) and the config names none for selector ${s.name}: set "head.output"`);
      continue;
    }
    const m = s.output === '' ? outputs[0] : outByName.get(s.output);
    if (!m) {
      problems.push(`output "${s.output}" (for selector ${s.name}) is not an output of the model; its outputs are: ${outputs.map(fmt).join('; ')}`);
      continue;
    }
    if (!m.isTensor || !['float32', 'float16', 'float64'].includes(m.type ?? '')) problems.push(`output "${m.name}": dtype mismatch — a score must be float32, float16 or float64, the model gives ${m.type ?? 'a non-tensor'}`);
    const shape = m.shape ?? [];
    const transform = s.transform ?? { kind: 'value', index: 0 };
    if (shape.length > 2) problems.push(`output "${m.name}": shape mismatch — Sift reads [batch] or [batch, values], the model gives [${shape.join(', ')}]`);
    else if (!s.transform && shape.length === 2 && shape[1] !== 1) problems.push(`output "${m.name}": shape mismatch — a score must be [batch] or [batch, 1], the model gives [${shape.join(', ')}]`);
    else if (shape.length === 2 && typeof shape[1] === 'number') {
      const problem = transformWidthProblem(transform, shape[1]);
      if (problem) problems.push(`output "${m.name}" [${shape.join(', ')}] for selector ${s.name}: ${problem}`);
    }
  }
  return problems;
}
