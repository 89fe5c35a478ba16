/** The Distributions and selection views: one selector at a selection, its sweep, one document under every selector. */
import { ascending, boxStats, cdfPoints, histogram, scoreStats, type Histogram, type ScoreStats } from '../selection/distribution';
import { computeKeepMask, computeSelection, rowDropped, type SelectionParams, type SelectionResult } from '../selection/engine';
import type { Direction } from '../selection/order';
import { computeSweep, SWEEP_RATIOS, type SweepPoint } from '../selection/sweep';
import type { SelectionState } from './state';

export interface DistributionResult {
  selector: string;
  stats: ScoreStats;
  histogram: Histogram;
  cdf: Array<[number, number]>;
  /** Per source (RowFacts.sources order): five-number summary and a histogram on the shared bins. */
  perSource: Array<{ source: string | null; count: number; box: [number, number, number, number, number] | null; histogram: Histogram }>;
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
  /** Whether this selector's rule drops the document at the selection (the same rule as Browse and the export). */
  dropped: boolean;
}

export class SelectView {
  constructor(private readonly state: SelectionState) {}

  /** Builds the index now (a selector switch then costs nothing later); returns build time in ms. */
  prepare(name: string): number {
    const t0 = performance.now();
    this.state.index(name);
    return performance.now() - t0;
  }

  select(name: string, params: SelectionParams): SelectionResult & { ms: number } {
    const t0 = performance.now();
    const result = computeSelection(this.state.facts(), this.state.index(name), params);
    return { ...result, ms: performance.now() - t0 };
  }

  keepMask(name: string, params: SelectionParams): Uint8Array {
    return computeKeepMask(this.state.facts(), this.state.index(name), params);
  }

  distribution(name: string, bins: number): DistributionResult {
    const rows = this.state.facts();
    const index = this.state.index(name);
    const asc = ascending(index.sortedScores);
    const range: [number, number] | undefined = asc.length ? [asc[0], asc[asc.length - 1]] : undefined;
    const groups: number[][] = Array.from({ length: rows.sources.length }, () => []);
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
    const index = this.state.index(name);
    const t0 = performance.now();
    const values = Object.fromEntries(others.filter((o) => o !== name && this.state.has(o)).map((o) => [o, this.state.scoresOf(o)]));
    return { selector: name, points: computeSweep(this.state.facts(), index, values, SWEEP_RATIOS), ms: performance.now() - t0, indexMs: t0 - t00 };
  }

  /** A document's score, rank and percentile under every selector, and whether each one's rule drops it at the selection. */
  docScores(row: number, params: SelectionParams): DocScore[] {
    const rows = this.state.facts();
    return this.state.names().map((name) => {
      const index = this.state.index(name);
      const pos = this.state.positionsFor(name)[row];
      const n = index.order.length;
      const value = this.state.scoresOf(name)[row];
      return {
        selector: name,
        direction: index.direction,
        value: Number.isFinite(value) ? value : null,
        rank: pos >= 0 ? pos + 1 : null,
        scored: n,
        percentile: pos >= 0 ? (n > 1 ? (100 * pos) / (n - 1) : 100) : null,
        dropped: rowDropped(rows, index, params, row, pos),
      };
    });
  }
}
