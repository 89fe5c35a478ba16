/**
 * The scorer's hand-written scanners replace regexes and string sets for
 * speed; each must decide exactly as the definition it replaces. These tests
 * run both on the same varied (seeded, random) input.
 */
import { describe, expect, it } from 'vitest';
import spamWeights from '../generated/spam-model.json' with { type: 'json' };
import { spamFeatures, spamLogOdds, type SpamModel } from '../spam-model';
import { HYPHEN_BREAK, hyphenBreaks, isNumericField } from '../taggers';
import { docView } from '../rules/datatrove';
import { sentenceCountIn, spacySentenceCount, spacyTokens, tokenIds } from '../tokenizer/spacy-en';
import { wordOf, wordProperty } from '../tokenizer/vocab';

// A small seeded generator (mulberry32) so failures reproduce.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function randomText(random: () => number, alphabet: string[], length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

describe('spam model scoring', () => {
  const model = spamWeights as SpamModel;
  /** The definition: distinct regex features, in first-seen order, that the model has a weight for. */
  function reference(text: string): number {
    const m = model.short && text.length <= model.short.maxChars ? model.short : model;
    let sum = m.bias;
    for (const f of spamFeatures(text)) if (Object.hasOwn(m.weights, f)) sum += m.weights[f];
    return sum;
  }
  it('matches the feature-set definition on mail, prose and random text', () => {
    const random = rng(7);
    const words = Object.keys(model.weights).slice(0, 300);
    const texts = [
      'FREE money!!! Click here to claim your prize, limited offer, unsubscribe below.',
      "Dear John, the meeting's moved to 3pm; see you at the $5 lunch - bring the re-drafted memo.",
      'Straße İstanbul ﬁnance KELVIN \u212a café naïve x'.repeat(3),
      'a'.repeat(45) + ' ' + 'ab-cd'.repeat(9),
    ];
    for (let k = 0; k < 200; k++) {
      const parts: string[] = [];
      for (let i = 0; i < 40; i++) parts.push(random() < 0.6 ? words[Math.floor(random() * words.length)] : randomText(random, [...'aZ9-$\' .,é\n'], 1 + Math.floor(random() * 8)));
      texts.push(parts.join(random() < 0.5 ? ' ' : ''));
    }
    for (const t of texts) expect(spamLogOdds(model, t)).toBeCloseTo(reference(t), 12);
  });
  it('gives a number for words that name properties of plain objects ("constructor")', () => {
    // A lookup in the weights object once returned Object's constructor here, and the score became NaN.
    const text = 'The constructor of the class calls toString and valueOf on the prototype.';
    expect(Number.isFinite(spamLogOdds(model, text))).toBe(true);
    expect(spamLogOdds(model, text)).toBeCloseTo(reference(text), 12);
  });
});

describe('number fields', () => {
  const NUMERIC_TOKEN = /^[-+$€£]?(?:v?\d[\d.,:/%-]*|0x[0-9a-f]+|[0-9a-f]{8,})$/i;
  it('decides as the regex it replaces', () => {
    const random = rng(11);
    const alphabet = [...'0123456789abcdefABCDEFxXvVg.:/%-+$€£'];
    const fields = ['0x', '0x1f', '0X1F', '-0x1', '12:30', '3.5%', 'deadbeef', 'DEADBEEF0', 'deadbee', '$', '€12', '£-1', '-', '+1,000', 'x1', 'v2.97.1', 'V10', 'v', 'vv1', '-v1.0', 'v0x1', 'v1.2.3-beta'];
    for (let k = 0; k < 5000; k++) fields.push(randomText(random, alphabet, 1 + Math.floor(random() * 12)));
    for (const f of fields) expect([f, isNumericField(` ${f} `, 1, f.length + 1)]).toEqual([f, NUMERIC_TOKEN.test(f)]);
  });
});

describe('hyphenated line breaks', () => {
  it('counts as HYPHEN_BREAK does, astral letters, trailing blanks and overlaps included', () => {
    const random = rng(3);
    const alphabet = ['a', 'B', '-', '\n', '1', ' ', '\r', '\t', '𝒜', '𝒶', 'é', 'É', '\ud835'];
    const texts = ['-\nb', 'a-\nb-\nc', 'a-\n\n', '𝒜-\n𝒶', 'x-\nΩ', 'x-\nω-\nω', 'yes- \nterday', 'sev-\r\neral', 'a-    \nb', 'a- \t\r\nb'];
    for (let k = 0; k < 3000; k++) texts.push(randomText(random, alphabet, 2 + Math.floor(random() * 20)));
    for (const t of texts) expect([t, hyphenBreaks(t)]).toEqual([t, (t.match(HYPHEN_BREAK) ?? []).length]);
  });
});

describe('word ids', () => {
  it('give the tokenizer strings back, one id per distinct token', () => {
    const text = "Don't stop: the (cat) and the dog. Don't!";
    const ids = tokenIds(text);
    expect([...ids].map(wordOf)).toEqual(spacyTokens(text));
    expect(ids[0]).toBe(ids[ids.indexOf(ids[0], 1)]);
    expect(new Set(ids).size).toBe(new Set(spacyTokens(text)).size);
  });
  it('compute a word property once per distinct word', () => {
    const calls: string[] = [];
    const length = wordProperty((w) => (calls.push(w), w.length));
    const ids = tokenIds('alpha beta alpha beta gamma alpha');
    expect([...ids].map(length)).toEqual([5, 4, 5, 4, 5, 5]);
    expect(calls).toEqual(['alpha', 'beta', 'gamma']);
  });
  it('count the sentences of a stripped line from the document tokens as from the line alone', () => {
    const text = 'Intro line.\n  Dr. Smith went home.  "Yes." he said!\tThen  e.g. this (see Linux): ok.\n\nLast one?  ';
    const d = docView(text);
    const counts = [];
    for (let k = 0; k < d.lines.length; k++) {
      let a = d.lineSpans[2 * k];
      let b = d.lineSpans[2 * k + 1];
      while (a < b && /\s/.test(text[a])) a++;
      while (b > a && /\s/.test(text[b - 1])) b--;
      counts.push(sentenceCountIn(d.tokens, text, a, b));
      expect(counts[k]).toBe(spacySentenceCount(text.slice(a, b)));
    }
    expect(counts).toEqual([1, 4, 0, 1]);
  });
  it('count sentences as the string tokens do, whitespace tokens included', () => {
    expect(spacySentenceCount('One. Two!  Three?\n\nFour')).toBe(4);
    expect(spacySentenceCount('Dr. Smith went home. "Yes." he said')).toBe(3);
    expect(spacySentenceCount('...   ')).toBe(1);
  });
});
