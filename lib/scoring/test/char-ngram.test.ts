import { describe, expect, it } from 'vitest';
import { bitsPerChar, bitsPerCharEach, charPerplexity, trainCharTrigram } from '../char-ngram';

const prose =
  'The quick brown fox jumps over the lazy dog. A journey of a thousand miles begins with a single step. ' +
  'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness. ';

describe('char trigram model', () => {
  const model = trainCharTrigram(prose.repeat(20));

  it('gives familiar text fewer bits per character than noise', () => {
    const familiar = bitsPerChar(model, 'it was the best of times and the age of wisdom');
    const noise = bitsPerChar(model, 'x9$Qz!!vv0|~kk#@@ 88 zz QQ p0p0 ##');
    expect(familiar).toBeLessThan(2.5);
    expect(noise).toBeGreaterThan(familiar + 3);
  });

  it('is a proper distribution: probabilities over the vocabulary sum to 1 in a seen context', () => {
    // Sum p(c | "th") over every character the model knows plus one unknown one.
    const chars = [...model.ids.keys()].map((c) => String.fromCharCode(c));
    let total = 0;
    for (const c of chars) total += 2 ** -(bitsPerChar(model, 'th' + c) * 3 - bitsPerChar(model, 'th') * 2);
    const unknownMass = 2 ** -(bitsPerChar(model, 'th\u4e00') * 3 - bitsPerChar(model, 'th') * 2);
    // Unknown characters get the rest of the add-one mass; one of them is included, so total ≤ 1.
    expect(total).toBeLessThanOrEqual(1 + 1e-9);
    expect(total + unknownMass).toBeGreaterThan(0.97);
  });

  it('perplexity is 2 ** bits per char, and empty text scores 0 bits', () => {
    expect(charPerplexity(model, 'the dog')).toBeCloseTo(2 ** bitsPerChar(model, 'the dog'), 10);
    expect(bitsPerChar(model, '')).toBe(0);
  });

  it('handles astral-plane characters without splitting them into unseen halves twice', () => {
    expect(Number.isFinite(bitsPerChar(model, 'emoji 😀 here'))).toBe(true);
  });
});

describe('several weightings in one pass', () => {
  const model = trainCharTrigram(prose.repeat(20));
  it('equal one pass per weighting', () => {
    const text = 'it was the age of 😀 wisdom, x9$Qz';
    const weak: [number, number, number] = [0.02, 0.08, 0.9];
    const [strong, masked] = bitsPerCharEach(model, text, [model.lambdas, weak]);
    expect(strong).toBe(bitsPerChar(model, text));
    expect(masked).toBe(bitsPerChar({ ...model, lambdas: weak }, text));
    expect(masked).toBeGreaterThan(strong);
  });
});
