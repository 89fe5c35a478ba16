/**
 * `<name>.provenance.json`: how a manifest was made, written by the page and
 * by `sift export` alike; `sift verify` rebuilds the export options from it.
 */
import type { Direction } from '../selection/order';
import type { ExportResult, SelectionCounts } from './build';
import type { ExportOptions } from './command';
import { MINHASH } from './minhash';
import { SIFT_VERSION } from './version';

export interface InputRecord {
  name: string;
  bytes: number;
  sha256: string;
  /** CLI: the absolute path; page: where the file came from. */
  path?: string;
  source?: string;
}

/** Malformed JSONL lines left out of the dataset, per file; null when loading stopped at the first (so none were). */
export type SkippedLines = Array<{ file: string; count: number; first_lines: number[] }> | null;

/** The provenance record of skipped lines, from the shards' load reports. */
export function skippedLines(skip: boolean | undefined, shards: Array<{ file: string; badLines?: { count: number; examples: Array<{ line: number }> } }>): SkippedLines {
  if (!skip) return null;
  return shards.filter((s) => (s.badLines?.count ?? 0) > 0).map((s) => ({ file: s.file, count: s.badLines!.count, first_lines: s.badLines!.examples.map((e) => e.line) }));
}

export interface ProvenanceArgs {
  options: ExportOptions;
  command: string;
  fingerprint: string;
  rows: number;
  inputs: InputRecord[];
  skippedLines: SkippedLines;
  /** Score files joined by id (--scores), hashed like the inputs. */
  scoreFiles?: InputRecord[];
  /** The folders given, when the inputs came from a folder's layout (a Dolma root, exclusion outputs). */
  opened?: string[];
  selector: { kind: 'column' | 'derived' | 'computed'; expression: string | null; direction: Direction; scorer: string | null };
  selection: SelectionCounts;
  result: Pick<ExportResult, 'rows' | 'counts' | 'overrides' | 'duplicates'>;
  annotationsFile: { name: string; bytes: number; sha256: string; path?: string } | null;
  manifest: { file: string; bytes: number; sha256: string };
}

export function buildProvenance(a: ProvenanceArgs) {
  const o = a.options;
  return {
    sift_version: SIFT_VERSION,
    created: new Date().toISOString(),
    command: a.command,
    dataset: { fingerprint: a.fingerprint, rows: a.rows, inputs: a.inputs, skipped_malformed_lines: a.skippedLines, ...(a.scoreFiles?.length ? { score_files: a.scoreFiles } : {}), ...(a.opened?.length ? { opened: a.opened } : {}) },
    selector: { name: o.selector, kind: a.selector.kind, expression: a.selector.expression, scorer_version: a.selector.scorer, direction: a.selector.direction },
    defines: o.defines,
    selection: { drop_ratio: o.ratio, per_source: o.perSource ?? null, missing: o.missing, threshold: a.selection.threshold, rule: 'docs/selection.md' },
    mode: {
      name: o.mode,
      temperature: o.mode === 'threshold' ? null : (o.temperature ?? 1),
      sample: o.mode === 'boltzmann' ? (o.sample ?? null) : null,
      seed: o.mode === 'boltzmann' ? (o.seed ?? 0) : null,
      dedup_penalty: o.mode === 'boltzmann' && o.dedupPenalty ? o.dedupPenalty : null,
      minhash: o.mode === 'boltzmann' && o.dedupPenalty ? MINHASH : null,
    },
    overrides: o.annotations
      ? { file: a.annotationsFile, apply: o.annotations.apply, annotator: o.annotations.annotator, counts: a.result.overrides, forced_keep: a.result.counts.forcedKeep, forced_drop: a.result.counts.forcedDrop }
      : null,
    filter: o.filter ? { sources: o.filter.sources, tag: o.filter.tag, score_min: o.filter.scoreMin, score_max: o.filter.scoreMax } : null,
    list: o.mode === 'threshold' ? o.list : null,
    corpus: !!o.corpus,
    format: o.format,
    counts: {
      total: a.selection.total,
      kept_by_rule: a.selection.kept,
      dropped_by_rule: a.selection.dropped,
      without_score: a.selection.missing,
      kept: a.result.counts.kept,
      dropped: a.result.counts.dropped,
      in_filter: a.result.counts.inScope,
      near_duplicates: a.result.duplicates,
      manifest_rows: a.result.rows,
      per_source: a.selection.perSource.map((s) => ({ source: s.source, total: s.total, kept: s.kept, dropped: s.dropped })),
    },
    manifest: a.manifest,
  };
}

export type Provenance = ReturnType<typeof buildProvenance>;

/** The export options a provenance file records (its own fields, so an edited parameter shows up). */
export function optionsFromProvenance(prov: Provenance, out: string, annotationsPath: string | null, scorePaths: string[] = []): ExportOptions {
  const f = prov.filter;
  return {
    selector: prov.selector.name,
    direction: prov.selector.direction,
    ratio: prov.selection.drop_ratio,
    perSource: prov.selection.per_source,
    missing: prov.selection.missing,
    mode: prov.mode.name,
    temperature: prov.mode.temperature ?? undefined,
    sample: prov.mode.sample ?? undefined,
    seed: prov.mode.seed ?? undefined,
    dedupPenalty: prov.mode.dedup_penalty ?? null,
    defines: prov.defines ?? [],
    list: prov.list ?? 'keep',
    format: prov.format,
    corpus: prov.corpus,
    // Absent in files written before the option existed: those loads stopped at a malformed line.
    skipBadLines: prov.dataset.skipped_malformed_lines != null,
    filter: f ? { sources: f.sources, tag: f.tag, scoreMin: f.score_min, scoreMax: f.score_max } : null,
    annotations: prov.overrides && annotationsPath ? { file: annotationsPath, apply: prov.overrides.apply, annotator: prov.overrides.annotator } : null,
    ...(scorePaths.length ? { scores: scorePaths } : {}),
    out,
  };
}
