/**
 * Junk taggers: for each low-quality class a per-document signal, a tag when
 * the signal reaches its threshold, and the character spans (UTF-16 offsets
 * into the text, never splitting a surrogate pair) that caused it. Every
 * scan is a single linear pass or a regex without nested quantifiers, so a
 * 10 MB line or a megabyte of one character stays linear.
 */
import spamWeights from './generated/spam-model.json' with { type: 'json' };
import englishWords from './generated/english-lexicon.json' with { type: 'json' };
import { duplicateNgramChars } from './rules/datatrove';
import type { LanguageGuess } from './language';
import { onVocabularyReset, VOCABULARY_LIMIT, wordHasLetter, wordOf, wordProperty } from './tokenizer/vocab';
import { SPAM_LOG_ODDS_THRESHOLD, spamLogOdds, spamWindow, WordWatch, type SpamModel } from './spam-model';
import { ocrLexicon, type EnglishLexicon } from './lexicon';
import type { Tokens } from './tokenizer/spacy-en';

const spamModel = spamWeights as SpamModel;

import { TAGGERS, type Tagger } from './names';

export { TAGGERS, type Tagger };

export interface Span {
  start: number;
  end: number;
  tag: Tagger;
}


export interface TaggerResult {
  signal: number;
  spans: Span[];
}

/** Signal at or above which a document gets the tag. */
export const THRESHOLDS: Record<Tagger, number> = {
  encoding_error: 0.5,
  ocr_noise: 0.08,
  whitespace: 0.5,
  nonprinting: 0.5,
  number_table: 0.5,
  secret: 0.5,
  all_caps: 0.6,
  non_english: 0.5,
  repetition: 0.5,
  boilerplate: 0.5,
  markup: 0.5,
};

const MAX_SPANS = 200;
/** Calls `visit(start, end)` for each line from `from` to `to` (end excludes the \n); one indexOf per line. */
function forEachLine(text: string, visit: (start: number, end: number) => void, from = 0, to = text.length): void {
  let pos = from;
  while (pos < to) {
    let end = text.indexOf('\n', pos);
    if (end < 0 || end > to) end = to;
    visit(pos, end);
    pos = end + 1;
  }
}

/** Line breaks (\n) in a text: indexOf skips the stretches between them far faster than a loop over each character. */
export function countNewlines(text: string): number {
  let n = 0;
  for (let p = text.indexOf('\n'); p !== -1; p = text.indexOf('\n', p + 1)) n++;
  return n;
}
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const LETTER = /\p{L}/u;

function collect(re: RegExp, text: string, tag: Tagger, spans: Span[], limit = MAX_SPANS): number {
  re.lastIndex = 0;
  let n = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    n++;
    if (spans.length < limit) spans.push({ start: m.index, end: m.index + m[0].length, tag });
  }
  return n;
}

// ---------------------------------------------------------------- encoding_error
// UTF-8 read as Windows-1252 or Latin-1: a lead byte shown as Â-ô followed by
// the right number of continuation bytes shown as U+0080-U+00BF or their
// Windows-1252 glyphs (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
const CP1252_CONT = '\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178';
const CONT = `[\\u0080-\\u00bf${CP1252_CONT}]`;
// UTF-8 Cyrillic read as Windows-1251: every letter becomes Р or С (lead bytes D0, D1)
// and the Windows-1251 glyph of a continuation byte (РџСЂРёРІРµС‚). Two such pairs in a
// row never occur in Russian or Ukrainian text.
const CP1251_CONT =
  '\u0402\u0403\u201a\u0453\u201e\u2026\u2020\u2021\u20ac\u2030\u0409\u2039\u040a\u040c\u040b\u040f\u0452\u2018\u2019\u201c\u201d' +
  '\u2022\u2013\u2014\u0098\u2122\u0459\u203a\u045a\u045c\u045b\u045f\u00a0\u040e\u045e\u0408\u00a4\u0490\u00a6\u00a7\u0401\u00a9' +
  '\u0404\u00ab\u00ac\u00ad\u00ae\u0407\u00b0\u00b1\u0406\u0456\u0491\u00b5\u00b6\u00b7\u0451\u2116\u0454\u00bb\u0458\u0405\u0455\u0457';
// UTF-8 read as Mac Roman: E2 80 xx (quotes, dashes) shows as ‚Ä plus a glyph; C3 xx (é, ü…) as √ plus one.
const MAC_ROMAN = '\u201a\u00c4\\S|\u221a[\u00a9\u00ae\u2020\u00a7\u00b6\u2022\u00df\u2122\u00b4\u00a8\u00b1\u2264\u2265\u00b5\u2202\u2211\u220f\u03c0\u222b\u00aa\u00ba\u03a9\u00e6\u00f8\u00a2\u00a3\u00a5\u00b0\u00c4\u00c5\u00c7\u00c9\u00d1\u00d6\u00dc\u00e1\u00e0\u00e2\u00e4\u00e3\u00e5\u00e7\u00e9\u00e8\u00ea\u00eb\u00ed\u00ec\u00ee\u00ef\u00f1\u00f3\u00f2\u00f4\u00f6\u00f5\u00fa\u00f9\u00fb\u00fc\u2260\u221e]';
// Double-byte text (GBK, Big5, Shift_JIS, EUC-KR) read as Latin-1 or Windows-1252: runs
// of accented letters and symbols (ÖÐÎÄ²âÊÔ). A run counts from six characters, or
// from four when it holds a symbol (² ± ¿ × …): Sámi or Bora words have four letters
// in a row (õõžž, ííñú), never a symbol. Middle dot and macron make leaders and rules
// in clean text and are left out.
const LATIN1_RUN = /[\u00a1-\u00ae\u00b0-\u00b6\u00b8-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u201a]{4,}/g;
const LATIN1_SYMBOL = /[\u00a1-\u00bf\u00d7\u00f7\u0192\u02c6\u02dc\u201a]/;
// UTF-8 read as Windows-1250 (Czech, Slovak, Polish, Romanian pages): é shows as Ă© and š
// as Ĺˇ. Ş and ş are left out: Romanian capitals write ĂŞ (PĂŞUNE).
const CP1250_CONT =
  '\u20ac\u0081\u201a\u0083\u201e\u2026\u2020\u2021\u0088\u2030\u0160\u2039\u015a\u0164\u017d\u0179\u0090\u2018\u2019\u201c\u201d' +
  '\u2022\u2013\u2014\u0098\u2122\u0161\u203a\u015b\u0165\u017e\u017a\u02c7\u02d8\u0141\u00a4\u0104\u00a6\u00a7\u00a8\u00a9' +
  '\u00ab\u00ac\u00ad\u00ae\u017b\u00b0\u00b1\u02db\u0142\u00b4\u00b5\u00b6\u00b7\u00b8\u0105\u00bb\u013d\u02dd\u013e\u017c';
// UTF-8 Cyrillic read as code page 437 (DOS consoles): lead bytes D0, D1 show as ╨ ╤ and
// continuation bytes as the letters and box pieces of 80-BF (╨┐╤Ç╨░). Box drawings put
// ═ (CD) after ╤, never two such pairs in a row.
const CP437_CONT = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐';
const MOJIBAKE = new RegExp(
  `[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}|\\ufffd+|(?:[\u0420\u0421][${CP1251_CONT}]){2,}|` +
    `(?:[\u2568\u2564][${CP437_CONT}]){2,}|[\u0102\u0139][${CP1250_CONT}]|${MAC_ROMAN}|[\\u0080-\\u009f]`,
  'g',
);
const MOJIBAKE_ANY = new RegExp(MOJIBAKE.source);
// Punctuation that clean text puts after a word ending in a capital with an accent
// (JOSÉ’s, VOCÊ…, CAFÉ–BAR): see mojibakeWeight.
const AFTER_WORD = new Set([0x2018, 0x2019, 0x201c, 0x201d, 0x2013, 0x2014, 0x2026, 0x2022]);

// C1 controls at the code points Windows-1252 uses for punctuation (… ‘ ’ “ ” – — • € ™ „ ‹ ›).
const CP1252_C1_PUNCT = new Set([0x80, 0x82, 0x84, 0x85, 0x8b, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x99, 0x9b]);
const CONTROL_OR_FORMAT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;
/**
 * A C1 control standing where Windows-1252 text read as Latin-1 leaves one (don\u0092t,
 * \u0093word\u0094, wait\u0085 what): one of the punctuation code points, between ordinary
 * characters, and inside a word only as an apostrophe or a dash. Controls among other
 * controls, or in the middle of a word, are debris: the nonprinting tagger's business.
 */
function cp1252Punctuation(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  const before = text.charAt(index - 1);
  const after = text.charAt(index + 1);
  if (!CP1252_C1_PUNCT.has(code) || CONTROL_OR_FORMAT.test(before) || CONTROL_OR_FORMAT.test(after)) return false;
  return code === 0x92 || code === 0x96 || code === 0x97 || !(LETTER.test(before) && LETTER.test(after));
}

/**
 * Evidence of one matched sequence, in quarters of what tags a document: 4 for a
 * sequence clean text does not hold, 2 for one it rarely holds, 0 for the layouts of
 * clean text (punctuation after an accented capital, French no-break spaces).
 * A two-character sequence is strong inside a word (HÃ´tel, NicolÃ¡s, LiĂ¨ge) or
 * after Â (Â£, Â plus a no-break space: UTF-8's C2 prefix); three or more characters
 * (â€™, ï¿½) are strong unless a no-break space comes second (« voilà » typography) or
 * the two last are one character doubled; a lone C1 control (Windows-1252
 * punctuation read as Latin-1) and each run of U+FFFD are weak: mail keeps one of
 * those as a transport scar (encodingError weighs U+FFFD runs by how densely they come).
 */
function mojibakeWeight(text: string, match: string, index: number): number {
  const lead = match.charCodeAt(0);
  const second = match.charCodeAt(1);
  const inWord = () => {
    const next = text.codePointAt(index + match.length);
    return next !== undefined && LETTER.test(String.fromCodePoint(next));
  };
  if (lead === 0xfffd) return 2;
  if (lead <= 0x9f) return cp1252Punctuation(text, index) ? 2 : 0;
  if (lead >= 0xc2 && lead <= 0xdf) {
    if (lead === 0xc2) return 4;
    if (second === 0xa0) return lead === 0xc3 ? 2 : 0; // Finnish SELKÄ + no-break space
    // Quotes and dashes after an accented capital are punctuation (JOSÉ’s, VOCÊ…): the
    // characters they would stand for (ɒ, Ʌ) are IPA. Not so after Ã (AÃ‘OS is AÑOS) and
    // Å inside a word (cÅ“ur is cœur).
    if (lead !== 0xc3 && AFTER_WORD.has(second)) return lead === 0xc5 && inWord() ? 4 : 0;
    return inWord() ? 4 : 2;
  }
  if (lead >= 0xe0 && lead <= 0xf4) {
    if (second === 0xa0) return 0;
    // One character doubled: an accent used as a quote (lá´´) is weak; a doubled letter
    // is Sámi spelling (áššiid, guhkâžžân).
    if (match.length === 3 && second === match.charCodeAt(2)) return LETTER.test(match[1]) ? 0 : 2;
    return 4;
  }
  if (lead === 0x0420 || lead === 0x0421 || lead === 0x2568 || lead === 0x2564) return match.length >= 6 ? 4 : 2;
  if (lead === 0x201a) return 4; // Mac Roman ‚Ä
  // Mac Roman √ before a Latin letter (caf√©, wei√ü), not before a symbol (√π is mathematics).
  if (lead === 0x221a) return /[\u00c0-\u00ff]/.test(match[1]) ? 4 : 2;
  return !AFTER_WORD.has(second) && inWord() ? 4 : 2; // Windows-1250 Ă or Ĺ plus one
}

export function encodingError(text: string): TaggerResult {
  const spans: Span[] = [];
  let n = 0;
  let replacementRuns = 0;
  MOJIBAKE.lastIndex = 0;
  for (let m = MOJIBAKE.exec(text); m; m = MOJIBAKE.exec(text)) {
    const weight = mojibakeWeight(text, m[0], m.index);
    if (weight === 0) continue;
    if (m[0].charCodeAt(0) === 0xfffd) replacementRuns++;
    else n += weight;
    if (spans.length < MAX_SPANS) spans.push({ start: m.index, end: m.index + m[0].length, tag: 'encoding_error' });
  }
  LATIN1_RUN.lastIndex = 0;
  for (let m = LATIN1_RUN.exec(text); m; m = LATIN1_RUN.exec(text)) {
    const run = m[0];
    // A run holding a sequence found above is that sequence, already counted.
    if ((run.length < 6 && !LATIN1_SYMBOL.test(run)) || MOJIBAKE_ANY.test(run)) continue;
    n += 2;
    if (spans.length < MAX_SPANS) spans.push({ start: m.index, end: m.index + run.length, tag: 'encoding_error' });
  }
  if (replacementRuns) {
    // Two runs of U+FFFD tag a short text, or a long one that has them throughout (two per
    // 1,000 characters); a long mail with two or three is a transport scar: three needed.
    const dense = replacementRuns / Math.max(1, text.length / 1000) >= 2;
    n += dense ? 2 * replacementRuns : (4 * replacementRuns) / 3;
  }
  if (n > 0) spans.sort((a, b) => a.start - b.start);
  // Evidence 4 (signal 0.5) tags a document: one unmistakable sequence, or two weak ones.
  return { signal: clamp01(n / 8), spans };
}

// ---------------------------------------------------------------- ocr_noise
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

// ---------------------------------------------------------------- whitespace
// Runs of blanks (a tab counts as 4) and runs of line breaks (with any blanks
// between them). Aligned columns in mail and code stay under 40 blanks (80 when
// they indent a line or pad a box to its right edge), and mail leaves up to ten line breaks before a signature;
// floods go far past that, or come as many big runs.
const BIG_H = 40;
const BIG_V = 12;
/** Horizontal blanks other than the tab: space, no-break space, the U+2000 spaces, ideographic space. */
const isBlank = (c: number) => c === 32 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
/** What a run of whitespace is made of: blanks, tabs and line breaks. */
const isRunSpace = (c: number) => c === 9 || c === 10 || c === 13 || isBlank(c);

/** A box's right edge at `i` (| + * # │ ║ then the line's end): the blanks before it pad a box drawn in text. */
function padsBox(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (!(c === 0x7c || c === 0x2b || c === 0x2a || c === 0x23 || c === 0x2502 || c === 0x2551)) return false;
  const next = text.charCodeAt(i + 1);
  return i + 1 >= text.length || next === 10 || next === 13;
}

export function whitespace(text: string): TaggerResult {
  const spans: Span[] = [];
  let longestH = 0;
  let longestV = 0;
  let big = 0;
  let ws = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isRunSpace(c)) {
      i++;
      continue;
    }
    // A lone space between words (most runs): one blank, which changes nothing once a run of one was seen.
    if (c === 32 && longestH >= 1 && i + 1 < n && !isRunSpace(text.charCodeAt(i + 1))) {
      ws++;
      i += 2;
      continue;
    }
    const start = i;
    let h = 0;
    let runH = 0;
    let v = 0;
    for (; i < n; i++) {
      const d = text.charCodeAt(i);
      if (d === 10) {
        v++;
        if (runH > h) h = runH;
        runH = 0;
      } else if (d === 13) {
        if (runH > h) h = runH;
        runH = 0;
      } else if (d === 9) runH += 4;
      else if (isBlank(d)) runH++;
      else break;
    }
    // The blanks that indent the next line's text are layout (centred titles and
    // aligned columns in mail): they count half. Blanks inside a line or before a
    // line break are a flood at full weight.
    const indents = i < n && (v > 0 || start === 0);
    h = Math.max(h, indents || padsBox(text, i) ? runH / 2 : runH);
    ws += i - start;
    if (h > longestH) longestH = h;
    if (v > longestV) longestV = v;
    if (h >= BIG_H || v >= BIG_V) {
      big++;
      if (spans.length < MAX_SPANS) spans.push({ start, end: i, tag: 'whitespace' });
    }
  }
  const share = n ? ws / n : 0;
  const signal = clamp01(Math.max(longestH / 100, longestV / 24, (share - 0.3) / 0.2, big / 4));
  return { signal, spans };
}

// ---------------------------------------------------------------- nonprinting
// C0/C1 controls other than \t \n \r, format characters (zero-width, bidi
// controls, soft hyphen, a BOM after the start), private-use and noncharacters.
const NONPRINTING = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff]+/g;

export function nonprinting(text: string): TaggerResult {
  const spans: Span[] = [];
  NONPRINTING.lastIndex = 0;
  let n = 0;
  for (let m = NONPRINTING.exec(text); m; m = NONPRINTING.exec(text)) {
    if (m.index === 0 && m[0] === '\ufeff') continue; // a leading byte-order mark is harmless
    n += m[0].length;
    if (spans.length < MAX_SPANS) spans.push({ start: m.index, end: m.index + m[0].length, tag: 'nonprinting' });
  }
  // Two characters tag a document; a single stray zero-width space does not.
  return { signal: clamp01(n / 4), spans };
}

// ---------------------------------------------------------------- number_table
// Lines made of numbers, codes and separators: a table or a dump, not prose.
// Fields are split on runs of JavaScript's \s and , ; | (as split(/[\s,;|\t]+/) would, without
// building the strings); a field is numeric when it matches
// /^[-+$€£]?(?:v?\d[\d.,:/%-]*|0x[0-9a-f]+|[0-9a-f]{8,})$/i (v: a version, as in lists of releases).
const isJsSpace = (c: number) =>
  (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
const isFieldSeparator = (c: number) => c === 44 || c === 59 || c === 124 || isJsSpace(c);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
const isNumberPart = (c: number) => isDigit(c) || c === 46 || c === 44 || c === 58 || c === 47 || c === 37 || c === 45;

export function isNumericField(text: string, a: number, b: number): boolean {
  const sign = text.charCodeAt(a);
  if (sign === 45 || sign === 43 || sign === 36 || sign === 0x20ac || sign === 0xa3) a++;
  if (a >= b) return false;
  let all = true;
  const digitsFrom = (text.charCodeAt(a) | 0x20) === 0x76 ? a + 1 : a;
  if (digitsFrom < b && isDigit(text.charCodeAt(digitsFrom))) {
    for (let i = digitsFrom + 1; i < b && all; i++) all = isNumberPart(text.charCodeAt(i));
    if (all) return true;
  }
  if (text.charCodeAt(a) === 48 && (text.charCodeAt(a + 1) | 0x20) === 0x78 && b - a > 2) {
    all = true;
    for (let i = a + 2; i < b && all; i++) all = isHex(text.charCodeAt(i));
    if (all) return true;
  }
  if (b - a < 8) return false;
  for (let i = a; i < b; i++) if (!isHex(text.charCodeAt(i))) return false;
  return true;
}

/** A numeric field this long is a checksum, a key id or a serial, not a figure in a sentence or a phone number. */
const LONG_FIELD = 16;

export function numberTable(text: string): TaggerResult {
  const spans: Span[] = [];
  let tableLines = 0;
  let lines = 0;
  let numeric = 0;
  let tokens = 0;
  forEachLine(text, (start, end) => {
    const stop = Math.min(end, start + 2000);
    let fields = 0;
    let num = 0;
    let longNum = 0;
    for (let i = start; i < stop; ) {
      while (i < stop && isFieldSeparator(text.charCodeAt(i))) i++;
      if (i >= stop) break;
      const a = i;
      while (i < stop && !isFieldSeparator(text.charCodeAt(i))) i++;
      fields++;
      if (isNumericField(text, a, i)) {
        num++;
        if (i - a >= LONG_FIELD) longNum++;
      }
    }
    if (fields === 0) return;
    lines++;
    numeric += num;
    tokens += fields;
    // Two fields make a row when one is a long code (a checksum and its file, an id and its name).
    if ((fields >= 3 && num / fields >= 0.5) || (fields === 2 && longNum > 0)) {
      tableLines++;
      if (spans.length < MAX_SPANS) spans.push({ start, end, tag: 'number_table' });
    }
  });
  const tokenShare = tokens ? numeric / tokens : 0;
  const lineShare = lines ? tableLines / lines : 0;
  // A table needs several such lines; a lone row of figures in prose is not one.
  const signal = tableLines >= 3 ? clamp01(Math.max(lineShare, tokenShare) / 0.6) : clamp01(tokenShare - 0.3);
  return { signal, spans };
}

// ---------------------------------------------------------------- secret
// Each pattern with literals one of which every match contains: a text holding none of them
// skips that regex (indexOf scans far faster than a regex with a leading \b).
// A pattern with the same literals array as the one before it reuses its look-up.
const PEM = ['-----BEGIN '];
const SECRET_PATTERNS: Array<[RegExp, string[]]> = [
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,10000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g, PEM],
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g, PEM],
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA)[A-Z0-9]{16}\b/g, ['AKIA', 'ASIA', 'AGPA', 'AIDA', 'AROA', 'ANPA', 'ANVA']],
  [/\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g, ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']],
  [/\bgithub_pat_[A-Za-z0-9_]{60,255}\b/g, ['github_pat_']],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,250}/g, ['xox']],
  [/\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,247}\b/g, ['k_live_', 'k_test_']],
  [/\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{32,}\b/g, ['sk-']],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, ['AIza']],
  [/\bglpat-[A-Za-z0-9_-]{20}\b/g, ['glpat-']],
  [/\bnpm_[A-Za-z0-9]{36}\b/g, ['npm_']],
  [/\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g, ['SG.']],
  [/\bhf_[A-Za-z]{34}\b/g, ['hf_']],
  [/\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g, ['shpat_', 'shpca_', 'shppa_', 'shpss_']],
  [/\bsq0(?:atp|csp)-[0-9A-Za-z_-]{22,43}\b/g, ['sq0']],
  [/PuTTY-User-Key-File-\d: /g, ['PuTTY-User-Key-File-']],
  [/https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g, ['https://hooks.slack.com/services/']],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, ['eyJ']],
  [/\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@]{1,64}:[^\s@/]{6,128}@[^\s/]{3,}/gi, ['://']],
  // Discord bot tokens: the base64 of a user id (M, N or O first), a timestamp, an HMAC.
  [/\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])/g, []],
  [/\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b/g, [':AA']], // Telegram bot tokens
  [/\b[0-9a-f]{32}-us\d{1,2}\b/g, ['-us']], // Mailchimp API keys
  [/\bkey-[0-9a-f]{32}\b/g, ['key-']], // Mailgun API keys
  // name = value, name: value, "name": "value" (JSON, YAML), name => 'value' (Ruby, PHP); the value is group 1.
  [/(?:secret|token|passw(?:or)?d|api[_-]?key|access[_-]?key|account[_-]?key|private[_-]?key)[A-Za-z0-9_]{0,20}["']?\s{0,3}(?:=>|[:=])\s{0,3}["']?([A-Za-z0-9/+_=.-]{20,})/gi, []],
];

// Patterns all of whose literals hold an underscore: a text without one (most prose) skips their look-ups.
const NEEDS_UNDERSCORE = SECRET_PATTERNS.map(([, literals]) => literals.length > 0 && literals.every((l) => l.includes('_')));

/** Shannon entropy in bits per character of a short string. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export function secret(text: string): TaggerResult {
  const spans: Span[] = [];
  let hits = 0;
  const underscore = text.includes('_');
  let lastLiterals: string[] | null = null;
  let lastFound = false;
  for (let k = 0; k < SECRET_PATTERNS.length; k++) {
    const [re, literals] = SECRET_PATTERNS[k];
    if (NEEDS_UNDERSCORE[k] && !underscore) continue;
    if (literals !== lastLiterals) {
      lastLiterals = literals;
      lastFound = literals.length === 0 || literals.some((l) => text.includes(l));
    }
    if (!lastFound) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // The generic key=value pattern needs a random-looking value.
      if (k === SECRET_PATTERNS.length - 1) {
        // Words joined by - _ . are a placeholder or a name (your_api_key_here), not a key.
        const value = m[1];
        if (entropy(value) < 3.5 || /^[a-z]+(?:[-_.][a-z]+)*$/i.test(value)) continue;
      }
      if (k === 1 && spans.some((s) => s.start === m!.index)) continue; // the whole block matched already
      hits++;
      if (spans.length < MAX_SPANS) spans.push({ start: m.index, end: m.index + m[0].length, tag: 'secret' });
    }
  }
  return { signal: clamp01(hits), spans };
}

// ---------------------------------------------------------------- all_caps
// Case of a UTF-16 unit, as toLowerCase/toUpperCase of it alone tell: cased when they differ, upper when it is its own upper case.
const UNCASED = 1;
const LOWER_CASE = 2;
const UPPER = 3;
const unitCase = new Uint8Array(0x10000); // 0 = not looked up yet
function caseOf(c: number): number {
  let kind = unitCase[c];
  if (kind === 0) {
    const ch = String.fromCharCode(c);
    const up = ch.toUpperCase();
    kind = ch.toLowerCase() === up ? UNCASED : ch === up ? UPPER : LOWER_CASE;
    unitCase[c] = kind;
  }
  return kind;
}
export function allCaps(text: string): TaggerResult {
  let upper = 0;
  let cased = 0;
  const spans: Span[] = [];
  const re = /\p{Lu}{2,}(?:[\s\p{P}\d]+\p{Lu}{2,})*/gu;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      cased++;
    } else if (c >= 97 && c <= 122) cased++;
    else if (c > 127) {
      const kind = caseOf(c);
      if (kind !== UNCASED) {
        cased++;
        if (kind === UPPER) upper++;
      }
    }
  }
  const share = cased >= 20 ? upper / cased : 0;
  if (share >= THRESHOLDS.all_caps) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m && spans.length < MAX_SPANS; m = re.exec(text)) {
      if (m[0].length >= 20) spans.push({ start: m.index, end: m.index + m[0].length, tag: 'all_caps' });
    }
  }
  return { signal: share, spans };
}

// ---------------------------------------------------------------- non_english
/** ELD's scores are similarities: English reaching under ~83 % of the winner's score is a confident call. */
function nonEnglishSignal(language: LanguageGuess | null): number {
  return !language || language.code === 'en' ? 0 : clamp01((1 - language.english) * 3);
}
/** English, or no language found (too little text to tell). */
function isEnglishText(language: LanguageGuess | null): boolean {
  return nonEnglishSignal(language) < THRESHOLDS.non_english;
}

export function nonEnglish(language: LanguageGuess | null, text: string): TaggerResult {
  const signal = nonEnglishSignal(language);
  return { signal, spans: signal >= THRESHOLDS.non_english ? [{ start: 0, end: text.length, tag: 'non_english' }] : [] };
}

// ---------------------------------------------------------------- repetition
// Repeated substantial lines (20+ characters with a letter or digit: bare quote
// markers and rules between sections do not count) and repeated 8-grams of words with letters.
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
export function repetition(text: string, wordIds: Int32Array): TaggerResult {
  const seen = new Set<string>();
  const spans: Span[] = [];
  let dupChars = 0;
  forEachLine(text, (start, end) => {
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
  const signal = clamp01(Math.max(lineFrac / 0.4, dup8 / 0.6));
  return { signal, spans };
}

// ---------------------------------------------------------------- boilerplate
// Spam by a logistic regression over words (trained on SpamAssassin and prose at install),
// cookie and policy banners, footers and navigation bars by their phrases.
const BANNER_PHRASES = [
  'cookie', 'privacy policy', 'terms of use', 'terms of service', 'terms and conditions', 'all rights reserved',
  'sign up for our newsletter', 'subscribe to our newsletter', 'accept all', 'manage your preferences',
  'skip to content', 'skip to main content', 'back to top', 'follow us on', 'share this', 'read more',
];
const BANNER_RE = new RegExp(BANNER_PHRASES.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
// | • · » ›
const isNavSeparator = (c: number) => c === 0x7c || c === 0x2022 || c === 0xb7 || c === 0xbb || c === 0x203a;

/** A Markdown table's delimiter row: cells of three or more dashes, colons for alignment (|:---|---:| or ---|---). */
const TABLE_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/;

/**
 * Navigation bars: short lines of three or more short items between separators. Consecutive
 * lines with a | form a block, and a block holding a Markdown table's delimiter row is a table
 * (a README's platform list or benchmark), not navigation.
 */
function navLines(text: string, spans: Span[]): number {
  let n = 0;
  const navLine = (start: number, end: number) => {
    if (end - start > 300) return;
    let seps = 0;
    for (let i = start; i < end; i++) if (isNavSeparator(text.charCodeAt(i))) seps++;
    if (seps >= 3 && (end - start) / (seps + 1) <= 30) {
      n++;
      if (spans.length < MAX_SPANS) spans.push({ start, end, tag: 'boilerplate' });
    }
  };
  let blockStart = -1;
  let blockEnd = -1;
  let table = false;
  const flush = () => {
    if (!table) forEachLine(text, navLine, blockStart, blockEnd);
    blockStart = -1;
    table = false;
  };
  // The next | and the next --- at or after the current line: each found once, not searched per line.
  let nextPipe = text.indexOf('|');
  let nextDashes = nextPipe < 0 ? -1 : text.indexOf('---');
  forEachLine(text, (start, end) => {
    if (nextPipe >= 0 && nextPipe < start) nextPipe = text.indexOf('|', start);
    if (nextPipe >= 0 && nextPipe < end) {
      if (blockStart < 0) blockStart = start;
      blockEnd = end;
      if (nextDashes >= 0 && nextDashes < start) nextDashes = text.indexOf('---', start);
      if (!table && nextDashes >= 0 && nextDashes < end && end - start <= 1000 && TABLE_DELIMITER.test(text.slice(start, end))) table = true;
      return;
    }
    if (blockStart >= 0) flush();
    navLine(start, end);
  });
  if (blockStart >= 0) flush();
  return n;
}

/**
 * Stock touting (pump-and-dump spam), which the spam model's training mail barely has: a ticker
 * given as a label, price and target labels with a dollar figure, a buy rating, a penny-stock
 * market, the classic urgings. Each alone occurs in clean financial text (an analyst's "strong buy",
 * a quote's symbol); two kinds together are a tout.
 */
const STOCK_TOUT = [
  /\b(?:[Ss] ?[Yy] ?[Mm] ?[Bb] ?[Oo] ?[Ll]|SYMBOL|[Tt]icker(?: [Ss]ymbol)?|TICKER(?: SYMBOL)?)\s*[:\-–]?\s*\(?[A-Z]{3,5}\b/g,
  /\b(?:current|curent|recent|opening)\s+price\s*[:\-–]\s*\$?\s?\d[\d.,]*/gi,
  /\b(?:target(?: price)?|(?:short|long|mid)[- ]term target|\d+[- ]days? target|price target)\s*[:\-–]\s*\$\s?\d[\d.,]*/gi,
  /\b(?:(?:very )?strong|hot|immediate) buy\b/gi,
  /\bpink ?sheets\b|\botc ?bb\b|\botc markets\b|\b[A-Z]{3,5}\.PK\b/gi,
  /\bcall your broker\b|\bstock (?:is going to|will|is about to) (?:explode|soar|skyrocket)|\b(?:double|triple|quadruple) your money\b|\bground floor\b/gi,
];

/** Words that a tout has, reported by the spam model's pass over the words (no pass of its own). */
const TOUT_WORDS = new WordWatch(['symbol', 'mbol', 'ticker', 'buy', 'pink', 'pinksheets', 'otc', 'otcbb']);
const TICKER_BITS = 0b111;
const BUY_BIT = 0b1000;
const MARKET_BITS = 0b11110000;

/** Whether the text can hold a tout: a ticker's label, or two of a dollar sign, "buy" and a penny-stock market. */
function mayTout(words: number, text: string): boolean {
  if (words & TICKER_BITS) return true;
  const buy = (words & BUY_BIT) !== 0;
  const market = (words & MARKET_BITS) !== 0;
  return (buy && market) || ((buy || market) && text.includes('$'));
}

/** The kinds a quote table also has (a symbol, a price): a tout needs one of the others too. */
const QUOTE_KINDS = 2;

/** 0 below two kinds of touting; 0.6 at two, 0.1 more for each further kind. */
function stockTout(text: string, spans: Span[]): number {
  let kinds = 0;
  let touting = false;
  const found: Span[] = [];
  STOCK_TOUT.forEach((re, k) => {
    if (collect(re, text, 'boilerplate', found) === 0) return;
    kinds++;
    if (k >= QUOTE_KINDS) touting = true;
  });
  if (kinds < 2 || !touting) return 0;
  found.sort((a, b) => a.start - b.start);
  for (const span of found) if (spans.length < MAX_SPANS) spans.push(span);
  return clamp01(0.6 + 0.1 * (kinds - 2));
}

export function boilerplate(text: string): TaggerResult {
  const spans: Span[] = [];
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const banners = collect(BANNER_RE, sample, 'boilerplate', spans);
  const nav = navLines(sample, spans);
  // The tout check reads what the spam model reads, whose words tell whether a tout can be there.
  const spamSample = spamWindow(sample);
  const spam = clamp01(0.5 + (spamLogOdds(spamModel, spamSample, TOUT_WORDS) - SPAM_LOG_ODDS_THRESHOLD) / 10);
  const tout = mayTout(TOUT_WORDS.found, spamSample) ? stockTout(spamSample, spans) : 0;
  const kchars = Math.max(0.5, sample.length / 1000);
  // Banner phrases and navigation bars per kilo-character.
  const banner = clamp01((banners + 2 * nav) / kchars / 4);
  if (spam >= 0.5 && spans.length === 0) spans.push({ start: 0, end: text.length, tag: 'boilerplate' });
  return { signal: Math.max(spam, banner, tout), spans };
}

// ---------------------------------------------------------------- markup
// A tag (group 1: its name, group 2: what follows the name), a comment, a doctype, or an entity (group 3).
const TAG = /<\/?([a-zA-Z][a-zA-Z0-9:-]{0,20})(\s[^<>]{0,500})?\/?>|<!--[\s\S]{0,2000}?-->|<!DOCTYPE[^>]{0,100}>|(&(?:[a-z]{2,8}|#\d{2,5});)/g;
const HTML_ELEMENTS = new Set(
  ('html head body title meta link script style div span p br hr a img table thead tbody tfoot tr td th caption col colgroup ' +
    'ul ol li dl dt dd h1 h2 h3 h4 h5 h6 b i u s em strong small big font center form input button select option textarea ' +
    'label fieldset legend iframe frame frameset noscript pre code blockquote sup sub tt strike del ins kbd var samp cite ' +
    'abbr q address area map base embed object param video audio source canvas nav header footer section article aside ' +
    'main figure figcaption svg wbr nobr basefont marquee').split(' '),
);
const CODE_START = /^(?:function|const|let|var|return|import|export|def|class|if|for|while|public|private|#include|using|package)\b/;
const isLetterCode = (c: number) => ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0xc0 && c <= 0x24f);

/**
 * Markup tags, HTML entities apart. Angle brackets in mail and prose often hold
 * no markup (`<snip>`, `<wink>`, `<URL: http://…>`, `<name (at) host>`), so a tag
 * counts when it is an HTML element, has `name=value` attributes, or is a bare
 * name closed somewhere in the text as one of at least two such names (XML).
 */
function scanTags(text: string, spans: Span[]): { tags: number; tagChars: number; entities: number } {
  TAG.lastIndex = 0;
  let tags = 0;
  let tagChars = 0;
  let entities = 0;
  const bare: Array<{ name: string; start: number; end: number }> = [];
  const closed = new Set<string>();
  const add = (start: number, end: number) => {
    tags++;
    tagChars += end - start;
    if (spans.length < MAX_SPANS) spans.push({ start, end, tag: 'markup' });
  };
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[3] !== undefined) {
      entities++;
      if (spans.length < MAX_SPANS) spans.push({ start, end, tag: 'markup' });
      continue;
    }
    const name = m[1];
    if (name === undefined) {
      add(start, end); // a comment or a doctype
      continue;
    }
    const lower = name.toLowerCase();
    const rest = m[2];
    if (HTML_ELEMENTS.has(lower) || (rest !== undefined && rest.includes('=') && !name.endsWith(':'))) {
      add(start, end);
      continue;
    }
    if (rest !== undefined && rest.trim() !== '') continue; // `<For example, …>`: prose in brackets
    if (text.charCodeAt(start + 1) === 47) closed.add(lower);
    bare.push({ name: lower, start, end });
  }
  if (closed.size >= 2) for (const b of bare) if (closed.has(b.name)) add(b.start, b.end);
  return { tags, tagChars, entities };
}

/** Lines that open with a keyword or end in ; { or } (checked per line, so no regex backtracks over a long one). */
function codeLines(text: string, spans: Span[]): number {
  let n = 0;
  forEachLine(text, (start, end) => {
    let a = start;
    let b = end;
    while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
    while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9 || text.charCodeAt(b - 1) === 13)) b--;
    if (b === a) return;
    const last = text.charCodeAt(b - 1);
    if ((last === 59 && isCodeSemicolon(text, a, b)) || last === 123 || last === 125 || CODE_START.test(text.slice(a, Math.min(b, a + 20)))) {
      n++;
      if (spans.length < MAX_SPANS) spans.push({ start, end, tag: 'markup' });
    }
  });
  return n;
}

/**
 * A line [a, b) ending in `;` is code unless the `;` closes an HTML entity or
 * ends a clause of prose (a word before it and no brackets, `=` or quotes in the line).
 */
function isCodeSemicolon(text: string, a: number, b: number): boolean {
  let k = b - 2;
  while (k >= a && (isLetterCode(text.charCodeAt(k)) || (text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57))) k--;
  if (k >= a && k < b - 2 && (text.charCodeAt(k) === 38 || (text.charCodeAt(k) === 35 && text.charCodeAt(k - 1) === 38))) return false; // &amp; &#8221;
  if (!isLetterCode(text.charCodeAt(b - 2))) return true;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 41 || c === 61 || c === 91 || c === 34 || c === 39 || c === 36) return true; // ( ) = [ " ' $
  }
  return false;
}

export function markup(text: string): TaggerResult {
  const spans: Span[] = [];
  const { tags, tagChars, entities } = scanTags(text, spans);
  const code = codeLines(text, spans);
  const lines = countNewlines(text) + 1;
  const tagShare = text.length ? tagChars / text.length : 0;
  const codeShare = code / lines;
  // Entities alone are a smaller fault (text escaped once too often): twenty of them reach the threshold.
  const weighted = tags + entities / 4;
  // One tag in a short text is a quotation of markup, not markup.
  const signal = clamp01(Math.max(tags >= 2 ? tagShare / 0.1 : 0, weighted >= 5 ? weighted / 10 : 0, lines >= 3 ? (codeShare - 0.2) / 0.3 : 0));
  return { signal, spans };
}
