import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pq from 'parquet-wasm/node';
import { expect, it } from 'vitest';
import { NodeConnector } from '../../data/connectors/node';
import { columnsTable, writeParquetTable, type ParquetModule } from '../parquet';

it('manifest columns round-trip through Parquet, multi-byte doc_ids included', async () => {
  const ids = ['a', 'é', '日本語', '🙂 emoji', '', 'x'.repeat(100), 'quote " and, comma'];
  const bytes = writeParquetTable(pq as unknown as ParquetModule, columnsTable({ doc_id: ids, weight: Float64Array.from(ids, (_, i) => i / 3) }));
  const path = join(mkdtempSync(join(tmpdir(), 'sift-pq-')), 'm.parquet');
  writeFileSync(path, bytes);
  const conn = await NodeConnector.open();
  const rows = await conn.query(`SELECT doc_id, weight FROM read_parquet('${path}')`);
  conn.close();
  expect(rows.map((r) => r.doc_id)).toEqual(ids);
  expect(rows.map((r) => r.weight)).toEqual(ids.map((_, i) => i / 3));
});
