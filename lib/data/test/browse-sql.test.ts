import { describe, expect, it } from 'vitest';
import { buildDocQuery, buildRowsQuery, buildTagCountsQuery, buildTagFilterQuery, buildTextSearchQuery } from '../sql/browse';
import { jsonl, loadFiles, tempDir, writeFile } from './helpers';

const docs = [
  { id: 'a', text: 'Hello World, hello again', source: 's1', q: 1, tags: ['x'] },
  { id: 'b', text: "It's a <script>alert('x')</script> test", source: 's2', q: 2, tags: ['x', 'y'] },
  { id: 'c', text: 'numbers 12345 and 67890', source: 's1', q: 3, tags: [] },
];

describe('browse queries', async () => {
  const { conn } = await loadFiles([writeFile(tempDir(), 'b.jsonl', jsonl(docs))]);
  const text = { raw: 'raw', column: 'text' };

  it('reads rows by index with a preview', async () => {
    const rows = await conn.query(buildRowsQuery('docs', text, [2, 0], ['q'], 5));
    expect(rows.map((r) => [r._idx, r.doc_id, r.q, r.preview, r.tags]).sort()).toEqual([
      [0, 'a', 1, 'Hello', ['x']],
      [2, 'c', 3, 'numbe', []],
    ]);
    expect(await conn.query(buildRowsQuery('docs', text, [], ['q']))).toEqual([]);
  });

  it('reads one document with its full text; quotes in ids are data', async () => {
    const [doc] = await conn.query(buildDocQuery('docs', text, 'b'));
    expect(doc.text).toBe(docs[1].text);
    expect(await conn.query(buildDocQuery('docs', text, "b' OR '1'='1"))).toEqual([]);
  });

  it('searches text by substring (any case) and by regular expression', async () => {
    const hits = async (q: string, re: boolean) => (await conn.query(buildTextSearchQuery('docs', text, q, re))).map((r) => r._idx).sort();
    expect(await hits('HELLO', false)).toEqual([0]);
    expect(await hits("'", false)).toEqual([1]);
    expect(await hits('\\d{5}', true)).toEqual([2]);
    expect(await hits('^It', true)).toEqual([1]);
    await expect(hits('(unclosed', true)).rejects.toThrow();
  });

  it('filters and counts tags', async () => {
    expect((await conn.query(buildTagFilterQuery('docs', 'y'))).map((r) => r._idx)).toEqual([1]);
    expect(await conn.query(buildTagCountsQuery('docs'))).toEqual([
      { tag: 'x', n: 2 },
      { tag: 'y', n: 1 },
    ]);
  });
});
