/** The Browse table's rows: an order (a selector's rule order or another column) after the filters. */
import { computeKeepMask, type SelectionParams } from '../selection/engine';
import type { SelectionState } from './state';

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

export interface OrderedPage {
  /** Rows the filter keeps, in all. */
  total: number;
  /** The rows at positions start… of the order. */
  start: number;
  rows: Uint32Array;
}

export class BrowseView {
  private sortCache = new Map<string, Uint32Array>();
  /** The last filtered order, so that paging through it (and finding a row in it) does not filter again. */
  private last: { key: string; rows: Uint32Array } | null = null;

  constructor(private readonly state: SelectionState) {
    state.onReset(() => {
      this.sortCache.clear();
      this.last = null;
    });
  }

  /**
   * A page of orderedRows: what a page showing a corpus larger than itself asks
   * for (the whole order of 10^8 rows is 400 MB), the same rows in the same order.
   */
  orderedPage(name: string, params: SelectionParams, filter: RowFilter, sort: RowSort | undefined, start: number, count: number): OrderedPage {
    const plain = this.plainOrder(name, filter, sort);
    if (plain) {
      // Unfiltered, in a selector's order: the page is read from the order itself (copying 10^8 rows to page through them costs seconds).
      const { index, desc } = plain;
      const scored = index.order.length;
      const total = scored + index.missing.length;
      const from = Math.max(0, Math.min(total, Math.trunc(start)));
      const rows = new Uint32Array(Math.max(0, Math.min(total, from + Math.max(0, Math.trunc(count))) - from));
      for (let k = 0; k < rows.length; k++) {
        const i = from + k;
        rows[k] = i < scored ? index.order[desc ? scored - 1 - i : i] : index.missing[i - scored];
      }
      return { total, start: from, rows };
    }
    const rows = this.cachedOrder(name, params, filter, sort);
    const from = Math.max(0, Math.min(rows.length, Math.trunc(start)));
    return { total: rows.length, start: from, rows: rows.slice(from, Math.min(rows.length, from + Math.max(0, Math.trunc(count)))) };
  }

  /** A row's position in orderedRows, or -1 when the filter leaves it out. */
  orderedPosition(name: string, params: SelectionParams, filter: RowFilter, sort: RowSort | undefined, row: number): number {
    const plain = this.plainOrder(name, filter, sort);
    if (plain) {
      const { index, desc } = plain;
      const scored = index.order.length;
      const at = this.state.positionsFor(plain.name)[row];
      if (at === undefined) return -1;
      if (at >= 0) return desc ? scored - 1 - at : at;
      const m = index.missing.indexOf(row);
      return m < 0 ? -1 : scored + m;
    }
    return this.cachedOrder(name, params, filter, sort).indexOf(row);
  }

  /** The selector whose order the rows follow when no filter applies (sortedRows' first case), else null. */
  private plainOrder(name: string, filter: RowFilter, sort: RowSort | undefined) {
    const filtered = (filter.sources && filter.sources.length > 0) || filter.droppedOnly || filter.scoreMin != null || filter.scoreMax != null || filter.rowMask;
    const by = sort ?? { key: { kind: 'selector' as const, name }, desc: false };
    if (filtered || by.key.kind !== 'selector') return null;
    return { name: by.key.name, index: this.state.index(by.key.name), desc: by.desc };
  }

  private cachedOrder(name: string, params: SelectionParams, filter: RowFilter, sort: RowSort | undefined): Uint32Array {
    // A row mask is the tab's (text search, tags): it changes with the query and is not part of the key.
    if (filter.rowMask) return this.orderedRows(name, params, filter, sort);
    const key = JSON.stringify([this.state.version(), name, params, filter, sort ?? null]);
    if (this.last?.key !== key) this.last = { key, rows: this.orderedRows(name, params, filter, sort) };
    return this.last.rows;
  }

  /** Rows in a sort order: selector order puts rows without a score last in both directions. */
  private sortedRows(sort: RowSort): Uint32Array {
    const rows = this.state.facts();
    const n = rows.sourceOf.length;
    if (sort.key.kind === 'selector') {
      const index = this.state.index(sort.key.name);
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
    const rows = this.state.facts();
    const index = this.state.index(name);
    const scores = this.state.scoresOf(name);
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
}
