import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NodeConnector } from '../connectors/node';
import { LazyTextReader } from '../lazy-text';
import { tempDir } from './helpers';

describe('LazyTextReader', () => {
  it('reads the text of any rows of a Parquet file, across row groups, with previews cut', async () => {
    const dir = tempDir();
    const path = `${dir}/t.parquet`;
    const conn = await NodeConnector.open();
    await conn.exec(
      `COPY (SELECT i AS id, CASE WHEN i % 7 = 0 THEN NULL ELSE 'row ' || i || ' ' || repeat('é', i % 50) || '😀' END AS text FROM range(10000) t(i)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 2048, COMPRESSION zstd)`,
    );
    const bytes = readFileSync(path);
    // A budget of about two row groups forces evictions and re-reads.
    const reader = new LazyTextReader(2 * 2048 * 60);
    await reader.register('g1_raw_0', { kind: 'file', name: 't.parquet', file: new Blob([bytes]) }, bytes.length, 'text', false);
    const rows = [9999, 0, 1, 2047, 2048, 5000, 7, 1];
    const got = await reader.read('g1_raw_0', rows);
    const want = await conn.query(`SELECT i, text FROM (SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'row ' || i || ' ' || repeat('é', i % 50) || '😀' END AS text FROM range(10000) t(i))`);
    expect(got).toEqual(rows.map((r) => want[r].text ?? null));
    expect(await reader.read('g1_raw_0', [1], 4)).toEqual(['row ']);
    expect(reader.heldBytes).toBeLessThanOrEqual(2 * 2048 * 60 + 2048 * 60);
    expect(await reader.read('g1_raw_0', rows)).toEqual(rows.map((r) => want[r].text ?? null));
    reader.keepOnly('g2_');
    await expect(reader.read('g1_raw_0', [1])).rejects.toThrow(/not available/);
    conn.close();
  });
});
