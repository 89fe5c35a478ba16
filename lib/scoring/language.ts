/**
 * Language identification for the non_english tagger, with Nito-ELD (the
 * `eld` package, small n-gram database, 60 languages). Text that is plainly
 * English by its function words skips the detector: most documents are, and
 * the detector is the slowest step of the heuristic scorer.
 */
import { eld } from 'eld/small';
import { wordProperty } from './tokenizer/vocab';

const FUNCTION_WORDS = new Set(
  'the of and to a in is that it was for on are as with his they be at one have this from or had by but not what all were we when your can said there an each which she do how their if will up about out many then them these so some her would make like him into has more two see could no my than been who its now did get may'.split(' '),
);

export interface LanguageGuess {
  /** ISO 639-1 code, or '' when the detector found no language. */
  code: string;
  /** How much of the winner's score English reaches (1 when English wins). */
  english: number;
}

const SAMPLE_CHARS = 1500;

const NOT_COUNTED = 0;
const OTHER_WORD = 1;
const FUNCTION_WORD = 2;
/** Words starting with an ASCII letter count; of those, English function words (any case). */
const functionWordClass = wordProperty((w) => {
  const c = w.charCodeAt(0) | 0x20;
  if (c < 0x61 || c > 0x7a) return NOT_COUNTED;
  return FUNCTION_WORDS.has(w.toLowerCase()) ? FUNCTION_WORD : OTHER_WORD;
});

/** Share of the first words that are English function words. */
export function englishFunctionShare(wordIds: Int32Array): number {
  let alpha = 0;
  let fn = 0;
  for (let i = 0; i < wordIds.length && alpha < 300; i++) {
    const cls = functionWordClass(wordIds[i]);
    if (cls === NOT_COUNTED) continue;
    alpha++;
    if (cls === FUNCTION_WORD) fn++;
  }
  return alpha >= 8 ? fn / alpha : 0;
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

export function guessLanguage(text: string, wordIds: Int32Array): LanguageGuess | null {
  if (englishFunctionShare(wordIds) >= 0.2) return { code: 'en', english: 1 };
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const result = eld.detect(sample);
  if (!result.language) {
    // Scripts the detector does not know (Tibetan, Ethiopic…) are still not English.
    const { letters, latin } = latinShare(sample);
    return letters >= 20 && latin < 0.5 ? { code: 'und', english: latin } : null;
  }
  if (result.language === 'en') return { code: 'en', english: 1 };
  const scores = result.getScores() as Record<string, number>;
  const top = scores[result.language] ?? 0;
  const en = scores.en ?? 0;
  return { code: result.language, english: top > 0 ? Math.min(1, en / top) : 0 };
}
