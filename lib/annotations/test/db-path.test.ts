import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotationDbPath, legacyDbPath, migrateLegacyDb } from '../db-path';
import { SqliteAnnotationStore } from '../sqlite';

function folder() {
  const base = mkdtempSync(join(tmpdir(), 'sift-dbpath-'));
  const data = join(base, 'data');
  mkdirSync(data);
  return { base, data };
}

describe('where the label database lives', () => {
  it('beside the data folder by default, never inside it; SIFT_DB overrides', () => {
    const { base, data } = folder();
    expect(annotationDbPath(data, {})).toBe(join(base, 'data.sift.db'));
    expect(annotationDbPath(data + '/', {})).toBe(join(base, 'data.sift.db'));
    expect(annotationDbPath(data, { SIFT_DB: join(base, 'labels', 'team.db') })).toBe(join(base, 'labels', 'team.db'));
  });

  it('moves a database an older Sift kept in the data folder, committed WAL pages included', () => {
    const { base, data } = folder();
    const legacy = legacyDbPath(data);
    const old = new SqliteAnnotationStore(legacy);
    for (let i = 0; i < 50; i++) old.append({ dataset: 'FP', annotator: 'ann', doc_id: `d${i}`, label: 'keep', idempotency_key: `k${i}` });
    // Still open: the events are in the WAL, not yet in the main file.
    expect(existsSync(legacy + '-wal')).toBe(true);
    const target = annotationDbPath(data, {});
    expect(migrateLegacyDb(legacy, target)).toBe('moved');
    old.close();
    for (const suffix of ['', '-wal', '-shm']) expect(existsSync(legacy + suffix), suffix).toBe(false);
    const moved = new SqliteAnnotationStore(target);
    expect(moved.history('FP')).toHaveLength(50);
    expect(moved.history('FP')[49]).toMatchObject({ doc_id: 'd49', idempotency_key: 'k49' });
    moved.close();
    expect(existsSync(join(base, 'data.sift.db'))).toBe(true);
  });

  it('does nothing without a legacy file, and never overwrites an existing database', () => {
    const { data } = folder();
    const target = annotationDbPath(data, {});
    expect(migrateLegacyDb(legacyDbPath(data), target)).toBe('none');
    new SqliteAnnotationStore(target).close();
    writeFileSync(legacyDbPath(data), 'old');
    expect(migrateLegacyDb(legacyDbPath(data), target)).toBe('both-exist');
    expect(existsSync(legacyDbPath(data))).toBe(true);
  });
});
