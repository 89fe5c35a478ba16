import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, SqliteAnnotationStore } from '../sqlite';
import { IdempotencyConflict } from '../store';

const file = () => join(mkdtempSync(join(tmpdir(), 'sift-ann-')), 'sift.db');

describe('SQLite annotation store', () => {
  it('migrates a new file, in WAL mode, and reopens without re-applying migrations', () => {
    const path = file();
    new SqliteAnnotationStore(path).close();
    const again = new SqliteAnnotationStore(path);
    again.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect((db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>).map((r) => r.version)).toEqual([1, 2, 3]);
    db.close();
  });

  it('keeps every event; the current label is the latest; null clears; undo is a new event', () => {
    const store = new SqliteAnnotationStore(file());
    const base = { dataset: 'FP', annotator: 'ann' };
    store.append({ ...base, doc_id: 'a', label: 'drop', tags: ['ocr_noise'] });
    store.append({ ...base, doc_id: 'a', label: 'keep' });
    store.append({ ...base, doc_id: 'b', label: 'unsure', note: 'hm' });
    store.append({ ...base, doc_id: 'c', label: 'drop' });
    store.append({ ...base, doc_id: 'c', label: null }); // cleared
    store.append({ dataset: 'FP', annotator: 'bo', doc_id: 'a', label: 'drop' });
    store.append({ dataset: 'OTHER', annotator: 'ann', doc_id: 'a', label: 'drop' });
    const current = store.current('FP');
    expect(current.map((r) => [r.annotator, r.doc_id, r.label, r.tags, r.note])).toEqual([
      ['ann', 'a', 'keep', [], ''],
      ['ann', 'b', 'unsure', [], 'hm'],
      ['bo', 'a', 'drop', [], ''],
    ]);
    expect(store.current('FP', 'bo')).toHaveLength(1);
    expect(store.history('FP').map((r) => r.label)).toEqual(['drop', 'keep', 'unsure', 'drop', null, 'drop']);
    expect(store.history('FP', 5).map((r) => r.id)).toEqual([6]);
    store.close();
  });

  it('a repeated idempotency key with the same content stores nothing new and returns the first record; other content conflicts', () => {
    const store = new SqliteAnnotationStore(file());
    const first = store.append({ dataset: 'FP', annotator: 'ann', doc_id: 'a', label: 'drop', idempotency_key: 'k1' });
    const again = store.append({ dataset: 'FP', annotator: 'ann', doc_id: 'a', label: 'drop', idempotency_key: 'k1' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ record: first.record, created: false });
    expect(() => store.append({ dataset: 'FP', annotator: 'ann', doc_id: 'a', label: 'keep', idempotency_key: 'k1' })).toThrow(IdempotencyConflict);
    const batch = store.appendBatch([
      { dataset: 'FP', annotator: 'ann', doc_id: 'b', label: 'drop', idempotency_key: 'k2' },
      { dataset: 'FP', annotator: 'ann', doc_id: 'a', label: 'drop', idempotency_key: 'k1' },
    ]);
    expect(batch.created).toBe(1);
    expect(batch.records[1]).toEqual(first.record);
    expect(batch.records[0].batch).toBe(batch.batch);
    // One conflicting item rolls the whole batch back.
    expect(() =>
      store.appendBatch([
        { dataset: 'FP', annotator: 'ann', doc_id: 'z', label: 'drop', idempotency_key: 'k3' },
        { dataset: 'FP', annotator: 'ann', doc_id: 'c', label: 'drop', idempotency_key: 'k1' },
      ]),
    ).toThrow(IdempotencyConflict);
    expect(store.history('FP')).toHaveLength(2);
    // The same key of another annotator or dataset is theirs, not a repeat.
    expect(store.append({ dataset: 'FP', annotator: 'bo', doc_id: 'a', label: 'keep', idempotency_key: 'k1' }).created).toBe(true);
    expect(store.append({ dataset: 'FP2', annotator: 'ann', doc_id: 'a', label: 'keep', idempotency_key: 'k1' }).created).toBe(true);
    expect(store.duplicateKeys()).toBe(0);
    store.close();
  });

  it('migrates a database written with global idempotency keys: events, ids and keys kept, ids continue', () => {
    const path = file();
    const old = new Database(path);
    migrate(old, 2);
    old.prepare("INSERT INTO annotation_events (dataset, doc_id, annotator, label, idempotency_key, created_at) VALUES ('FP', 'a', 'ann', 'drop', 'k1', 'then')").run();
    old.prepare("INSERT INTO annotation_events (dataset, doc_id, annotator, label, idempotency_key, created_at) VALUES ('FP', 'b', 'bo', 'keep', 'k2', 'then')").run();
    old.prepare('DELETE FROM annotation_events WHERE id = 2').run();
    old.close();
    const store = new SqliteAnnotationStore(path);
    expect(store.history('FP').map((r) => [r.id, r.doc_id, r.idempotency_key])).toEqual([[1, 'a', 'k1']]);
    // AUTOINCREMENT's high-water mark survives: a deleted id is never reused.
    expect(store.append({ dataset: 'FP', annotator: 'ann', doc_id: 'c', label: 'keep' }).record.id).toBe(3);
    expect(store.append({ dataset: 'FP', annotator: 'bo', doc_id: 'a', label: 'keep', idempotency_key: 'k1' }).created).toBe(true);
    store.close();
  });
});
