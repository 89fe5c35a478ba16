import englishWords from '../generated/english-lexicon.json' with { type: 'json' };
import type { LanguageGuess } from '../language';
import { isEnglishText } from './non-english';
import type { Tokens } from '../tokenizer/spacy-en';
import { onVocabularyReset, VOCABULARY_LIMIT, wordOf, wordProperty } from '../tokenizer/vocab';
import { ocrLexicon, type EnglishLexicon } from '../lexicon';
import { type Span, type TaggerResult, THRESHOLDS, MAX_SPANS, countNewlines, clamp01, LETTER, collect } from './common';

// Garbled tokens: letters mixed with digits or stray symbols inside a word,
// a capital after lower-case letters, fragments split off words, the classic
// confusions of frequent words, lower-case words that are not English but one
// misreading away from a common English word (bouse, passod), and words
// hyphenated across line breaks.
const lexicon = ocrLexicon(englishWords as EnglishLexicon);
/** Shorter unknown words are mostly abbreviations and file types (src, gif, msn). */
const MISREAD_MIN_LENGTH = 4;
/** Substitutions and joins are looser evidence than the classic misreadings: longer words only. */
const LOOSE_MIN_LENGTH = 5;
/** An unknown word used more than this is a name or jargon (a URL part, a program), not a misread: it counts not at all. */
const LOOSE_MAX_REPEATS = 3;
const OCR_CONFUSED = new Set([
  'tbe', 'tlie', 'tiie', 'thc', 'aud', 'ancl', 'arid', 'wbich', 'wliich', 'whicli', 'tbat', 'tliat', 'thnt', 'witb', 'witli',
  'bave', 'liave', 'bim', 'liim', 'wben', 'wlien', 'tben', 'tlien', 'otber', 'otlier', 'sucb', 'sucli', 'mucb', 'mucli',
  'wbo', 'wlio', 'tbis', 'tliis', 'tbey', 'tliey', 'bis', 'hiin', 'tho', 'aro', 'wero', 'liis', 'sliall', 'tbeir', 'tlieir',
  'bccn', 'becn', 'hcr', 'frorn', 'rnay', 'rnore', 'sorne', 'tirne', 'tiine', 'wonld', 'conld', 'shonld', 'tbere', 'tliere',
  'bo', 'iu', 'lias', 'liad', 'woro', 'tlio', 'wliat', 'wliole', 'tbem', 'tliem', 'tbose', 'tliose', 'wliere', 'tbcre',
]);
const ORDINAL_OR_UNIT = /^\d+(?:st|nd|rd|th|s|am|pm|k|m|km|kg|mm|cm|ml|mb|gb|kb|px|x|d|g|h|p)$/i;
const DIGIT = /\d/;
const OCR_SYMBOL = /[|¬■^~«»¦°\\]/;

function isLowerAscii(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

const NOT_A_WORD = 0;
const CLEAN = 1;
const NOISY = 2;
const FRAGMENT = 3;
/** One interior letter off a common word: typos look the same, so it counts half. */
const SUBSTITUTED = 4;
/** Noisy as English only (a misreading of an English word): in other languages, a word like any other. */
const MISREAD = 5;
/** One of the classic confusions of a frequent word (tbe, tlie): noisy however often it recurs. */
const CONFUSED = 6;
/**
 * Words split in two, run together, or one interior letter off a common word weigh more than a
 * word's shape or a classic misreading: mail's jargon has the shape (eth0, OpenGL) and collides
 * with misreadings (inode → mode, sparc → spare), while prose broken this way is OCR's. Chosen on
 * real newspaper OCR against the demo's clean mail (bench/RESULTS.md).
 */
const LEXICAL_WEIGHT = 1.6;
/** Shares are taken of at least this many words: one misspelt word in a note of a few words is not OCR. */
const MIN_SHARE_WORDS = 12;
/** JOINED + n: n words run together; each counts as a noisy word. */
const JOINED = 10;

/**
 * How the OCR tagger counts a word: not at all (no letter), clean, noisy by its shape,
 * a one-letter fragment, or (checked against English words) misread, substituted or joined.
 */
function ocrClass(w: string): number {
  if (isLowerAscii(w)) {
    // The common case, plain lower-case words: the confusion list, misreadings, joins, substitutions.
    if (OCR_CONFUSED.has(w)) return CONFUSED;
    // An English word is none of the below (each look-up would check that again first).
    if (!lexicon.isEnglish(w)) {
      if (w.includes('f') && lexicon.longSOf(w) !== undefined) return MISREAD;
      if (w.length >= MISREAD_MIN_LENGTH && lexicon.misreadingOf(w) !== undefined) return MISREAD;
      if (w.length >= LOOSE_MIN_LENGTH) {
        // A misspelling first: compatability is not comp|at|ability run together.
        if (lexicon.substitutionOf(w) !== undefined) return SUBSTITUTED;
        const pieces = lexicon.runTogether(w);
        if (pieces) return JOINED + pieces.length;
      }
    }
    return w.length === 1 && w !== 'a' ? FRAGMENT : CLEAN;
  }
  if (!LETTER.test(w)) return NOT_A_WORD;
  const lower = w.toLowerCase();
  if (OCR_CONFUSED.has(lower)) return CONFUSED;
  let isNoisy = false;
  if (DIGIT.test(w) && !ORDINAL_OR_UNIT.test(w) && /^[\p{L}\d]+$/u.test(w) && /\p{L}\d|\d\p{L}/u.test(w) && w.length <= 12) {
    // l1ke, 0f, tbe5: a digit inside a short word (not an ordinal, a unit, or a long id)
    isNoisy = /^\p{L}+\d\p{L}*$|^\p{L}*\d\p{L}+$/u.test(w);
  } else if (OCR_SYMBOL.test(w) && w.length > 1) isNoisy = true;
  else if (/\p{Ll}\p{Lu}/u.test(w) && w.length <= 6 && !/^(?:Mc|Mac|O'|iP|eB|iT)/.test(w)) isNoisy = true;
  if (isNoisy) return NOISY;
  // A capitalised word one interior letter from a common word (Srpreme → supreme).
  if (w.length >= LOOSE_MIN_LENGTH && letterCase(w) === 2 && lexicon.substitutionOf(lower) !== undefined) return SUBSTITUTED;
  return w.length === 1 && !/[aAI]/.test(w) && /\p{Ll}/u.test(w) ? FRAGMENT : CLEAN;
}
const wordOcrClass = wordProperty(ocrClass);

/**
 * letter, '-', up to three blanks (a carriage return, trailing spaces), line break, lower-case
 * letter: a word hyphenated across lines. Counts the non-overlapping matches of HYPHEN_BREAK.
 */
export function hyphenBreaks(text: string): number {
  let n = 0;
  let lastEnd = 0;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) {
    let h = p - 1;
    while (h >= 0 && p - 1 - h < 3 && isLineBlank(text.charCodeAt(h))) h--;
    if (h < 1 || text.charCodeAt(h) !== 0x2d) continue;
    const before = text.charCodeAt(h - 1);
    const pair = before >= 0xdc00 && before <= 0xdfff && h >= 2 && (text.charCodeAt(h - 2) & 0xfc00) === 0xd800;
    const start = pair ? h - 2 : h - 1;
    if (start < lastEnd || !LETTER.test(String.fromCodePoint(text.codePointAt(start)!))) continue;
    const after = text.codePointAt(p + 1);
    if (after === undefined || !LOWER.test(String.fromCodePoint(after))) continue;
    n++;
    lastEnd = p + 1 + (after > 0xffff ? 2 : 1);
  }
  return n;
}
/** What hyphenBreaks counts, as a regex (for highlighting). */
export const HYPHEN_BREAK = /\p{L}-[ \t\r]{0,3}\n\p{Ll}/gu;
function isLineBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d;
}
const LOWER = /\p{Ll}/u;

/** 1: lower-case ASCII letters; 2: the same after one capital (Presi, Wis); 0: anything else. */
function letterCase(w: string): number {
  if (isLowerAscii(w)) return 1;
  const first = w.charCodeAt(0);
  return w.length > 1 && first >= 0x41 && first <= 0x5a && isLowerAscii(w.slice(1)) ? 2 : 0;
}
const wordCase = wordProperty(letterCase);
const wordLowerAscii = (id: number) => wordCase(id) === 1;
/**
 * The two-letter English words. Subtitles make many pieces of words common (al, et, re, em, ob,
 * ly), so a two-letter piece outside this list is a fragment however often SUBTLEX saw it.
 */
const TWO_LETTER_WORDS = new Set(
  'am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ah ha ma pa ox ye lo ex ad'.split(' '),
);
/**
 * Word endings that subtitles make common words (ing, tion, ment) but that clean text never sets
 * apart in lower case: visit ing, na tion. (Not er, less, able: I think er the; couldn't care less.
 * Two-letter endings such as ed and ly are pieces already: they are not two-letter words.)
 */
const ENDING_PIECES = new Set('ing ings tion tions sion sions ment ments ness ity ities ous ive ence ance ible ism'.split(' '));
/** Letters only, and lower-cased not a common English word (a piece of one, or no word). */
const wordUncommon = wordProperty((w) => {
  if (!letterCase(w)) return 0;
  const lower = w.toLowerCase();
  return !lexicon.isCommon(lower) || (lower.length === 2 && !TWO_LETTER_WORDS.has(lower)) || ENDING_PIECES.has(w) ? 1 : 0;
});
/** Name particles and Latin/French words that begin phrases, not words: de facto, et cetera, van der. */
const wordParticle = wordProperty((w) => (PARTICLES.has(w.toLowerCase()) ? 1 : 0));
const PARTICLES = new Set('de del della di da du la le van von der et vis el al bin ibn'.split(' '));
/** Whether two pieces make a word: a common one, or a longer known one (sec retary). Not by a prefix: in conformity. */
function joinsToWord(join: string): boolean {
  return lexicon.isCommon(join) || (join.length >= 7 && lexicon.isKnown(join));
}

/**
 * Two tokens that make a common word together while one of them is not one (gov ernment,
 * bet ween, Presi dent): a word split by OCR. Pairs of words (in to, some one) are not.
 * The first may be capitalised (a sentence or a name starts with it); the second is lower-case.
 */
function isSplitWord(a: number, b: number): boolean {
  if (!wordCase(a) || !wordLowerAscii(b) || !(wordUncommon(a) || wordUncommon(b)) || wordParticle(a)) return false;
  // A pair that passed the checks above recurs (names, jargon): its answer is kept, keyed by both ids.
  if (a >= VOCABULARY_LIMIT || b >= VOCABULARY_LIMIT) return joinsAsSplitWord(a, b);
  const key = a * VOCABULARY_LIMIT + b;
  let split = splitPairs.get(key);
  if (split === undefined) {
    if (splitPairs.size >= SPLIT_PAIRS_LIMIT) splitPairs.clear();
    splitPairs.set(key, (split = joinsAsSplitWord(a, b)));
  }
  return split;
}
const SPLIT_PAIRS_LIMIT = 1 << 20;
const splitPairs = new Map<number, boolean>();
onVocabularyReset(() => splitPairs.clear());

function joinsAsSplitWord(a: number, b: number): boolean {
  const first = wordOf(a).toLowerCase();
  const second = wordOf(b);
  // Not a refrain (na na, da da) nor a word before the article (mi a try).
  if (first === second || second === 'a') return false;
  const join = first + second;
  if (joinsToWord(join)) return true;
  // One letter misread too (ap pointcd, Alii ance): longer joins of two pieces that are no words
  // (is divisible is one letter from indivisible).
  return join.length >= 7 && wordUncommon(a) === 1 && wordUncommon(b) === 1 && lexicon.substitutionOf(join) !== undefined;
}

/**
 * Words hyphenated at a line's end whose line break became a blank (un- able, Sen- ate, with- out):
 * letters, '-', blanks, lower-case letters, that together make a word. A suspended hyphen
 * (pre- and post-war, two- or three-day) makes none. Returns their spans.
 */
function hyphenBlankSplits(text: string): Span[] {
  const found: Span[] = [];
  for (let p = text.indexOf('- '); p >= 0; p = text.indexOf('- ', p + 2)) {
    let start = p;
    while (start > 0 && isAsciiLetter(text.charCodeAt(start - 1))) start--;
    if (start === p || p - start > 24) continue;
    let q = p + 1;
    while (q < text.length && text.charCodeAt(q) === 0x20 && q - p <= 3) q++;
    let end = q;
    while (end < text.length && isAsciiLower(text.charCodeAt(end))) end++;
    if (end === q || end - q > 24 || (end < text.length && isAsciiLetter(text.charCodeAt(end)))) continue;
    if (joinsToWord(text.slice(start, p).toLowerCase() + text.slice(q, end))) found.push({ start, end, tag: 'ocr_noise' });
  }
  return found;
}
const isAsciiLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isAsciiLetter = (c: number) => isAsciiLower(c) || (c >= 0x41 && c <= 0x5a);

/** In, It, Is, If: the two-letter words whose l/i OCR reads as a capital I (put fruit In the box). */
const wordCapitalI = wordProperty((w) => (w.length === 2 && w[0] === 'I' && 'ntsf'.includes(w[1]) ? 1 : 0));

/** Whether token `t` starts a chunk that follows a line break (chunk: a whitespace-free run, see Tokens). */
function startsLine(text: string, tokens: Tokens, t: number, chunk: { at: number }): boolean {
  const c = chunkStartedBy(tokens, t, chunk);
  if (c <= 0) return false;
  for (let p = tokens.chunkEnd[c - 1]; p < tokens.chunkStart[c]; p++) if (text.charCodeAt(p) === 10) return true;
  return false;
}

/** Whether token `t` is followed by a hyphen (re-install, co-op): a prefix, not half of a split word. */
function prefixesHyphen(wordIds: ArrayLike<number>, t: number): boolean {
  return t + 1 < wordIds.length && wordOf(wordIds[t + 1]) === '-';
}

const wordIsJoiner = wordProperty((w) => (w === '-' || w === '/' ? 1 : 0));
/** Whether token `t` is a letter joined to its neighbour by a hyphen or slash (l-k, A/B): part of a name, not a fragment. */
function joinedLetter(wordIds: ArrayLike<number>, t: number): boolean {
  return (t > 0 && wordIsJoiner(wordIds[t - 1]) === 1) || (t + 1 < wordIds.length && wordIsJoiner(wordIds[t + 1]) === 1);
}

/**
 * The chunk that token `t` starts, or -1 when `t` goes on from the token before it without a
 * blank (gon|na, do|nt: spaCy splits gonna and dont). `chunk` only walks forward.
 */
function chunkStartedBy(tokens: Tokens, t: number, chunk: { at: number }): number {
  const { chunkToken } = tokens;
  while (chunk.at + 1 < chunkToken.length && chunkToken[chunk.at + 1] <= t) chunk.at++;
  return chunkToken[chunk.at] === t ? chunk.at : -1;
}

/** Counts one more occurrence of a word id (the map made on first use). */
function tally(seen: Map<number, number> | undefined, id: number): Map<number, number> {
  const map = seen ?? new Map<number, number>();
  map.set(id, (map.get(id) ?? 0) + 1);
  return map;
}

/**
 * `language`: the document's language guess; text in another language is not checked
 * against the English word list (its words are not misread English).
 */
export function ocrNoise(text: string, tokens: Tokens, language: LanguageGuess | null = null): TaggerResult {
  const english = isEnglishText(language);
  const wordIds = tokens.ids;
  let alphaWords = 0;
  // Words split across a line break without a hyphen: a column's edge, like hyphenBreaks.
  let lineSplits = 0;
  const chunk = { at: 0 };
  let noisy = 0;
  let fragments = 0;
  /** Words split in two (gov ernment, un- able). */
  let splits = 0;
  /** Word ids to highlight if the document is tagged. */
  const bad = new Set<number>();
  /** Substituted and run-together words, and how often each occurs. */
  let looseSeen: Map<number, number> | undefined;
  /** Words noisy by their shape or misread, and how often each occurs. */
  let noisySeen: Map<number, number> | undefined;
  for (let i = 0; i < wordIds.length; i++) {
    const id = wordIds[i];
    const cls = wordOcrClass(id);
    if (cls === NOT_A_WORD) continue;
    alphaWords++;
    // Checked against English words: another language's words are not misread English.
    const looseClass = cls === SUBSTITUTED || cls > JOINED;
    if ((cls === CONFUSED || cls === MISREAD || looseClass) && !english) continue;
    if (cls === CONFUSED) {
      noisy++;
      bad.add(id);
    } else if (cls === NOISY || cls === MISREAD) {
      noisySeen = tally(noisySeen, id);
    } else if (english && i + 1 < wordIds.length && isSplitWord(id, wordIds[i + 1]) && chunkStartedBy(tokens, i + 1, chunk) >= 0 && !prefixesHyphen(wordIds, i + 1)) {
      // Both halves are garbled tokens (counted below with the other splits): step over the second.
      alphaWords++;
      bad.add(id).add(wordIds[i + 1]);
      splits++;
      if (startsLine(text, tokens, i + 1, chunk)) lineSplits++;
      i++;
    } else if (looseClass) {
      looseSeen = tally(looseSeen, id);
    } else if (cls === FRAGMENT) {
      if (!joinedLetter(wordIds, i)) {
        fragments++;
        bad.add(id);
      }
    }
    else if (english && wordCapitalI(id) && i > 0 && i + 1 < wordIds.length && wordLowerAscii(wordIds[i - 1]) && wordLowerAscii(wordIds[i + 1])) {
      // Title case capitalises the next word too; a sentence start follows punctuation.
      // Not highlighted: a whole-word match would also mark the sentence starts.
      noisy++;
    }
  }
  // A garbled word that recurs is a name or jargon (DejaVu, perl); OCR garbles a word differently
  // each time, except for the classic confusions of frequent words, counted above.
  const addUnlessRecurring = (seen: Map<number, number> | undefined, weight: (id: number, times: number) => number) => {
    if (!seen) return;
    for (const [id, times] of seen) {
      if (times > LOOSE_MAX_REPEATS) continue;
      noisy += weight(id, times);
      bad.add(id);
    }
  };
  addUnlessRecurring(noisySeen, (_, times) => times);
  addUnlessRecurring(looseSeen, (id, times) => {
    const cls = wordOcrClass(id);
    return LEXICAL_WEIGHT * times * (cls === SUBSTITUTED ? 0.5 : cls - JOINED);
  });
  // Words hyphenated before a blank are split words too.
  const blankSplits = english ? hyphenBlankSplits(text) : [];
  splits += blankSplits.length;
  // Both halves of a split word are garbled tokens. A word broken in two is the surest sign of OCR
  // in prose: two or more make each count double. (Of the demo's 18,891 clean documents and 9,477
  // State of the Union chunks, 5 have two or more making 1.5 % of their words; in real newspaper
  // OCR they make 1–3 %.)
  noisy += LEXICAL_WEIGHT * splits * (splits >= 2 ? 4 : 2);
  const lines = Math.max(1, countNewlines(text));
  const share = alphaWords ? (noisy + 0.5 * fragments) / Math.max(alphaWords, MIN_SHARE_WORDS) : 0;
  const breaks = hyphenBreaks(text) + lineSplits;
  // Hard-wrapped print hyphenates one line in ten or more; one of the demo's 18,891 clean documents reaches one in twenty.
  const signal = clamp01(share + 0.6 * Math.min(breaks / lines, 0.2));
  const spans: Span[] = [];
  // Spans show why a document is tagged: an untagged one needs none (and the regex is costly).
  if (signal < THRESHOLDS.ocr_noise) return { signal, spans };
  if (bad.size) {
    // Highlight the noisy words where they occur (whole-word matches only).
    const escaped = [...bad].slice(0, 50).map((id) => wordOf(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    collect(new RegExp(`(?<![\\p{L}\\d])(?:${escaped.join('|')})(?![\\p{L}\\d])`, 'gu'), text, 'ocr_noise', spans);
  }
  if (breaks) collect(HYPHEN_BREAK, text, 'ocr_noise', spans);
  for (const split of blankSplits) if (spans.length < MAX_SPANS) spans.push(split);
  return { signal, spans };
}
