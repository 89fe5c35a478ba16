import { duplicateNgramChars } from '../rules/datatrove';
import { wordHasLetter, wordOf } from '../tokenizer/vocab';
import { type Span, type TaggerResult, MAX_SPANS, forEachLine, clamp01 } from './common';

// Repeated substantial lines (20+ characters with a letter or digit: bare quote
// markers and rules between sections do not count) and repeated 8-grams of words with letters.
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Window of the repeated-text scan: shorter stretches (" of the ", an option name) repeat in any text. */
const WINDOW = 32;
/** Digits read as one digit: log lines differ in their timestamps and counters, the rest repeats. */
const masked = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c >= 0x31 && c <= 0x39 ? 0x30 : c;
};
const isLetter = (c: number) => ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0xd800 && c <= 0xdfff));

/**
 * Share of the text that repeats an earlier stretch of at least WINDOW characters
 * holding three letters or more, digits counting as one digit (LZ77's matches, greedily): a log whose lines differ
 * only in a timestamp and a package name, a paragraph or menu pasted again, lines
 * sampled with replacement, a sentence looped. Exact line duplicates miss the first
 * (every line differs somewhere); this does not, and clean prose, man pages and mail
 * stay under two fifths (quoted replies are the most). Windows are found by a rolling
 * hash and confirmed character by character; the covered stretches are the spans.
 */
export function repeatedCoverage(text: string, spans: Span[] | null): number {
  const n = text.length;
  if (n < 2 * WINDOW) return 0;
  const letters = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) letters[i + 1] = letters[i] + (isLetter(text.charCodeAt(i)) ? 1 : 0);
  const B = 0x01000193;
  let bPowW = 1; // B^(WINDOW-1), for taking the leaving character out
  for (let k = 1; k < WINDOW; k++) bPowW = Math.imul(bPowW, B);
  const hashAt = (i: number) => {
    let h = 0;
    for (let k = 0; k < WINDOW; k++) h = (Math.imul(h, B) + masked(text, i + k)) | 0;
    return h;
  };
  const first = new Map<number, number>();
  let covered = 0;
  let i = 0;
  let h = hashAt(0);
  while (i + WINDOW <= n) {
    const prev = first.get(h);
    let len = 0;
    if (prev !== undefined && letters[i + WINDOW] - letters[i] >= 3) {
      while (len < WINDOW && masked(text, prev + len) === masked(text, i + len)) len++;
      if (len === WINDOW) while (i + len < n && masked(text, prev + len) === masked(text, i + len)) len++;
      else len = 0; // a hash collision
    }
    if (len > 0) {
      covered += len;
      if (spans) {
        const last = spans[spans.length - 1];
        if (last && last.end === i) last.end = i + len;
        else if (spans.length < MAX_SPANS) spans.push({ start: i, end: i + len, tag: 'repetition' });
      }
      i += len;
      if (i + WINDOW <= n) h = hashAt(i);
      continue;
    }
    if (prev === undefined) first.set(h, i);
    if (i + WINDOW < n) h = (Math.imul(h - Math.imul(masked(text, i), bPowW), B) + masked(text, i + WINDOW)) | 0;
    i++;
  }
  return covered / n;
}

// A token that varies between log lines: it holds a digit, or punctuation inside a word
// (libsystemd0:amd64, .../libudev1_252.deb, key=value, user@host).
const VARIABLE = /\d|\p{L}[:/._~+=@-]+[\p{L}\p{N}]/u;
const WORD = /^\p{L}+[,.;:]?$/u;
const SPACES = /\s+/;

/**
 * A line's template: its tokens with the variable ones read as one placeholder, when
 * at least two plain words remain ("Setting up X X ...", "Preparing to unpack X ...").
 */
function lineTemplate(line: string): string | null {
  const tokens = line.trim().split(SPACES);
  if (tokens.length < 3) return null;
  let words = 0;
  for (let k = 0; k < tokens.length; k++) {
    if (VARIABLE.test(tokens[k])) tokens[k] = '\u0000';
    else if (WORD.test(tokens[k])) words++;
  }
  return words >= 2 ? tokens.join(' ') : null;
}

export function repetition(text: string, wordIds: Int32Array): TaggerResult {
  const seen = new Set<string>();
  const templates = new Set<string>();
  const spans: Span[] = [];
  const templateSpans: Span[] = [];
  let dupChars = 0;
  let templateChars = 0;
  forEachLine(text, (start, end) => {
    if (end - start > 12 && end - start < 2000) {
      const template = lineTemplate(text.slice(start, end));
      if (template !== null && templates.has(template)) {
        templateChars += end - start + 1;
        if (templateSpans.length < MAX_SPANS) templateSpans.push({ start, end, tag: 'repetition' });
      } else if (template !== null) templates.add(template);
    }
    if (end - start < 20) return;
    const key = text.slice(start, Math.min(end, start + 500)).trim();
    if (key.length < 20 || !LETTER_OR_DIGIT.test(key)) return; // rules of dashes or underscores between sections
    if (seen.has(key)) {
      dupChars += end - start;
      if (spans.length < MAX_SPANS) spans.push({ start, end, tag: 'repetition' });
    } else seen.add(key);
  });
  const lineFrac = text.length ? dupChars / text.length : 0;
  const alpha = wordIds.filter(wordHasLetter);
  let alphaChars = 0;
  for (let i = 0; i < alpha.length; i++) alphaChars += wordOf(alpha[i]).length;
  const dup8 = alphaChars ? duplicateNgramChars(alpha, 8) / alphaChars : 0;
  const exact = clamp01(Math.max(lineFrac / 0.4, dup8 / 0.6));
  const stretches: Span[] = [];
  // Half the text repeating earlier stretches, or in lines of a template seen before, reaches
  // the tag; a fifth (headers, quoted lines, a list of like items) adds nothing.
  const coverage = clamp01((repeatedCoverage(text, stretches) - 0.2) / 0.6);
  const templated = clamp01((templateChars / Math.max(1, text.length) - 0.2) / 0.6);
  const best = Math.max(exact, coverage, templated);
  return { signal: best, spans: best === exact ? spans : best === coverage ? stretches : templateSpans };
}
