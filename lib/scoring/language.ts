/**
 * Language identification for the non_english tagger, with Nito-ELD (the
 * `eld` package, small n-gram database, 60 languages). Text that is plainly
 * English by its function words skips the detector: most documents are, and
 * the detector is the slowest step of the heuristic scorer.
 */
import { eld } from 'eld/small';
import type { Tokens } from './tokenizer/spacy-en';
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

/** What the detector reads of a text's candidate paragraphs (it is the slow step): one call per text. */
const CHECK_CHARS_PER_PARAGRAPH = 300;
const CHECK_CHARS = 1500;
const PARAGRAPH_BREAK = /\n[ \t\r]*\n/g;

// Per word, once per distinct word: its letters (wide scripts — Han, kana, Hangul — weigh three:
// a character is about a word), those not Latin, and whether it is an English function word;
// packed as letters | nonLatin << 12 | function word << 24.
const EDGE_PUNCTUATION = /^[^\p{L}]+|[^\p{L}]+$/gu;
const FUNCTION_WORD_FLAG = 1 << 24;
const isWide = (c: number) => (c >= 0x1100 && c <= 0x11ff) || (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff66 && c <= 0xff9f);
const paragraphWordInfo = wordProperty((w) => {
  let letters = 0;
  let nonLatin = 0;
  for (const ch of w) {
    if (!LETTER.test(ch)) continue;
    const cp = ch.codePointAt(0)!;
    const weight = isWide(cp) ? 3 : 1;
    letters += weight;
    if (cp >= 0x370 && !LATIN.test(ch)) nonLatin += weight;
  }
  letters = Math.min(letters, 4095);
  nonLatin = Math.min(nonLatin, 4095);
  // A function word is a token of Latin letters (-a, [--all] too) once its edges' punctuation is off.
  const functionWord = letters > 0 && nonLatin === 0 && FUNCTION_WORDS.has(w.replace(EDGE_PUNCTUATION, '').toLowerCase());
  return letters | (nonLatin << 12) | (functionWord ? FUNCTION_WORD_FLAG : 0);
});

/**
 * Paragraphs of an English text written in another language: a page translated in
 * part (Debian's translated man pages keep untranslated paragraphs), an English mail
 * quoting a foreign one. A paragraph is foreign when most of its letters are of a
 * non-Latin script, or when it has eight words or more, under a tenth of them English
 * function words, letters for at least half its characters (not a dump or a
 * table), and the detector, given the first 300 characters of each such paragraph (1,500
 * in all, one call per text), reliably names a language other than English. Read from the
 * tokenizer's chunks and per-word properties.
 */
export function foreignParagraphs(text: string, tokens: Tokens): NonNullable<LanguageGuess['foreign']> {
  const paragraphs: Array<{ start: number; end: number }> = [];
  const { ids, chunkStart, chunkEnd, chunkToken } = tokens;
  const chunks = chunkStart.length;
  let all = 0;
  let foreign = 0;
  // Paragraphs without English function words: asked about together, once.
  const candidates: Array<{ start: number; end: number; letters: number }> = [];
  // Paragraph bounds first, then one plain loop over them: a closure updating these counters
  // would keep them on the heap, at twice the cost.
  const bounds: number[] = [];
  let from = 0;
  PARAGRAPH_BREAK.lastIndex = 0;
  for (let m = PARAGRAPH_BREAK.exec(text); m; m = PARAGRAPH_BREAK.exec(text)) {
    bounds.push(from, m.index);
    from = m.index + m[0].length;
  }
  bounds.push(from, text.length);
  let chunk = 0;
  for (let p = 0; p < bounds.length; p += 2) {
    const to = bounds[p + 1];
    let letters = 0;
    let nonLatin = 0;
    let visible = 0;
    let words = 0;
    let functionWords = 0;
    for (; chunk < chunks && chunkStart[chunk] < to; chunk++) {
      visible += chunkEnd[chunk] - chunkStart[chunk];
      const last = chunk + 1 < chunks ? chunkToken[chunk + 1] : ids.length;
      for (let t = chunkToken[chunk]; t < last; t++) {
        const info = paragraphWordInfo(ids[t]);
        letters += info & 4095;
        nonLatin += (info >> 12) & 4095;
        if ((info & 4095) > 0) words++;
        if (info & FUNCTION_WORD_FLAG) functionWords++;
      }
    }
    if (letters === 0) continue;
    all += letters;
    if (nonLatin * 2 >= letters) {
      foreign += letters;
      paragraphs.push({ start: bounds[p], end: to });
    } else if (letters * 2 >= visible && words >= 8 && functionWords < 0.1 * words) candidates.push({ start: bounds[p], end: to, letters });
  }
  if (candidates.length > 0) {
    let sample = '';
    for (const c of candidates) {
      if (sample.length >= CHECK_CHARS) break;
      sample += text.slice(c.start, Math.min(c.end, c.start + CHECK_CHARS_PER_PARAGRAPH)) + '\n';
    }
    const r = eld.detect(sample);
    if (r.language && r.language !== 'en' && r.isReliable()) {
      for (const c of candidates) foreign += c.letters;
      paragraphs.push(...candidates.map(({ start, end }) => ({ start, end })));
      paragraphs.sort((a, b) => a.start - b.start);
    }
  }
  return { share: all ? foreign / all : 0, paragraphs };
}

export function guessLanguage(text: string, tokens: Tokens): LanguageGuess | null {
  const wordIds = tokens.ids;
  if (plainlyEnglish(wordIds)) return { code: 'en', english: 1, foreign: foreignParagraphs(text, tokens) };
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
  if (result.language === 'en') return unsure ? { code: 'und', english: UNRELIABLE_ENGLISH } : { code: 'en', english: 1, foreign: foreignParagraphs(text, tokens) };
  const scores = result.getScores() as Record<string, number>;
  const top = scores[result.language] ?? 0;
  const english = top > 0 ? Math.min(1, (scores.en ?? 0) / top) : 0;
  return { code: result.language, english: unsure ? Math.min(english, UNRELIABLE_ENGLISH) : english };
}
