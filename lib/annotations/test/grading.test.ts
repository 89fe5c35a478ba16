import { describe, expect, it } from 'vitest';
import { buildSelectorOrder } from '../../selection/order';
import { agreementReport, decidedByDoc, gradeSelector } from '../grading';
import type { AnnotationRecord, Label } from '../types';

let id = 0;
const rec = (doc_id: string, annotator: string, label: Label | null, tags: string[] = []): AnnotationRecord => ({
  id: ++id, dataset: 'FP', doc_id, annotator, label, tags, note: '', idempotency_key: null, batch: null, created_at: '2026-11-22T00:00:00Z',
});

describe('agreement report', () => {
  it('counts per annotator and computes pairwise and overall agreement with their n', () => {
    const current = [
      rec('a', 'ann', 'drop', ['ocr_noise']), rec('a', 'bo', 'drop'), rec('a', 'cy', 'keep'),
      rec('b', 'ann', 'keep'), rec('b', 'bo', 'keep'),
      rec('c', 'ann', 'unsure'), rec('c', 'bo', 'drop', ['spam']),
      rec('d', 'ann', 'keep'),
    ];
    const r = agreementReport(current);
    expect(r.annotators.map((a) => [a.name, a.total, a.labels])).toEqual([
      ['ann', 4, { keep: 2, drop: 1, unsure: 1 }],
      ['bo', 3, { keep: 1, drop: 2, unsure: 0 }],
      ['cy', 1, { keep: 1, drop: 0, unsure: 0 }],
    ]);
    expect(r.annotators[0].tags).toEqual({ ocr_noise: 1 });
    // ann vs bo on a, b, c: (drop,drop) (keep,keep) (unsure,drop): po = 2/3;
    // ann: drop 1, keep 1, unsure 1; bo: drop 2, keep 1 → pe = (1·2 + 1·1 + 0)/9 = 1/3; κ = (2/3 − 1/3)/(2/3) = 0.5.
    const annBo = r.pairs.find((p) => p.a === 'ann' && p.b === 'bo')!;
    expect(annBo.n).toBe(3);
    expect(annBo.kappa).toBeCloseTo(0.5, 12);
    expect(r.pairs.find((p) => p.a === 'bo' && p.b === 'cy')).toMatchObject({ n: 1 });
    expect(r.fleiss.n).toBe(3);
    expect(r.krippendorff.n).toBe(3);
  });
});

describe('grading a selector against labels', () => {
  // Ten documents; higher is better. Labels: the three lowest are drop, except that one "drop" sits high.
  const scores = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, NaN]);
  const labels = Int8Array.from([1, 1, 0, -1, 0, 0, 1, 0, -1, 1]);
  const order = buildSelectorOrder(scores, Uint32Array.from({ length: 10 }, (_, i) => i), 'higher').order;

  it('AUC, precision and recall at a ratio, the two curves and the suggested ratio', () => {
    const g = gradeSelector(order, scores, labels, 'higher', 0.2);
    expect([g.n, g.positives, g.negatives, g.unscored]).toEqual([7, 3, 4, 1]);
    // Badness = −score. Drops at 0.1, 0.2, 0.7; keeps at 0.3, 0.5, 0.6, 0.8.
    // Pairs (drop worse than keep): 0.1 and 0.2 beat all 4 keeps (8); 0.7 beats 0.8 only (1) → 9/12.
    expect(g.auc).toBe(0.75);
    // 9 scored; ratio 0.2 drops floor(1.8) = 1 document (0.1, a drop): precision 1, recall 1/3.
    expect(g.atRatio).toEqual({ ratio: 0.2, precision: 1, recall: 1 / 3, f1: 0.5 });
    const at = (r: number) => g.curve.find((c) => c.ratio === r)!;
    expect(at(0)).toEqual({ ratio: 0, dropShare: 0, keepShare: 0, f1: null });
    // 0.3 → 2 dropped (0.1, 0.2): both drops → dropShare 2/3, keepShare 0, F1 = 0.8.
    expect(at(0.3)).toMatchObject({ dropShare: 2 / 3, keepShare: 0 });
    expect(at(0.3).f1).toBeCloseTo(0.8, 12);
    // The best F1 is 0.8, first reached at 2 of 9 dropped: ratio 0.23 (floor(0.23 · 9) = 2).
    expect(g.suggested).toMatchObject({ ratio: 0.23, precision: 1, recall: 2 / 3 });
    expect(g.curve).toHaveLength(96);
  });

  it('majority labels, one annotator, ties undecided', () => {
    const current = [rec('x', 'a', 'drop'), rec('x', 'b', 'keep'), rec('y', 'a', 'drop'), rec('y', 'b', 'drop'), rec('z', 'a', 'unsure')];
    const perDoc = (ids: string[], annotator: string | null = null) => {
      const decided = decidedByDoc(current, annotator);
      return ids.map((id) => decided.get(id) ?? -1);
    };
    expect(perDoc(['x', 'y', 'z', 'w'])).toEqual([-1, 1, -1, -1]);
    expect(perDoc(['x', 'y', 'z'], 'b')).toEqual([0, 1, -1]);
  });
});
