import type { LanguageGuess } from '../language';
import { type TaggerResult, THRESHOLDS, clamp01 } from './common';

/** ELD's scores are similarities: English reaching under ~83 % of the winner's score is a confident call. */
function nonEnglishSignal(language: LanguageGuess | null): number {
  return !language || language.code === 'en' ? 0 : clamp01((1 - language.english) * 3);
}
/** English, or no language found (too little text to tell). */
export function isEnglishText(language: LanguageGuess | null): boolean {
  return nonEnglishSignal(language) < THRESHOLDS.non_english;
}

export function nonEnglish(language: LanguageGuess | null, text: string): TaggerResult {
  const signal = nonEnglishSignal(language);
  return { signal, spans: signal >= THRESHOLDS.non_english ? [{ start: 0, end: text.length, tag: 'non_english' }] : [] };
}
