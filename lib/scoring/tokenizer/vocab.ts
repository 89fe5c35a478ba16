/**
 * Word ids shared by every document one scorer sees. The tokenizer interns
 * each distinct token once; a property of a word (its length, whether it has
 * a letter, its OCR class…) is then computed once per id and read from an
 * array on every later occurrence. Natural text repeats a few thousand words
 * most of the time, so this replaces per-occurrence string work with array reads.
 *
 * Ids stay valid until `startDocument` drops a vocabulary that grew past its cap,
 * so a document's ids must not be kept past the next document's tokenization.
 */
import { hasLetter, pyLen } from '../pystr';

// Caps on what the vocabulary holds (junk documents intern many one-off and very long tokens).
const MAX_WORDS = 1 << 20;
/** Ids below this pack in pairs into one double, a * VOCABULARY_LIMIT + b (the cap above is checked between documents, so one huge document can pass it). */
export const VOCABULARY_LIMIT = 2 ** 26;
const MAX_CHARS = 1 << 26;
const UNKNOWN = -0x80000000;

let ids = new Map<string, number>();
let words: string[] = [];
let chars = 0;
const onReset: Array<() => void> = [];

export function intern(word: string): number {
  let id = ids.get(word);
  if (id === undefined) {
    id = words.length;
    ids.set(word, id);
    words.push(word);
    chars += word.length;
  }
  return id;
}

export function wordOf(id: number): string {
  return words[id];
}

export function vocabularySize(): number {
  return words.length;
}

/** Called before a document is tokenized: drops the vocabulary (and everything keyed by its ids) once it has grown past its cap. */
export function startDocument(): void {
  if (words.length < MAX_WORDS && chars < MAX_CHARS) return;
  ids = new Map();
  words = [];
  chars = 0;
  for (const reset of onReset) reset();
}

/** Registers state derived from word ids, cleared with the vocabulary. */
export function onVocabularyReset(reset: () => void): void {
  onReset.push(reset);
}

/**
 * A per-word integer property, computed the first time an id asks for it.
 * `compute` must be a pure function of the word.
 */
export function wordProperty(compute: (word: string) => number): (id: number) => number {
  let values = new Int32Array(0);
  onVocabularyReset(() => {
    values = new Int32Array(0);
  });
  return (id: number): number => {
    if (id < values.length) {
      const v = values[id];
      if (v !== UNKNOWN) return v;
    } else {
      const grown = new Int32Array(Math.max(1024, id + 1, values.length * 2)).fill(UNKNOWN);
      grown.set(values);
      values = grown;
    }
    const v = compute(words[id]) | 0;
    values[id] = v;
    return v;
  };
}

/** len(word) in code points. */
export const wordCodePoints = wordProperty(pyLen);
/** 1 when the word has a letter (Python's isalpha on any character), else 0. */
export const wordHasLetter = wordProperty((w) => (hasLetter(w) ? 1 : 0));
