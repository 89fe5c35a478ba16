/**
 * Annotations: who labelled which document of which dataset, and how. Every
 * change is an event; the current label of (dataset, doc_id, annotator) is its
 * latest event. Shared by the server store, the API routes and the page.
 */

export const LABELS = ['keep', 'drop', 'unsure'] as const;
export type Label = (typeof LABELS)[number];

/** What a client sends (POST /api/annotations, one item of a batch). */
export interface AnnotationInput {
  dataset: string;
  doc_id: string;
  annotator: string;
  /** null clears the label. */
  label: Label | null;
  tags?: string[];
  note?: string;
  idempotency_key?: string;
}

/** A stored event. */
export interface AnnotationRecord {
  /** Commit order (1, 2, …). */
  id: number;
  dataset: string;
  doc_id: string;
  annotator: string;
  label: Label | null;
  tags: string[];
  note: string;
  idempotency_key: string | null;
  /** Events written together (a bulk label or its undo) share a batch id. */
  batch: string | null;
  /** ISO 8601, UTC, from the server's clock. */
  created_at: string;
}

export const LIMITS = {
  /** Request bodies above this get 413. */
  bodyBytes: 4 * 1024 * 1024,
  items: 10_000,
  id: 1024,
  annotator: 200,
  note: 10_000,
  tags: 32,
  tag: 64,
  key: 200,
} as const;

export class ValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

const FIELDS = new Set(['dataset', 'doc_id', 'annotator', 'label', 'tags', 'note', 'idempotency_key']);

function text(v: Record<string, unknown>, field: string, max: number, where: string, optional = false): string | undefined {
  const x = v[field];
  if (x === undefined && optional) return undefined;
  if (typeof x !== 'string') throw new ValidationError(`${where}${field}`, `${where}${field}: expected a string, got ${x === undefined ? 'nothing' : x === null ? 'null' : typeof x}`);
  if (!optional && x.trim() === '') throw new ValidationError(`${where}${field}`, `${where}${field}: must not be empty`);
  if (x.length > max) throw new ValidationError(`${where}${field}`, `${where}${field}: at most ${max} characters, got ${x.length}`);
  return x;
}

/** Checks one annotation object; throws a ValidationError naming the field. `where` prefixes field names (e.g. "items[3].") */
export function validateAnnotation(value: unknown, where = ''): AnnotationInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValidationError(where || 'body', `${where || 'body'}: expected a JSON object`);
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (!FIELDS.has(key)) throw new ValidationError(`${where}${key}`, `${where}${key}: unknown field (expected ${[...FIELDS].join(', ')})`);
  const dataset = text(v, 'dataset', LIMITS.id, where)!;
  const doc_id = text(v, 'doc_id', LIMITS.id, where)!;
  const annotator = text(v, 'annotator', LIMITS.annotator, where)!;
  if (!('label' in v)) throw new ValidationError(`${where}label`, `${where}label: required ("keep", "drop", "unsure" or null)`);
  const label = v.label;
  if (label !== null && !(typeof label === 'string' && (LABELS as readonly string[]).includes(label))) {
    throw new ValidationError(`${where}label`, `${where}label: expected "keep", "drop", "unsure" or null, got ${JSON.stringify(label).slice(0, 80)}`);
  }
  let tags: string[] | undefined;
  if (v.tags !== undefined) {
    if (!Array.isArray(v.tags)) throw new ValidationError(`${where}tags`, `${where}tags: expected a list of strings`);
    if (v.tags.length > LIMITS.tags) throw new ValidationError(`${where}tags`, `${where}tags: at most ${LIMITS.tags} tags, got ${v.tags.length}`);
    v.tags.forEach((t, i) => {
      if (typeof t !== 'string' || t.trim() === '' || t.length > LIMITS.tag) throw new ValidationError(`${where}tags`, `${where}tags[${i}]: expected a non-empty string of at most ${LIMITS.tag} characters`);
    });
    tags = [...new Set(v.tags as string[])];
  }
  const note = text(v, 'note', LIMITS.note, where, true);
  const idempotency_key = text(v, 'idempotency_key', LIMITS.key, where, true);
  return { dataset, doc_id, annotator, label: label as Label | null, ...(tags ? { tags } : {}), ...(note !== undefined ? { note } : {}), ...(idempotency_key !== undefined ? { idempotency_key } : {}) };
}
