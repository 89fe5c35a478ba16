/**
 * Building a selector's order: the stable radix sort of lib/selection/order.ts against the
 * comparator sort it replaced (kept here as the baseline), side by side on the same scores
 * (three decimals: many ties; 1 % missing) and a random doc_id rank; checks they agree.
 *   npx tsx bench/order-sort.ts [rows=1000000,10000000]
 */
import { buildSelectorOrder } from '../lib/selection/order';
import { Prng } from '../lib/util/prng';

/** The order as built before (commit 2db7957): indexes sorted by (oriented score, idRank) with a comparator. */
function comparatorOrder(scores: Float64Array, idRank: Uint32Array, sign: number): Uint32Array {
  const n = scores.length;
  let present = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(scores[i])) present++;
  const order = new Uint32Array(present);
  let p = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(scores[i])) order[p++] = i;
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = sign * scores[i];
  return order.sort((a, b) => key[a] - key[b] || idRank[a] - idRank[b]);
}

const sizes = (process.argv[2] ?? '1000000,10000000').split(',').map(Number);
for (const n of sizes) {
  const rng = new Prng(1);
  const scores = Float64Array.from({ length: n }, () => (rng.chance(0.01) ? NaN : Math.round(rng.next() * 1000) / 1000));
  const idRank = new Uint32Array(n);
  for (let i = 0; i < n; i++) idRank[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [idRank[i], idRank[j]] = [idRank[j], idRank[i]];
  }
  let t = performance.now();
  const old = comparatorOrder(scores, idRank, 1);
  const comparatorMs = performance.now() - t;
  t = performance.now();
  const radix = buildSelectorOrder(scores, idRank, 'higher').order;
  const radixMs = performance.now() - t;
  const same = old.length === radix.length && old.every((v, i) => v === radix[i]);
  console.log(`${n.toLocaleString('en-US')} rows: comparator ${(comparatorMs / 1000).toFixed(2)} s, radix ${(radixMs / 1000).toFixed(2)} s (${(comparatorMs / radixMs).toFixed(1)}× faster), same order: ${same}`);
}
