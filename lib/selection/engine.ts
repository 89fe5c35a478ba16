import { buildSelectorOrder, dropCountFor, type Direction, type SelectorOrder } from './order';

/** Per-row facts every selection needs, independent of the selector. */
export interface RowFacts {
  /** Index into `sources` for each row. */
  sourceOf: Uint32Array;
  sources: Array<string | null>;
  /** Characters per row (NaN when unknown), tokens per row (NaN when unknown). */
  chars: Float64Array;
  tokens: Float64Array;
  /** Each row's position in doc_id byte order: the tie-break. */
  idRank: Uint32Array;
}

/** A selector prepared for fast selections: its order plus per-source checkpoints and prefix sums. */
export interface SelectorIndex extends SelectorOrder {
  name: string;
  /** cp[j × S + s] = documents of source s among order[0 .. j × CHECKPOINT). */
  checkpoints: Int32Array;
  /** prefix sums of chars / tokens along `order` (length N + 1; NaN counted as 0). */
  prefixChars: Float64Array;
  prefixTokens: Float64Array;
  /** Per-source sub-orders (positions into `order`), built on first per-source use. */
  bySource?: { offsets: Int32Array; positions: Uint32Array };
  /** Documents per source, and those without a score per source (with their chars and tokens). */
  sourceTotals: Int32Array;
  missingBySource: Int32Array;
  missingChars: number;
  missingTokens: number;
}

const CHECKPOINT = 1024;

export function buildSelectorIndex(rows: RowFacts, name: string, scores: Float64Array, direction: Direction): SelectorIndex {
  const base = buildSelectorOrder(scores, rows.idRank, direction);
  const { order } = base;
  const S = rows.sources.length;
  const n = order.length;
  const cps = Math.floor(n / CHECKPOINT) + 1;
  const checkpoints = new Int32Array(cps * S);
  const running = new Int32Array(S);
  // Each row's facts scattered to its place in the order (reading them along the order would be a
  // random read per row), then summed in order: prefix[i + 1] holds row order[i]'s value first.
  const place = new Int32Array(rows.sourceOf.length).fill(-1);
  for (let i = 0; i < n; i++) place[order[i]] = i;
  const sourceAt = new Uint32Array(n);
  const prefixChars = new Float64Array(n + 1);
  const prefixTokens = new Float64Array(n + 1);
  for (let row = 0; row < place.length; row++) {
    const i = place[row];
    if (i < 0) continue;
    sourceAt[i] = rows.sourceOf[row];
    const c = rows.chars[row];
    const t = rows.tokens[row];
    prefixChars[i + 1] = Number.isFinite(c) ? c : 0;
    prefixTokens[i + 1] = Number.isFinite(t) ? t : 0;
  }
  for (let i = 0; i < n; i++) {
    if (i % CHECKPOINT === 0) checkpoints.set(running, (i / CHECKPOINT) * S);
    running[sourceAt[i]]++;
    prefixChars[i + 1] += prefixChars[i];
    prefixTokens[i + 1] += prefixTokens[i];
  }
  if (n % CHECKPOINT === 0) checkpoints.set(running, (n / CHECKPOINT) * S);
  const sourceTotals = new Int32Array(S);
  for (let i = 0; i < rows.sourceOf.length; i++) sourceTotals[rows.sourceOf[i]]++;
  const missingBySource = new Int32Array(S);
  let missingChars = 0;
  let missingTokens = 0;
  for (const row of base.missing) {
    missingBySource[rows.sourceOf[row]]++;
    if (Number.isFinite(rows.chars[row])) missingChars += rows.chars[row];
    if (Number.isFinite(rows.tokens[row])) missingTokens += rows.tokens[row];
  }
  return { ...base, name, checkpoints, prefixChars, prefixTokens, sourceTotals, missingBySource, missingChars, missingTokens };
}

/** Documents of each source among the first k of the order: O(S + CHECKPOINT). */
export function sourceCountsInPrefix(rows: RowFacts, index: SelectorIndex, k: number): Int32Array {
  const S = rows.sources.length;
  const j = Math.floor(k / CHECKPOINT);
  const out = index.checkpoints.slice(j * S, j * S + S);
  for (let i = j * CHECKPOINT; i < k; i++) out[rows.sourceOf[index.order[i]]]++;
  return out;
}

function ensureBySource(rows: RowFacts, index: SelectorIndex) {
  if (index.bySource) return index.bySource;
  const S = rows.sources.length;
  const offsets = new Int32Array(S + 1);
  for (let i = 0; i < index.order.length; i++) offsets[rows.sourceOf[index.order[i]] + 1]++;
  for (let s = 0; s < S; s++) offsets[s + 1] += offsets[s];
  const fill = offsets.slice(0, S);
  const positions = new Uint32Array(index.order.length);
  for (let i = 0; i < index.order.length; i++) positions[fill[rows.sourceOf[index.order[i]]]++] = i;
  index.bySource = { offsets, positions };
  return index.bySource;
}

export interface SelectionParams {
  /** Overall drop ratio in [0, 1]. */
  ratio: number;
  /** Per-source mode: a ratio per source label ('' for documents without a source); sources not listed use `ratio`. */
  perSource?: Record<string, number> | null;
  /** Documents without a score: kept (default) or dropped. */
  missing?: 'keep' | 'drop';
}

export interface SourceSelection {
  source: string | null;
  total: number;
  scored: number;
  missing: number;
  dropped: number;
  kept: number;
  /** Share of all documents before, and of kept documents after. */
  shareBefore: number;
  shareAfter: number;
  /** kept / total. */
  retention: number;
  ratio: number;
  threshold: number | null;
}

export interface SelectionResult {
  selector: string;
  direction: Direction;
  mode: 'overall' | 'per_source';
  ratio: number;
  /** Score of the last dropped document (overall mode); null when nothing is dropped. */
  threshold: number | null;
  total: number;
  scored: number;
  missing: number;
  dropped: number;
  kept: number;
  keptChars: number;
  droppedChars: number;
  keptTokens: number;
  droppedTokens: number;
  perSource: SourceSelection[];
  /**
   * Scored documents whose score equals the threshold, and how many of them the
   * rule dropped (by doc_id order); null when the cut does not split a tie.
   * Summed over sources in per-source mode.
   */
  ties: { total: number; dropped: number } | null;
}

/**
 * Among sorted scores (in the rule's order), the documents tied with the last
 * dropped one (position k-1): [first, end) of that run, found by binary search
 * since the order is monotone in the score.
 */
function tieRun(sorted: Float64Array, positions: ArrayLike<number> | null, from: number, to: number, k: number, direction: Direction): { total: number; dropped: number } | null {
  if (k <= 0 || k >= to - from) return null;
  const at = (i: number) => sorted[positions ? positions[from + i] : from + i];
  const t = at(k - 1);
  if (at(k) !== t) return null;
  // before(x): x comes strictly before t in the order.
  const before = (x: number) => (direction === 'higher' ? x < t : x > t);
  let lo = 0;
  let hi = k - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(at(mid))) lo = mid + 1;
    else hi = mid;
  }
  let a = k;
  let b = to - from;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (at(mid) === t) a = mid + 1;
    else b = mid;
  }
  return { total: a - lo, dropped: k - lo };
}

export const sourceKey = (s: string | null) => s ?? '';

export function computeSelection(rows: RowFacts, index: SelectorIndex, params: SelectionParams): SelectionResult {
  const S = rows.sources.length;
  const n = index.order.length;
  const { sourceTotals: totals, missingBySource, missingChars, missingTokens } = index;
  const dropMissing = params.missing === 'drop';
  const perSourceMode = !!params.perSource && Object.keys(params.perSource).length > 0;

  const droppedBySource = new Int32Array(S);
  const thresholds: Array<number | null> = new Array(S).fill(null);
  const ratios = new Array<number>(S).fill(params.ratio);
  let droppedChars = 0;
  let droppedTokens = 0;
  let threshold: number | null = null;
  let ties: { total: number; dropped: number } | null = null;
  const addTies = (t: { total: number; dropped: number } | null) => {
    if (t) ties = { total: (ties?.total ?? 0) + t.total, dropped: (ties?.dropped ?? 0) + t.dropped };
  };

  if (!perSourceMode) {
    const k = dropCountFor(params.ratio, n);
    droppedBySource.set(sourceCountsInPrefix(rows, index, k));
    droppedChars = index.prefixChars[k];
    droppedTokens = index.prefixTokens[k];
    threshold = k > 0 ? index.sortedScores[k - 1] : null;
    addTies(tieRun(index.sortedScores, null, 0, n, k, index.direction));
    // A source's own threshold: the score of its last dropped document, from its sub-order.
    const { offsets, positions } = ensureBySource(rows, index);
    for (let s = 0; s < S; s++) {
      const ks = droppedBySource[s];
      thresholds[s] = ks > 0 ? index.sortedScores[positions[offsets[s] + ks - 1]] : null;
    }
  } else {
    const { offsets, positions } = ensureBySource(rows, index);
    for (let s = 0; s < S; s++) {
      const r = params.perSource![sourceKey(rows.sources[s])] ?? params.ratio;
      ratios[s] = r;
      const ns = offsets[s + 1] - offsets[s];
      const ks = dropCountFor(r, ns);
      droppedBySource[s] = ks;
      for (let i = 0; i < ks; i++) {
        const pos = positions[offsets[s] + i];
        const row = index.order[pos];
        if (Number.isFinite(rows.chars[row])) droppedChars += rows.chars[row];
        if (Number.isFinite(rows.tokens[row])) droppedTokens += rows.tokens[row];
      }
      thresholds[s] = ks > 0 ? index.sortedScores[positions[offsets[s] + ks - 1]] : null;
      addTies(tieRun(index.sortedScores, positions, offsets[s], offsets[s + 1], ks, index.direction));
    }
  }

  let dropped = 0;
  for (let s = 0; s < S; s++) {
    if (dropMissing) droppedBySource[s] += missingBySource[s];
    dropped += droppedBySource[s];
  }
  if (dropMissing) {
    droppedChars += missingChars;
    droppedTokens += missingTokens;
  }
  const total = rows.sourceOf.length;
  const kept = total - dropped;
  const allChars = index.prefixChars[n] + missingChars;
  const allTokens = index.prefixTokens[n] + missingTokens;
  const perSource: SourceSelection[] = [];
  for (let s = 0; s < S; s++) {
    const keptS = totals[s] - droppedBySource[s];
    perSource.push({
      source: rows.sources[s],
      total: totals[s],
      scored: totals[s] - missingBySource[s],
      missing: missingBySource[s],
      dropped: droppedBySource[s],
      kept: keptS,
      shareBefore: total > 0 ? totals[s] / total : 0,
      shareAfter: kept > 0 ? keptS / kept : 0,
      retention: totals[s] > 0 ? keptS / totals[s] : 0,
      ratio: ratios[s],
      threshold: thresholds[s],
    });
  }
  return {
    selector: index.name,
    direction: index.direction,
    mode: perSourceMode ? 'per_source' : 'overall',
    ratio: params.ratio,
    threshold,
    total,
    scored: n,
    missing: index.missing.length,
    dropped,
    kept,
    keptChars: allChars - droppedChars,
    droppedChars,
    keptTokens: allTokens - droppedTokens,
    droppedTokens,
    perSource,
    ties,
  };
}

/** 1 = kept, 0 = dropped, per row: what the table filter and the export use. */
export function computeKeepMask(rows: RowFacts, index: SelectorIndex, params: SelectionParams): Uint8Array {
  const mask = new Uint8Array(rows.sourceOf.length).fill(1);
  const perSourceMode = !!params.perSource && Object.keys(params.perSource).length > 0;
  if (!perSourceMode) {
    const k = dropCountFor(params.ratio, index.order.length);
    for (let i = 0; i < k; i++) mask[index.order[i]] = 0;
  } else {
    const { offsets, positions } = ensureBySource(rows, index);
    for (let s = 0; s < rows.sources.length; s++) {
      const r = params.perSource![sourceKey(rows.sources[s])] ?? params.ratio;
      const ks = dropCountFor(r, offsets[s + 1] - offsets[s]);
      for (let i = 0; i < ks; i++) mask[index.order[positions[offsets[s] + i]]] = 0;
    }
  }
  if (params.missing === 'drop') for (const row of index.missing) mask[row] = 0;
  return mask;
}

/** Inverse of `order`: each row's position in it, or -1 (built on demand, O(N)). */
export function positionsOf(index: SelectorIndex, rows: number): Int32Array {
  const out = new Int32Array(rows).fill(-1);
  for (let i = 0; i < index.order.length; i++) out[index.order[i]] = i;
  return out;
}

/**
 * Whether the rule drops one row, given its position in `order` (−1 without a
 * score): the same decision as computeKeepMask for that row, in O(log n), so a
 * document's detail view agrees with Browse and the export in every mode.
 */
export function rowDropped(rows: RowFacts, index: SelectorIndex, params: SelectionParams, row: number, position: number): boolean {
  if (position < 0) return params.missing === 'drop';
  const perSourceMode = !!params.perSource && Object.keys(params.perSource).length > 0;
  if (!perSourceMode) return position < dropCountFor(params.ratio, index.order.length);
  const { offsets, positions } = ensureBySource(rows, index);
  const s = rows.sourceOf[row];
  // positions within a source ascend along the order: the row's rank in its source by binary search.
  let lo = offsets[s];
  let hi = offsets[s + 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid] < position) lo = mid + 1;
    else hi = mid;
  }
  const r = params.perSource![sourceKey(rows.sources[s])] ?? params.ratio;
  return lo - offsets[s] < dropCountFor(r, offsets[s + 1] - offsets[s]);
}
