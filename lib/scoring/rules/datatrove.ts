/**
 * The standard rule sets, with the definitions and default thresholds of
 * DataTrove's filters (huggingface/datatrove, src/datatrove/pipeline/filters):
 * GopherQualityFilter, GopherRepetitionFilter, C4QualityFilter and
 * FineWebQualityFilter, English. Words come from spaCy's tokenizer rules,
 * lengths are Python code-point lengths, lines are str.splitlines() where the
 * reference uses it and split("\n") where it uses that. Each check returns
 * null when the document is kept, else the reference's reason string.
 */
import { pyCount, pyLen, pyLineSpans, pyLstrip, pyRstrip, pyStripStart, pyStripEnd, pySplitStats, pyStrip, sliceSpans } from '../pystr';
import { sentenceCountIn, spacySentenceCount, tokenize, type Tokens } from '../tokenizer/spacy-en';
import { wordCodePoints, wordHasLetter, wordProperty } from '../tokenizer/vocab';

import { RULE_SETS, type RuleSet } from '../names';
import { TERMINAL_PUNCTUATION } from './terminal-punctuation';

export { RULE_SETS, type RuleSet };

/** What the rule sets share, computed once per document. */
export interface DocView {
  text: string;
  /** len(text) in code points. */
  chars: number;
  /** DataTrove's word_tokenize (spaCy tokens, stripped, empty ones dropped) as word ids: n-grams compare ids, not strings. */
  wordIds: Int32Array;
  tokens: Tokens;
  /** str.splitlines(), and where each line lies in the text (two offsets per line). */
  lines: string[];
  lineSpans: Int32Array;
}

/** Tokenizes `text`; starts a document, so earlier views' ids may no longer be valid (see tokenizer/vocab). */
export function docView(text: string): DocView {
  const tokens = tokenize(text);
  const lineSpans = pyLineSpans(text);
  return { text, chars: pyLen(text), wordIds: tokens.ids, tokens, lines: sliceSpans(text, lineSpans), lineSpans };
}

// datatrove.utils.text.PUNCTUATION: ASCII and CJK punctuation plus the C0/C1 controls (not \t \n \r).
const PUNCTUATION = new Set<string>([
  ...'!/—”:％１〈&(、━\\【#%「」，】；+^]~“《„\';’{|∶´[=-`*．（–？！：$～«〉,><》)?）。…@_."}►»',
  ...[...Array(9).keys()].map((c) => String.fromCharCode(c)),
  ...[11, 12].map((c) => String.fromCharCode(c)),
  ...Array.from({ length: 32 - 13 }, (_, k) => String.fromCharCode(13 + k)),
  ...Array.from({ length: 160 - 127 }, (_, k) => String.fromCharCode(127 + k)),
]);
// PUNCTUATION_SET (DataTrove 0.10, a649de7): PUNCTUATION and every script's TERMINAL_PUNCTUATION.
const isSymbolWord = (w: string) => {
  for (const ch of w) if (!PUNCTUATION.has(ch) && !TERMINAL_PUNCTUATION.has(ch.codePointAt(0)!)) return false;
  return true;
};
const STOP_WORDS = new Set(['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with']);
const SYMBOL = 1;
const STOP = 2;
const gopherWordFlags = wordProperty((w) => (isSymbolWord(w) ? SYMBOL : 0) | (STOP_WORDS.has(w) ? STOP : 0));

export function gopherQuality(d: DocView): string | null {
  const { wordIds, text } = d;
  const nWords = wordIds.length;
  let nonSymbol = 0;
  let nonSymbolChars = 0;
  let withLetter = 0;
  // DataTrove 0.10 counts the distinct stop words present (set intersection), not their occurrences.
  const stopSeen = new Set<number>();
  for (let i = 0; i < nWords; i++) {
    const id = wordIds[i];
    const flags = gopherWordFlags(id);
    if (!(flags & SYMBOL)) {
      nonSymbol++;
      nonSymbolChars += wordCodePoints(id);
    }
    withLetter += wordHasLetter(id);
    if (flags & STOP) stopSeen.add(id);
  }
  if (nonSymbol < 50) return 'gopher_short_doc';
  if (nonSymbol > 100_000) return 'gopher_long_doc';
  const avg = nonSymbolChars / nonSymbol;
  if (avg < 3) return 'gopher_below_avg_threshold';
  if (avg > 10) return 'gopher_above_avg_threshold';
  if (pyCount(text, '#') / nWords > 0.1) return 'gopher_too_many_hashes';
  if ((pyCount(text, '...') + pyCount(text, '…')) / nWords > 0.1) return 'gopher_too_many_ellipsis';
  const lines = d.lines;
  let bullets = 0;
  let ellipsis = 0;
  for (const line of lines) {
    const l = pyLstrip(line);
    if (l.startsWith('•') || l.startsWith('-')) bullets++;
    const r = pyRstrip(line);
    if (r.endsWith('...') || r.endsWith('…')) ellipsis++;
  }
  if (bullets / lines.length > 0.9) return 'gopher_too_many_bullets';
  if (ellipsis / lines.length > 0.3) return 'gopher_too_many_end_ellipsis';
  if (withLetter / nWords < 0.8) return 'gopher_below_alpha_threshold';
  if (stopSeen.size < 2) return 'gopher_enough_stop_words';
  return null;
}

/** find_duplicates: how many elements repeat an earlier one, and their characters. */
export function findDuplicates(items: string[]): { elements: number; chars: number } {
  const seen = new Set<string>();
  let elements = 0;
  let chars = 0;
  for (const x of items) {
    if (seen.has(x)) {
      elements++;
      chars += pyLen(x);
    } else seen.add(x);
  }
  return { elements, chars };
}

/**
 * Open-addressing table of n-gram positions: an n-gram is its word-id
 * sequence, compared id by id, so no n-gram string is ever built and hash
 * collisions cannot merge different n-grams. Hashes are polynomial over the
 * ids, read from prefix sums, so an n-gram costs the same for every n.
 */
// Buffers grown as needed and reused: nine n-gram passes per document would otherwise allocate nine tables.
let slotBuffer = new Int32Array(1 << 12);
let countBuffer = new Int32Array(1 << 11);
let prefixBuffer = new Int32Array(1 << 11);
/** The ids whose prefix sums prefixBuffer holds (reset whenever the buffer is): an ids array must not change once a table was built on it. */
let prefixOf: Int32Array | null = null;
const BASE = 0x01000193;

class NgramTable {
  private slots: Int32Array;
  readonly counts: Int32Array;
  private prefix: Int32Array;
  private mask = 0;
  private power = 1; // BASE ** n mod 2^32
  constructor(private ids: Int32Array, private n: number) {
    let cap = 16;
    while (cap < ids.length * 2) cap <<= 1;
    if (slotBuffer.length < cap) slotBuffer = new Int32Array(cap);
    if (countBuffer.length < ids.length) countBuffer = new Int32Array(Math.max(ids.length, countBuffer.length * 2));
    if (prefixBuffer.length < ids.length + 1) {
      prefixBuffer = new Int32Array(Math.max(ids.length + 1, prefixBuffer.length * 2));
      prefixOf = null;
    }
    this.slots = slotBuffer.subarray(0, cap); // position + 1; 0 = empty
    this.slots.fill(0);
    this.counts = countBuffer.subarray(0, ids.length);
    this.counts.fill(0);
    this.mask = cap - 1;
    const prefix = (this.prefix = prefixBuffer);
    // The prefix sums do not depend on n: a document's later tables reuse them.
    if (ids !== prefixOf) {
      prefix[0] = 0;
      for (let i = 0; i < ids.length; i++) prefix[i + 1] = (Math.imul(prefix[i], BASE) + ids[i]) | 0;
      prefixOf = ids;
    }
    for (let k = 0; k < n; k++) this.power = Math.imul(this.power, BASE);
  }
  /** Position of the first occurrence of the n-gram at `at`, inserting it if new (returns -1 then). */
  firstOf(at: number): number {
    const { ids, n, prefix } = this;
    let h = (prefix[at + n] - Math.imul(prefix[at], this.power)) | 0;
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
    h ^= h >>> 16;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const p = this.slots[slot] - 1;
      if (p < 0) {
        this.slots[slot] = at + 1;
        return -1;
      }
      let same = true;
      for (let k = 0; k < n && same; k++) same = ids[p + k] === ids[at + k];
      if (same) return p;
    }
  }
}

/**
 * find_all_duplicate: characters of n-grams ("".join) that repeat an earlier one, skipping n words after each.
 * `repeatedAt`, when given, flags the positions whose n-gram occurs more than once in the document
 * (see repeatedStarts): an unflagged n-gram can neither repeat nor be repeated, so it is stepped over
 * without a table look-up.
 */
export function duplicateNgramChars(wordIds: Int32Array, n: number, repeatedAt?: Uint8Array): number {
  if (wordIds.length < n || (repeatedAt && repeatedAt.indexOf(1) < 0)) return 0;
  const table = new NgramTable(wordIds, n);
  let repeated = 0;
  let i = 0;
  while (i < wordIds.length - n + 1) {
    if (repeatedAt && repeatedAt[i] === 0) i++;
    else if (table.firstOf(i) >= 0) {
      for (let k = 0; k < n; k++) repeated += wordCodePoints(wordIds[i + k]);
      i += n;
    } else i++;
  }
  return repeated;
}

// countNgrams' scratch: the first position of the n-gram at each position counted.
let firstBuffer = new Int32Array(1 << 12);

/**
 * Counts the n-grams starting at the positions flagged in `within` (all when absent), calling
 * `visit(first, count)` after each with the n-gram's first position and its count so far; returns
 * the positions whose n-gram occurs twice or more (1 in a new array).
 * An n-gram occurring twice has its (n − 1)-gram prefix occurring twice, so the flags for n − 1
 * can serve as `within` for n.
 */
function countNgrams(wordIds: Int32Array, n: number, within: Uint8Array | undefined, visit?: (first: number, count: number) => void): Uint8Array {
  const positions = Math.max(0, wordIds.length - n + 1);
  const flags = new Uint8Array(positions);
  if (positions === 0) return flags;
  const table = new NgramTable(wordIds, n);
  const { counts } = table;
  if (firstBuffer.length < positions) firstBuffer = new Int32Array(Math.max(positions, firstBuffer.length * 2));
  const firstAt = firstBuffer;
  let any = false;
  for (let i = 0; i < positions; i++) {
    if (within && within[i] === 0) continue;
    const found = table.firstOf(i);
    const first = (firstAt[i] = found < 0 ? i : found);
    const c = ++counts[first];
    if (c === 2) any = true;
    visit?.(first, c);
  }
  if (!any) return flags;
  for (let i = 0; i < positions; i++) {
    if (within && within[i] === 0) continue;
    if (counts[firstAt[i]] >= 2) flags[i] = 1;
  }
  return flags;
}

/** The positions whose n-gram occurs twice or more (see countNgrams). */
export function repeatedStarts(wordIds: Int32Array, n: number, within?: Uint8Array): Uint8Array {
  return countNgrams(wordIds, n, within);
}

/**
 * find_top_duplicate on space-joined n-grams: characters of the most frequent one times its count
 * (first seen wins ties), and the positions whose n-gram occurs twice or more. With `within` (the
 * flags for n − 1) only those positions are counted: any other n-gram occurs once, and the
 * reference's answer is then the first n-gram, once, unless some n-gram occurs twice.
 */
export function topNgramChars(wordIds: Int32Array, n: number, within?: Uint8Array): { chars: number; repeated: Uint8Array } {
  let best = wordIds.length >= n ? 1 : 0;
  let bestAt = 0;
  const repeated = countNgrams(wordIds, n, within, (first, c) => {
    if (c > best || (c === best && first < bestAt)) {
      best = c;
      bestAt = first;
    }
  });
  if (best === 0) return { chars: 0, repeated };
  let len = n - 1;
  for (let k = 0; k < n; k++) len += wordCodePoints(wordIds[bestAt + k]);
  return { chars: len * best, repeated };
}

export const TOP_NGRAMS: Array<[number, number]> = [[2, 0.2], [3, 0.18], [4, 0.16]];
export const DUP_NGRAMS: Array<[number, number]> = [[5, 0.15], [6, 0.14], [7, 0.13], [8, 0.12], [9, 0.11], [10, 0.1]];

/** GopherRepetitionFilter: each statistic is computed only when the checks before it passed, as the reference does. */
export function gopherRepetition(d: DocView): string | null {
  const { text, chars } = d;
  if (chars === 0) return 'empty'; // the reference divides by len(text) and fails on an empty document
  const paragraphs = pyStrip(text).split(/\n{2,}/);
  const para = findDuplicates(paragraphs);
  if (para.elements / paragraphs.length > 0.3) return 'dup_para_frac';
  if (para.chars / chars > 0.2) return 'dup_para_char_frac';
  const lines = text.split(/\n+/);
  const line = findDuplicates(lines);
  if (line.elements / lines.length > 0.3) return 'dup_line_frac';
  if (line.chars / chars > 0.2) return 'dup_line_char_frac';
  // Each n counts only where the (n − 1)-grams repeat: in prose most positions drop out within a few n.
  let repeatedAt: Uint8Array | undefined;
  for (const [n, frac] of TOP_NGRAMS) {
    const top = topNgramChars(d.wordIds, n, repeatedAt);
    if (top.chars / chars > frac) return `top_${n}_gram`;
    repeatedAt = top.repeated;
  }
  for (const [n, frac] of DUP_NGRAMS) {
    repeatedAt = repeatedStarts(d.wordIds, n, repeatedAt);
    const repeated = duplicateNgramChars(d.wordIds, n, repeatedAt);
    if (repeated / chars > frac) return `duplicated_${n}_n_grams`;
    // No n-gram occurs twice, so no longer one does: the remaining fractions are 0.
    if (repeated === 0) break;
  }
  return null;
}

const CITATION = /\[\p{Nd}*\]|\[edit\]|\[citation needed\]/gu;
const END_PUNCTUATION = ['.', '?', '!', '"', "'"];
const POLICY = ['terms of use', 'privacy policy', 'cookie policy', 'uses cookies', 'use of cookies', 'use cookies'];

/** C4QualityFilter's document decision (the line removals it also makes are not applied). */
export function c4Quality(d: DocView): string | null {
  let sentences = 0;
  const { text, lineSpans } = d;
  let bracket = text.indexOf('[');
  for (let k = 0; k < d.lines.length; k++) {
    // Most lines end without sentence punctuation and hold no citation that could end in it:
    // they are skipped from offsets alone, without building the stripped line.
    const end = lineSpans[2 * k + 1];
    while (bracket >= 0 && bracket < lineSpans[2 * k]) bracket = text.indexOf('[', bracket + 1);
    if (bracket < 0 || bracket >= end) {
      const last = text.charCodeAt(pyStripEnd(text, lineSpans[2 * k], end) - 1);
      if (!(last === 0x2e || last === 0x3f || last === 0x21 || last === 0x22 || last === 0x27)) continue;
    }
    let line = pyStrip(d.lines[k]);
    const { count: nWords, longest } = pySplitStats(line);
    if (longest > 1000) continue;
    let cited = false;
    if (line.includes('[')) {
      const uncited = line.replace(CITATION, '');
      cited = uncited !== line;
      line = uncited;
    }
    if (!END_PUNCTUATION.some((p) => line.endsWith(p)) || line.endsWith('...')) continue;
    if (nWords < 3) continue;
    const lower = line.toLowerCase();
    if (lower.includes('lorem ipsum')) return 'lorem_ipsum';
    if (lower.includes('javascript')) continue;
    if (line.includes('{')) return 'curly_bracket';
    if (POLICY.some((p) => lower.includes(p))) continue;
    if (cited) sentences += spacySentenceCount(line);
    else {
      // The stripped line is a run of the document's chunks: count on its tokens.
      const a = pyStripStart(text, lineSpans[2 * k], lineSpans[2 * k + 1]);
      const b = pyStripEnd(text, a, lineSpans[2 * k + 1]);
      sentences += sentenceCountIn(d.tokens, text, a, b);
    }
  }
  return sentences < 5 ? 'too_few_sentences' : null;
}

/** FineWebQualityFilter's parameters, with DataTrove's defaults (fineweb_quality_filter.py at a649de7, release 0.10.0). */
export interface FineWebOptions {
  /** Dropped when the share of lines ending in a stop character is below this. */
  linePunctThr: number;
  /** Keep a document none of whose lines ends in a stop character (the ratio is 0). */
  linePunctExcludeZero: boolean;
  /** Stop characters (code points); DataTrove's TERMINAL_PUNCTUATION by default. */
  stopChars: ReadonlySet<number>;
  /** Dropped when the share of lines at most shortLineLength code points long is above this. */
  shortLineThr: number;
  shortLineLength: number;
  /** Dropped when duplicated lines hold more than this share of the characters (newlines excluded). */
  charDuplicatesRatio: number;
  /** Dropped when newlines per word are above this. */
  newLineRatio: number;
}

export const FINEWEB_DEFAULTS: FineWebOptions = {
  linePunctThr: 0.12,
  linePunctExcludeZero: false,
  stopChars: TERMINAL_PUNCTUATION,
  shortLineThr: 0.67,
  shortLineLength: 30,
  charDuplicatesRatio: 0.01,
  newLineRatio: 0.3,
};

/** The last code point of a string (a surrogate pair read whole). */
function lastCodePoint(s: string): number {
  const c = s.charCodeAt(s.length - 1);
  if (c >= 0xdc00 && c <= 0xdfff && s.length > 1) {
    const h = s.charCodeAt(s.length - 2);
    if (h >= 0xd800 && h <= 0xdbff) return ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  }
  return c;
}

/**
 * FineWebQualityFilter as DataTrove 0.10 has it: lines are split on "\n" and those empty
 * after strip() removed first (none left: "empty"); then the punctuation, short-line,
 * duplicate-character and newline-per-word ratios, each compared strictly.
 */
export function finewebQuality(d: DocView, options: Partial<FineWebOptions> = {}): string | null {
  const o = { ...FINEWEB_DEFAULTS, ...options };
  const { text } = d;
  const lines = text.split('\n').filter((line) => pyStrip(line) !== '');
  if (lines.length === 0) return 'empty';
  let punct = 0;
  let short = 0;
  for (const line of lines) {
    if (o.stopChars.has(lastCodePoint(line))) punct++;
    // code points <= UTF-16 units <= 2 x code points: pyLen only when it can matter.
    if (line.length <= o.shortLineLength || (line.length <= 2 * o.shortLineLength && pyLen(line) <= o.shortLineLength)) short++;
  }
  const punctRatio = punct / lines.length;
  if (punctRatio < o.linePunctThr && !(punctRatio === 0 && o.linePunctExcludeZero)) return 'line_punct_ratio';
  if (short / lines.length > o.shortLineThr) return 'short_line_ratio';
  const newlines = pyCount(text, '\n');
  if (findDuplicates(lines).chars / (d.chars - newlines) > o.charDuplicatesRatio) return 'char_dup_ratio';
  if (newlines / d.wordIds.length > o.newLineRatio) return 'list_ratio';
  return null;
}

export type RuleResults = Record<RuleSet, string | null>;

export function runRuleSets(d: DocView, which: readonly RuleSet[] = RULE_SETS): RuleResults {
  const out = {} as RuleResults;
  for (const r of which) {
    if (r === 'gopher_quality') out[r] = gopherQuality(d);
    else if (r === 'gopher_repetition') out[r] = gopherRepetition(d);
    else if (r === 'c4_quality') out[r] = c4Quality(d);
    else out[r] = finewebQuality(d);
  }
  return out;
}
