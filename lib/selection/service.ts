/**
 * Everything the views ask of the selection engine, as one class that lives in
 * a worker (workers/selection.worker.ts) in the browser and can be used directly
 * in Node. It holds the per-row arrays and builds selector indexes on demand.
 */
import { ascending, boxStats, cdfPoints, histogram, scoreStats, type Histogram, type ScoreStats } from './distribution';
import { buildSelectorIndex, computeKeepMask, computeSelection, positionsOf, type RowFacts, type SelectionParams, type SelectionResult, type SelectorIndex } from './engine';
import { dropCountFor, type Direction } from './order';
import { computeSweep, SWEEP_RATIOS, type SweepPoint } from './sweep';
import { buildExport, type ExportRequest, type ExportResult } from '../export/build';
import type { SelectionCounts } from '../export/provenance';
import { MINHASH, writeSignatures } from '../export/minhash';
import type { ParquetModule } from '../export/parquet';
import type { RowLocations } from '../export/corpus';
import type { FileFormat } from '../data/formats';
import { readSourceBytes, type BrowserSource } from '../data/ingest-browser';
import { gradeSelector, type SelectorGrade } from '../annotations/grading';
import { Prng } from '../util/prng';
import { correlationsFromOrders, type Correlations } from '../compare/correlation';
import { disagreements, dropIntersections, overlapCurve, twoByTwoOfMasks, type Disagreement, type TwoByTwo } from '../compare/overlap';

export interface DistributionResult {
  selector: string;
  stats: ScoreStats;
  histogram: Histogram;
  cdf: Array<[number, number]>;
  /** Per source (RowFacts.sources order): five-number summary and a histogram on the shared bins. */
  perSource: Array<{ source: string | null; count: number; box: [number, number, number, number, number] | null; histogram: Histogram }>;
}

export interface RowFilter {
  /** Source indexes to include (all when absent). */
  sources?: number[];
  /** Only rows dropped by the selection. */
  droppedOnly?: boolean;
  /** Inclusive score range under the ordering selector. */
  scoreMin?: number | null;
  scoreMax?: number | null;
  /** Only rows whose mask entry is 1 (text search, tags: computed in DuckDB). */
  rowMask?: Uint8Array | null;
}

/** How the Browse table is ordered: by a selector's rule order (rank), or by another column. */
export interface RowSort {
  key: { kind: 'selector'; name: string } | { kind: 'chars' } | { kind: 'doc_id' } | { kind: 'source' };
  desc: boolean;
}

export interface DocScore {
  selector: string;
  direction: Direction;
  value: number | null;
  /** 1-based rank, worst first; null without a score. */
  rank: number | null;
  scored: number;
  /** Percentile of the rank: 0 = worst, 100 = best. */
  percentile: number | null;
  droppedAtRatio: boolean | null;
}

export interface CompareResult {
  a: string;
  b: string;
  ratio: number;
  correlations: Correlations;
  table: TwoByTwo;
  curve: Array<{ ratio: number; jaccard: number | null }>;
  perSource: Array<{ source: string | null; total: number; droppedA: number; droppedB: number }>;
  /** bins × bins counts of documents with both scores; x = a, y = b. */
  density: { bins: number; counts: number[][]; xRange: [number, number]; yRange: [number, number]; raw: boolean };
  aNotB: Disagreement[];
  bNotA: Disagreement[];
  ms: number;
}

export class SelectionService {
  private rows: RowFacts | null = null;
  private scores = new Map<string, Float64Array>();
  private directions = new Map<string, Direction>();
  private indexes = new Map<string, SelectorIndex>();
  private positions = new Map<string, Int32Array>();

  init(rows: RowFacts, scores: Record<string, Float64Array>, directions: Record<string, Direction>): void {
    this.rows = rows;
    this.scores = new Map(Object.entries(scores));
    this.directions = new Map(Object.entries(directions));
    this.indexes.clear();
    this.positions.clear();
    this.sortCache.clear();
    this.docIds = null;
    this.signatures = null;
    this.signed = 0;
  }

  setDirection(name: string, direction: Direction): void {
    if (this.directions.get(name) === direction) return;
    this.directions.set(name, direction);
    this.indexes.delete(name);
    this.positions.delete(name);
  }

  private facts(): RowFacts {
    if (!this.rows) throw new Error('no dataset is prepared for selection');
    return this.rows;
  }

  private index(name: string): SelectorIndex {
    let index = this.indexes.get(name);
    if (!index) {
      const scores = this.scores.get(name);
      if (!scores) throw new Error(`unknown selector "${name}"`);
      index = buildSelectorIndex(this.facts(), name, scores, this.directions.get(name) ?? 'higher');
      this.indexes.set(name, index);
    }
    return index;
  }

  private positionsFor(name: string): Int32Array {
    let p = this.positions.get(name);
    if (!p) {
      p = positionsOf(this.index(name), this.facts().sourceOf.length);
      this.positions.set(name, p);
    }
    return p;
  }

  /** Builds the index now (a selector switch then costs nothing later); returns build time in ms. */
  prepare(name: string): number {
    const t0 = performance.now();
    this.index(name);
    return performance.now() - t0;
  }

  select(name: string, params: SelectionParams): SelectionResult & { ms: number } {
    const t0 = performance.now();
    const result = computeSelection(this.facts(), this.index(name), params);
    return { ...result, ms: performance.now() - t0 };
  }

  keepMask(name: string, params: SelectionParams): Uint8Array {
    return computeKeepMask(this.facts(), this.index(name), params);
  }

  distribution(name: string, bins: number): DistributionResult {
    const rows = this.facts();
    const index = this.index(name);
    const asc = ascending(index.sortedScores);
    const range: [number, number] | undefined = asc.length ? [asc[0], asc[asc.length - 1]] : undefined;
    const S = rows.sources.length;
    const groups: number[][] = Array.from({ length: S }, () => []);
    for (let i = 0; i < index.order.length; i++) groups[rows.sourceOf[index.order[i]]].push(index.sortedScores[i]);
    return {
      selector: name,
      stats: scoreStats(asc),
      histogram: histogram(asc, bins),
      cdf: cdfPoints(asc),
      perSource: groups.map((g, s) => {
        const sorted = Float64Array.from(g).sort();
        return { source: rows.sources[s], count: g.length, box: g.length ? boxStats(sorted) : null, histogram: histogram(sorted, bins, range) };
      }),
    };
  }

  /** The sweep; `ms` is the sweep's own time, `indexMs` the first-use build of this selector's order (0 when cached). */
  sweep(name: string, others: string[]): { selector: string; points: SweepPoint[]; ms: number; indexMs: number } {
    const t00 = performance.now();
    const index = this.index(name);
    const t0 = performance.now();
    const values = Object.fromEntries(others.filter((o) => o !== name && this.scores.has(o)).map((o) => [o, this.scores.get(o)!]));
    return { selector: name, points: computeSweep(this.facts(), index, values, SWEEP_RATIOS), ms: performance.now() - t0, indexMs: t0 - t00 };
  }

  private sortCache = new Map<string, Uint32Array>();

  /** Rows in a sort order: selector order puts rows without a score last in both directions. */
  private sortedRows(sort: RowSort): Uint32Array {
    const rows = this.facts();
    const n = rows.sourceOf.length;
    if (sort.key.kind === 'selector') {
      const index = this.index(sort.key.name);
      const out = new Uint32Array(n);
      const scored = index.order.length;
      for (let i = 0; i < scored; i++) out[i] = index.order[sort.desc ? scored - 1 - i : i];
      out.set(index.missing, scored);
      return out;
    }
    const cacheKey = sort.key.kind;
    let asc = this.sortCache.get(cacheKey);
    if (!asc) {
      asc = Uint32Array.from({ length: n }, (_, i) => i);
      const { chars, idRank, sourceOf } = rows;
      if (sort.key.kind === 'chars') asc.sort((a, b) => (chars[a] || 0) - (chars[b] || 0) || idRank[a] - idRank[b]);
      else if (sort.key.kind === 'doc_id') asc.sort((a, b) => idRank[a] - idRank[b]);
      else asc.sort((a, b) => sourceOf[a] - sourceOf[b] || idRank[a] - idRank[b]);
      this.sortCache.set(cacheKey, asc);
    }
    return sort.desc ? asc.slice().reverse() : asc;
  }

  /**
   * Row indexes in the table's sort order (default: the selector's rule
   * order, worst first, rows without a score last), after the filter: the
   * Browse table's rows. "Dropped only" and the score range use the view's selector.
   */
  orderedRows(name: string, params: SelectionParams, filter: RowFilter, sort?: RowSort): Uint32Array {
    const rows = this.facts();
    const index = this.index(name);
    const scores = this.scores.get(name)!;
    const mask = filter.droppedOnly ? computeKeepMask(rows, index, params) : null;
    const sources = filter.sources && filter.sources.length ? new Set(filter.sources) : null;
    const ranged = filter.scoreMin != null || filter.scoreMax != null;
    const min = filter.scoreMin ?? -Infinity;
    const max = filter.scoreMax ?? Infinity;
    const base = this.sortedRows(sort ?? { key: { kind: 'selector', name }, desc: false });
    const out = new Uint32Array(base.length);
    let n = 0;
    for (let i = 0; i < base.length; i++) {
      const row = base[i];
      if (mask && mask[row] === 1) continue;
      if (sources && !sources.has(rows.sourceOf[row])) continue;
      if (filter.rowMask && filter.rowMask[row] !== 1) continue;
      if (ranged) {
        const v = scores[row];
        if (!Number.isFinite(v) || v < min || v > max) continue;
      }
      out[n++] = row;
    }
    return out.slice(0, n);
  }

  /** Everything the Compare page shows for two selectors at a selection. */
  compare(a: string, b: string, params: SelectionParams, options: { bins?: number; raw?: boolean } = {}): CompareResult {
    const t0 = performance.now();
    const rows = this.facts();
    const ia = this.index(a);
    const ib = this.index(b);
    const sa = this.scores.get(a)!;
    const sb = this.scores.get(b)!;
    const bins = options.bins ?? 40;
    const counts = Array.from({ length: bins }, () => new Array<number>(bins).fill(0));
    let xRange: [number, number] = [0, 100];
    let yRange: [number, number] = [0, 100];
    const cell = (v: number, lo: number, hi: number) => Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo || 1)) * bins)));
    if (options.raw) {
      const asc = (ix: SelectorIndex): [number, number] => {
        const s = ix.sortedScores;
        return s.length ? [Math.min(s[0], s[s.length - 1]), Math.max(s[0], s[s.length - 1])] : [0, 1];
      };
      xRange = asc(ia);
      yRange = asc(ib);
      for (let i = 0; i < sa.length; i++) if (sa[i] === sa[i] && sb[i] === sb[i]) counts[cell(sb[i], ...yRange)][cell(sa[i], ...xRange)]++;
    } else {
      const pa = this.positionsFor(a);
      const pb = this.positionsFor(b);
      const na = Math.max(1, ia.order.length - 1);
      const nb = Math.max(1, ib.order.length - 1);
      for (let i = 0; i < pa.length; i++) if (pa[i] >= 0 && pb[i] >= 0) counts[cell((100 * pb[i]) / nb, 0, 100)][cell((100 * pa[i]) / na, 0, 100)]++;
    }
    const selA = computeSelection(rows, ia, params);
    const selB = computeSelection(rows, ib, params);
    // One pair of keep masks and the cached positions serve both the 2×2 table and the disagreements.
    const ka = computeKeepMask(rows, ia, params);
    const kb = computeKeepMask(rows, ib, params);
    const { aNotB, bNotA } = disagreements(rows, ia, ib, params, 100, { ka, kb, pa: this.positionsFor(a), pb: this.positionsFor(b) });
    return {
      a,
      b,
      ratio: params.ratio,
      correlations: correlationsFromOrders(ia.order, ia.direction === 'higher', ib.order, ib.direction === 'higher', sa, sb),
      table: twoByTwoOfMasks(ka, kb),
      curve: overlapCurve(rows, ia, ib, SWEEP_RATIOS).map((p) => ({ ratio: p.ratio, jaccard: p.jaccard })),
      perSource: rows.sources.map((source, s) => ({ source, total: selA.perSource[s].total, droppedA: selA.perSource[s].dropped, droppedB: selB.perSource[s].dropped })),
      density: { bins, counts, xRange, yRange, raw: !!options.raw },
      aNotB,
      bNotA,
      ms: performance.now() - t0,
    };
  }

  /** Spearman between every pair, and the sizes of the dropped sets' intersections. */
  compareMany(names: string[], params: SelectionParams): { names: string[]; spearman: Array<Array<number | null>>; intersections: Array<{ selectors: string[]; count: number }> } {
    const indexes = names.map((n) => this.index(n));
    const spearman = indexes.map((x) =>
      indexes.map((y) => (x === y ? 1 : correlationsFromOrders(x.order, x.direction === 'higher', y.order, y.direction === 'higher', this.scores.get(x.name)!, this.scores.get(y.name)!).spearman)),
    );
    const intersections = dropIntersections(this.facts(), indexes, params).map((g) => ({ selectors: g.selectors.map((k) => names[k]), count: g.count }));
    return { names, spearman, intersections };
  }

  /**
   * Several columns as stages of one selector (e.g. MATES at successive
   * checkpoints): at the selection, how the kept set changes from stage to
   * stage — Jaccard of kept sets with the previous and the first stage, and per
   * source how many documents enter and leave the kept set.
   */
  stages(names: string[], params: SelectionParams): Array<{ name: string; kept: number; jaccardPrevious: number | null; jaccardFirst: number | null; churn: Array<{ source: string | null; entered: number; left: number }> }> {
    const rows = this.facts();
    const masks = names.map((n) => computeKeepMask(rows, this.index(n), params));
    const jaccard = (x: Uint8Array, y: Uint8Array) => {
      let both = 0;
      let any = 0;
      for (let i = 0; i < x.length; i++) {
        if (x[i] && y[i]) both++;
        if (x[i] || y[i]) any++;
      }
      return any ? both / any : null;
    };
    return names.map((name, k) => {
      const m = masks[k];
      const prev = k > 0 ? masks[k - 1] : null;
      const entered = new Int32Array(rows.sources.length);
      const left = new Int32Array(rows.sources.length);
      let kept = 0;
      for (let i = 0; i < m.length; i++) {
        kept += m[i];
        if (prev && m[i] && !prev[i]) entered[rows.sourceOf[i]]++;
        if (prev && !m[i] && prev[i]) left[rows.sourceOf[i]]++;
      }
      return {
        name,
        kept,
        jaccardPrevious: prev ? jaccard(m, prev) : null,
        jaccardFirst: k > 0 ? jaccard(m, masks[0]) : null,
        churn: rows.sources.map((source, s) => ({ source, entered: entered[s], left: left[s] })),
      };
    });
  }

  private docIds: string[] | null = null;

  /** doc_ids in row order, needed only for manifests (sent once per dataset). */
  setDocIds(ids: string[]): void {
    this.docIds = ids;
  }

  hasDocIds(): boolean {
    return this.docIds !== null && this.docIds.length === this.facts().sourceOf.length;
  }

  private signatures: Uint32Array | null = null;
  private signed = 0;

  /** MinHash signatures for the redundancy penalty, computed here as the page streams the text in (start = first row). */
  addSignatureTexts(start: number, texts: Array<string | null>): number {
    const n = this.facts().sourceOf.length;
    if (start === 0 || !this.signatures) (this.signatures = new Uint32Array(n * MINHASH.hashes)), (this.signed = 0);
    writeSignatures(this.signatures!, start, texts);
    this.signed = Math.max(this.signed, start + texts.length);
    return this.signed;
  }

  hasSignatures(): boolean {
    return this.signatures !== null && this.signed === this.facts().sourceOf.length;
  }

  private parquet: Promise<ParquetModule> | null = null;

  /** parquet-wasm's browser build, served from /vendor (the CLI loads its Node build: same writer). */
  private loadParquet(): Promise<ParquetModule> {
    this.parquet ??= import('parquet-wasm').then(async (m) => {
      await m.default({ module_or_path: `${self.location.origin}/vendor/parquet/parquet_wasm_bg.wasm` });
      return m as unknown as ParquetModule;
    });
    return this.parquet;
  }

  /**
   * An export's bytes: the same builder as `sift export`, so the files are
   * identical. For a corpus, the input files are read here, from the sources
   * the page loaded.
   */
  async export(
    name: string,
    req: Omit<ExportRequest, 'dedup' | 'corpus'> & { dedupPenalty: number | null; corpus: { sources: Array<{ format: FileFormat; src: BrowserSource }>; locations: RowLocations } | null },
  ): Promise<ExportResult & { selection: SelectionCounts; ms: number }> {
    const t0 = performance.now();
    if (!this.docIds) throw new Error('doc_ids are not loaded');
    if (req.dedupPenalty && !this.hasSignatures()) throw new Error('the near-duplicate signatures are not computed');
    const index = this.index(name);
    const pq = req.spec.format === 'parquet' || req.corpus ? await this.loadParquet() : null;
    const dedup = req.dedupPenalty ? { penalty: req.dedupPenalty, signatures: this.signatures! } : null;
    const corpus = req.corpus
      ? {
          locations: req.corpus.locations,
          sources: req.corpus.sources.map(({ format, src }) => ({ name: src.name, format, read: () => readSourceBytes(src, format === 'jsonl.gz') })),
        }
      : null;
    const result = await buildExport(this.facts(), index, this.scores.get(name)!, this.docIds, { ...req, dedup, corpus }, pq);
    const sel = computeSelection(this.facts(), index, req.spec.params);
    return {
      chunks: result.chunks,
      rows: result.rows,
      counts: result.counts,
      overrides: result.overrides,
      duplicates: result.duplicates,
      selection: { threshold: sel.threshold, total: sel.total, kept: sel.kept, dropped: sel.dropped, missing: sel.missing, perSource: sel.perSource.map((p) => ({ source: p.source, total: p.total, kept: p.kept, dropped: p.dropped })) },
      ms: performance.now() - t0,
    };
  }

  /**
   * An annotation queue: rows in the order a queue kind visits them, skipping
   * doc_ids in `exclude` and, when `only` is given, keeping only those; at most `limit`.
   * - lowest: the selector's order, worst first (rows without a score last);
   * - random: a seeded shuffle of all rows;
   * - threshold: scored rows nearest the drop boundary at the ratio, alternating either side;
   * - disagree: rows one selector drops and the other keeps, largest rank difference first.
   */
  annotationQueue(
    kind: 'lowest' | 'random' | 'threshold' | 'disagree',
    name: string,
    params: SelectionParams,
    opts: { nameB?: string | null; seed?: number; exclude?: string[]; only?: string[] | null; limit: number },
  ): { rows: number[]; docIds: string[]; total: number } {
    if (!this.docIds) throw new Error('doc_ids are not loaded');
    const n = this.facts().sourceOf.length;
    const index = this.index(name);
    let candidates: ArrayLike<number>;
    if (kind === 'lowest') candidates = [...index.order, ...index.missing];
    else if (kind === 'random') {
      const rows = Uint32Array.from({ length: n }, (_, i) => i);
      const rng = new Prng(opts.seed ?? 0);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        const t = rows[i];
        rows[i] = rows[j];
        rows[j] = t;
      }
      candidates = rows;
    } else if (kind === 'threshold') {
      const order = index.order;
      const k = dropCountFor(params.ratio, order.length);
      const out: number[] = [];
      for (let d = 0; out.length < order.length; d++) {
        if (k - 1 - d >= 0) out.push(order[k - 1 - d]);
        if (k + d < order.length) out.push(order[k + d]);
        if (k - 1 - d < 0 && k + d >= order.length) break;
      }
      candidates = out;
    } else {
      if (!opts.nameB) throw new Error('the disagreement queue needs a second selector');
      const ib = this.index(opts.nameB);
      const ma = computeKeepMask(this.facts(), index, params);
      const mb = computeKeepMask(this.facts(), ib, params);
      const pa = this.positionsFor(name);
      const pb = this.positionsFor(opts.nameB);
      const na = Math.max(1, index.order.length);
      const nb = Math.max(1, ib.order.length);
      const rows: Array<[number, number]> = [];
      for (let i = 0; i < n; i++) if (ma[i] !== mb[i] && pa[i] >= 0 && pb[i] >= 0) rows.push([i, Math.abs(pa[i] / na - pb[i] / nb)]);
      rows.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      candidates = rows.map(([i]) => i);
    }
    const exclude = new Set(opts.exclude ?? []);
    const only = opts.only ? new Set(opts.only) : null;
    const rows: number[] = [];
    let total = 0;
    for (let i = 0; i < candidates.length; i++) {
      const id = this.docIds[candidates[i]];
      if (exclude.has(id) || (only && !only.has(id))) continue;
      total++;
      if (rows.length < opts.limit) rows.push(candidates[i]);
    }
    return { rows, docIds: rows.map((r) => this.docIds![r]), total };
  }

  /** A selector against the labels (per row: 1 drop, 0 keep, −1 none): AUC, precision/recall at the ratio, the sweep curves. */
  grade(name: string, labels: Int8Array, ratio: number): SelectorGrade {
    const index = this.index(name);
    return gradeSelector(index.order, this.scores.get(name)!, labels, index.direction, ratio);
  }

  /** doc_ids of the given rows. */
  docIdsOf(rows: ArrayLike<number>): string[] {
    if (!this.docIds) throw new Error('doc_ids are not loaded');
    return Array.from(rows, (r) => this.docIds![r]);
  }

  /** Rows whose doc_id is in the list, as a per-row label array (for grading from doc_id labels). */
  labelsByRow(docIds: string[], labels: number[]): Int8Array {
    if (!this.docIds) throw new Error('doc_ids are not loaded');
    const byId = new Map(docIds.map((d, i) => [d, labels[i]]));
    return Int8Array.from(this.docIds, (d) => byId.get(d) ?? -1);
  }

  /** Adds or replaces a selector's scores (a derived selector defined after preparation). */
  addScores(name: string, scores: Float64Array, direction: Direction): void {
    this.scores.set(name, scores);
    this.directions.set(name, direction);
    this.indexes.delete(name);
    this.positions.delete(name);
  }

  /** A document's score, rank and percentile under every selector, and whether the ratio drops it. */
  docScores(row: number, ratio: number): DocScore[] {
    return [...this.scores.keys()].map((name) => {
      const index = this.index(name);
      const pos = this.positionsFor(name)[row];
      const n = index.order.length;
      const value = this.scores.get(name)![row];
      return {
        selector: name,
        direction: index.direction,
        value: Number.isFinite(value) ? value : null,
        rank: pos >= 0 ? pos + 1 : null,
        scored: n,
        percentile: pos >= 0 ? (n > 1 ? (100 * pos) / (n - 1) : 100) : null,
        droppedAtRatio: pos >= 0 ? pos < dropCountFor(ratio, n) : null,
      };
    });
  }
}
