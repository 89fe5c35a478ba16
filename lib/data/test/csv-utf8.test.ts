import { describe, expect, it } from 'vitest';
import { loadFiles, tempDir, writeFile } from './helpers';

describe('CSV with invalid UTF-8', () => {
  it('loads with replacement characters and a count, as JSONL does, and the source file is left as it was', async () => {
    const dir = tempDir();
    const body = Buffer.concat([Buffer.from('id,text,score\na,plain,0.5\nb,caf'), Buffer.from([0xe9, 0xff]), Buffer.from(' au lait,0.2\nc,end,0.9\n')]);
    const path = writeFile(dir, 'latin.csv', body);
    const { conn, dataset } = await loadFiles([path]);
    try {
      expect(dataset.summary.rows).toBe(3);
      expect(dataset.shards[0].invalidUtf8).toEqual({ lines: 1, replacedChars: 2 });
      const [row] = await conn.query("SELECT text FROM raw WHERE id = 'b'");
      expect(row.text).toBe('caf\ufffd\ufffd au lait');
    } finally {
      conn.close();
    }
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).equals(body)).toBe(true);
  });
});
