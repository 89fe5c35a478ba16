import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCurrent, getHistory, postAnnotation, postBatch } from '../api';

const URL_BASE = 'http://localhost/api/annotations';
const post = (body: unknown, headers: Record<string, string> = {}) =>
  postAnnotation(new Request(URL_BASE, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }));
const label = { dataset: 'FP', doc_id: 'd1', annotator: 'ann', label: 'drop' };

describe('annotation API (real handlers, real SQLite file)', () => {
  beforeEach(() => {
    process.env.SIFT_DATA_DIR = mkdtempSync(join(tmpdir(), 'sift-api-'));
    delete process.env.SIFT_TOKEN;
  });
  afterEach(() => {
    delete process.env.SIFT_TOKEN;
  });

  it('stores a label (201), repeats by idempotency key (200, same record), lists current labels and history', async () => {
    const a = await post({ ...label, tags: ['spam'], idempotency_key: 'x1' });
    expect(a.status).toBe(201);
    const rec = await a.json();
    expect(rec).toMatchObject({ id: 1, doc_id: 'd1', label: 'drop', tags: ['spam'] });
    const again = await post({ ...label, label: 'keep', idempotency_key: 'x1' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(rec);
    expect((await post({ ...label, label: null })).status).toBe(201);
    expect((await post({ ...label, annotator: 'bo', label: 'keep' })).status).toBe(201);
    const current = await (await getCurrent(new Request(`${URL_BASE}?dataset=FP`))).json();
    expect(current.annotations.map((r: { annotator: string }) => r.annotator)).toEqual(['bo']);
    const jsonl = await (await getCurrent(new Request(`${URL_BASE}?dataset=FP&annotator=bo&format=jsonl`))).text();
    expect(jsonl.trim().split('\n').map((l) => JSON.parse(l).label)).toEqual(['keep']);
    const history = await (await getHistory(new Request(`${URL_BASE}/history?dataset=FP`))).json();
    expect(history.events.map((e: { label: string | null }) => e.label)).toEqual(['drop', null, 'keep']);
    expect((await getCurrent(new Request(URL_BASE))).status).toBe(400);
  });

  it('rejects bad bodies with 400 naming the field, and oversized bodies with 413', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...label, label: 'maybe' }, 'label'],
      [{ ...label, doc_id: 7 }, 'doc_id'],
      [{ ...label, annotator: '' }, 'annotator'],
      [{ ...label, tags: 'spam' }, 'tags'],
      [{ ...label, note: 'x'.repeat(1024 * 1024) }, 'note'],
      [{ ...label, colour: 'red' }, 'colour'],
      [{ dataset: 'FP', doc_id: 'd', annotator: 'a' }, 'label'],
      ['not json', 'body'],
      [[label], 'body'],
    ];
    for (const [body, field] of cases) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const e = await r.json();
      expect(e.field).toBe(field);
      expect(e.error).toContain(field);
    }
    const huge = await post({ ...label, note: 'x'.repeat(5 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const batchBad = await postBatch(new Request(`${URL_BASE}/batch`, { method: 'POST', body: JSON.stringify({ items: [label, { ...label, label: 'nope' }] }) }));
    expect(batchBad.status).toBe(400);
    expect((await batchBad.json()).field).toBe('items[1].label');
    // Nothing of a rejected batch was stored.
    expect((await (await getHistory(new Request(`${URL_BASE}/history?dataset=FP`))).json()).events).toHaveLength(0);
  });

  it('with SIFT_TOKEN set, writes need the bearer token (401 otherwise); reads stay open', async () => {
    process.env.SIFT_TOKEN = 's3cret';
    expect((await post(label)).status).toBe(401);
    expect((await post(label, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post(label, { Authorization: 'Bearer s3cret' })).status).toBe(201);
    const batch = await postBatch(new Request(`${URL_BASE}/batch`, { method: 'POST', body: JSON.stringify({ items: [label] }) }));
    expect(batch.status).toBe(401);
    expect((await getCurrent(new Request(`${URL_BASE}?dataset=FP`))).status).toBe(200);
  });
});
