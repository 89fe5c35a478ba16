import type { AnnotationInput, AnnotationRecord } from './types';

/**
 * Where annotation events live. The embedded default is SQLite
 * (lib/annotations/sqlite.ts); a team server can implement the same interface
 * on PostgreSQL (docs/annotations.md says how).
 */
export interface AnnotationStore {
  /**
   * Appends one event and returns it once committed. An idempotency_key
   * already used by the same (dataset, annotator) stores nothing: with the same
   * content it returns the first record (created: false, a retry); with other
   * content it throws IdempotencyConflict, so a changed label is never lost silently.
   */
  append(input: AnnotationInput): { record: AnnotationRecord; created: boolean };
  /** Appends several events in one transaction, under one batch id (none of them if one conflicts). */
  appendBatch(inputs: AnnotationInput[]): { records: AnnotationRecord[]; created: number; batch: string };
  /** The current label of each (doc_id, annotator) of a dataset; cleared labels left out. */
  current(dataset: string, annotator?: string): AnnotationRecord[];
  /** Every event of a dataset, in commit order. */
  history(dataset: string, afterId?: number): AnnotationRecord[];
  close(): void;
}

/** An idempotency key re-sent with different content. */
export class IdempotencyConflict extends Error {
  constructor(
    readonly existing: AnnotationRecord,
    readonly sent: AnnotationInput,
  ) {
    super(`idempotency_key "${String(sent.idempotency_key).slice(0, 80)}" was already used for another label (event ${existing.id})`);
    this.name = 'IdempotencyConflict';
  }
}
