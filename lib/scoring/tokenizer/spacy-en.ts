/**
 * English word tokenizer with spaCy's rules (spacy.blank("en"), which
 * DataTrove's English filters use): split on whitespace, then peel prefixes
 * and suffixes, honour special cases ("don't" -> "do", "n't"; "e.g."), keep
 * URLs whole and split on infixes. The rule data is spaCy's own, dumped by
 * scripts/dev/dump-spacy-en.py (spaCy is MIT licensed, (c) ExplosionAI GmbH).
 *
 * Like spaCy, a second pass re-joins special cases that the affix rules
 * split ("Linux):" -> "Linux", "):"), within one whitespace-free chunk.
 */
import data from './spacy-en.json' with { type: 'json' };
import { isPySpace } from '../pystr';
import { lowerBound } from '../../util/search';
import { ChunkCache, MAX_CHUNK } from './chunk-cache';
import { intern, onVocabularyReset, startDocument, wordOf, wordProperty } from './vocab';

const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

/** Python `re` syntax to a JavaScript `u` regex: \U escapes, Unicode \w and \d, no identity escapes. */
export function pythonRegexToJs(pattern: string): string {
  let out = '';
  let inClass = false;
  const p = pattern.replace(/^\(\?u\)/, '');
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') {
      const c = p[++i];
      if (c === 'U') {
        out += `\\u{${p.slice(i + 1, i + 9)}}`;
        i += 8;
      } else if (c === 'u') {
        out += `\\u${p.slice(i + 1, i + 5)}`;
        i += 4;
      } else if (c === 'w') out += inClass ? '\\p{L}\\p{N}_' : '[\\p{L}\\p{N}_]';
      else if (c === 'd') out += '\\p{Nd}';
      else if (/[sSbBntrfvWD]/.test(c)) out += `\\${c}`;
      else if (SYNTAX.has(c) || (c === '-' && inClass)) out += `\\${c}`;
      else out += c;
      continue;
    }
    if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    out += ch;
  }
  return out;
}

const PREFIX = new RegExp(pythonRegexToJs(data.prefix), 'u');
const SUFFIX = new RegExp(pythonRegexToJs(data.suffix), 'u');
const INFIX = new RegExp(pythonRegexToJs(data.infix), 'yu');
const URL_MATCH = new RegExp(pythonRegexToJs(data.url), 'u');
const SPECIALS = new Map<string, string[]>(Object.entries(data.specials as Record<string, string[]>));
// Looking a long string up hashes all of it; peeling a huge token one prefix at a
// time would make that quadratic, so strings longer than any special skip the lookup.
const MAX_SPECIAL = Math.max(...[...SPECIALS.keys()].map((k) => k.length));
const isSpecial = (s: string) => s.length <= MAX_SPECIAL && SPECIALS.has(s);
export const SENTENCE_PUNCT = new Set<string>(data.sentence_punct);
export const SPACY_VERSION: string = data.spacy_version;

// Suffix rules are anchored at the end; searching only the tail keeps a 10 MB
// token linear. A match starting at the tail's first character might extend
// further left, so that case is searched again on the whole string.
const SUFFIX_TAIL = 256;
function findSuffix(s: string): number {
  if (s.length <= SUFFIX_TAIL) {
    const m = SUFFIX.exec(s);
    return m ? m[0].length : 0;
  }
  const tail = s.slice(s.length - SUFFIX_TAIL);
  const m = SUFFIX.exec(tail);
  if (!m) return 0;
  if (m.index > 0) return m[0].length;
  const full = SUFFIX.exec(s);
  return full ? full[0].length : 0;
}

function findPrefix(s: string): number {
  const m = PREFIX.exec(s);
  return m ? m[0].length : 0;
}

/** Digits alone: no prefix, suffix or infix rule matches them (units and signs need more than digits). */
function isAsciiDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function isAsciiLetters(s: string, end = s.length): boolean {
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

const INFIX_START = new Uint8Array(128);
for (const ch of '.,+-*^~:<>=/') INFIX_START[ch.charCodeAt(0)] = 1;
// Every URL the rule accepts has a dot; the cap keeps its backtracking linear on huge tokens.
const MAX_URL = 10_000;
const maybeUrl = (s: string) => s.length <= MAX_URL && s.includes('.') && URL_MATCH.test(s);

function attach(out: string[], s: string, withSpecials: boolean): void {
  const special = withSpecials && s.length <= MAX_SPECIAL ? SPECIALS.get(s) : undefined;
  if (special) {
    for (const t of special) out.push(t);
    return;
  }
  if (maybeUrl(s)) {
    out.push(s);
    return;
  }
  // Infixes start only at ASCII punctuation or non-ASCII characters, so the
  // sticky regex runs at those positions alone (and never via matchAll, which
  // copies the regex: recompiling 15 KB of pattern per token was 70 % of the time).
  let start = 0;
  let any = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 && !INFIX_START[c]) continue;
    INFIX.lastIndex = i;
    const m = INFIX.exec(s);
    if (!m) continue;
    any = true;
    const b = i + m[0].length;
    if (i === 0 || b === i) {
      if (b > i) i = b - 1;
      continue; // an infix at the very start splits nothing off
    }
    if (i !== start) out.push(s.slice(start, i));
    out.push(s.slice(i, b));
    start = b;
    i = b - 1;
  }
  if (!any) out.push(s);
  else if (start < s.length) out.push(s.slice(start));
}

/**
 * Whether the rules split `chunk` into its letters and its last character alone: ASCII letters,
 * then , ; : ! ? (suffixes wherever they stand) or a period after a lower-case letter (spaCy's
 * period suffix wants a lower-case letter, a digit or two capitals before it; two capitals are
 * left to the rules). No prefix or infix can occur in such a chunk.
 */
function isWordThenPunct(chunk: string): boolean {
  const last = chunk.length - 1;
  if (last < 1) return false;
  const p = chunk.charCodeAt(last);
  if (p === 0x2e) {
    const before = chunk.charCodeAt(last - 1);
    if (before < 0x61 || before > 0x7a) return false;
  } else if (!(p === 0x2c || p === 0x3b || p === 0x3a || p === 0x21 || p === 0x3f)) return false;
  return isAsciiLetters(chunk, last);
}

function pushSpecialOr(out: string[], s: string): void {
  const special = SPECIALS.get(s);
  if (special) for (const t of special) out.push(t);
  else out.push(s);
}

/** spaCy's _split_affixes + _attach_tokens for one whitespace-free chunk. */
function tokenizeChunk(chunk: string, out: string[], withSpecials = true): void {
  // The common cases without the affix regexes: a word or a number (dont: a special case), a word and its comma or period.
  if (withSpecials && (isAsciiLetters(chunk) || isAsciiDigits(chunk))) {
    pushSpecialOr(out, chunk);
    return;
  }
  if (withSpecials && isWordThenPunct(chunk)) {
    const special = SPECIALS.get(chunk); // etc., Mr.
    if (special) for (const t of special) out.push(t);
    else {
      pushSpecialOr(out, chunk.slice(0, -1));
      out.push(chunk.slice(-1));
    }
    return;
  }
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  let s = chunk;
  let lastSize = -1;
  let noSuffix = false;
  while (s && s.length !== lastSize) {
    if (withSpecials && isSpecial(s)) break;
    lastSize = s.length;
    const pre = findPrefix(s);
    let minusPre = '';
    if (pre) {
      minusPre = s.slice(pre);
      if (minusPre && withSpecials && isSpecial(minusPre)) {
        prefixes.push(s.slice(0, pre));
        s = minusPre;
        break;
      }
    }
    // Only a prefix came off last time and the string is still longer than the
    // suffix window: the window is unchanged, so there is still no suffix.
    const suf: number = noSuffix && s.length - pre > SUFFIX_TAIL ? 0 : findSuffix(pre ? s.slice(pre) : s);
    noSuffix = suf === 0;
    let minusSuf = '';
    if (suf) {
      minusSuf = s.slice(0, s.length - suf);
      if (minusSuf && withSpecials && isSpecial(minusSuf)) {
        suffixes.push(s.slice(s.length - suf));
        s = minusSuf;
        break;
      }
    }
    if (pre && suf && pre + suf <= s.length) {
      prefixes.push(s.slice(0, pre));
      suffixes.push(s.slice(s.length - suf));
      s = s.slice(pre, s.length - suf);
    } else if (pre) {
      prefixes.push(s.slice(0, pre));
      s = minusPre;
    } else if (suf) {
      suffixes.push(s.slice(s.length - suf));
      s = minusSuf;
    }
  }
  for (const p of prefixes) out.push(p);
  if (s) attach(out, s, withSpecials);
  for (let i = suffixes.length - 1; i >= 0; i--) out.push(suffixes[i]);
}

/** Special cases the affix rules would split, keyed by their first affix token. */
const SPLIT_SPECIALS = new Map<string, Array<{ parts: string[]; tokens: string[] }>>();
for (const [key, tokens] of SPECIALS) {
  if (key.includes(' ')) continue; // matched within one chunk only
  const parts: string[] = [];
  tokenizeChunk(key, parts, false);
  if (parts.length < 2) continue;
  const list = SPLIT_SPECIALS.get(parts[0]) ?? [];
  list.push({ parts, tokens });
  SPLIT_SPECIALS.set(parts[0], list);
}

/** spaCy's _apply_special_cases on one chunk's tokens: longest matches win, then later ones. */
function rejoinSpecials(toks: string[]): string[] {
  const matches: Array<{ start: number; end: number; tokens: string[] }> = [];
  for (let i = 0; i < toks.length; i++) {
    const list = SPLIT_SPECIALS.get(toks[i]);
    if (!list) continue;
    for (const { parts, tokens } of list) {
      if (i + parts.length > toks.length) continue;
      let ok = true;
      for (let k = 1; k < parts.length && ok; k++) ok = toks[i + k] === parts[k];
      if (ok) matches.push({ start: i, end: i + parts.length, tokens });
    }
  }
  if (matches.length === 0) return toks;
  matches.sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
  const seen = new Set<number>();
  const kept: typeof matches = [];
  for (let m = matches.length - 1; m >= 0; m--) {
    const { start, end } = matches[m];
    if (!seen.has(start) && !seen.has(end - 1)) kept.push(matches[m]);
    for (let k = start; k < end; k++) seen.add(k);
  }
  kept.sort((a, b) => a.start - b.start);
  const out: string[] = [];
  let i = 0;
  for (const m of kept) {
    while (i < m.start) out.push(toks[i++]);
    for (const t of m.tokens) out.push(t);
    i = m.end;
  }
  while (i < toks.length) out.push(toks[i++]);
  return out;
}

const cache = new ChunkCache();
onVocabularyReset(() => cache.clear());

function chunkIds(chunk: string): Int32Array {
  const toks: string[] = [];
  tokenizeChunk(chunk, toks);
  const joined = toks.length > 1 ? rejoinSpecials(toks) : toks;
  const ids = new Int32Array(joined.length);
  for (let k = 0; k < joined.length; k++) ids[k] = intern(joined[k]);
  return ids;
}

/**
 * Calls `visit` with the word ids of each whitespace-free chunk of `text`
 * (`ids[from, from + count)`, to be read before the next call) and its offsets,
 * in order, and `space` (when given) with each whitespace run.
 */
type ChunkVisitor = (ids: Int32Array, from: number, count: number, start: number, end: number) => void;
function forEachChunk(text: string, visit: ChunkVisitor, space?: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const wsStart = i;
    while (i < n && isPySpace(text.charCodeAt(i))) i++;
    if (i > wsStart && space) space(wsStart, i);
    const start = i;
    // Hashed while scanning, so a cache hit allocates nothing: no substring, no id array.
    let h = 0x811c9dc5;
    for (let c = text.charCodeAt(i); i < n && !isPySpace(c); c = text.charCodeAt(++i)) h = Math.imul(h ^ c, 16777619);
    const len = i - start;
    if (len === 0) continue;
    if (len > MAX_CHUNK) {
      const ids = chunkIds(text.slice(start, i));
      visit(ids, 0, ids.length, start, i);
      continue;
    }
    let slot = cache.find(text, start, len, h);
    if (slot < 0) slot = cache.add(text, start, len, h, chunkIds(text.slice(start, i)));
    visit(cache.ids, cache.idsFrom(slot), cache.idsCount(slot), start, i);
  }
}

/** A document's tokens, and where each whitespace-free chunk of it lies (for counting sentences in a part of it). */
export interface Tokens {
  /** DataTrove's word_tokenize (spaCy tokens, stripped, empty ones dropped) as word ids (see ./vocab). */
  ids: Int32Array;
  /** Per chunk: its first and past-the-end UTF-16 offsets, and the index of its first token in `ids`. */
  chunkStart: Int32Array;
  chunkEnd: Int32Array;
  chunkToken: Int32Array;
}

/** A copy of `buffer` with room for at least `size` values (twice its length, or more). */
function grown(buffer: Int32Array, size: number): Int32Array {
  const bigger = new Int32Array(Math.max(size, buffer.length * 2));
  bigger.set(buffer);
  return bigger;
}
let idBuffer: Int32Array = new Int32Array(1 << 14);
let startBuffer: Int32Array = new Int32Array(1 << 12);
let endBuffer: Int32Array = new Int32Array(1 << 12);
let tokenBuffer: Int32Array = new Int32Array(1 << 12);

/** Tokenizes a document. Starts a document: ids of earlier documents may be invalidated. */
export function tokenize(text: string): Tokens {
  startDocument();
  let n = 0;
  let chunks = 0;
  forEachChunk(text, (ids, from, count, start, end) => {
    // The three chunk buffers always have one length: one capacity check serves them.
    if (chunks === startBuffer.length) {
      startBuffer = grown(startBuffer, chunks + 1);
      endBuffer = grown(endBuffer, chunks + 1);
      tokenBuffer = grown(tokenBuffer, chunks + 1);
    }
    startBuffer[chunks] = start;
    endBuffer[chunks] = end;
    tokenBuffer[chunks++] = n;
    if (n + count > idBuffer.length) idBuffer = grown(idBuffer, n + count);
    for (let k = from; k < from + count; k++) idBuffer[n++] = ids[k];
  });
  return {
    ids: idBuffer.slice(0, n),
    chunkStart: startBuffer.slice(0, chunks),
    chunkEnd: endBuffer.slice(0, chunks),
    chunkToken: tokenBuffer.slice(0, chunks),
  };
}

/** The word ids of a document (see tokenize). */
export function tokenIds(text: string): Int32Array {
  return tokenize(text).ids;
}

/**
 * Tokens as spaCy makes them. With `keepSpace`, the whitespace tokens spaCy
 * keeps (every whitespace run except one leading ' ' between words) are
 * included, as its sentencizer sees them; without, the result equals
 * DataTrove's word_tokenize (tokens stripped, empty ones dropped).
 */
export function spacyTokens(text: string, keepSpace = false): string[] {
  const out: string[] = [];
  const space = keepSpace
    ? (start: number, end: number) => {
        const from = spaceTokenStart(text, start);
        if (end > from) out.push(text.slice(from, end));
      }
    : undefined;
  forEachChunk(
    text,
    (ids, from, count) => {
      for (let k = from; k < from + count; k++) out.push(wordOf(ids[k]));
    },
    space,
  );
  return out;
}

const PUNCT_ONLY = /^\p{P}+$/u;
const OTHER_TOKEN = 0;
const SENTENCE_END = 1;
const PUNCTUATION = 2;
const sentenceClass = wordProperty((t) => (SENTENCE_PUNCT.has(t) ? SENTENCE_END : PUNCT_ONLY.test(t) ? PUNCTUATION : OTHER_TOKEN));

/**
 * spaCy's sentencizer: a sentence starts at the first token that is not
 * punctuation after a sentence-final mark. Counts the sentences that hold
 * more than whitespace (DataTrove strips and drops empty ones). The
 * whitespace tokens spaCy keeps (see spacyTokens) are not punctuation, so they
 * can start a sentence, but they never make one non-empty.
 */
class SentenceCounter {
  private count = 0;
  private current = false; // the open sentence has a non-space token
  private seenPeriod = false;
  token(id: number): void {
    const cls = sentenceClass(id);
    if (this.seenPeriod && cls === OTHER_TOKEN) {
      if (this.current) this.count++;
      this.seenPeriod = false;
    } else if (cls === SENTENCE_END) this.seenPeriod = true;
    this.current = true;
  }
  space(): void {
    if (!this.seenPeriod) return;
    if (this.current) this.count++;
    this.current = false;
    this.seenPeriod = false;
  }
  total(): number {
    return this.current ? this.count + 1 : this.count;
  }
}

/** Where spaCy's whitespace token for the run starting at `start` begins: one ' ' after a word belongs to the word. */
const spaceTokenStart = (text: string, start: number) => (start > 0 && text.charCodeAt(start) === 0x20 ? start + 1 : start);
/** Whether spaCy keeps a whitespace token for the run [start, end). */
const keepsSpace = (text: string, start: number, end: number) => end > spaceTokenStart(text, start);

export function spacySentenceCount(text: string): number {
  const counter = new SentenceCounter();
  forEachChunk(
    text,
    (ids, from, count) => {
      for (let k = from; k < from + count; k++) counter.token(ids[k]);
    },
    (start, end) => {
      if (keepsSpace(text, start, end)) counter.space();
    },
  );
  return counter.total();
}

/**
 * spacySentenceCount(text.slice(start, end)) from a document's tokens, without
 * tokenizing again; [start, end) must begin and end at chunk boundaries (a
 * stripped line does).
 */
export function sentenceCountIn(tokens: Tokens, text: string, start: number, end: number): number {
  const { ids, chunkStart, chunkEnd, chunkToken } = tokens;
  const lo = lowerBound(chunkStart, start); // the first chunk at or after `start`
  const counter = new SentenceCounter();
  for (let c = lo; c < chunkStart.length && chunkEnd[c] <= end; c++) {
    // The slice starts at its first chunk: no whitespace token before it.
    if (c > lo && keepsSpace(text, chunkEnd[c - 1], chunkStart[c])) counter.space();
    const last = c + 1 < chunkToken.length ? chunkToken[c + 1] : ids.length;
    for (let k = chunkToken[c]; k < last; k++) counter.token(ids[k]);
  }
  return counter.total();
}
