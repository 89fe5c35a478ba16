/**
 * The embedded annotation store: one SQLite file (SIFT_DB, by default beside
 * the data folder: lib/annotations/db-path.ts) in WAL mode with synchronous=FULL, so an acknowledged write survives the
 * process being killed. Server-only (better-sqlite3 is a native module).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { IdempotencyConflict, type AnnotationStore } from './store';
import type { AnnotationInput, AnnotationRecord, Label } from './types';

/** Schema versions, applied in order, each once (recorded in schema_migrations). */
const MIGRATIONS: string[] = [
  `CREATE TABLE annotation_events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     dataset TEXT NOT NULL,
     doc_id TEXT NOT NULL,
     annotator TEXT NOT NULL,
     label TEXT CHECK (label IN ('keep', 'drop', 'unsure')),
     tags TEXT NOT NULL DEFAULT '[]',
     note TEXT NOT NULL DEFAULT '',
     idempotency_key TEXT UNIQUE,
     batch TEXT,
     created_at TEXT NOT NULL
   );
   CREATE INDEX annotation_events_current ON annotation_events (dataset, doc_id, annotator, id);`,
  `CREATE INDEX annotation_events_dataset ON annotation_events (dataset, id);`,
  // Idempotency keys belong to one (dataset, annotator): another person's key must not answer with their record.
  `CREATE TABLE annotation_events_v3 (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     dataset TEXT NOT NULL,
     doc_id TEXT NOT NULL,
     annotator TEXT NOT NULL,
     label TEXT CHECK (label IN ('keep', 'drop', 'unsure')),
     tags TEXT NOT NULL DEFAULT '[]',
     note TEXT NOT NULL DEFAULT '',
     idempotency_key TEXT,
     batch TEXT,
     created_at TEXT NOT NULL,
     UNIQUE (dataset, annotator, idempotency_key)
   );
   INSERT INTO annotation_events_v3 (id, dataset, doc_id, annotator, label, tags, note, idempotency_key, batch, created_at)
     SELECT id, dataset, doc_id, annotator, label, tags, note, idempotency_key, batch, created_at FROM annotation_events;
   DELETE FROM sqlite_sequence WHERE name = 'annotation_events_v3';
   INSERT INTO sqlite_sequence (name, seq) SELECT 'annotation_events_v3', seq FROM sqlite_sequence WHERE name = 'annotation_events';
   DROP TABLE annotation_events;
   ALTER TABLE annotation_events_v3 RENAME TO annotation_events;
   CREATE INDEX annotation_events_current ON annotation_events (dataset, doc_id, annotator, id);
   CREATE INDEX annotation_events_dataset ON annotation_events (dataset, id);`,
];

interface Row {
  id: number;
  dataset: string;
  doc_id: string;
  annotator: string;
  label: Label | null;
  tags: string;
  note: string;
  idempotency_key: string | null;
  batch: string | null;
  created_at: string;
}

const toRecord = (r: Row): AnnotationRecord => ({ ...r, tags: JSON.parse(r.tags) as string[] });

/** Whether a re-sent event says what the stored one says (a retry), or something else (a conflict). */
function sameContent(r: AnnotationRecord, input: AnnotationInput): boolean {
  return r.doc_id === input.doc_id && r.label === input.label && r.note === (input.note ?? '') && JSON.stringify(r.tags) === JSON.stringify(input.tags ?? []);
}

/** Applies the migrations not yet applied, up to `upTo` (all by default; tests stop earlier to make old files). */
export function migrate(db: Database.Database, upTo = MIGRATIONS.length): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version));
  const apply = db.transaction((version: number, sql: string) => {
    db.exec(sql);
    db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
  });
  MIGRATIONS.slice(0, upTo).forEach((sql, i) => {
    if (!done.has(i + 1)) apply(i + 1, sql);
  });
  return upTo;
}

export class SqliteAnnotationStore implements AnnotationStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly byKey: Database.Statement;
  private readonly byId: Database.Statement;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.insert = this.db.prepare(
      `INSERT INTO annotation_events (dataset, doc_id, annotator, label, tags, note, idempotency_key, batch, created_at)
       VALUES (@dataset, @doc_id, @annotator, @label, @tags, @note, @idempotency_key, @batch, @created_at)
       ON CONFLICT (dataset, annotator, idempotency_key) DO NOTHING`,
    );
    this.byKey = this.db.prepare('SELECT * FROM annotation_events WHERE dataset = ? AND annotator = ? AND idempotency_key = ?');
    this.byId = this.db.prepare('SELECT * FROM annotation_events WHERE id = ?');
  }

  private write(input: AnnotationInput, batch: string | null): { record: AnnotationRecord; created: boolean } {
    const info = this.insert.run({
      dataset: input.dataset,
      doc_id: input.doc_id,
      annotator: input.annotator,
      label: input.label,
      tags: JSON.stringify(input.tags ?? []),
      note: input.note ?? '',
      idempotency_key: input.idempotency_key ?? null,
      batch,
      created_at: new Date().toISOString(),
    });
    if (info.changes === 0) {
      const existing = toRecord(this.byKey.get(input.dataset, input.annotator, input.idempotency_key) as Row);
      if (!sameContent(existing, input)) throw new IdempotencyConflict(existing, input);
      return { record: existing, created: false };
    }
    return { record: toRecord(this.byId.get(info.lastInsertRowid) as Row), created: true };
  }

  append(input: AnnotationInput) {
    return this.db.transaction(() => this.write(input, null))();
  }

  appendBatch(inputs: AnnotationInput[]) {
    const batch = randomUUID();
    return this.db.transaction(() => {
      let created = 0;
      const records = inputs.map((input) => {
        const r = this.write(input, batch);
        created += r.created ? 1 : 0;
        return r.record;
      });
      return { records, created, batch };
    })();
  }

  current(dataset: string, annotator?: string): AnnotationRecord[] {
    const rows = this.db
      .prepare(
        `SELECT e.* FROM annotation_events e
         JOIN (SELECT doc_id, annotator, max(id) AS id FROM annotation_events WHERE dataset = ? ${annotator !== undefined ? 'AND annotator = ?' : ''} GROUP BY doc_id, annotator) last
           ON e.id = last.id
         WHERE e.label IS NOT NULL OR e.tags != '[]' OR e.note != ''
         ORDER BY e.id`,
      )
      .all(...(annotator !== undefined ? [dataset, annotator] : [dataset])) as Row[];
    return rows.map(toRecord);
  }

  history(dataset: string, afterId = 0): AnnotationRecord[] {
    return (this.db.prepare('SELECT * FROM annotation_events WHERE dataset = ? AND id > ? ORDER BY id').all(dataset, afterId) as Row[]).map(toRecord);
  }

  /** Idempotency keys stored more than once for one (dataset, annotator) (must be none; the durability test checks). */
  duplicateKeys(): number {
    return (
      this.db
        .prepare(
          'SELECT count(*) AS n FROM (SELECT 1 FROM annotation_events WHERE idempotency_key IS NOT NULL GROUP BY dataset, annotator, idempotency_key HAVING count(*) > 1)',
        )
        .get() as { n: number }
    ).n;
  }

  close(): void {
    this.db.close();
  }
}
