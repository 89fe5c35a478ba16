/**
 * The Browse table's rows in order, as the page sees them: held whole when the
 * tab's engine computed them, or fetched a page at a time from the server's
 * engine (10^8 row indexes are 400 MB; a screen shows forty).
 */
import type { OrderedPage } from '../service';

export interface RowOrder {
  /** Rows the filter keeps. */
  readonly length: number;
  /** The row at a position, once its page is here. */
  at(position: number): number | undefined;
  /** Brings positions [start, end) here. */
  load(start: number, end: number): Promise<void>;
  /** A row's position, or -1 when the filter leaves it out. */
  positionOf(row: number): Promise<number>;
  /** Every row, in order (labelling all matches). */
  all(): Promise<Uint32Array>;
}

export class HeldOrder implements RowOrder {
  constructor(private readonly rows: Uint32Array) {}
  get length() {
    return this.rows.length;
  }
  at(position: number) {
    return this.rows[position];
  }
  async load() {}
  async positionOf(row: number) {
    return this.rows.indexOf(row);
  }
  async all() {
    return this.rows;
  }
}

/** Positions fetched in pages of this many rows. */
export const ORDER_PAGE = 1024;

export interface PageSource {
  page(start: number, count: number): Promise<OrderedPage>;
  position(row: number): Promise<number>;
}

export class PagedOrder implements RowOrder {
  private readonly pages = new Map<number, Uint32Array>();
  private readonly loading = new Map<number, Promise<void>>();

  private constructor(
    readonly length: number,
    private readonly source: PageSource,
  ) {}

  /** Asks for the first page: it says how many rows there are. */
  static async open(source: PageSource): Promise<PagedOrder> {
    const first = await source.page(0, ORDER_PAGE);
    const order = new PagedOrder(first.total, source);
    order.pages.set(0, first.rows);
    return order;
  }

  at(position: number) {
    if (position < 0 || position >= this.length) return undefined;
    return this.pages.get(Math.floor(position / ORDER_PAGE))?.[position % ORDER_PAGE];
  }

  async load(start: number, end: number) {
    const first = Math.max(0, Math.floor(start / ORDER_PAGE));
    const last = Math.floor((Math.min(end, this.length) - 1) / ORDER_PAGE);
    const waits: Array<Promise<void>> = [];
    for (let p = first; p <= last; p++) {
      if (this.pages.has(p)) continue;
      let pending = this.loading.get(p);
      if (!pending) {
        pending = this.source.page(p * ORDER_PAGE, ORDER_PAGE).then(
          (page) => {
            this.pages.set(p, page.rows);
            this.loading.delete(p);
          },
          (error: unknown) => {
            this.loading.delete(p);
            throw error;
          },
        );
        this.loading.set(p, pending);
      }
      waits.push(pending);
    }
    await Promise.all(waits);
  }

  async positionOf(row: number) {
    for (const [p, rows] of this.pages) {
      const i = rows.indexOf(row);
      if (i >= 0) return p * ORDER_PAGE + i;
    }
    return this.source.position(row);
  }

  async all() {
    return (await this.source.page(0, this.length)).rows;
  }
}
