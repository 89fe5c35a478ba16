/**
 * Annotation overrides for exports: documents that people labelled `drop`
 * (or `keep`) are forced out of (or into) the kept set, by one annotator's
 * labels or by the majority of annotators.
 *
 * Input: annotations JSONL read by lib/annotations/jsonl (parseAnnotationRecords):
 *   {"dataset": FP?, "doc_id": "…", "annotator": "…", "label": "keep"|"drop"|"unsure"|null, …}
 * A later record for the same (doc_id, annotator) replaces an earlier one
 * (label null clears it), so an event history gives the current labels too.
 */
import type { AnnotationRecord } from '../annotations/jsonl';
import type { Label } from '../annotations/types';

export type { AnnotationRecord } from '../annotations/jsonl';

export interface OverridePolicy {
  /** Which labels act: forced drop, forced keep, or both. */
  apply: 'drop' | 'keep' | 'both';
  /** One annotator's labels, or null for the majority of annotators (ties and unsure do nothing). */
  annotator: string | null;
}

export interface OverrideCounts {
  records: number;
  /** Records for another dataset fingerprint (ignored). */
  otherDataset: number;
  /** Current labels whose doc_id is not in the dataset (ignored). */
  unknownDocs: number;
  /** Documents with a decided label (keep / drop) under the policy, before `apply`. */
  decidedKeep: number;
  decidedDrop: number;
  /** Majority only: documents whose keep and drop votes tie. */
  ties: number;
}

/**
 * Per row: +1 forced keep, −1 forced drop, 0 nothing; rows are matched by
 * doc_id (every row with that doc_id, if ids repeat).
 */
export function resolveOverrides(records: AnnotationRecord[], docIds: string[], fingerprint: string, policy: OverridePolicy): { overrides: Int8Array; counts: OverrideCounts } {
  const counts: OverrideCounts = { records: records.length, otherDataset: 0, unknownDocs: 0, decidedKeep: 0, decidedDrop: 0, ties: 0 };
  // Current label per (doc, annotator): the last record wins.
  const current = new Map<string, Map<string, Label | null>>();
  for (const r of records) {
    if (r.dataset !== null && r.dataset !== fingerprint) {
      counts.otherDataset++;
      continue;
    }
    if (policy.annotator !== null && r.annotator !== policy.annotator) continue;
    let byAnnotator = current.get(r.doc_id);
    if (!byAnnotator) current.set(r.doc_id, (byAnnotator = new Map()));
    byAnnotator.set(r.annotator, r.label);
  }
  const decided = new Map<string, 1 | -1>();
  for (const [doc, byAnnotator] of current) {
    let keep = 0;
    let drop = 0;
    for (const label of byAnnotator.values()) {
      if (label === 'keep') keep++;
      else if (label === 'drop') drop++;
    }
    if (keep === 0 && drop === 0) continue;
    if (keep === drop) {
      counts.ties++;
      continue;
    }
    decided.set(doc, keep > drop ? 1 : -1);
  }
  const rowsById = new Map<string, number[]>();
  docIds.forEach((id, row) => {
    if (decided.has(id)) {
      const list = rowsById.get(id);
      if (list) list.push(row);
      else rowsById.set(id, [row]);
    }
  });
  const overrides = new Int8Array(docIds.length);
  for (const [doc, vote] of decided) {
    const rows = rowsById.get(doc);
    if (!rows) {
      counts.unknownDocs++;
      continue;
    }
    if (vote > 0) counts.decidedKeep++;
    else counts.decidedDrop++;
    const acts = policy.apply === 'both' || (policy.apply === 'keep') === (vote > 0);
    if (acts) for (const row of rows) overrides[row] = vote;
  }
  return { overrides, counts };
}
