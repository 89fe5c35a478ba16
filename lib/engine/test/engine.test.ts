import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../../data/connectors/node';
import { tempDir } from '../../data/test/helpers';
import { main } from '../../cli/main';
import { capture } from '../../cli/test/capture';
import type { SelectionResult } from '../../selection/engine';
import { decodeBinary, decodeJson, encodeBinary, encodeJson } from '../../service/wire';
import { engineRequest } from '../host';
import type { ServerDataset } from '../../service/protocol';

// The engine runs from the compiled worker, as on the server.
beforeAll(async () => {
  // @ts-expect-error: a plain .mjs script without types
  const { ensureCli } = await import('../../../scripts/build-cli.mjs');
  await ensureCli();
}, 120_000);

/** A folder of three Parquet shards: ids out of order, eight sources, scores with ties and 2 % missing. */
async function shardFolder(rows: number): Promise<string> {
  const dir = tempDir();
  const folder = join(dir, 'shards');
  mkdirSync(folder);
  const conn = await NodeConnector.open();
  for (let s = 0; s < 3; s++) {
    await conn.exec(`COPY (
      SELECT printf('doc-%07d', (i * 7919) % ${rows * 3}) AS id, 'src' || (i % 8) AS source, 'text of document ' || i AS text,
             CASE WHEN hash(i) % 50 = 0 THEN NULL ELSE (hash(i * 3) % 200) / 8.0 END AS quality
      FROM range(${s * rows}, ${(s + 1) * rows}) t(i)) TO '${folder}/part-${s}.parquet' (FORMAT parquet)`);
  }
  conn.close();
  return folder;
}

describe('the server engine', () => {
  it('answers the selection service over the worker thread as the CLI computes it, and exports the same bytes as sift export', async () => {
    const folder = await shardFolder(4000);
    const opened = (await engineRequest({ op: 'open', path: 'shards', file: folder })) as ServerDataset;
    expect(opened.rows).toBe(12_000);
    expect(opened.selectors.map((s) => s.name)).toEqual(['quality']);
    expect(opened.sources).toHaveLength(8);
    expect(opened.dataset.shards.map((s) => s.file)).toEqual(['part-0.parquet', 'part-1.parquet', 'part-2.parquet']);
    // 24 bytes of facts per document; a built selector holds its scores, order, sorted scores and prefix sums.
    expect(opened.memory.factsBytesPerDoc).toBe(24);
    expect(opened.memory.selectorBytesPerDoc).toBeGreaterThan(30);
    expect(opened.memory.selectorBytesPerDoc).toBeLessThanOrEqual(44);

    // The same files opened again while unchanged: the same handle, nothing read again.
    expect(((await engineRequest({ op: 'open', path: 'shards', file: folder })) as ServerDataset).id).toBe(opened.id);

    const selection = (await engineRequest({ op: 'call', id: opened.id, directions: { quality: 'higher' }, method: 'select', args: ['quality', { ratio: 0.3 }] })) as SelectionResult;
    // An independent count: DuckDB's window function over the same shards, ties by id bytes.
    const conn = await NodeConnector.open();
    const [expected] = await conn.query(`SELECT count(*) FILTER (WHERE quality IS NOT NULL) AS scored FROM read_parquet('${folder}/*.parquet')`);
    const k = Math.floor(0.3 * Number(expected.scored));
    const dropped = (await conn.query(`SELECT id FROM (SELECT id, row_number() OVER (ORDER BY quality, encode(id)) AS rk FROM read_parquet('${folder}/*.parquet') WHERE quality IS NOT NULL) WHERE rk <= ${k} ORDER BY id`)).map((r) => String(r.id));
    conn.close();
    expect(selection.dropped).toBe(k);
    expect(selection.kept).toBe(12_000 - k);

    const options = { selector: 'quality', ratio: 0.3, direction: 'higher', missing: 'keep', mode: 'threshold', defines: [], list: 'drop', format: 'jsonl', out: 'x.jsonl' };
    const exported = (await engineRequest({ op: 'call', id: opened.id, directions: { quality: 'higher' }, method: 'export', args: ['quality', options, { tagRows: null, annotations: null, corpus: null }] })) as { chunks: Uint8Array[] };
    const bytes = Buffer.concat(exported.chunks.map((c) => Buffer.from(c)));
    const out = join(tempDir(), 'drop.jsonl');
    expect(await main(['export', folder, '--selector', 'quality', '--drop', '0.3', '--list', 'drop', '--out', out], capture())).toBe(0);
    expect(bytes.equals(readFileSync(out))).toBe(true);
    const ids = bytes.toString('utf8').trim().split('\n').map((l) => JSON.parse(l).doc_id as string);
    expect([...ids].sort()).toEqual(dropped);

    // Rows and documents are read by row number; text comes from the server's DuckDB.
    const rows = (await engineRequest({ op: 'rows', id: opened.id, idx: [0, 4001] })) as Array<{ _idx: number; doc_id: string; preview: string }>;
    expect(rows.map((r) => r.preview)).toEqual(['text of document 0', 'text of document 4001']);
    const doc = (await engineRequest({ op: 'document', id: opened.id, key: { docId: rows[1].doc_id } })) as { _idx: number; text: string };
    expect(doc).toMatchObject({ _idx: 4001, text: 'text of document 4001' });

    // The provenance's inputs: each shard by its path in the folder, with its size and SHA-256.
    const inputs = (await engineRequest({ op: 'inputs', id: opened.id })) as Array<{ name: string; bytes: number; sha256: string }>;
    expect(inputs.map((f) => f.name)).toEqual(['part-0.parquet', 'part-1.parquet', 'part-2.parquet']);
    for (const f of inputs) {
      const bytes = readFileSync(join(folder, f.name));
      expect(f).toMatchObject({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
  }, 120_000);

  it('names the file and line of bad input, and an unknown handle', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.jsonl');
    (await import('node:fs')).writeFileSync(bad, '{"id": "a", "text": "x", "s": 1}\n{"id": "b", "text": \n');
    await expect(engineRequest({ op: 'open', path: 'bad.jsonl', file: bad })).rejects.toMatchObject({ code: 'bad_json_line', line: 2 });
    await expect(engineRequest({ op: 'rows', id: 'nothing', idx: [0] })).rejects.toMatchObject({ code: 'not_open' });
  }, 60_000);
});

describe('the engine keeps what it can hold', () => {
  it('closes the least recently used dataset past two, and a dataset whose files changed', async () => {
    const { writeFileSync } = await import('node:fs');
    const dir = tempDir();
    const files = [0, 1, 2].map((k) => {
      const f = join(dir, `c${k}.jsonl`);
      writeFileSync(f, `{"id": "a${k}", "text": "x", "s": 1}\n`);
      return f;
    });
    const open = async (k: number) => ((await engineRequest({ op: 'open', path: `c${k}.jsonl`, file: files[k] })) as ServerDataset).id;
    const ids = [await open(0), await open(1)];
    await engineRequest({ op: 'rows', id: ids[0], idx: [0] }); // 0 is now the most recently used
    ids.push(await open(2));
    await new Promise((r) => setTimeout(r, 50));
    await expect(engineRequest({ op: 'rows', id: ids[1], idx: [0] })).rejects.toMatchObject({ code: 'not_open' });
    expect(await engineRequest({ op: 'rows', id: ids[0], idx: [0] })).toHaveLength(1);
    // The same path with other contents: a new handle, and the old one is closed.
    writeFileSync(files[2], `{"id": "b", "text": "y", "s": 2}\n{"id": "c", "text": "z", "s": 3}\n`);
    const changed = await open(2);
    expect(changed).not.toBe(ids[2]);
    await new Promise((r) => setTimeout(r, 50));
    await expect(engineRequest({ op: 'rows', id: ids[2], idx: [0] })).rejects.toMatchObject({ code: 'not_open' });
    expect(((await engineRequest({ op: 'open', path: 'c2.jsonl', file: files[2] })) as ServerDataset).rows).toBe(2);
  }, 60_000);
});

describe('the engine wire format', () => {
  it('carries typed arrays of every kind in place, at any offset, and plain values unchanged', () => {
    const base = new Float64Array([1.5, -0, NaN, Infinity, 2 ** 60]);
    const value = { a: base, b: [new Uint8Array([1, 2, 3]), new Int32Array([-7, 7])], c: { n: 3, s: 'é', z: null }, d: new Uint32Array(new Uint32Array([9, 8, 7, 6]).buffer, 4, 2) };
    const back = decodeBinary(encodeBinary(value).buffer) as typeof value;
    expect(Array.from(back.a)).toEqual(Array.from(base));
    expect(Object.is(back.a[1], -0)).toBe(true);
    expect(back.b[0]).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.b[1])).toEqual([-7, 7]);
    expect(Array.from(back.d)).toEqual([8, 7]);
    expect(back.c).toEqual({ n: 3, s: 'é', z: null });
    // Plain numbers that JSON cannot write: NaN and the infinities survive, both ways.
    const odd = { r: NaN, lo: -Infinity, hi: Infinity, list: [1, NaN] };
    expect(decodeBinary(encodeBinary(odd).buffer)).toEqual(odd);
    expect(decodeJson(JSON.parse(encodeJson(odd)))).toEqual(odd);
  });

  it('refuses an answer cut short', () => {
    const bytes = encodeBinary({ a: new Float64Array(100) });
    expect(() => decodeBinary(bytes.slice(0, bytes.length - 8).buffer)).toThrow(/cut short/);
  });
});
