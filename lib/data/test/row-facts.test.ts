import { describe, expect, it } from 'vitest';
import { jsonl, loadFiles, tempDir, writeFile } from './helpers';
import { buildSelectorIndex, computeSelection } from '../../selection/engine';
import { fetchRowFacts, fetchScores } from '../row-facts';

describe('selection data from DuckDB', () => {
  it('reads row facts and scores in file order and selects like SQL', async () => {
    const dir = tempDir();
    const docs = [
      { id: 'b', text: 'bb', source: 'y', s: 2 },
      { id: 'a', text: 'a', source: 'x', s: 1 },
      { id: 'c', text: 'ccc', source: 'y', s: null },
      { id: 'd', text: 'dddd', source: null, s: 1 },
    ];
    const { conn } = await loadFiles([writeFile(dir, 'x.jsonl', jsonl(docs))]);
    const rows = await fetchRowFacts(conn);
    expect(rows.sources).toEqual(['y', 'x', null]);
    expect([...rows.sourceOf]).toEqual([0, 1, 0, 2]);
    expect([...rows.idRank]).toEqual([1, 0, 2, 3]);
    expect([...rows.chars]).toEqual([2, 1, 3, 4]);
    expect([...rows.tokens]).toEqual([0.5, 0.25, 0.75, 1]);
    const { s } = await fetchScores(conn, ['s']);
    expect([...s]).toEqual([2, 1, NaN, 1]);
    const sel = computeSelection(rows, buildSelectorIndex(rows, 's', s, 'higher'), { ratio: 0.5 });
    // Three scored; floor(1.5) = 1 dropped: the lowest score 1, tie a < d by id → a.
    expect(sel.dropped).toBe(1);
    expect(sel.perSource.find((p) => p.source === 'x')!.dropped).toBe(1);
    expect(sel.threshold).toBe(1);
    conn.close();
  });
});
