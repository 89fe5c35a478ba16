/**
 * An interpolated character trigram language model. Characters are UTF-16
 * code units (astral characters share one bucket), keyed as numbers so
 * training and scoring allocate no strings.
 */
export interface CharTrigramModel {
  unigram: Map<number, number>;
  bigram: Map<number, number>;
  trigram: Map<number, number>;
  /** Counts of 1- and 2-character contexts (how often each was followed by anything). */
  context1: Map<number, number>;
  context2: Map<number, number>;
  total: number;
  lambdas: [number, number, number];
}

const ASTRAL = 0xffff;
const code = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdfff ? ASTRAL : c;
};
const inc = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1);

export function trainCharTrigram(text: string, lambdas: [number, number, number] = [0.6, 0.3, 0.1]): CharTrigramModel {
  const m: CharTrigramModel = {
    unigram: new Map(),
    bigram: new Map(),
    trigram: new Map(),
    context1: new Map(),
    context2: new Map(),
    total: 0,
    lambdas,
  };
  let a = -1;
  let b = -1;
  for (let i = 0; i < text.length; i++) {
    const c = code(text, i);
    inc(m.unigram, c);
    m.total++;
    if (b >= 0) {
      inc(m.bigram, b * 65536 + c);
      inc(m.context1, b);
    }
    if (a >= 0) {
      inc(m.trigram, (a * 65536 + b) * 65536 + c);
      inc(m.context2, a * 65536 + b);
    }
    a = b;
    b = c;
  }
  return m;
}

/** Mean bits per character of `text` under the model (lower = more like the training text). */
export function bitsPerChar(m: CharTrigramModel, text: string): number {
  if (text.length === 0) return 0;
  const vocab = m.unigram.size + 1;
  const [l3, l2, l1] = m.lambdas;
  let bits = 0;
  let a = -1;
  let b = -1;
  for (let i = 0; i < text.length; i++) {
    const c = code(text, i);
    const p1 = ((m.unigram.get(c) ?? 0) + 1) / (m.total + vocab);
    let w = l1;
    let p = l1 * p1;
    if (b >= 0) {
      const ctx = m.context1.get(b);
      if (ctx) {
        p += l2 * ((m.bigram.get(b * 65536 + c) ?? 0) / ctx);
        w += l2;
      }
    }
    if (a >= 0) {
      const ctx = m.context2.get(a * 65536 + b);
      if (ctx) {
        p += l3 * ((m.trigram.get((a * 65536 + b) * 65536 + c) ?? 0) / ctx);
        w += l3;
      }
    }
    bits -= Math.log2(p / w);
    a = b;
    b = c;
  }
  return bits / text.length;
}

/** Per-character perplexity: 2 ** bitsPerChar. */
export function charPerplexity(m: CharTrigramModel, text: string): number {
  return 2 ** bitsPerChar(m, text);
}
