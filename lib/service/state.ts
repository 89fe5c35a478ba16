/**
 * What every view of the selection service shares: the prepared per-row facts,
 * the score columns with their directions, and the selector orders built from
 * them on first use. One instance per dataset; the views read it, never copy it.
 */
import { buildSelectorIndex, positionsOf, type RowFacts, type SelectorIndex } from '../selection/engine';
import type { Direction } from '../selection/order';

export class SelectionState {
  private rows: RowFacts | null = null;
  private scores = new Map<string, Float64Array>();
  private directions = new Map<string, Direction>();
  private indexes = new Map<string, SelectorIndex>();
  private positions = new Map<string, Int32Array>();
  private ids: string[] | null = null;
  /** Counts changes to any selector's scores or direction: a key for caches derived from orders. */
  private changes = 0;
  private readonly resets: Array<() => void> = [];

  /** Views with caches of their own register here; init() clears them with the state. */
  onReset(clear: () => void): void {
    this.resets.push(clear);
  }

  init(rows: RowFacts, scores: Record<string, Float64Array>, directions: Record<string, Direction>): void {
    this.rows = rows;
    this.scores = new Map(Object.entries(scores));
    this.directions = new Map(Object.entries(directions));
    this.indexes.clear();
    this.positions.clear();
    this.ids = null;
    this.changes++;
    for (const clear of this.resets) clear();
  }

  setDirection(name: string, direction: Direction): void {
    if (this.directions.get(name) === direction) return;
    this.directions.set(name, direction);
    this.forget(name);
  }

  /** Adds or replaces a selector's scores (a derived selector defined after preparation). */
  addScores(name: string, scores: Float64Array, direction: Direction): void {
    this.scores.set(name, scores);
    this.directions.set(name, direction);
    this.forget(name);
  }

  /** Changes whenever a selector's scores or direction change (and on init). */
  version(): number {
    return this.changes;
  }

  private forget(name: string): void {
    this.changes++;
    this.indexes.delete(name);
    this.positions.delete(name);
  }

  facts(): RowFacts {
    if (!this.rows) throw new Error('no dataset is prepared for selection');
    return this.rows;
  }

  rowCount(): number {
    return this.facts().sourceOf.length;
  }

  names(): string[] {
    return [...this.scores.keys()];
  }

  has(name: string): boolean {
    return this.scores.has(name);
  }

  scoresOf(name: string): Float64Array {
    const scores = this.scores.get(name);
    if (!scores) throw new Error(`unknown selector "${name}"`);
    return scores;
  }

  index(name: string): SelectorIndex {
    let index = this.indexes.get(name);
    if (!index) {
      index = buildSelectorIndex(this.facts(), name, this.scoresOf(name), this.directions.get(name) ?? 'higher');
      this.indexes.set(name, index);
    }
    return index;
  }

  /** Each row's position in the selector's order (−1 without a score). */
  positionsFor(name: string): Int32Array {
    let p = this.positions.get(name);
    if (!p) {
      p = positionsOf(this.index(name), this.rowCount());
      this.positions.set(name, p);
    }
    return p;
  }

  /** Bytes held: the per-row facts, and per selector its scores plus its built order and position index (0 until built). */
  memory(): { factsBytes: number; selectors: Record<string, number> } {
    const r = this.facts();
    const factsBytes = r.sourceOf.byteLength + r.chars.byteLength + r.tokens.byteLength + r.idRank.byteLength;
    const selectors: Record<string, number> = {};
    for (const [name, scores] of this.scores) {
      let bytes = scores.byteLength + (this.positions.get(name)?.byteLength ?? 0);
      const index = this.indexes.get(name);
      if (index) for (const v of Object.values(index)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
      selectors[name] = bytes;
    }
    return { factsBytes, selectors };
  }

  /** doc_ids in row order, needed only for manifests and queues (sent once per dataset). */
  setDocIds(ids: string[]): void {
    this.ids = ids;
  }

  hasDocIds(): boolean {
    return this.ids !== null && this.ids.length === this.rowCount();
  }

  docIds(): string[] {
    if (!this.ids) throw new Error('doc_ids are not loaded');
    return this.ids;
  }
}
