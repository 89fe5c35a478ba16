import { describe, expect, it } from 'vitest';
import { Prng } from '../../util/prng';
import { MINHASH, estimatedJaccard, minhashSignature, nearDuplicateClusters, redundancyPenalty } from '../minhash';

function words(rng: Prng, n: number): string[] {
  return Array.from({ length: n }, () => rng.pick(['river', 'stone', 'north', 'paper', 'glass', 'cloud', 'table', 'light', 'sound', 'field', 'metal', 'water']) + rng.int(0, 99));
}

/** Exact Jaccard of 5-character shingle sets. */
function jaccard(a: string, b: string): number {
  const sh = (t: string) => {
    const s = new Set<string>();
    const x = t.toLowerCase().replace(/\s+/g, ' ').trim();
    for (let i = 0; i + 5 <= x.length; i++) s.add(x.slice(i, i + 5));
    return s;
  };
  const A = sh(a);
  const B = sh(b);
  let inter = 0;
  for (const x of A) if (B.has(x)) inter++;
  return inter / (A.size + B.size - inter);
}

describe('MinHash near-duplicate clusters', () => {
  const rng = new Prng(5);
  const base = words(rng, 300);
  const docA = base.join(' ');
  const edited = [...base];
  for (let i = 0; i < 6; i++) edited[rng.int(0, 299)] = 'changed';
  const docB = edited.join('  \n '); // whitespace differences do not count
  const docC = words(rng, 300).join(' ');

  it('signatures estimate Jaccard similarity', () => {
    const est = estimatedJaccard(minhashSignature(docA), minhashSignature(docB));
    expect(Math.abs(est - jaccard(docA, docB))).toBeLessThan(0.1);
    expect(Math.abs(estimatedJaccard(minhashSignature(docA), minhashSignature(docC)) - jaccard(docA, docC))).toBeLessThan(0.1);
    expect(jaccard(docA, docC)).toBeLessThan(0.3);
    expect(minhashSignature('Same TEXT')).toEqual(minhashSignature('same   text'));
  });

  it('clusters near duplicates only, and penalizes all but the best copy', () => {
    const texts = [docC, docA, 'short', docB, docA];
    const sigs = new Uint32Array(texts.length * MINHASH.hashes);
    texts.forEach((t, i) => sigs.set(minhashSignature(t), i * MINHASH.hashes));
    const clusters = nearDuplicateClusters(sigs, texts.length);
    expect(Array.from(clusters)).toEqual([0, 1, 2, 1, 1]);
    const scores = Float64Array.from([5, 1, 2, 3, 1]);
    const penalty = redundancyPenalty(clusters, scores, ['c', 'a2', 's', 'b', 'a1'], 'higher', 0.5);
    // Cluster {1, 3, 4} best first: row 3 (3), then a1 (1, doc_id a1 < a2), then a2.
    expect(Array.from(penalty)).toEqual([0, 1, 0, 0, 0.5]);
  });
});
