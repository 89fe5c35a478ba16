import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCurrent, getHistory, postAnnotation, postBatch } from '../annotations-api';

const URL_BASE = 'http://localhost/api/annotations';
const post = (body: unknown, headers: Record<string, string> = {}) =>
  postAnnotation(new Request(URL_BASE, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }));
const label = { dataset: 'FP', doc_id: 'd1', annotator: 'ann', label: 'drop' };

describe('annotation API (real handlers, real SQLite file)', () => {
  beforeEach(() => {
    const base = mkdtempSync(join(tmpdir(), 'sift-api-'));
    process.env.SIFT_DATA_DIR = join(base, 'data');
    process.env.SIFT_DB = join(base, 'labels.db');
    delete process.env.SIFT_TOKEN;
  });
  afterEach(() => {
    delete process.env.SIFT_TOKEN;
    delete process.env.SIFT_DB;
  });

  it('stores a label (201), repeats by idempotency key (200, same record), lists current labels and history', async () => {
    const a = await post({ ...label, tags: ['spam'], idempotency_key: 'x1' });
    expect(a.status).toBe(201);
    const rec = await a.json();
    expect(rec).toMatchObject({ id: 1, doc_id: 'd1', label: 'drop', tags: ['spam'] });
    const again = await post({ ...label, tags: ['spam'], idempotency_key: 'x1' });
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

  it('scopes idempotency keys to (dataset, annotator): another person\u2019s key stores a new record, never answers with theirs', async () => {
    const mine = await (await post({ ...label, idempotency_key: 'k' })).json();
    const other = await post({ ...label, dataset: 'FP2', annotator: 'eve', label: 'keep', idempotency_key: 'k' });
    expect(other.status).toBe(201);
    const theirs = await other.json();
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs).toMatchObject({ dataset: 'FP2', annotator: 'eve', label: 'keep' });
    expect((await post({ ...label, annotator: 'eve', idempotency_key: 'k' })).status).toBe(201);
  });

  it('answers 409 with both records when a key is re-sent with other content; nothing is stored, nothing lost silently', async () => {
    const first = await (await post({ ...label, idempotency_key: 'same' })).json();
    for (const changed of [{ label: 'keep' }, { doc_id: 'd2' }, { note: 'n' }, { tags: ['x'] }, { label: null }]) {
      const r = await post({ ...label, ...changed, idempotency_key: 'same' });
      expect(r.status, JSON.stringify(changed)).toBe(409);
      const body = await r.json();
      expect(body.field).toBe('idempotency_key');
      expect(body.existing).toEqual(first);
      expect(body.sent).toMatchObject({ ...label, ...changed, idempotency_key: 'same' });
    }
    const batch = await postBatch(
      new Request(`${URL_BASE}/batch`, { method: 'POST', body: JSON.stringify({ items: [{ ...label, doc_id: 'new', idempotency_key: 'b1' }, { ...label, label: 'keep', idempotency_key: 'same' }] }) }),
    );
    expect(batch.status).toBe(409);
    const history = await (await getHistory(new Request(`${URL_BASE}/history?dataset=FP`))).json();
    expect(history.events).toHaveLength(1);
  });

  it('refuses invalid UTF-8 and lone surrogates (400), and caps what an error echoes', async () => {
    const bytes = Buffer.concat([Buffer.from('{"dataset":"FP","doc_id":"d'), Buffer.from([0xff, 0xfe]), Buffer.from('","annotator":"a","label":"keep"}')]);
    const bad = await postAnnotation(new Request(URL_BASE, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: bytes }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/UTF-8/);
    const lone = await post('{"dataset":"FP","doc_id":"d\\ud800x","annotator":"a","label":"keep"}');
    expect(lone.status).toBe(400);
    const e = await lone.json();
    expect(e.field).toBe('doc_id');
    expect(e.error).toMatch(/surrogate/);
    const loneKey = await post('{"dataset":"FP","doc_id":"d","annotator":"a","label":"keep","tags":["ok","\\udc00"]}');
    expect((await loneKey.json()).field).toBe('tags[1]');
    // A well-formed pair is a character like any other.
    expect((await post({ ...label, doc_id: 'emoji \u{1F600}' })).status).toBe(201);
    const huge = await post({ ...label, label: 'x'.repeat(3 * 1024 * 1024) });
    expect(huge.status).toBe(400);
    const text = await huge.text();
    expect(text.length).toBeLessThan(1000);
    const unknown = await post({ ...label, ['k'.repeat(100_000)]: 1 });
    expect((await unknown.text()).length).toBeLessThan(1000);
  });

  it('parses query parameters strictly', async () => {
    const current = (q: string) => getCurrent(new Request(`${URL_BASE}?${q}`));
    const history = (q: string) => getHistory(new Request(`${URL_BASE}/history?${q}`));
    expect((await history('dataset=FP&after=0')).status).toBe(200);
    expect((await history('dataset=FP&after=12')).status).toBe(200);
    for (const q of ['dataset=FP&after=0x10', 'dataset=FP&after=1e3', 'dataset=FP&after=-1', 'dataset=FP&after=1.0', 'dataset=FP&after=', 'dataset=FP&after=01', 'dataset=FP&format=xml', 'dataset=FP&colour=red', 'dataset=FP&dataset=FP2']) {
      expect((await history(q)).status, q).toBe(400);
    }
    for (const q of ['dataset=FP&format=xml', 'dataset=FP&after=1', 'dataset=FP&annotator=a&annotator=b', '']) expect((await current(q)).status, q).toBe(400);
    expect((await current('dataset=FP&annotator=a&format=jsonl')).status).toBe(200);
  });
});
