/**
 * What a selection on a sample says about the corpus it was drawn from: the share the rule's
 * threshold would drop there, overall (stratified by source when the corpus's per-source counts
 * are known, else Wilson's interval on the sample) and per source, with the documents that
 * makes in the corpus. The sample's own counts stay exact; these are its 95 % intervals.
 */
import type { CorpusFigures } from '../data/corpus-figures';
import type { SelectionResult } from '../selection/engine';
import { scaled, stratified, wilson, type Interval } from './interval';

export interface SourceEstimate {
  source: string | null;
  sampleDocuments: number;
  /** Documents of this source in the corpus (null when only the corpus's size is known). */
  corpusDocuments: number | null;
  droppedShare: Interval;
  droppedDocuments: Interval | null;
}

export interface SampleEstimates {
  sampleDocuments: number;
  corpusDocuments: number;
  /** Share of the corpus the threshold drops, and as documents. */
  droppedShare: Interval;
  droppedDocuments: Interval;
  /** How the overall interval was made. */
  method: 'stratified by source' | 'Wilson';
  perSource: SourceEstimate[];
  /** Tokens the corpus keeps, estimated from the sample's kept share of tokens (no interval). */
  keptTokens: number | null;
}

const key = (s: string | null) => JSON.stringify(s);

export function sampleEstimates(corpus: CorpusFigures, result: SelectionResult): SampleEstimates {
  const bySource = new Map(corpus.sources.map((s) => [key(s.source), s]));
  const perSource: SourceEstimate[] = result.perSource.map((s) => {
    const c = bySource.get(key(s.source));
    const share = wilson(s.dropped, s.total, c?.documents ?? Infinity);
    return { source: s.source, sampleDocuments: s.total, corpusDocuments: c?.documents ?? null, droppedShare: share, droppedDocuments: c ? scaled(share, c.documents) : null };
  });
  // Stratify only when every source of the sample is known in the corpus (a relabelled source would bias it).
  const strata = perSource.every((s) => s.corpusDocuments !== null) && perSource.length > 1;
  const droppedShare = strata ? stratified(result.perSource.map((s, i) => ({ k: s.dropped, n: s.total, corpus: perSource[i].corpusDocuments! }))) : wilson(result.dropped, result.total, corpus.documents);
  const corpusTokens = corpus.sources.reduce((a, s) => a + s.tokens, 0);
  const sampleTokens = result.keptTokens + result.droppedTokens;
  return {
    sampleDocuments: result.total,
    corpusDocuments: corpus.documents,
    droppedShare,
    droppedDocuments: scaled(droppedShare, corpus.documents),
    method: strata ? 'stratified by source' : 'Wilson',
    perSource,
    keptTokens: corpusTokens > 0 && sampleTokens > 0 ? (result.keptTokens / sampleTokens) * corpusTokens : null,
  };
}

export interface CellEstimate {
  cell: 'dropped_both' | 'dropped_a_only' | 'dropped_b_only' | 'kept_both' | 'dropped_a' | 'dropped_b';
  sampleDocuments: number;
  share: Interval;
  corpusDocuments: Interval;
}

/**
 * Compare's 2×2 table on a sample, read for the corpus: each cell's share
 * (and what each selector drops) with Wilson's 95 % interval and the
 * finite-population correction, as shares and as corpus documents.
 */
export function twoByTwoEstimates(corpus: CorpusFigures, t: { dropped_both: number; dropped_a_only: number; dropped_b_only: number; kept_both: number }): CellEstimate[] {
  const n = t.dropped_both + t.dropped_a_only + t.dropped_b_only + t.kept_both;
  const cells: Array<[CellEstimate['cell'], number]> = [
    ['dropped_both', t.dropped_both],
    ['dropped_a_only', t.dropped_a_only],
    ['dropped_b_only', t.dropped_b_only],
    ['kept_both', t.kept_both],
    ['dropped_a', t.dropped_both + t.dropped_a_only],
    ['dropped_b', t.dropped_both + t.dropped_b_only],
  ];
  return cells.map(([cell, k]) => {
    const share = wilson(k, n, corpus.documents);
    return { cell, sampleDocuments: k, share, corpusDocuments: scaled(share, corpus.documents) };
  });
}
