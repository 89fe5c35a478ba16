import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET, HEAD } from '../[...path]/route';
import { GET as LIST } from '../route';

const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'sift-route-'));
  writeFileSync(join(dir, 'corpus.parquet'), bytes);
  writeFileSync(join(dir, 'notes.md'), 'x');
  writeFileSync(join(dir, 'sift.db'), 'labels');
  writeFileSync(join(dir, '100%.jsonl'), 'percent\n');
  writeFileSync(join(dir, 'a%41.jsonl'), 'literal\n');
  writeFileSync(join(dir, 'aA.jsonl'), 'other\n');
  writeFileSync(join(dir, 'empty.jsonl'), '');
  process.env.SIFT_DATA_DIR = dir;
});

const ctx = (...path: string[]) => ({ params: Promise.resolve({ path }) });
const get = (path: string[], headers: Record<string, string> = {}) => GET(new Request('http://x/api/files', { headers }), ctx(...path));

describe('/api/files', () => {
  it('lists only corpus files, by relative path, never the folder’s absolute location', async () => {
    const body = await (await LIST()).json();
    expect(body.files.map((f: { path: string }) => f.path)).toEqual(['100%.jsonl', 'a%41.jsonl', 'aA.jsonl', 'corpus.parquet', 'empty.jsonl']);
    expect(JSON.stringify(body)).not.toContain(process.env.SIFT_DATA_DIR!);
    expect(Object.keys(body)).toEqual(['files', 'folder']);
    // A folder outside the project is not named (commands say $SIFT_DATA_DIR).
    expect(body.folder).toBeNull();
  });

  it('takes path segments as Next decoded them, once: "100%.jsonl" loads and "a%41.jsonl" is not "aA.jsonl"', async () => {
    expect(await (await get(['100%.jsonl'])).text()).toBe('percent\n');
    expect(await (await get(['a%41.jsonl'])).text()).toBe('literal\n');
    expect((await get(['%ZZ.jsonl'])).status).toBe(404);
    expect((await get(['%E0%A4%A'])).status).toBe(404);
  });

  it('never serves the label database or other non-corpus files', async () => {
    for (const name of ['sift.db', 'notes.md']) expect((await get([name])).status, name).toBe(404);
  });

  it('answers 416 for any range of an empty file, and 200 with no body without one', async () => {
    const r = await get(['empty.jsonl'], { Range: 'bytes=-5' });
    expect(r.status).toBe(416);
    expect(r.headers.get('content-range')).toBe('bytes */0');
    const whole = await get(['empty.jsonl']);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe('0');
  });

  it('serves a whole file, a range, a suffix range, and 416 past the end', async () => {
    const whole = await get(['corpus.parquet']);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    const part = await get(['corpus.parquet'], { Range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([...bytes.subarray(10, 20)]);

    const tail = await get(['corpus.parquet'], { Range: 'bytes=-8' });
    expect(tail.headers.get('content-range')).toBe('bytes 992-999/1000');
    expect((await tail.arrayBuffer()).byteLength).toBe(8);

    const past = await get(['corpus.parquet'], { Range: 'bytes=5000-' });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */1000');
  });

  it('answers HEAD with the size and no body', async () => {
    const res = await HEAD(new Request('http://x/api/files', { method: 'HEAD' }), ctx('corpus.parquet'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
  });

  it('refuses paths outside the data folder and files of other types are still just bytes', async () => {
    expect((await get(['..', 'etc', 'passwd'])).status).toBe(404);
    expect((await get(['missing.csv'])).status).toBe(404);
    expect((await get(['%2e%2e', 'x'])).status).toBe(404);
  });
});
