import { duplicateNgramChars } from '../rules/datatrove';
import { wordHasLetter, wordOf } from '../tokenizer/vocab';
import { type Span, type TaggerResult, MAX_SPANS, forEachLine, clamp01 } from './common';

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
