import { describe, expect, it } from 'vitest';
import { Prng } from '../../util/prng';
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
    // The best F1 is 0.8 at ratio 0.23, but 3 drop and 4 keep labels suggest nothing yet.
    expect(g.suggested).toBeNull();
    expect(g.needed).toEqual({ drop: 27, keep: 26 });
    expect(g.curve).toHaveLength(96);
  });

  it('suggests the best-F1 ratio from 30 labels of each kind on, with a bootstrap interval that narrows with more labels', () => {
    // 2,000 documents; junk becomes rarer with the score (P(drop) = 1 - score/0.4, none above 0.4). An annotator labels a random sample.
    const n = 2000;
    const scores = Float64Array.from({ length: n }, (_, i) => i / n);
    const order = buildSelectorOrder(scores, Uint32Array.from({ length: n }, (_, i) => i), 'higher').order;
    const grade = (labelled: number, seed: number) => {
      const rng = new Prng(seed);
      const labels = new Int8Array(n).fill(-1);
      for (const i of rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, labelled)) {
        labels[i] = rng.chance(Math.max(0, 1 - scores[i] / 0.4)) ? 1 : 0;
      }
      return gradeSelector(order, scores, labels, 'higher', 0.1);
    };
    const few = grade(150, 3);
    expect(few.positives).toBeLessThan(30);
    expect(few.suggested).toBeNull();
    expect(few.needed.drop).toBe(30 - few.positives);
    const some = grade(400, 3);
    const many = grade(1600, 3);
    for (const g of [some, many]) {
      const s = g.suggested!;
      expect(s.interval[0]).toBeLessThanOrEqual(s.ratio);
      expect(s.interval[1]).toBeGreaterThanOrEqual(s.ratio);
      expect(s.ratio).toBeGreaterThan(0.1);
      expect(s.ratio).toBeLessThan(0.4);
      expect(g.needed).toEqual({ drop: 0, keep: 0 });
    }
    expect(many.suggested!.interval[1] - many.suggested!.interval[0]).toBeLessThan(some.suggested!.interval[1] - some.suggested!.interval[0]);
    // Seeded: the same labels give the same interval.
    expect(grade(400, 3).suggested).toEqual(some.suggested);
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
