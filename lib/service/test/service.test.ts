import { describe, expect, it } from 'vitest';
import type { RowFacts, SelectionParams } from '../../selection/engine';
import { SelectionService } from '..';
import { ORDER_PAGE, PagedOrder } from '../../browser/row-order';
import { Prng } from '../../util/prng';

function service() {
  const rows: RowFacts = {
    sourceOf: Uint32Array.from([0, 1, 0, 1, 0]),
    sources: ['a', 'b'],
    chars: Float64Array.from([50, 10, 40, 30, 20]),
    tokens: Float64Array.from([5, 1, 4, 3, 2]),
    idRank: Uint32Array.from([4, 3, 2, 1, 0]),
  };
  const svc = new SelectionService();
  svc.init(rows, { q: Float64Array.from([0.5, 0.1, NaN, 0.9, 0.3]), p: Float64Array.from([1, 2, 3, 4, 5]) }, { q: 'higher', p: 'lower' });
  return svc;
}

describe('SelectionService', () => {
  it('orders rows worst first with missing scores last, and filters', () => {
    const svc = service();
    expect([...svc.orderedRows('q', { ratio: 0 }, {})]).toEqual([1, 4, 0, 3, 2]);
    expect([...svc.orderedRows('q', { ratio: 0.5 }, { droppedOnly: true })]).toEqual([1, 4]);
    expect([...svc.orderedRows('q', { ratio: 0 }, { sources: [0] })]).toEqual([4, 0, 2]);
    expect([...svc.orderedRows('q', { ratio: 0 }, { scoreMin: 0.2, scoreMax: 0.6 })]).toEqual([4, 0]);
    expect([...svc.orderedRows('q', { ratio: 0 }, { rowMask: Uint8Array.from([1, 0, 1, 0, 1]) })]).toEqual([4, 0, 2]);
  });

  it('sorts by other keys and reverses', () => {
    const svc = service();
    expect([...svc.orderedRows('q', { ratio: 0 }, {}, { key: { kind: 'selector', name: 'q' }, desc: true })]).toEqual([3, 0, 4, 1, 2]);
    expect([...svc.orderedRows('q', { ratio: 0 }, {}, { key: { kind: 'chars' }, desc: false })]).toEqual([1, 4, 3, 2, 0]);
    expect([...svc.orderedRows('q', { ratio: 0 }, {}, { key: { kind: 'doc_id' }, desc: false })]).toEqual([4, 3, 2, 1, 0]);
    expect([...svc.orderedRows('q', { ratio: 0 }, {}, { key: { kind: 'selector', name: 'p' }, desc: false })]).toEqual([4, 3, 2, 1, 0]);
  });

  it('pages through the order it would hand over whole, and finds a row in it, following changed directions and scores', async () => {
    const rng = new Prng(5);
    const n = 5000;
    const svc = new SelectionService();
    const rows = { sourceOf: Uint32Array.from({ length: n }, () => rng.int(0, 2)), sources: ['a', 'b', 'c'], chars: new Float64Array(n).fill(10), tokens: new Float64Array(n).fill(2), idRank: Uint32Array.from([...Array(n).keys()].sort(() => rng.next() - 0.5)) };
    svc.init(rows, { q: Float64Array.from({ length: n }, () => (rng.chance(0.05) ? NaN : rng.int(0, 40))) }, { q: 'higher' });
    const filter = { sources: [0, 2], droppedOnly: true };
    const whole = svc.orderedRows('q', { ratio: 0.6 }, filter);
    const source = { page: async (start: number, count: number) => svc.orderedPage('q', { ratio: 0.6 }, filter, undefined, start, count), position: async (row: number) => svc.orderedPosition('q', { ratio: 0.6 }, filter, undefined, row) };
    const paged = await PagedOrder.open(source);
    expect(paged.length).toBe(whole.length);
    expect(paged.at(ORDER_PAGE + 3)).toBeUndefined();
    await paged.load(ORDER_PAGE - 2, ORDER_PAGE + 5);
    expect([ORDER_PAGE - 2, ORDER_PAGE + 4].map((i) => paged.at(i))).toEqual([whole[ORDER_PAGE - 2], whole[ORDER_PAGE + 4]]);
    expect(await paged.positionOf(whole[whole.length - 1])).toBe(whole.length - 1);
    expect(await paged.positionOf(whole[7])).toBe(7);
    const outside = [...Array(n).keys()].find((r) => !whole.includes(r))!;
    expect(await paged.positionOf(outside)).toBe(-1);
    expect([...(await paged.all())]).toEqual([...whole]);
    expect(svc.orderedPage('q', { ratio: 0.6 }, filter, undefined, whole.length - 1, 50).rows).toEqual(whole.slice(-1));
    // Unfiltered, in a selector's order either way: read from the order itself, the same rows and positions.
    svc.addScores('p', Float64Array.from({ length: n }, () => (rng.chance(0.1) ? NaN : rng.int(0, 9))), 'lower');
    for (const sort of [undefined, { key: { kind: 'selector' as const, name: 'p' }, desc: true }, { key: { kind: 'selector' as const, name: 'q' }, desc: true }]) {
      const all = svc.orderedRows('q', { ratio: 0.6 }, {}, sort);
      expect(svc.orderedPage('q', { ratio: 0.6 }, {}, sort, 0, n).rows).toEqual(all);
      expect(svc.orderedPage('q', { ratio: 0.6 }, {}, sort, n - 300, 1000)).toEqual({ total: n, start: n - 300, rows: all.slice(n - 300) });
      for (const at of [0, 17, n - 400, n - 1]) expect(svc.orderedPosition('q', { ratio: 0.6 }, {}, sort, all[at])).toBe(at);
    }
    // A changed direction or new scores make a new order, not the cached one.
    const before = svc.orderedPage('q', { ratio: 0.6 }, filter, undefined, 0, 100).rows;
    svc.setDirection('q', 'lower');
    expect(svc.orderedPage('q', { ratio: 0.6 }, filter, undefined, 0, 100).rows).toEqual(svc.orderedRows('q', { ratio: 0.6 }, filter).slice(0, 100));
    expect(svc.orderedPage('q', { ratio: 0.6 }, filter, undefined, 0, 100).rows).not.toEqual(before);
    svc.addScores('q', Float64Array.from({ length: n }, (_, i) => n - i), 'lower');
    expect(svc.orderedPage('q', { ratio: 0.6 }, filter, undefined, 0, 100).rows).toEqual(svc.orderedRows('q', { ratio: 0.6 }, filter).slice(0, 100));
  });

  it('gives a document’s rank and percentile under every selector', () => {
    const svc = service();
    const scores = svc.docScores(4, { ratio: 0.5 });
    expect(scores.find((s) => s.selector === 'q')).toMatchObject({ value: 0.3, rank: 2, scored: 4, dropped: true });
    expect(scores.find((s) => s.selector === 'q')!.percentile).toBeCloseTo(100 / 3, 9);
    expect(svc.docScores(2, { ratio: 0.5 }).find((s) => s.selector === 'q')).toMatchObject({ value: null, rank: null, dropped: false });
    expect(scores.find((s) => s.selector === 'p')).toMatchObject({ value: 5, rank: 1, direction: 'lower' });
  });
  it('takes the directions with the call: the order follows them without a setDirection', () => {
    const svc = service();
    const higher = svc.call({ q: 'higher' }, 'orderedRows', ['q', { ratio: 0 }, {}]);
    const lower = svc.call({ q: 'lower' }, 'orderedRows', ['q', { ratio: 0 }, {}]);
    expect([...higher]).toEqual([1, 4, 0, 3, 2]);
    expect([...lower]).toEqual([3, 0, 4, 1, 2]);
    expect(svc.call({ q: 'lower' }, 'select', ['q', { ratio: 0.25 }]).direction).toBe('lower');
  });

  it('says dropped or kept with the same rule as the keep mask, in every mode', () => {
    const svc = service();
    const modes: SelectionParams[] = [{ ratio: 0.5 }, { ratio: 0.25, perSource: { a: 0.7, b: 0 } }, { ratio: 0.5, missing: 'drop' }, { ratio: 0, perSource: { b: 1 }, missing: 'drop' }];
    for (const params of modes)
      for (const name of ['q', 'p']) {
        const mask = svc.keepMask(name, params);
        const dropped = [0, 1, 2, 3, 4].map((row) => svc.docScores(row, params).find((s) => s.selector === name)!.dropped);
        expect(dropped, JSON.stringify({ name, params })).toEqual([...mask].map((k) => k === 0));
      }
  });
});

describe('SelectionService.compare', () => {
  it('returns the statistics, a density that counts every paired document once, and disagreements', () => {
    const svc = service();
    const r = svc.compare('q', 'p', { ratio: 0.5 }, { bins: 4 });
    expect(r.correlations.n).toBe(4);
    expect(r.table.dropped_both + r.table.dropped_a_only + r.table.dropped_b_only + r.table.kept_both).toBe(5);
    expect(r.density.counts.flat().reduce((a, b) => a + b, 0)).toBe(4);
    expect(r.curve).toHaveLength(96);
    expect(r.perSource.map((s) => s.total)).toEqual([3, 2]);
    const raw = svc.compare('q', 'p', { ratio: 0.5 }, { bins: 4, raw: true });
    expect(raw.density.counts.flat().reduce((a, b) => a + b, 0)).toBe(4);
    expect(raw.density.xRange).toEqual([0.1, 0.9]);
    const many = svc.compareMany(['q', 'p'], { ratio: 0.5 });
    expect(many.spearman[0][0]).toBe(1);
    expect(many.spearman[0][1]).toBeCloseTo(r.correlations.spearman!, 12);
    expect(many.intersections.reduce((a, b) => a + b.count, 0)).toBe(5);
  });
});
