/**
 * Annotations JSONL, as the Annotate page and `GET /api/annotations?format=jsonl`
 * export it: one record per line. Read two ways, with the same line handling
 * and errors (file, line, field): as label records for export overrides, and as
 * labels to import into the store.
 */
import { InputError } from '../data/errors';
import { sha256Hex } from '../util/sha256';
import { LABELS, ValidationError, validateAnnotation, type AnnotationInput, type Label } from './types';

/** One label as an export override reads it (a later record for the same doc and annotator replaces an earlier one). */
export interface AnnotationRecord {
  dataset: string | null;
  doc_id: string;
  annotator: string;
  label: Label | null;
}

/** Fields of an exported record that are not part of a label (the server assigns them). */
const SERVER_FIELDS = ['id', 'batch', 'created_at'];

/** Each non-empty line as a JSON object, with its trimmed text and a "file, line N" prefix for errors. */
function* jsonlObjects(text: string, fileName: string): Generator<{ value: Record<string, unknown>; text: string; line: number; where: string }> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const where = `${fileName}, line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new InputError('bad_annotation', `${where}: malformed JSON: ${(error as Error).message}`, { file: fileName, line: i + 1 });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError('bad_annotation', `${where}: expected a JSON object`, { file: fileName, line: i + 1 });
    yield { value: value as Record<string, unknown>, text: line, line: i + 1, where };
  }
}

/** Label records for export overrides; a bad line is an error naming the file, the line and the field. */
export function parseAnnotationRecords(text: string, fileName: string): AnnotationRecord[] {
  const out: AnnotationRecord[] = [];
  for (const { value: v, line, where } of jsonlObjects(text, fileName)) {
    const fail = (field: string, expected: string) => {
      throw new InputError('bad_annotation', `${where}: "${field}" must be ${expected}, got ${JSON.stringify(v[field]) ?? 'nothing'}`, { file: fileName, line });
    };
    if (typeof v.doc_id !== 'string' || v.doc_id === '') fail('doc_id', 'a non-empty string');
    if (typeof v.annotator !== 'string' || v.annotator === '') fail('annotator', 'a non-empty string');
    if (v.label !== null && !(typeof v.label === 'string' && (LABELS as readonly string[]).includes(v.label))) fail('label', '"keep", "drop", "unsure" or null');
    if (v.dataset !== undefined && v.dataset !== null && typeof v.dataset !== 'string') fail('dataset', 'a dataset fingerprint (string)');
    out.push({ dataset: (v.dataset as string | undefined) ?? null, doc_id: v.doc_id as string, annotator: v.annotator as string, label: v.label as Label | null });
  }
  return out;
}

/**
 * Labels to import into this dataset's store. Each line gets an idempotency
 * key from its content, so importing a file twice stores it once.
 */
export async function parseAnnotationImport(text: string, fileName: string, dataset: string): Promise<AnnotationInput[]> {
  const out: AnnotationInput[] = [];
  for (const { value, text: line, where } of jsonlObjects(text, fileName)) {
    for (const f of SERVER_FIELDS) delete value[f];
    if (value.idempotency_key === null) delete value.idempotency_key;
    value.dataset ??= dataset;
    if (value.dataset !== dataset) throw new Error(`${where}: labels for another dataset (${String(value.dataset)}); this one is ${dataset}`);
    try {
      const input = validateAnnotation(value);
      out.push({ ...input, idempotency_key: input.idempotency_key ?? `import:${(await sha256Hex([line])).slice(0, 32)}` });
    } catch (e) {
      if (e instanceof ValidationError) throw new Error(`${where}: ${e.message}`, { cause: e });
      throw e;
    }
  }
  return out;
}
