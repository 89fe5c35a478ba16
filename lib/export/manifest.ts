/**
 * Manifest bytes from a selection: the same function in the page and the CLI,
 * so both write byte-identical files. Rows are in file order (threshold,
 * softmax) or draw order (boltzmann).
 */
import type { RowFacts, SelectionParams, SelectorIndex } from '../selection/engine';
import { computeKeepMask } from '../selection/engine';
import { boltzmannSample, softmaxWeights } from './modes';

export type ExportMode = 'threshold' | 'softmax' | 'boltzmann';
export type ManifestFormat = 'jsonl' | 'csv';

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

export interface ManifestResult {
  text: string;
  rows: number;
  kept: number;
  dropped: number;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function writeLines(format: ManifestFormat, header: string[], rows: Array<Array<string | number>>): string {
  if (format === 'csv') {
    const lines = [header.join(','), ...rows.map((r) => r.map((v) => (typeof v === 'number' ? String(v) : csvField(v))).join(','))];
    return lines.join('\n') + '\n';
  }
  return rows.map((r) => `{${r.map((v, i) => `${JSON.stringify(header[i])}:${typeof v === 'number' ? String(v) : JSON.stringify(v)}`).join(',')}}`).join('\n') + (rows.length ? '\n' : '');
}

export function buildManifest(rowsFacts: RowFacts, index: SelectorIndex, scores: Float64Array, docIds: string[], spec: ExportSpec): ManifestResult {
  const keep = computeKeepMask(rowsFacts, index, spec.params);
  let kept = 0;
  for (const k of keep) kept += k;
  const n = keep.length;
  const keptRows = new Uint32Array(kept);
  let j = 0;
  for (let i = 0; i < n; i++) if (keep[i]) keptRows[j++] = i;
  const base = { kept, dropped: n - kept };

  if (spec.mode === 'threshold') {
    const rows: Array<[string]> = [];
    for (let i = 0; i < n; i++) if ((keep[i] === 1) === (spec.list === 'keep')) rows.push([docIds[i]]);
    return { text: writeLines(spec.format, ['doc_id'], rows), rows: rows.length, ...base };
  }
  const tau = spec.temperature ?? 1;
  if (spec.mode === 'softmax') {
    const weights = softmaxWeights(scores, keptRows, tau, index.direction);
    const rows: Array<[string, number]> = [];
    keptRows.forEach((r, i) => {
      if (weights[i] === weights[i]) rows.push([docIds[r], weights[i]]);
    });
    return { text: writeLines(spec.format, ['doc_id', 'weight'], rows), rows: rows.length, ...base };
  }
  const sample = boltzmannSample(scores, docIds, keptRows, spec.sample ?? keptRows.length, tau, spec.seed ?? 0, index.direction);
  const rows = Array.from(sample, (r, i) => [docIds[r], i + 1] as [string, number]);
  return { text: writeLines(spec.format, ['doc_id', 'draw_order'], rows), rows: rows.length, ...base };
}

/** Line number (1-based) and both lines where two manifests first differ, or null when identical. */
export function firstDifference(expected: string, actual: string): { line: number; expected: string | undefined; actual: string | undefined } | null {
  if (expected === actual) return null;
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return { line: i + 1, expected: a[i], actual: b[i] };
  return { line: a.length, expected: undefined, actual: undefined };
}
