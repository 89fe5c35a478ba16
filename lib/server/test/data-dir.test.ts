import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFolderLabel, listDataFiles, resolveDataPath } from '../data-dir';

function fixture() {
  const base = mkdtempSync(join(tmpdir(), 'sift-dir-'));
  const root = join(base, 'data');
  mkdirSync(join(root, 'shards'), { recursive: true });
  writeFileSync(join(root, 'a.jsonl'), '{}\n');
  writeFileSync(join(root, 'shards', 'b.parquet'), 'PAR1');
  writeFileSync(join(root, 'notes.txt'), 'x');
  writeFileSync(join(root, '.hidden.csv'), 'x');
  writeFileSync(join(root, 'sift.db'), 'x');
  writeFileSync(join(root, 'sift.db-wal'), 'x');
  symlinkSync(join(root, 'sift.db'), join(root, 'labels.csv'));
  writeFileSync(join(base, 'secret.csv'), 'x');
  symlinkSync(join(base, 'secret.csv'), join(root, 'escape.csv'));
  return { base, root };
}

describe('data folder', () => {
  it('lists supported corpus files in subfolders too; not hidden files, other types or symlinks', async () => {
    const { root } = fixture();
    const files = await listDataFiles(root);
    expect(files.map((f) => f.path)).toEqual(['a.jsonl', 'shards/b.parquet']);
    expect(files[0]).toMatchObject({ size: 3, format: 'jsonl' });
  });

  it('never resolves a path outside the folder', async () => {
    const { root } = fixture();
    expect(await resolveDataPath(root, ['a.jsonl'])).toMatch(/a\.jsonl$/);
    expect(await resolveDataPath(root, ['shards', 'b.parquet'])).toMatch(/b\.parquet$/);
    expect(await resolveDataPath(root, ['..', 'secret.csv'])).toBeNull();
    expect(await resolveDataPath(root, ['escape.csv'])).toBeNull();
    expect(await resolveDataPath(root, ['.hidden.csv'])).toBeNull();
    expect(await resolveDataPath(root, ['shards'])).toBeNull();
    expect(await resolveDataPath(root, ['/etc/passwd'])).toBeNull();
    expect(await resolveDataPath(root, ['missing.csv'])).toBeNull();
    expect(await resolveDataPath(root, [])).toBeNull();
  });

  it('serves nothing but the corpus files the listing shows: no label database, notes or disguised links', async () => {
    const { root } = fixture();
    for (const name of ['sift.db', 'sift.db-wal', 'notes.txt', 'labels.csv']) expect(await resolveDataPath(root, [name]), name).toBeNull();
  });
});

describe('the data folder in commands', () => {
  it('is named relative to the project, never by an absolute path outside it', () => {
    expect(dataFolderLabel('/srv/sift/data', '/srv/sift')).toBe('data');
    expect(dataFolderLabel('/srv/sift/test-results/e2e', '/srv/sift')).toBe('test-results/e2e');
    expect(dataFolderLabel('/srv/sift', '/srv/sift')).toBe('.');
    expect(dataFolderLabel('/mnt/corpora', '/srv/sift')).toBeNull();
    expect(dataFolderLabel('/srv/sift-other/data', '/srv/sift')).toBeNull();
  });
});
