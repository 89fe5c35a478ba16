/**
 * Demo stand-ins for the selectors Sift is built to inspect, computed by this
 * project's own code so the demo shows each kind (docs/data-formats.md, "The
 * demo corpus"). They are stand-ins, not the published models:
 *
 * - `loss_strong`, `loss_weak` (AttentionInfluence's pair): bits per character
 *   under a character trigram model, and under the same model with its context
 *   mostly masked (weights moved to the unigram), as the weak model masks heads.
 *   `ai = loss_weak - loss_strong` is how much the context helps.
 * - `mates_stage1..3` (MATES' per-stage influence): how much a document's loss
 *   falls between checkpoints of a model trained on a growing share of the text
 *   (2 % → 10 % → 40 % → 100 %); the ranking changes as the model learns.
 * - `datarater` (a learned rater; higher = better): the log-odds of "clean" from
 *   a logistic model over twelve text features, fit on a corpus built with
 *   another seed (7) to tell injected junk and spam from clean text, applied to
 *   the demo (seed 42), clipped to ±12 (so the worst junk ties at -12).
 */
import { bitsPerChar, bitsPerCharEach, trainCharTrigram, type CharTrigramModel } from '../lib/scoring/char-ngram';

export const DEMO_SELECTOR_COLUMNS = ['datarater', 'loss_strong', 'loss_weak', 'mates_stage1', 'mates_stage2', 'mates_stage3'] as const;
export type DemoSelectorColumn = (typeof DEMO_SELECTOR_COLUMNS)[number];

/** Lambdas (trigram, bigram, unigram) of the weak model: the context mostly masked. */
const WEAK: [number, number, number] = [0.02, 0.08, 0.9];
const STAGES = [0.02, 0.1, 0.4, 1];
const RATER_CLIP = 12;

interface Models {
  strong: CharTrigramModel;
  weak: CharTrigramModel;
  stages: CharTrigramModel[];
}

export function trainDemoModels(trainText: string): Models {
  const strong = trainCharTrigram(trainText);
  return {
    strong,
    weak: { ...strong, lambdas: WEAK },
    stages: STAGES.map((share) => (share === 1 ? strong : trainCharTrigram(trainText.slice(0, Math.floor(trainText.length * share))))),
  };
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Text features the rater reads; cheap and independent of any label. */
function features(text: string, lossStrong: number, lossWeak: number, compression: number): number[] {
  let letters = 0;
  let upper = 0;
  let digits = 0;
  let spaces = 0;
  let punct = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      letters++;
      if (c <= 90) upper++;
    } else if (c >= 48 && c <= 57) digits++;
    else if (c === 32 || c === 10 || c === 9 || c === 13) spaces++;
    else if (c < 128) punct++;
    // Beyond ASCII: letters of other scripts and symbols, told apart once per character.
    else if (/\p{L}/u.test(text[i])) letters++;
    else other++;
  }
  const n = Math.max(1, text.length);
  const lines = text.split('\n');
  const words = text.split(/\s+/).filter(Boolean);
  const distinct = new Set(lines.filter((l) => l.trim()).map((l) => l.trim())).size / Math.max(1, lines.filter((l) => l.trim()).length);
  return [
    lossStrong,
    lossWeak - lossStrong,
    compression,
    Math.log1p(text.length) / 10,
    letters / n,
    upper / Math.max(1, letters),
    digits / n,
    spaces / n,
    punct / n,
    other / n,
    distinct,
    words.length ? words.reduce((s, w) => s + w.length, 0) / words.length / 10 : 0,
  ];
}

/** Logistic regression by full-batch gradient descent on standardized features (deterministic). */
function fitLogistic(x: number[][], y: number[], iterations = 400, rate = 0.5, l2 = 1e-3) {
  const d = x[0].length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j], 0) / x.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / x.length) || 1);
  const z = x.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]));
  const w = new Array(d).fill(0);
  let b = 0;
  for (let it = 0; it < iterations; it++) {
    const gw = new Array(d).fill(0);
    let gb = 0;
    for (let i = 0; i < z.length; i++) {
      let t = b;
      for (let j = 0; j < d; j++) t += w[j] * z[i][j];
      const err = 1 / (1 + Math.exp(-t)) - y[i];
      gb += err;
      for (let j = 0; j < d; j++) gw[j] += err * z[i][j];
    }
    b -= (rate * gb) / z.length;
    for (let j = 0; j < d; j++) w[j] -= rate * (gw[j] / z.length + l2 * w[j]);
  }
  return (r: number[]) => {
    let t = b;
    for (let j = 0; j < d; j++) t += w[j] * ((r[j] - mean[j]) / sd[j]);
    return t;
  };
}

export interface ScoredText {
  text: string;
  compression: number;
}

/**
 * The stand-in columns for each demo document. `train` (another seed's
 * documents, with whether each is junk) fits the rater; `trainText` the models.
 */
export function demoSelectors(docs: ScoredText[], trainText: string, train: Array<ScoredText & { junk: boolean }>): Array<Record<DemoSelectorColumn | 'char_perplexity', number>> {
  const m = trainDemoModels(trainText);
  // Strong and weak share their counts: one pass gives both.
  const losses = (t: string) => {
    const [strong, weak] = bitsPerCharEach(m.strong, t, [m.strong.lambdas, WEAK]);
    return { strong, weak };
  };
  const fitOn = train.filter((_, i) => i % 3 === 0);
  const rater = fitLogistic(
    fitOn.map((d) => {
      const l = losses(d.text);
      return features(d.text, l.strong, l.weak, d.compression);
    }),
    fitOn.map((d) => (d.junk ? 0 : 1)),
  );
  return docs.map((d) => {
    const l = losses(d.text);
    const stage = m.stages.map((s) => (s === m.strong ? l.strong : bitsPerChar(s, d.text)));
    return {
      char_perplexity: round(2 ** l.strong),
      // Log-odds of "clean", clipped: the extreme junk would otherwise squash every chart's scale.
      datarater: round(Math.max(-RATER_CLIP, Math.min(RATER_CLIP, rater(features(d.text, l.strong, l.weak, d.compression))))),
      loss_strong: round(l.strong),
      loss_weak: round(l.weak),
      mates_stage1: round(stage[0] - stage[1]),
      mates_stage2: round(stage[1] - stage[2]),
      mates_stage3: round(stage[2] - stage[3]),
    };
  });
}
