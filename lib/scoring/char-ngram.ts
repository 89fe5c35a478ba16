/**
 * An interpolated character trigram language model. Characters are UTF-16
 * code units (astral characters share one bucket), mapped to dense ids of the
 * training vocabulary (every unseen character shares id 0, which no count
 * holds), so n-gram keys stay small integers: lookups are fast and nothing is
 * allocated while scoring.
 */
export interface CharTrigramModel {
  /** Character code → dense id (1 … V-1); unseen characters are 0. */
  ids: Map<number, number>;
  /** Ids per position: V = ids.size + 1. */
  size: number;
  unigram: Map<number, number>;
  bigram: Map<number, number>;
  trigram: Map<number, number>;
  /** Counts of 1- and 2-character contexts (how often each was followed by anything). */
  context1: Map<number, number>;
  context2: Map<number, number>;
  total: number;
  /** Weights of the trigram, bigram and unigram estimates. */
  lambdas: [number, number, number];
}

const ASTRAL = 0xffff;
const code = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdfff ? ASTRAL : c;
};
const inc = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1);

export function trainCharTrigram(text: string, lambdas: [number, number, number] = [0.6, 0.3, 0.1]): CharTrigramModel {
  const ids = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const c = code(text, i);
    if (!ids.has(c)) ids.set(c, ids.size + 1);
  }
  const V = ids.size + 1;
  const m: CharTrigramModel = { ids, size: V, unigram: new Map(), bigram: new Map(), trigram: new Map(), context1: new Map(), context2: new Map(), total: 0, lambdas };
  let a = -1;
  let b = -1;
  for (let i = 0; i < text.length; i++) {
    const c = ids.get(code(text, i))!;
    inc(m.unigram, c);
    m.total++;
    if (b >= 0) {
      inc(m.bigram, b * V + c);
      inc(m.context1, b);
    }
    if (a >= 0) {
      inc(m.trigram, (a * V + b) * V + c);
      inc(m.context2, a * V + b);
    }
    a = b;
    b = c;
  }
  return m;
}

/** Dense count tables of a model with a small vocabulary, built once per model. */
interface Dense {
  id: Int32Array;
  uni: Float64Array;
  ctx1: Float64Array;
  bi: Float64Array;
  ctx2: Float64Array;
  tri: Float64Array | null;
}
const DENSE = new WeakMap<object, Dense>();
/** Up to this vocabulary the trigram table is an array (V³ entries); beyond, a map. */
const DENSE_TRIGRAM_V = 160;

function dense(m: CharTrigramModel): Dense {
  // Keyed by the count tables, so copies of a model with other lambdas share them.
  let d = DENSE.get(m.unigram);
  if (d) return d;
  const V = m.size;
  const id = new Int32Array(0x10000);
  for (const [c, i] of m.ids) id[c] = i;
  const fill = (n: number, src: Map<number, number>) => {
    const a = new Float64Array(n);
    for (const [k, v] of src) a[k] = v;
    return a;
  };
  d = { id, uni: fill(V, m.unigram), ctx1: fill(V, m.context1), bi: fill(V * V, m.bigram), ctx2: fill(V * V, m.context2), tri: V <= DENSE_TRIGRAM_V ? fill(V * V * V, m.trigram) : null };
  DENSE.set(m.unigram, d);
  return d;
}

/**
 * Mean bits per character of `text` under the model's counts with each set of
 * lambdas (trigram, bigram, unigram) — one pass for several weightings, e.g. a
 * strong model and the same model with its context masked.
 */
export function bitsPerCharEach(m: CharTrigramModel, text: string, weightings: ReadonlyArray<readonly [number, number, number]>): number[] {
  const out = weightings.map(() => 0);
  if (text.length === 0) return out;
  const V = m.size;
  const vocab = m.unigram.size + 1;
  const d = dense(m);
  let a = -1;
  let b = -1;
  for (let i = 0; i < text.length; i++) {
    const c = d.id[code(text, i)];
    const p1 = (d.uni[c] + 1) / (m.total + vocab);
    let p2 = -1;
    if (b >= 0) {
      const ctx = d.ctx1[b];
      if (ctx) p2 = d.bi[b * V + c] / ctx;
    }
    let p3 = -1;
    if (a >= 0) {
      const ctx = d.ctx2[a * V + b];
      if (ctx) p3 = (d.tri ? d.tri[(a * V + b) * V + c] : (m.trigram.get((a * V + b) * V + c) ?? 0)) / ctx;
    }
    for (let k = 0; k < weightings.length; k++) {
      const [l3, l2, l1] = weightings[k];
      let w = l1;
      let p = l1 * p1;
      if (p2 >= 0) {
        p += l2 * p2;
        w += l2;
      }
      if (p3 >= 0) {
        p += l3 * p3;
        w += l3;
      }
      out[k] -= Math.log2(p / w);
    }
    a = b;
    b = c;
  }
  for (let k = 0; k < out.length; k++) out[k] /= text.length;
  return out;
}

/** Mean bits per character of `text` under the model (lower = more like the training text). */
export function bitsPerChar(m: CharTrigramModel, text: string): number {
  return bitsPerCharEach(m, text, [m.lambdas])[0];
}

/** Per-character perplexity: 2 ** bitsPerChar. */
export function charPerplexity(m: CharTrigramModel, text: string): number {
  return 2 ** bitsPerChar(m, text);
}
