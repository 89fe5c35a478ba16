/** The Annotate page: which documents to label next, and how well a selector agrees with the labels. */
import { gradeSelector, type SelectorGrade } from '../annotations/grading';
import { computeKeepMask, type SelectionParams } from '../selection/engine';
import { dropCountFor } from '../selection/order';
import { Prng } from '../util/prng';
import type { SelectionState } from './state';

export type QueueKind = 'lowest' | 'random' | 'threshold' | 'disagree';

export class QueueView {
  constructor(private readonly state: SelectionState) {}

  /**
   * An annotation queue: rows in the order a queue kind visits them, skipping
   * doc_ids in `exclude` and, when `only` is given, keeping only those; at most `limit`.
   * - lowest: the selector's order, worst first (rows without a score last);
   * - random: a seeded shuffle of all rows;
   * - threshold: scored rows nearest the drop boundary at the ratio, alternating either side;
   * - disagree: rows one selector drops and the other keeps, largest rank difference first.
   */
  annotationQueue(
    kind: QueueKind,
    name: string,
    params: SelectionParams,
    opts: { nameB?: string | null; seed?: number; exclude?: string[]; only?: string[] | null; limit: number },
  ): { rows: number[]; docIds: string[]; total: number } {
    const ids = this.state.docIds();
    const n = this.state.facts().sourceOf.length;
    const index = this.state.index(name);
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
      const ib = this.state.index(opts.nameB);
      const ma = computeKeepMask(this.state.facts(), index, params);
      const mb = computeKeepMask(this.state.facts(), ib, params);
      const pa = this.state.positionsFor(name);
      const pb = this.state.positionsFor(opts.nameB);
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
      const id = ids[candidates[i]];
      if (exclude.has(id) || (only && !only.has(id))) continue;
      total++;
      if (rows.length < opts.limit) rows.push(candidates[i]);
    }
    return { rows, docIds: rows.map((r) => ids[r]), total };
  }

  /** A selector against the labels (per row: 1 drop, 0 keep, −1 none): AUC, precision/recall at the ratio, the sweep curves. */
  grade(name: string, labels: Int8Array, ratio: number): SelectorGrade {
    const index = this.state.index(name);
    return gradeSelector(index.order, this.state.scoresOf(name), labels, index.direction, ratio);
  }

  /** doc_ids of the given rows. */
  docIdsOf(rows: ArrayLike<number>): string[] {
    const ids = this.state.docIds();
    return Array.from(rows, (r) => ids[r]);
  }

  /** Rows whose doc_id is in the list, as a per-row label array (for grading from doc_id labels). */
  labelsByRow(docIds: string[], labels: number[]): Int8Array {
    const ids = this.state.docIds();
    const byId = new Map(docIds.map((d, i) => [d, labels[i]]));
    return Int8Array.from(ids, (d) => byId.get(d) ?? -1);
  }
}
