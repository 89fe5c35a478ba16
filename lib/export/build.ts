/**
 * One export, from prepared per-row arrays to file bytes: the function the
 * selection worker (page) and `sift export` (CLI) both call.
 */
import { computeSelection, type RowFacts, type SelectorIndex } from '../selection/engine';
import type { ExportOptions } from './command';
import { buildCorpus, type CorpusSource, type RowLocations } from './corpus';
import { manifestColumns, selectManifestRows, textChunks, type ExportSpec, type ManifestRows } from './manifest';
import { clusterStats, nearDuplicateClusters, redundancyPenalty } from './minhash';
import { resolveOverrides, type AnnotationRecord, type OverrideCounts } from './overrides';
import { columnsTable, writeParquetTable, type ParquetModule } from './parquet';
import { isEmptyFilter, scopeMask } from './scope';

/** What the caller reads from its own storage (DuckDB in Node or in the page) for one export. */
export interface ExportInputs {
  /** doc_ids in row order. */
  docIds: string[];
  /** Rows carrying options.filter.tag (0/1); null without a tag filter. */
  tagRows: Uint8Array | null;
  /** The annotations file's records (options.annotations names it and its policy) and the dataset fingerprint they must match. */
  annotations: { records: AnnotationRecord[]; fingerprint: string } | null;
  /** The rows' MinHash signatures (n × MINHASH.hashes), for a Boltzmann export with a redundancy penalty. */
  signatures: Uint32Array | null;
  /** The input files, when the documents themselves are written instead of doc_ids. */
  corpus: { sources: CorpusSource[]; locations: RowLocations } | null;
  /** parquet-wasm (its browser build in the page, its Node build in the CLI): the same writer. */
  parquet: ParquetModule | null;
}

export interface SelectionCounts {
  threshold: number | null;
  total: number;
  kept: number;
  dropped: number;
  missing: number;
  perSource: Array<{ source: string | null; total: number; kept: number; dropped: number }>;
}

export interface ExportResult {
  chunks: Uint8Array[];
  rows: number;
  counts: ManifestRows['counts'];
  overrides: OverrideCounts | null;
  duplicates: { clusters: number; documents: number } | null;
  /** The selection's own counts (what the provenance records), from the same rule as the manifest. */
  selection: SelectionCounts;
}

/** The selection parameters and manifest shape an export's options describe. */
export function exportSpec(o: ExportOptions): ExportSpec {
  return {
    mode: o.mode,
    params: { ratio: o.ratio, perSource: o.perSource ?? null, missing: o.missing },
    list: o.list,
    temperature: o.temperature,
    sample: o.sample,
    seed: o.seed,
    format: o.format,
  };
}

/** Whether these options need near-duplicate signatures (a Boltzmann export with a redundancy penalty). */
export const needsSignatures = (o: ExportOptions): boolean => !!o.dedupPenalty && o.mode === 'boltzmann';

/**
 * One export, from the prepared selector to file bytes: the one pipeline the
 * page (through the selection service) and `sift export` both run, so their files are identical.
 */
export async function buildExport(rowsFacts: RowFacts, index: SelectorIndex, scores: Float64Array, o: ExportOptions, inputs: ExportInputs): Promise<ExportResult> {
  const spec = exportSpec(o);
  const { docIds } = inputs;
  const filter = o.filter ?? null;
  const scope = isEmptyFilter(filter) ? null : scopeMask(rowsFacts, scores, filter!, inputs.tagRows);
  const resolved = o.annotations && inputs.annotations ? resolveOverrides(inputs.annotations.records, docIds, inputs.annotations.fingerprint, o.annotations) : null;
  let penalty: Float64Array | null = null;
  let duplicates: ExportResult['duplicates'] = null;
  if (needsSignatures(o)) {
    if (!inputs.signatures) throw new Error('the near-duplicate signatures are not computed');
    const clusters = nearDuplicateClusters(inputs.signatures, docIds.length);
    penalty = redundancyPenalty(clusters, scores, docIds, index.direction, o.dedupPenalty!);
    duplicates = clusterStats(clusters);
  }
  const m = selectManifestRows(rowsFacts, index, scores, docIds, spec, { scope, overrides: resolved?.overrides, penalty });
  const needParquet = () => {
    if (!inputs.parquet) throw new Error('the Parquet writer is not loaded');
    return inputs.parquet;
  };
  let chunks: Uint8Array[];
  if (o.corpus) {
    if (!inputs.corpus) throw new Error('the corpus export needs the input files');
    if (spec.format === 'csv') throw new Error('the filtered corpus is written as JSONL or Parquet, not CSV');
    chunks = await buildCorpus(inputs.corpus.sources, inputs.corpus.locations, m.rows, spec.format, needParquet);
  } else {
    const columns = manifestColumns(m, docIds);
    chunks = spec.format === 'parquet' ? [writeParquetTable(needParquet(), columnsTable(columns))] : [...textChunks(columns, spec.format)];
  }
  const sel = computeSelection(rowsFacts, index, spec.params);
  return {
    chunks,
    rows: m.rows.length,
    counts: m.counts,
    overrides: resolved?.counts ?? null,
    duplicates,
    selection: { threshold: sel.threshold, total: sel.total, kept: sel.kept, dropped: sel.dropped, missing: sel.missing, perSource: sel.perSource.map((p) => ({ source: p.source, total: p.total, kept: p.kept, dropped: p.dropped })) },
  };
}

/** Whether the export reads Parquet (a Parquet manifest, or a corpus whose inputs or output may be Parquet). */
export const needsParquet = (o: ExportOptions): boolean => o.format === 'parquet' || !!o.corpus;
