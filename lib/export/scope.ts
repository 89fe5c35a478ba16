/**
 * The Browse filters an export can apply: sources, a tag, and a score range on
 * the export's selector. The selection rule is computed over all documents
 * first (so the threshold does not move); the filter then narrows which
 * documents the manifest lists.
 */
import type { RowFacts } from '../selection/engine';

export interface ExportFilter {
  /** Source labels ('' = documents without a source); empty = every source. */
  sources: string[];
  tag: string | null;
  scoreMin: number | null;
  scoreMax: number | null;
}

export const isEmptyFilter = (f: ExportFilter | null | undefined): boolean =>
  !f || (f.sources.length === 0 && !f.tag && f.scoreMin === null && f.scoreMax === null);

/**
 * 1 for rows that match every part of the filter. `tagRows` is the 0/1 mask
 * of rows carrying the tag (computed by the same SQL in DuckDB on both sides).
 * A score range excludes rows without a score.
 */
export function scopeMask(rows: RowFacts, scores: Float64Array, filter: ExportFilter, tagRows: Uint8Array | null): Uint8Array {
  const n = rows.sourceOf.length;
  const wanted = new Set(filter.sources);
  const sourceOk = rows.sources.map((s) => wanted.size === 0 || wanted.has(s ?? ''));
  const min = filter.scoreMin ?? -Infinity;
  const max = filter.scoreMax ?? Infinity;
  const ranged = filter.scoreMin !== null || filter.scoreMax !== null;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!sourceOk[rows.sourceOf[i]]) continue;
    if (filter.tag && !(tagRows && tagRows[i])) continue;
    if (ranged && !(scores[i] >= min && scores[i] <= max)) continue;
    out[i] = 1;
  }
  return out;
}

/** The filter as `sift export` options. */
export function filterArgs(f: ExportFilter): string[][] {
  const args: string[][] = [];
  if (f.sources.length) args.push(['--source', f.sources.join(',')]);
  if (f.tag) args.push(['--tag', f.tag]);
  if (f.scoreMin !== null) args.push(['--score-min', String(f.scoreMin)]);
  if (f.scoreMax !== null) args.push(['--score-max', String(f.scoreMax)]);
  return args;
}
