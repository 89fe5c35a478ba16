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
  process.env.SIFT_DATA_DIR = dir;
});

const ctx = (...path: string[]) => ({ params: Promise.resolve({ path }) });
const get = (path: string[], headers: Record<string, string> = {}) => GET(new Request('http://x/api/files', { headers }), ctx(...path));

describe('/api/files', () => {
  it('lists only corpus files', async () => {
    const body = await (await LIST()).json();
    expect(body.files.map((f: { path: string }) => f.path)).toEqual(['corpus.parquet']);
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
