/**
 * Grading: how annotators agree with each other, and how a selector's
 * ranking agrees with the labels (drop = positive).
 */
import { dropCountFor, type Direction } from '../selection/order';
import { Prng } from '../util/prng';
import { cohenKappa, fleissKappa, krippendorffAlpha, rocAuc } from './agreement';
import { LABELS, type AnnotationRecord, type Label } from './types';

export interface AnnotatorSummary {
  name: string;
  total: number;
  labels: Record<Label, number>;
  tags: Record<string, number>;
}

export interface AgreementReport {
  annotators: AnnotatorSummary[];
  /** Cohen's κ for each pair, over the documents both labelled. */
  pairs: Array<{ a: string; b: string; kappa: number | null; n: number }>;
  /** Over documents labelled by two or more annotators. */
  fleiss: { value: number | null; n: number };
  krippendorff: { value: number | null; n: number };
}

/** Current labels (one per document and annotator) → per-annotator counts and agreement. */
export function agreementReport(current: AnnotationRecord[]): AgreementReport {
  const byAnnotator = new Map<string, AnnotatorSummary>();
  const byDoc = new Map<string, Map<string, Label>>();
  for (const r of current) {
    let s = byAnnotator.get(r.annotator);
    if (!s) byAnnotator.set(r.annotator, (s = { name: r.annotator, total: 0, labels: { keep: 0, drop: 0, unsure: 0 }, tags: {} }));
    for (const t of r.tags) s.tags[t] = (s.tags[t] ?? 0) + 1;
    if (!r.label) continue;
    s.total++;
    s.labels[r.label]++;
    let doc = byDoc.get(r.doc_id);
    if (!doc) byDoc.set(r.doc_id, (doc = new Map()));
    doc.set(r.annotator, r.label);
  }
  const names = [...byAnnotator.keys()].sort();
  const pairs: AgreementReport['pairs'] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a: string[] = [];
      const b: string[] = [];
      for (const doc of byDoc.values()) {
        const x = doc.get(names[i]);
        const y = doc.get(names[j]);
        if (x && y) {
          a.push(x);
          b.push(y);
        }
      }
      pairs.push({ a: names[i], b: names[j], kappa: cohenKappa(a, b), n: a.length });
    }
  }
  const shared = [...byDoc.values()].filter((d) => d.size >= 2);
  const counts = shared.map((d) => LABELS.map((l) => [...d.values()].filter((x) => x === l).length));
  return {
    annotators: names.map((n) => byAnnotator.get(n)!),
    pairs,
    fleiss: { value: fleissKappa(counts), n: shared.length },
    krippendorff: { value: krippendorffAlpha(shared.map((d) => [...d.values()])), n: shared.length },
  };
}

/**
 * The decided documents: doc_id → 1 (labelled drop) or 0 (labelled keep), by
 * one annotator's labels or the majority of all; documents with no label,
 * only unsure, or a tie are left out.
 */
export function decidedByDoc(current: AnnotationRecord[], annotator: string | null = null): Map<string, 0 | 1> {
  const votes = new Map<string, number>();
  for (const r of current) {
    if (annotator !== null && r.annotator !== annotator) continue;
    if (r.label === 'keep' || r.label === 'drop') votes.set(r.doc_id, (votes.get(r.doc_id) ?? 0) + (r.label === 'drop' ? 1 : -1));
  }
  const out = new Map<string, 0 | 1>();
  for (const [doc, v] of votes) if (v !== 0) out.set(doc, v > 0 ? 1 : 0);
  return out;
}

export interface SelectorGrade {
  /** Labelled documents with a score (positives = labelled drop). */
  n: number;
  positives: number;
  negatives: number;
  /** Labelled documents without a score (never dropped by the ratio; left out of the AUC). */
  unscored: number;
  auc: number | null;
  atRatio: { ratio: number; precision: number | null; recall: number | null; f1: number | null };
  /** Over drop ratios 0 … 95 %: shares of labelled-drop and labelled-keep documents the ratio removes. */
  curve: Array<{ ratio: number; dropShare: number | null; keepShare: number | null; f1: number | null }>;
  /**
   * The ratio with the highest F1 of dropping against the labels (the smallest
   * such ratio), with a 95 % bootstrap interval; null until there are at least
   * MIN_LABELS_FOR_SUGGESTION labelled drop and as many labelled keep documents.
   */
  suggested: { ratio: number; f1: number; precision: number; recall: number; interval: [number, number] } | null;
  /** How many more labelled drop / keep documents a suggestion needs (0 and 0 once there is one). */
  needed: { drop: number; keep: number };
}

/** Below this many labelled drop (and keep) documents, a best-F1 ratio is noise: none is offered. */
export const MIN_LABELS_FOR_SUGGESTION = 30;
const BOOTSTRAP_SAMPLES = 400;

const f1Of = (p: number | null, r: number | null) => (p === null || r === null || p + r === 0 ? null : (2 * p * r) / (p + r));

/**
 * Grades a selector against decided labels. `order` is the selector's scored
 * rows, worst first (the first dropCountFor(ratio, n) are dropped).
 */
export function gradeSelector(order: Uint32Array, scores: Float64Array, labels: Int8Array, direction: Direction, ratio: number, step = 0.01): SelectorGrade {
  const badness: number[] = [];
  const positive: number[] = [];
  let unscored = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0) continue;
    if (!(scores[i] === scores[i])) {
      unscored++;
      continue;
    }
    badness.push(direction === 'higher' ? -scores[i] : scores[i]);
    positive.push(labels[i]);
  }
  const positives = positive.reduce((s, x) => s + x, 0);
  const negatives = positive.length - positives;
  const n = order.length;
  // Labelled drops / keeps among the first k of the order.
  const prefixDrop = new Int32Array(n + 1);
  const prefixKeep = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const l = labels[order[i]];
    prefixDrop[i + 1] = prefixDrop[i] + (l === 1 ? 1 : 0);
    prefixKeep[i + 1] = prefixKeep[i] + (l === 0 ? 1 : 0);
  }
  const measure = (r: number) => {
    const k = dropCountFor(r, n);
    const d = prefixDrop[k];
    const kp = prefixKeep[k];
    const precision = d + kp > 0 ? d / (d + kp) : null;
    const recall = positives > 0 ? d / positives : null;
    return { precision, recall, f1: f1Of(precision, recall), d, kp };
  };
  const curve: SelectorGrade['curve'] = [];
  let best: { ratio: number; f1: number; precision: number; recall: number } | null = null;
  const steps = Math.round(0.95 / step);
  const ratios: number[] = [];
  for (let s = 0; s <= steps; s++) {
    const r = Math.round(s * step * 1e6) / 1e6;
    ratios.push(r);
    const m = measure(r);
    curve.push({ ratio: r, dropShare: positives ? m.d / positives : null, keepShare: negatives ? m.kp / negatives : null, f1: m.f1 });
    if (m.f1 !== null && (!best || m.f1 > best.f1)) best = { ratio: r, f1: m.f1, precision: m.precision!, recall: m.recall! };
  }
  const needed = { drop: Math.max(0, MIN_LABELS_FOR_SUGGESTION - positives), keep: Math.max(0, MIN_LABELS_FOR_SUGGESTION - negatives) };
  const enough = needed.drop === 0 && needed.keep === 0;
  const suggested = best && enough ? { ...best, interval: bootstrapInterval(order, labels, ratios) } : null;
  const now = measure(ratio);
  return {
    n: positive.length,
    positives,
    negatives,
    unscored,
    auc: rocAuc(badness, positive),
    atRatio: { ratio, precision: now.precision, recall: now.recall, f1: now.f1 },
    curve,
    suggested,
    needed,
  };
}

/**
 * A 95 % percentile-bootstrap interval for the best-F1 ratio: the labelled
 * documents are resampled with replacement (seeded, so the page and a test
 * agree) and the best ratio found again each time. Cost: one pass over the
 * labelled documents' positions per sample, not over the corpus.
 */
function bootstrapInterval(order: Uint32Array, labels: Int8Array, ratios: number[]): [number, number] {
  const n = order.length;
  // The decided documents in the rule's order: their position and label.
  const positions: number[] = [];
  const isDrop: number[] = [];
  for (let i = 0; i < n; i++) {
    const l = labels[order[i]];
    if (l === 0 || l === 1) {
      positions.push(i);
      isDrop.push(l);
    }
  }
  const m = positions.length;
  const cuts = ratios.map((r) => dropCountFor(r, n));
  const rng = new Prng(20251207);
  const weights = new Int32Array(m);
  const best: number[] = [];
  for (let b = 0; b < BOOTSTRAP_SAMPLES; b++) {
    weights.fill(0);
    for (let j = 0; j < m; j++) weights[Math.floor(rng.next() * m)]++;
    let positives = 0;
    for (let j = 0; j < m; j++) positives += isDrop[j] * weights[j];
    let j = 0;
    let d = 0;
    let kp = 0;
    let bestF1 = -1;
    let bestRatio = 0;
    for (let c = 0; c < cuts.length; c++) {
      while (j < m && positions[j] < cuts[c]) {
        if (isDrop[j]) d += weights[j];
        else kp += weights[j];
        j++;
      }
      const f1 = d > 0 && positives > 0 ? (2 * d) / (d + kp + positives) : 0;
      if (f1 > bestF1) {
        bestF1 = f1;
        bestRatio = ratios[c];
      }
    }
    best.push(bestRatio);
  }
  best.sort((a, b) => a - b);
  return [best[Math.floor(0.025 * (best.length - 1))], best[Math.ceil(0.975 * (best.length - 1))]];
}
