/**
 * One export, from prepared per-row arrays to file bytes: the function the
 * selection worker (page) and `sift export` (CLI) both call.
 */
import type { RowFacts, SelectorIndex } from '../selection/engine';
import { buildCorpus, type CorpusSource, type RowLocations } from './corpus';
import { manifestColumns, selectManifestRows, textChunks, type ExportSpec, type ManifestRows } from './manifest';
import { clusterStats, nearDuplicateClusters, redundancyPenalty } from './minhash';
import { resolveOverrides, type AnnotationRecord, type OverrideCounts, type OverridePolicy } from './overrides';
import { columnsTable, writeParquetTable, type ParquetModule } from './parquet';
import { isEmptyFilter, scopeMask, type ExportFilter } from './scope';

export interface ExportRequest {
  spec: ExportSpec;
  filter: ExportFilter | null;
  /** Rows carrying filter.tag (0/1), from DuckDB; null without a tag filter. */
  tagRows: Uint8Array | null;
  annotations: { records: AnnotationRecord[]; policy: OverridePolicy; fingerprint: string } | null;
  /** Boltzmann redundancy penalty P and the rows' MinHash signatures (n × MINHASH.hashes). */
  dedup: { penalty: number; signatures: Uint32Array } | null;
  /** Write the documents themselves instead of doc_ids. */
  corpus: { sources: CorpusSource[]; locations: RowLocations } | null;
}

export interface ExportResult {
  chunks: Uint8Array[];
  rows: number;
  counts: ManifestRows['counts'];
  overrides: OverrideCounts | null;
  duplicates: { clusters: number; documents: number } | null;
}

export async function buildExport(
  rowsFacts: RowFacts,
  index: SelectorIndex,
  scores: Float64Array,
  docIds: string[],
  req: ExportRequest,
  pq: ParquetModule | null,
): Promise<ExportResult> {
  const scope = isEmptyFilter(req.filter) ? null : scopeMask(rowsFacts, scores, req.filter!, req.tagRows);
  const resolved = req.annotations ? resolveOverrides(req.annotations.records, docIds, req.annotations.fingerprint, req.annotations.policy) : null;
  let penalty: Float64Array | null = null;
  let duplicates: ExportResult['duplicates'] = null;
  if (req.dedup && req.spec.mode === 'boltzmann') {
    const clusters = nearDuplicateClusters(req.dedup.signatures, docIds.length);
    penalty = redundancyPenalty(clusters, scores, docIds, index.direction, req.dedup.penalty);
    duplicates = clusterStats(clusters);
  }
  const m = selectManifestRows(rowsFacts, index, scores, docIds, req.spec, { scope, overrides: resolved?.overrides, penalty });
  const needParquet = () => {
    if (!pq) throw new Error('the Parquet writer is not loaded');
    return pq;
  };
  let chunks: Uint8Array[];
  if (req.corpus) {
    if (req.spec.format === 'csv') throw new Error('the filtered corpus is written as JSONL or Parquet, not CSV');
    chunks = await buildCorpus(req.corpus.sources, req.corpus.locations, m.rows, req.spec.format, needParquet);
  } else {
    const columns = manifestColumns(m, docIds);
    chunks = req.spec.format === 'parquet' ? [writeParquetTable(needParquet(), columnsTable(columns))] : [...textChunks(columns, req.spec.format)];
  }
  return { chunks, rows: m.rows.length, counts: m.counts, overrides: resolved?.counts ?? null, duplicates };
}
