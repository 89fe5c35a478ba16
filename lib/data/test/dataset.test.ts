import { afterEach, describe, expect, it } from 'vitest';
import type { NodeConnector } from '../connectors/node';
import { InputError } from '../errors';
import { jsonl, loadFiles, tempDir, writeFile } from './helpers';

let open: NodeConnector[] = [];
afterEach(() => {
  for (const c of open) c.close();
  open = [];
});
async function load(paths: string[], policy: 'error' | 'skip' = 'error') {
  const r = await loadFiles(paths, policy);
  open.push(r.conn);
  return r;
}

const rows = [
  { id: 'a', text: 'The cat sat on the mat.', source: 'web', score: 0.5, n_tokens: 7 },
  { id: 'b', text: 'Ünïcödé text here', source: 'web', score: 1.5, n_tokens: 4 },
  { id: 'c', text: 'Third document', source: 'books', score: 'oops', n_tokens: 2 },
  { id: 'd', text: 'Fourth', source: 'books', score: 2, n_tokens: 1 },
];

describe('loading a dataset', () => {
  it('detects the mapping and summarizes a JSONL file', async () => {
    const dir = tempDir();
    const { dataset } = await load([writeFile(dir, 'c.jsonl', jsonl(rows))]);
    expect(dataset.mapping).toEqual({ id: 'id', text: 'text', source: 'source', tokens: 'n_tokens', tags: null, scores: ['score'] });
    const s = dataset.summary;
    expect(s.rows).toBe(4);
    expect(s.sources).toEqual([
      { source: 'books', count: 2, share: 0.5 },
      { source: 'web', count: 2, share: 0.5 },
    ]);
    expect(s.characters).toBe([...rows].reduce((n, r) => n + [...r.text].length, 0));
    expect(s.tokens).toMatchObject({ value: 14, estimated: false });
    const score = s.scores[0];
    expect(score).toMatchObject({ name: 'score', min: 0.5, max: 2, count: 3, missing: 1, invalid: 1 });
    expect(score.mean).toBeCloseTo((0.5 + 1.5 + 2) / 3, 12);
    expect(s.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives the same fingerprint for the same ids in another order, format and sharding', async () => {
    const dir = tempDir();
    const a = await load([writeFile(dir, 'a.jsonl', jsonl(rows))]);
    const csv = 'id,text,source,score,n_tokens\n' + [...rows].reverse().map((r) => `${r.id},"${r.text}",${r.source},${r.score},${r.n_tokens}`).join('\n') + '\n';
    const b = await load([writeFile(dir, 'b.csv', csv)]);
    const c = await load([writeFile(dir, 'c1.jsonl.gz', jsonl(rows.slice(0, 2)), true), writeFile(dir, 'c2.jsonl', jsonl(rows.slice(2)))]);
    expect(b.dataset.summary.fingerprint).toBe(a.dataset.summary.fingerprint);
    expect(c.dataset.summary.fingerprint).toBe(a.dataset.summary.fingerprint);
    const other = await load([writeFile(dir, 'd.jsonl', jsonl(rows.map((r) => ({ ...r, id: r.id + 'x' }))))]);
    expect(other.dataset.summary.fingerprint).not.toBe(a.dataset.summary.fingerprint);
  });

  it('matches an independent computation of the fingerprint', async () => {
    const { createHash } = await import('node:crypto');
    const dir = tempDir();
    const { dataset } = await load([writeFile(dir, 'a.jsonl', jsonl(rows))]);
    let sum = 0n;
    for (const r of rows) sum += BigInt('0x' + createHash('md5').update(r.id).digest('hex').slice(0, 16));
    const expected = createHash('md5').update(`${rows.length}:${sum}`).digest('hex').slice(0, 16);
    expect(dataset.summary.fingerprint).toBe(expected);
  });

  it('derives doc ids from the text when there is no id column, and reports duplicates', async () => {
    const { createHash } = await import('node:crypto');
    const dir = tempDir();
    const docs = [{ text: 'same' }, { text: 'same' }, { text: 'other' }];
    const { conn, dataset } = await load([writeFile(dir, 'x.jsonl', jsonl(docs))]);
    expect(dataset.summary.idsDerived).toBe(true);
    const ids = (await conn.query('SELECT doc_id FROM docs ORDER BY _row')).map((r) => r.doc_id);
    expect(ids[0]).toBe(createHash('md5').update('same').digest('hex').slice(0, 16));
    expect(dataset.summary.duplicateIds).toEqual({ ids: 1, extraRows: 1, examples: [ids[0]] });
  });

  it('counts NaN, Infinity and text in score columns as missing, never as 0', async () => {
    const dir = tempDir();
    const csv = 'id,text,s\n1,a,0.5\n2,b,NaN\n3,c,inf\n4,d,hello\n5,e,\n6,f,2\n7,g,1\n8,h,1.5\n';
    const { conn, dataset } = await load([writeFile(dir, 's.csv', csv)]);
    expect(dataset.summary.scores[0]).toMatchObject({ name: 's', count: 4, missing: 4, invalid: 3, min: 0.5, max: 2 });
    const zeros = await conn.query('SELECT count(*) AS n FROM docs WHERE s = 0');
    expect(zeros[0].n).toBe(0);
  });

  it('reads TSV and Parquet', async () => {
    const dir = tempDir();
    const tsv = writeFile(dir, 't.tsv', 'doc_id\tcontent\tdomain\tq\nx\thello world\tnews\t1.5\ny\tbye\tblog\t2.5\n');
    const t = await load([tsv]);
    expect(t.dataset.mapping).toMatchObject({ id: 'doc_id', text: 'content', source: 'domain', scores: ['q'] });
    const pq = `${dir}/p.parquet`;
    await t.conn.exec(`COPY (SELECT * FROM docs) TO '${pq}' (FORMAT parquet)`);
    const p = await load([pq]);
    expect(p.dataset.summary.rows).toBe(2);
    expect(p.dataset.summary.fingerprint).toBe(t.dataset.summary.fingerprint);
  });

  it('rejects shards whose schemas differ, naming the file and column', async () => {
    const dir = tempDir();
    const a = writeFile(dir, 'a.jsonl', jsonl([{ id: '1', text: 'x', s: 1 }]));
    const b = writeFile(dir, 'b.jsonl', jsonl([{ id: '2', text: 'y', t: 1 }]));
    const err = await load([a, b]).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/b\.jsonl has no column "s"/);
    expect(err.file).toBe('b.jsonl');
  });

  it('gives specific errors for empty, mislabelled, truncated and header-only files', async () => {
    const dir = tempDir();
    await expect(load([writeFile(dir, 'e.jsonl', '')])).rejects.toThrow(/e\.jsonl: the file is empty/);
    await expect(load([writeFile(dir, 'p.jsonl', 'PAR1\0\0\0binary')])).rejects.toThrow(/extension says JSONL, but the content looks like Parquet/);
    await expect(load([writeFile(dir, 'h.csv', 'id,text\n')])).rejects.toThrow(/h\.csv: no rows/);
    const t = await load([writeFile(dir, 'ok.jsonl', jsonl(rows))]);
    const pq = `${dir}/full.parquet`;
    await t.conn.exec(`COPY (SELECT * FROM raw) TO '${pq}' (FORMAT parquet)`);
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(pq);
    writeFile(dir, 'cut.parquet', bytes.subarray(0, bytes.length - 100));
    await expect(load([`${dir}/cut.parquet`])).rejects.toThrow(/cut\.parquet: truncated Parquet file/);
    await expect(load([writeFile(dir, 'notgz.jsonl.gz', '{"a":1}\n')])).rejects.toThrow(/extension says gzip-compressed JSONL/);
  });

  it('explains a missing text column', async () => {
    const dir = tempDir();
    const { dataset } = await load([writeFile(dir, 'n.csv', 'id,score\n1,0.5\n2,0.7\n')]);
    expect(dataset.mapping.text).toBeNull();
    expect(dataset.detection.reasons.text).toMatch(/missing: no string column named text/);
  });
});

describe('pipeline score columns by name', () => {
  it('takes NeMo Curator classifier scores as selectors, but not its duplicate group ids or other identifying numbers', async () => {
    const dir = tempDir();
    const nemo = [0, 1, 2, 3].map((i) => ({
      id: `n${i}`,
      text: `document ${i}`,
      'fineweb-edu-score-float': 1.5 + i,
      'fineweb-edu-score-int': i,
      'fineweb-edu-score-label': i > 1 ? 'high_quality' : 'low_quality',
      _duplicate_group_id: 10 + (i % 2),
      shard_id: 3,
      line: i,
      quality_score: i / 4,
    }));
    const { dataset } = await load([writeFile(dir, 'nemo.jsonl', jsonl(nemo))]);
    expect(dataset.mapping.scores).toEqual(['fineweb-edu-score-float', 'fineweb-edu-score-int', 'quality_score']);
  });
});

describe('tags column', () => {
  it('reads tags from JSON arrays, delimited text and Parquet lists', async () => {
    const dir = tempDir();
    const rows = [
      { id: 'a', text: 'x', tags: ['ocr_noise', 'all_caps'] },
      { id: 'b', text: 'y', tags: [] },
      { id: 'c', text: 'z', tags: null },
    ];
    const { conn, dataset } = await loadFiles([writeFile(dir, 't.jsonl', jsonl(rows))]);
    expect(dataset.mapping.tags).toBe('tags');
    const got = await conn.query('SELECT doc_id, tags FROM docs ORDER BY doc_id');
    expect(got.map((r) => [r.doc_id, r.tags])).toEqual([
      ['a', ['ocr_noise', 'all_caps']],
      ['b', []],
      ['c', null],
    ]);
    const pq = `${dir}/t.parquet`;
    await conn.exec(`COPY (SELECT doc_id AS id, 'x' AS text, tags FROM docs) TO '${pq}' (FORMAT parquet)`);
    conn.close();
    const p = await loadFiles([pq]);
    expect((await p.conn.query(`SELECT tags FROM docs WHERE doc_id = 'a'`))[0].tags).toEqual(['ocr_noise', 'all_caps']);
    p.conn.close();
    const csv = await loadFiles([writeFile(dir, 't.csv', 'id,text,tags\n1,x,"secret; markup"\n2,y,\n')]);
    expect((await csv.conn.query(`SELECT tags FROM docs ORDER BY doc_id`)).map((r) => r.tags)).toEqual([['secret', 'markup'], null]);
    csv.conn.close();
  });
});
