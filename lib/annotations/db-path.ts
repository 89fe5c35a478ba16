/**
 * Where the label database lives: SIFT_DB, else beside the data folder
 * (`./data` → `./data.sift.db`), never inside it — the data folder is what the
 * server serves, and labels, notes and annotator names are not corpora.
 * A database left inside the folder by an older Sift is moved out once.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export function annotationDbPath(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.SIFT_DB?.trim()) return resolve(/*turbopackIgnore: true*/ env.SIFT_DB.trim());
  const dir = resolve(/*turbopackIgnore: true*/ dataDir);
  return join(dirname(dir), `${basename(dir)}.sift.db`);
}

/** The database an older Sift kept inside the data folder. */
export const legacyDbPath = (dataDir: string) => join(dataDir, 'sift.db');

const count = (db: Database.Database) => {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'annotation_events'").get();
  return table ? (db.prepare('SELECT count(*) AS n FROM annotation_events').get() as { n: number }).n : 0;
};

/**
 * Moves `from` (with its WAL) to `to` when `to` does not exist yet: a
 * consistent copy (VACUUM INTO works across file systems and includes the
 * WAL's committed pages), checked by counting events, then the old files are
 * removed. Returns what happened, for the server log.
 */
export function migrateLegacyDb(from: string, to: string): 'moved' | 'none' | 'both-exist' {
  if (!existsSync(from)) return 'none';
  if (existsSync(to)) return 'both-exist';
  mkdirSync(dirname(to), { recursive: true });
  const old = new Database(from);
  let events: number;
  try {
    events = count(old);
    old.prepare('VACUUM INTO ?').run(to);
  } finally {
    old.close();
  }
  const copy = new Database(to, { readonly: true });
  const copied = count(copy);
  copy.close();
  if (copied !== events) {
    rmSync(to, { force: true });
    throw new Error(`moving the label database from ${from} to ${to}: the copy held ${copied} events, the original ${events}; kept the original`);
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(from + suffix, { force: true });
  return 'moved';
}
