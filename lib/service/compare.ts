/** The Compare page: two selectors (or several, or stages of one) at one selection. */
import { computeKeepMask, computeSelection, type SelectionParams, type SelectorIndex } from '../selection/engine';
import { SWEEP_RATIOS } from '../selection/sweep';
import { correlationsFromOrders, type Correlations } from '../compare/correlation';
import { disagreements, dropIntersections, overlapCurve, twoByTwoOfMasks, type Disagreement, type TwoByTwo } from '../compare/overlap';
import type { SelectionState } from './state';

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

export class CompareView {
  constructor(private readonly state: SelectionState) {}

  /** Everything the Compare page shows for two selectors at a selection. */
  compare(a: string, b: string, params: SelectionParams, options: { bins?: number; raw?: boolean } = {}): CompareResult {
    const t0 = performance.now();
    const rows = this.state.facts();
    const ia = this.state.index(a);
    const ib = this.state.index(b);
    const sa = this.state.scoresOf(a);
    const sb = this.state.scoresOf(b);
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
      const pa = this.state.positionsFor(a);
      const pb = this.state.positionsFor(b);
      const na = Math.max(1, ia.order.length - 1);
      const nb = Math.max(1, ib.order.length - 1);
      for (let i = 0; i < pa.length; i++) if (pa[i] >= 0 && pb[i] >= 0) counts[cell((100 * pb[i]) / nb, 0, 100)][cell((100 * pa[i]) / na, 0, 100)]++;
    }
    const selA = computeSelection(rows, ia, params);
    const selB = computeSelection(rows, ib, params);
    // One pair of keep masks and the cached positions serve both the 2×2 table and the disagreements.
    const ka = computeKeepMask(rows, ia, params);
    const kb = computeKeepMask(rows, ib, params);
    const { aNotB, bNotA } = disagreements(rows, ia, ib, params, 100, { ka, kb, pa: this.state.positionsFor(a), pb: this.state.positionsFor(b) });
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
    const indexes = names.map((n) => this.state.index(n));
    const spearman = indexes.map((x) =>
      indexes.map((y) => (x === y ? 1 : correlationsFromOrders(x.order, x.direction === 'higher', y.order, y.direction === 'higher', this.state.scoresOf(x.name), this.state.scoresOf(y.name)).spearman)),
    );
    const intersections = dropIntersections(this.state.facts(), indexes, params).map((g) => ({ selectors: g.selectors.map((k) => names[k]), count: g.count }));
    return { names, spearman, intersections };
  }

  /**
   * Several columns as stages of one selector (e.g. MATES at successive
   * checkpoints): at the selection, how the kept set changes from stage to
   * stage — Jaccard of kept sets with the previous and the first stage, and per
   * source how many documents enter and leave the kept set.
   */
  stages(names: string[], params: SelectionParams): Array<{ name: string; kept: number; jaccardPrevious: number | null; jaccardFirst: number | null; churn: Array<{ source: string | null; entered: number; left: number }> }> {
    const rows = this.state.facts();
    const masks = names.map((n) => computeKeepMask(rows, this.state.index(n), params));
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
}
