import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { parsedTableToIPC } from '../arrow-encode';
import { ColumnAccumulator } from '../columns';

describe('parsedTableToIPC', () => {
  it('round-trips every column type, nulls, astral characters and _row', () => {
    const acc = new ColumnAccumulator();
    acc.addRow({ id: 'a', text: 'héllo 😀', s: 0.5, n: 3, ok: true, meta: { k: 1 } });
    acc.addRow({ id: 'b', text: null, s: 1.25, ok: false });
    acc.addRow({ id: 'c', text: '', n: 7, meta: [1, 2] });
    const t = tableFromIPC(parsedTableToIPC(acc.finish()));
    expect(t.numRows).toBe(3);
    const rows = t.toArray().map((r) => r.toJSON());
    expect(rows).toEqual([
      // A nested object's leaves are columns of their own (lib/data/nested); an array stays JSON text.
      { id: 'a', text: 'héllo 😀', s: 0.5, n: 3n, ok: true, 'meta.k': 1n, meta: null, _row: 0n },
      { id: 'b', text: null, s: 1.25, n: null, ok: false, 'meta.k': null, meta: null, _row: 1n },
      { id: 'c', text: '', s: null, n: 7n, ok: null, 'meta.k': null, meta: '[1,2]', _row: 2n },
    ]);
  });

  it('splits large tables into batches without losing rows', () => {
    const acc = new ColumnAccumulator();
    for (let i = 0; i < 150_000; i++) acc.addRow({ id: `d${i}`, s: i / 2 });
    const t = tableFromIPC(parsedTableToIPC(acc.finish()));
    expect(t.numRows).toBe(150_000);
    expect(t.batches.length).toBe(3);
    expect(t.get(149_999)!.toJSON()).toEqual({ id: 'd149999', s: 149_999 / 2, _row: 149_999n });
  });
});
