/**
 * Manifest rows and bytes from a selection: the same functions in the page and
 * the CLI, so both write byte-identical files. Rows are in file order
 * (threshold, softmax) or draw order (boltzmann).
 *
 * Order of operations (docs/export.md): the selection rule over all documents
 * → annotation overrides (forced keep / forced drop) → the filter scope → the
 * mode (list, softmax weights, Boltzmann sample).
 */
import type { RowFacts, SelectionParams, SelectorIndex } from '../selection/engine';
import { computeKeepMask } from '../selection/engine';
import { boltzmannSample, softmaxWeights } from './modes';
import type { ParquetColumns } from './parquet';

export type ExportMode = 'threshold' | 'softmax' | 'boltzmann';
export type ManifestFormat = 'jsonl' | 'csv' | 'parquet';

export interface ExportSpec {
  mode: ExportMode;
  params: SelectionParams;
  /** threshold mode: which list to write. */
  list: 'keep' | 'drop';
  temperature?: number;
  sample?: number;
  seed?: number;
  format: ManifestFormat;
}

/** Per-row inputs beyond the selection, computed by the caller (the same way on both sides). */
export interface ManifestInputs {
  /** 1 = the row matches the export filter; null = every row. */
  scope?: Uint8Array | null;
  /** +1 forced keep, −1 forced drop, 0 none (from annotations). */
  overrides?: Int8Array | null;
  /** Boltzmann only: subtracted from the oriented score (near-duplicate penalty). */
  penalty?: Float64Array | null;
}

export interface ManifestRows {
  kind: 'list' | 'weights' | 'sample';
  /** Row indexes in manifest order. */
  rows: Uint32Array;
  /** softmax: the weight of each manifest row. */
  weights?: Float64Array;
  counts: { kept: number; dropped: number; inScope: number; forcedKeep: number; forcedDrop: number };
}

/** The final keep mask: the selection rule, then annotation overrides. */
export function finalKeepMask(rows: RowFacts, index: SelectorIndex, params: SelectionParams, overrides?: Int8Array | null) {
  const keep = computeKeepMask(rows, index, params);
  let forcedKeep = 0;
  let forcedDrop = 0;
  if (overrides) {
    for (let i = 0; i < keep.length; i++) {
      const o = overrides[i];
      if (o > 0 && !keep[i]) {
        keep[i] = 1;
        forcedKeep++;
      }
      else if (o < 0 && keep[i]) {
        keep[i] = 0;
        forcedDrop++;
      }
    }
  }
  return { keep, forcedKeep, forcedDrop };
}

export function selectManifestRows(
  rowsFacts: RowFacts,
  index: SelectorIndex,
  scores: Float64Array,
  docIds: string[],
  spec: ExportSpec,
  inputs: ManifestInputs = {},
): ManifestRows {
  const { keep, forcedKeep, forcedDrop } = finalKeepMask(rowsFacts, index, spec.params, inputs.overrides);
  const scope = inputs.scope ?? null;
  const n = keep.length;
  let kept = 0;
  let inScope = 0;
  for (let i = 0; i < n; i++) {
    kept += keep[i];
    if (!scope || scope[i]) inScope++;
  }
  const counts = { kept, dropped: n - kept, inScope, forcedKeep, forcedDrop };
  const want = spec.mode === 'threshold' && spec.list === 'drop' ? 0 : 1;
  const picked: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i] === want && (!scope || scope[i])) picked.push(i);
  const candidates = Uint32Array.from(picked);

  if (spec.mode === 'threshold') return { kind: 'list', rows: candidates, counts };
  const tau = spec.temperature ?? 1;
  if (spec.mode === 'softmax') {
    const all = softmaxWeights(scores, candidates, tau, index.direction);
    const rows: number[] = [];
    const weights: number[] = [];
    candidates.forEach((r, i) => {
      if (all[i] === all[i]) {
        rows.push(r);
        weights.push(all[i]);
      }
    });
    return { kind: 'weights', rows: Uint32Array.from(rows), weights: Float64Array.from(weights), counts };
  }
  const sample = boltzmannSample(scores, docIds, candidates, spec.sample ?? candidates.length, tau, spec.seed ?? 0, index.direction, inputs.penalty ?? undefined);
  return { kind: 'sample', rows: sample, counts };
}

/** Column names and values of a manifest, as the formats write them. */
export function manifestColumns(m: ManifestRows, docIds: string[]): ParquetColumns {
  const ids = Array.from(m.rows, (r) => docIds[r]);
  if (m.kind === 'weights') return { doc_id: ids, weight: m.weights! };
  if (m.kind === 'sample') return { doc_id: ids, draw_order: Int32Array.from(ids, (_, i) => i + 1) };
  return { doc_id: ids };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const CHUNK_ROWS = 65536;

/**
 * JSONL or CSV bytes, in chunks of at most 65,536 rows, so a large manifest is
 * never one huge string and can be written as a stream.
 */
export function* textChunks(columns: ParquetColumns, format: 'jsonl' | 'csv'): Generator<Uint8Array> {
  const names = Object.keys(columns);
  const values = names.map((k) => columns[k]);
  const n = values[0].length;
  const encoder = new TextEncoder();
  const cell = (v: string | number) =>
    typeof v === 'number' ? String(v) : format === 'csv' ? csvField(v) : JSON.stringify(v);
  const keys = names.map((k) => `${JSON.stringify(k)}:`);
  if (format === 'csv') yield encoder.encode(names.join(',') + '\n');
  for (let start = 0; start < n; start += CHUNK_ROWS) {
    let text = '';
    const end = Math.min(n, start + CHUNK_ROWS);
    for (let r = start; r < end; r++) {
      if (format === 'csv') text += values.map((col) => cell(col[r])).join(',') + '\n';
      else text += `{${values.map((col, c) => keys[c] + cell(col[r])).join(',')}}\n`;
    }
    yield encoder.encode(text);
  }
}

/** Total size of chunks. */
export const byteLength = (chunks: Uint8Array[]) => chunks.reduce((a, c) => a + c.length, 0);

/** The chunks as one string (text formats), for comparisons and tests. */
export function chunksToText(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return chunks.map((c) => decoder.decode(c, { stream: true })).join('') + decoder.decode();
}

export interface Difference {
  /** Where the files first differ: a line (text) or a byte offset (binary). */
  where: string;
  expected: string;
  actual: string;
}

/** The first difference between two manifests, or null when they are identical. */
export function firstDifference(expected: Uint8Array, actual: Uint8Array, binary: boolean): Difference | null {
  const n = Math.min(expected.length, actual.length);
  let i = 0;
  while (i < n && expected[i] === actual[i]) i++;
  if (i === n && expected.length === actual.length) return null;
  if (binary) {
    const hex = (b: Uint8Array) => (i < b.length ? `0x${b[i].toString(16).padStart(2, '0')}` : '(end of file)');
    return { where: `byte ${i} (of ${expected.length} expected, ${actual.length} found)`, expected: hex(expected), actual: hex(actual) };
  }
  const decoder = new TextDecoder();
  const lineOf = (b: Uint8Array) => {
    const start = b.lastIndexOf(0x0a, i - 1) + 1;
    let end = b.indexOf(0x0a, i);
    if (end < 0) end = b.length;
    return start >= b.length ? '(end of file)' : decoder.decode(b.subarray(start, end));
  };
  let line = 1;
  for (let k = 0; k < i; k++) if (expected[k] === 0x0a) line++;
  return { where: `line ${line}`, expected: lineOf(expected), actual: lineOf(actual) };
}
