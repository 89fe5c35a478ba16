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

/**
 * The whole text in another language, or an English text a fifth of whose letters are in
 * paragraphs of another language (signal = share / 0.4): a page translated in part is
 * off-language for an English corpus, a foreign quotation in an English mail is not.
 */
export function nonEnglish(language: LanguageGuess | null, text: string): TaggerResult {
  const whole = nonEnglishSignal(language);
  const foreign = language?.foreign;
  const partial = foreign ? clamp01(foreign.share / 0.4) : 0;
  if (whole >= partial) return { signal: whole, spans: whole >= THRESHOLDS.non_english ? [{ start: 0, end: text.length, tag: 'non_english' }] : [] };
  return { signal: partial, spans: partial >= THRESHOLDS.non_english ? foreign!.paragraphs.map((p) => ({ ...p, tag: 'non_english' as const })) : [] };
}
