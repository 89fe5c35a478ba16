/**
 * Language identification for the non_english tagger, with Nito-ELD (the
 * `eld` package, small n-gram database, 60 languages). Text that is plainly
 * English by its function words skips the detector: most documents are, and
 * the detector is the slowest step of the heuristic scorer.
 */
import { eld } from 'eld/small';
import { wordCodePoints, wordProperty } from './tokenizer/vocab';

const FUNCTION_WORDS = new Set(
  'the of and to a in is that it was for on are as with his they be at one have this from or had by but not what all were we when your can said there an each which she do how their if will up about out many then them these so some her would make like him into has more two see could no my than been who its now did get may'.split(' '),
);

export interface LanguageGuess {
  /** ISO 639-1 code, or '' when the detector found no language. */
  code: string;
  /** How much of the winner's score English reaches (1 when English wins). */
  english: number;
  /** For a text found English: its paragraphs in another language, and their share of its letters. */
  foreign?: { share: number; paragraphs: Array<{ start: number; end: number }> };
}

const SAMPLE_CHARS = 1500;
/** An unreliable "English" from the detector on this many words or more counts as not English… */
const UNRELIABLE_MIN_WORDS = 30;
/** …with English at this share of the winner (non_english signal 0.6: tagged, not certain). */
const UNRELIABLE_ENGLISH = 0.8;

const NOT_COUNTED = 0;
const OTHER_WORD = 1;
const FUNCTION_WORD = 2;
const THE = 3;
/** A word starting with a letter outside ASCII (Cyrillic, CJK, Greek, Arabic, accented Latin…). */
const OTHER_SCRIPT_WORD = 4;
const STARTS_WITH_LETTER = /^\p{L}/u;
/** Words starting with an ASCII letter count; of those, English function words (any case), "the" apart. */
const functionWordClass = wordProperty((w) => {
  const c = w.charCodeAt(0) | 0x20;
  if (c < 0x61 || c > 0x7a) return w.charCodeAt(0) >= 0x80 && STARTS_WITH_LETTER.test(w) ? OTHER_SCRIPT_WORD : NOT_COUNTED;
  const lower = w.toLowerCase();
  return lower === 'the' ? THE : FUNCTION_WORDS.has(lower) ? FUNCTION_WORD : OTHER_WORD;
});

/**
 * Counts of the first (up to 300) counted words: all, English function words, "the"; and the
 * characters of those words and of the words in other scripts met on the way.
 */
function functionWordCounts(wordIds: Int32Array): { words: number; functionWords: number; the: number; chars: number; otherScriptChars: number } {
  let words = 0;
  let functionWords = 0;
  let the = 0;
  let chars = 0;
  let otherScriptChars = 0;
  for (let i = 0; i < wordIds.length && words < 300; i++) {
    const cls = functionWordClass(wordIds[i]);
    if (cls === NOT_COUNTED) continue;
    if (cls === OTHER_SCRIPT_WORD) {
      otherScriptChars += wordCodePoints(wordIds[i]);
      continue;
    }
    words++;
    chars += wordCodePoints(wordIds[i]);
    if (cls === FUNCTION_WORD) functionWords++;
    else if (cls === THE) {
      functionWords++;
      the++;
    }
  }
  return { words, functionWords, the, chars, otherScriptChars };
}

/**
 * Plainly English: a fifth of the words are English function words, and from
 * twenty words on, "the" is among them (1 % or more). Irish, Scottish Gaelic and
 * Scots reach a fifth with "a", "an", "do", "is" and never write "the". Words in
 * other scripts must be under a third of the letters: a Ukrainian or Chinese page
 * with an English paragraph left untranslated goes to the detector.
 */
function plainlyEnglish(wordIds: Int32Array): boolean {
  const { words, functionWords, the, chars, otherScriptChars } = functionWordCounts(wordIds);
  if (words < 8 || functionWords < 0.2 * words) return false;
  if (otherScriptChars * 2 >= chars) return false;
  return words < 20 || the >= Math.max(1, 0.01 * words);
}

/** Share of letters in the sample that are Latin script. */
function latinShare(sample: string): { letters: number; latin: number } {
  let letters = 0;
  let latin = 0;
  for (const ch of sample) {
    if (!LETTER.test(ch)) continue;
    letters++;
    if (LATIN.test(ch)) latin++;
  }
  return { letters, latin: letters ? latin / letters : 1 };
}
const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/** Paragraphs of a mostly English text the detector is asked about, at most (the detector is the slow step). */
const MAX_PARAGRAPH_CHECKS = 6;
const CHECK_CHARS = 500;
// Function words as base-27 numbers of their letters (all are ASCII, five letters at most): a word is
// looked up while it is read, with no string made.
const FUNCTION_WORD_MAX_LENGTH = 5;
const wordKey = (w: string) => [...w].reduce((k, ch) => k * 27 + (ch.charCodeAt(0) - 0x60), 0);
const FUNCTION_WORD_KEYS = new Set([...FUNCTION_WORDS].map(wordKey));

const isAsciiLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
// Letters of wide scripts (Han, kana, Hangul) weigh three: a character is about a word.
const isWide = (c: number) => (c >= 0x1100 && c <= 0x11ff) || (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff66 && c <= 0xff9f);

/**
 * Paragraphs of an English text written in another language: a page translated in
 * part (Debian's translated man pages keep untranslated paragraphs), an English mail
 * quoting a foreign one. A paragraph is foreign when most of its letters are of a
 * non-Latin script, or when it has eight Latin words or more, under a tenth of them
 * English function words, letters for at least half its characters (not a dump or a
 * table), and the detector reliably names a language other than English. One pass
 * over the characters; the detector sees at most six paragraphs of a text.
 */
export function foreignParagraphs(text: string): NonNullable<LanguageGuess['foreign']> {
  const paragraphs: Array<{ start: number; end: number }> = [];
  let all = 0;
  let foreign = 0;
  let checks = 0;
  // The paragraph being read.
  let start = 0;
  let letters = 0;
  let nonLatin = 0;
  let visible = 0;
  let latinWords = 0;
  let functionWords = 0;
  // The word being read: its start, whether all its letters are Latin.
  let wordStart = -1;
  let wordLatin = true;
  let key = 0; // the word's ASCII letters as a base-27 number while it may be a function word, else -1
  const endWord = (end: number) => {
    if (wordStart < 0) return;
    if (wordLatin) {
      latinWords++;
      if (key > 0 && end - wordStart <= FUNCTION_WORD_MAX_LENGTH && FUNCTION_WORD_KEYS.has(key)) functionWords++;
    }
    wordStart = -1;
    wordLatin = true;
    key = 0;
  };
  const endParagraph = (end: number) => {
    endWord(end);
    if (letters > 0) {
      all += letters;
      let isForeign = nonLatin * 2 >= letters;
      if (!isForeign && checks < MAX_PARAGRAPH_CHECKS && letters * 2 >= visible && latinWords >= 8 && functionWords < 0.1 * latinWords) {
        checks++;
        const r = eld.detect(text.slice(start, Math.min(end, start + CHECK_CHARS)));
        isForeign = !!r.language && r.language !== 'en' && r.isReliable();
      }
      if (isForeign) {
        foreign += letters;
        paragraphs.push({ start, end });
      }
    }
    letters = nonLatin = visible = latinWords = functionWords = 0;
  };
  let newlineAt = -2; // last \n; a second one with only blanks between ends the paragraph
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      endWord(i);
      if (newlineAt >= 0) {
        endParagraph(newlineAt);
        start = i + 1;
      }
      newlineAt = i;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      endWord(i);
      continue;
    }
    visible++;
    if (c < 0x80) {
      newlineAt = -2;
      if (isAsciiLetter(c)) {
        letters++;
        if (wordStart < 0) wordStart = i;
        if (key >= 0) key = i - wordStart < FUNCTION_WORD_MAX_LENGTH ? key * 27 + ((c | 0x20) - 0x60) : -1;
      } else endWord(i);
      continue;
    }
    newlineAt = -2;
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (cp > 0xffff) i++;
    if (!LETTER.test(ch)) {
      endWord(i);
      continue;
    }
    const weight = isWide(cp) ? 3 : 1;
    letters += weight;
    if (wordStart < 0) wordStart = i;
    key = -1;
    if (cp >= 0x370 && !LATIN.test(ch)) {
      nonLatin += weight;
      wordLatin = false;
    }
  }
  endParagraph(text.length);
  return { share: all ? foreign / all : 0, paragraphs };
}

export function guessLanguage(text: string, wordIds: Int32Array): LanguageGuess | null {
  if (plainlyEnglish(wordIds)) return { code: 'en', english: 1, foreign: foreignParagraphs(text) };
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const result = eld.detect(sample);
  if (!result.language) {
    // Scripts the detector does not know (Tibetan, Ethiopic…) are still not English.
    const { letters, latin } = latinShare(sample);
    return letters >= 20 && latin < 0.5 ? { code: 'und', english: latin } : null;
  }
  // Latin-script languages ELD does not know (Latin, Welsh, Manx, Romansh…) come out as some
  // language, English included, with a score far under that language's usual one: ELD calls
  // the call unreliable. Text that got here is not plainly English, so enough of it is not.
  const unsure = !result.isReliable() && wordIds.length >= UNRELIABLE_MIN_WORDS;
  if (result.language === 'en') return unsure ? { code: 'und', english: UNRELIABLE_ENGLISH } : { code: 'en', english: 1, foreign: foreignParagraphs(text) };
  const scores = result.getScores() as Record<string, number>;
  const top = scores[result.language] ?? 0;
  const english = top > 0 ? Math.min(1, (scores.en ?? 0) / top) : 0;
  return { code: result.language, english: unsure ? Math.min(english, UNRELIABLE_ENGLISH) : english };
}
