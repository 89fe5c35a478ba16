/**
 * What an export computes beyond the keep mask: softmax weights (DataRater
 * turns scores into batch weights this way) and Boltzmann sampling without
 * replacement (OPUS samples instead of taking the top).
 */
import { uniformForKey } from '../util/prng';
import type { Direction } from '../selection/order';

/** The score with "higher is better" orientation. */
const oriented = (s: number, direction: Direction) => (direction === 'higher' ? s : -s);

/** τ must be > 0 and small scores divided by it must stay finite numbers; otherwise no weight means anything. */
function checkTemperature(tau: number): void {
  if (!(tau > 0) || !Number.isFinite(tau)) throw new Error(`temperature must be a finite number > 0, got ${tau}`);
  if (!Number.isFinite(1 / tau)) throw new Error(`temperature ${tau} is too small: 1/temperature overflows`);
}

/** score/τ, refusing overflow (a huge score over a tiny τ) instead of writing NaN weights. */
function scaled(value: number, tau: number): number {
  const v = value / tau;
  if (!Number.isFinite(v)) throw new Error(`temperature ${tau} is too small for these scores: ${value} / ${tau} overflows; use a larger temperature`);
  return v;
}

/**
 * softmax(score / τ) over the given rows, scaled so the weights average 1.
 * Rows without a score get no weight (NaN): callers keep or drop them first.
 */
export function softmaxWeights(scores: Float64Array, rows: Uint32Array, tau: number, direction: Direction): Float64Array {
  checkTemperature(tau);
  let max = -Infinity;
  for (const r of rows) {
    const s = scores[r];
    if (s !== s) continue;
    const v = scaled(oriented(s, direction), tau);
    if (v > max) max = v;
  }
  const out = new Float64Array(rows.length);
  let sum = 0;
  let n = 0;
  rows.forEach((r, i) => {
    const v = scores[r];
    if (v === v) {
      out[i] = Math.exp(oriented(v, direction) / tau - max);
      sum += out[i];
      n++;
    } else out[i] = NaN;
  });
  const scale = n / sum;
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return out;
}

/**
 * K documents sampled without replacement with probability ∝ exp(score / τ),
 * reproducibly: each document's key is score/τ plus Gumbel noise from
 * uniformForKey(seed, doc_id), and the K largest keys win, in draw order.
 * (Gumbel-top-k is equivalent to sequential weighted sampling without
 * replacement, as Efraimidis–Spirakis keys are; it stays stable for large scores.)
 */
export function boltzmannSample(
  scores: Float64Array,
  docIds: string[],
  candidates: Uint32Array,
  k: number,
  tau: number,
  seed: number,
  direction: Direction,
  penalty?: Float64Array,
): Uint32Array {
  checkTemperature(tau);
  const keyed: Array<[number, number]> = [];
  for (const r of candidates) {
    const s = scores[r];
    if (s !== s) continue;
    const u = uniformForKey(seed, docIds[r]);
    const gumbel = -Math.log(-Math.log(u));
    keyed.push([scaled(oriented(s, direction) - (penalty ? penalty[r] : 0), tau) + gumbel, r]);
  }
  keyed.sort((a, b) => b[0] - a[0] || (docIds[a[1]] < docIds[b[1]] ? -1 : 1));
  return Uint32Array.from(keyed.slice(0, Math.max(0, k)).map(([, r]) => r));
}
