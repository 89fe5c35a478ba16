import { duplicateNgramChars } from '../rules/datatrove';
import { wordHasLetter, wordOf } from '../tokenizer/vocab';
import { type Span, type TaggerResult, MAX_SPANS, forEachLine, clamp01 } from './common';

// Four measures, the strongest wins: repeated substantial lines (20+ characters with a letter
// or digit: bare quote markers and rules between sections do not count), repeated 8-grams of
// words with letters, text repeating an earlier stretch with digits masked (repeatedCoverage),
// and lines of a template seen before (lineTemplate).
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Window of the repeated-text scan: shorter stretches (" of the ", an option name) repeat in any text. */
const WINDOW = 32;
/** Digits read as one digit: log lines differ in their timestamps and counters, the rest repeats. */
const MASKED_CODE = new Uint16Array(0x10000).map((_, c) => (c >= 0x31 && c <= 0x39 ? 0x30 : c));
const masked = (text: string, i: number) => MASKED_CODE[text.charCodeAt(i)];
// Letters, roughly (ASCII letters and most of what lies from U+00C0 on, bar × ÷, punctuation and
// symbol blocks and surrogates), as a table: the scan reads two per character.
const LETTER_CODE = new Uint8Array(0x10000).map((_, c) => (((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0xd800 && c <= 0xdfff)) ? 1 : 0));
const isLetter = (c: number) => LETTER_CODE[c] === 1;
const WORD_START_CODE = LETTER_CODE.map((isLetterCode, c) => (isLetterCode || (c >= 0x30 && c <= 0x39) ? 1 : 0));

function lettersIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (isLetter(text.charCodeAt(k))) n++;
  return n;
}

/**
 * First position of each anchor hash, in an open-addressing table kept between calls (a Map
 * costs three times as much here): a slot belongs to this text when its stamp is this call's.
 */
let tableKeys = new Int32Array(1 << 12);
let tablePositions = new Int32Array(1 << 12);
let tableStamps = new Uint32Array(1 << 12);
let stamp = 0;
let tableMask = 0;
function clearTable(entries: number): void {
  let size = 1 << 12;
  while (size < 2 * entries) size <<= 1;
  if (size > tableKeys.length) {
    tableKeys = new Int32Array(size);
    tablePositions = new Int32Array(size);
    tableStamps = new Uint32Array(size);
    stamp = 0;
  }
  tableMask = size - 1;
  stamp++;
  if (stamp === 0xffffffff) {
    tableStamps.fill(0);
    stamp = 1;
  }
}
/** The first position recorded for `h`, or -1 after recording `at` as its first. */
function firstOrRecord(h: number, at: number): number {
  let slot = Math.imul(h, 0x9e3779b1) >>> 0;
  for (slot &= tableMask; tableStamps[slot] === stamp; slot = (slot + 1) & tableMask) if (tableKeys[slot] === h) return tablePositions[slot];
  tableStamps[slot] = stamp;
  tableKeys[slot] = h;
  tablePositions[slot] = at;
  return -1;
}

// The rolling hash's base, and base^(WINDOW-1) for taking the leaving character out.
const B = 0x01000193;
let bPowWindow = 1;
for (let k = 1; k < WINDOW; k++) bPowWindow = Math.imul(bPowWindow, B);

/** Windows whose hash has these bits clear are looked up (one in four): a repeated stretch of 50 characters holds one but for 1 in 250. */
const ANCHOR_BITS = 3;

/** The rolling hash of the window at `at`. (A closure updating the scan's `h` would move it to the heap, costing the scan half its speed.) */
function windowHash(text: string, at: number): number {
  let h = 0;
  for (let k = 0; k < WINDOW; k++) h = (Math.imul(h, B) + MASKED_CODE[text.charCodeAt(at + k)]) | 0;
  return h;
}

/**
 * Share of the text that repeats an earlier stretch of at least WINDOW characters, a
 * quarter of them letters, digits counting as one digit (LZ77's matches, greedily):
 * a log whose lines differ only in a timestamp and a package name, a paragraph or menu
 * pasted again, lines sampled with replacement, a sentence looped. Exact line duplicates
 * miss the first (every line differs somewhere); this does not, and clean prose, man pages
 * and mail stay under two fifths (quoted replies are the most). Windows are hashed as they
 * roll; only anchor windows (one in four by their hash, so a repeat's windows are anchors
 * where the original's were, and starting with a letter or digit) go to the table, and a
 * match found there is confirmed character by character and stretched both ways. The
 * covered stretches are the spans.
 */
export function repeatedCoverage(text: string, spans: Span[] | null): number {
  const n = text.length;
  if (n < 2 * WINDOW) return 0;
  clearTable(n >> 2);
  let covered = 0;
  let coveredEnd = 0;
  let i = 0;
  let h = windowHash(text, 0);
  while (i + WINDOW <= n) {
    // An anchor window starts with a letter or digit: runs of blanks or rules repeat everywhere.
    if ((h & ANCHOR_BITS) === 0 && WORD_START_CODE[text.charCodeAt(i)] === 1) {
      const prev = firstOrRecord(h, i);
      if (prev >= 0) {
        let len = 0;
        while (len < WINDOW && masked(text, prev + len) === masked(text, i + len)) len++;
        let back = 0;
        if (len === WINDOW) {
          while (i + len < n && masked(text, prev + len) === masked(text, i + len)) len++;
          while (i - back > coveredEnd && prev - back > 0 && masked(text, prev - back - 1) === masked(text, i - back - 1)) back++;
        }
        // A repeat is text, not a rule of dashes between sections that caught a word at each end.
        if (len >= WINDOW && lettersIn(text, i - back, i + len) * 4 >= len + back) {
          const start = i - back;
          covered += len + back;
          coveredEnd = i + len;
          if (spans) {
            const last = spans[spans.length - 1];
            if (last && last.end === start) last.end = coveredEnd;
            else if (spans.length < MAX_SPANS) spans.push({ start, end: coveredEnd, tag: 'repetition' });
          }
          i = coveredEnd;
          if (i + WINDOW <= n) h = windowHash(text, i);
          continue;
        }
      }
    }
    if (i + WINDOW < n) {
      const out = text.charCodeAt(i);
      const into = text.charCodeAt(i + WINDOW);
      h = (Math.imul(h - Math.imul(MASKED_CODE[out], bPowWindow), B) + MASKED_CODE[into]) | 0;
    }
    i++;
  }
  return covered / n;
}

// A token that varies between log lines: it holds a digit, or punctuation inside a word
// (libsystemd0:amd64, .../libudev1_252.deb, key=value, user@host).
const VARIABLE = /\d|\p{L}[:/._~+=@-]+[\p{L}\p{N}]/u;
const WORD = /^\p{L}+[,.;:]?$/u;
const MAY_VARY = /[\d:/_~+=@]/;
const TEMPLATE_MAX_LINE = 300;
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

/** Scratch for the words with letters, kept between calls. */
let alphaBuffer = new Int32Array(1 << 12);

export function repetition(text: string, wordIds: Int32Array): TaggerResult {
  const seen = new Set<string>();
  const templates = new Set<string>();
  const spans: Span[] = [];
  const templateSpans: Span[] = [];
  let dupChars = 0;
  let templateChars = 0;
  forEachLine(text, (start, end) => {
    // Only a line with a digit or a path, key or name separator can hold a variable token
    // (hyphenated words aside), and log lines are short: the tests spare splitting prose.
    const line = end - start > 12 && end - start <= TEMPLATE_MAX_LINE ? text.slice(start, end) : '';
    const template = line && MAY_VARY.test(line) ? lineTemplate(line) : null;
    if (template !== null && templates.has(template)) {
      templateChars += end - start + 1;
      if (templateSpans.length < MAX_SPANS) templateSpans.push({ start, end, tag: 'repetition' });
    } else if (template !== null) templates.add(template);
    if (end - start < 20) return;
    const key = text.slice(start, Math.min(end, start + 500)).trim();
    if (key.length < 20 || !LETTER_OR_DIGIT.test(key)) return; // rules of dashes or underscores between sections
    if (seen.has(key)) {
      dupChars += end - start;
      if (spans.length < MAX_SPANS) spans.push({ start, end, tag: 'repetition' });
    } else seen.add(key);
  });
  const lineFrac = text.length ? dupChars / text.length : 0;
  // A typed array's filter() costs several times this loop.
  if (alphaBuffer.length < wordIds.length) alphaBuffer = new Int32Array(Math.max(wordIds.length, 2 * alphaBuffer.length));
  let alphaCount = 0;
  let alphaChars = 0;
  for (let i = 0; i < wordIds.length; i++) {
    const id = wordIds[i];
    if (wordHasLetter(id) === 0) continue;
    alphaBuffer[alphaCount++] = id;
    alphaChars += wordOf(id).length;
  }
  const alpha = alphaBuffer.subarray(0, alphaCount);
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
