import type { AnnotationInput, AnnotationRecord } from './types';

/**
 * Where annotation events live. The embedded default is SQLite
 * (lib/annotations/sqlite.ts); a team server can implement the same interface
 * on PostgreSQL (docs/annotations.md says how).
 */
export interface AnnotationStore {
  /**
   * Appends one event and returns it once committed. A repeated
   * idempotency_key stores nothing and returns the first record (created: false).
   */
  append(input: AnnotationInput): { record: AnnotationRecord; created: boolean };
  /** Appends several events in one transaction, under one batch id. */
  appendBatch(inputs: AnnotationInput[]): { records: AnnotationRecord[]; created: number; batch: string };
  /** The current label of each (doc_id, annotator) of a dataset; cleared labels left out. */
  current(dataset: string, annotator?: string): AnnotationRecord[];
  /** Every event of a dataset, in commit order. */
  history(dataset: string, afterId?: number): AnnotationRecord[];
  close(): void;
}
