/**
 * fastText-style features: word unigrams and bigrams plus character n-grams,
 * each hashed (FNV-1a over UTF-16 code units, a different seed per kind) into
 * `buckets - 1` buckets numbered from 1; id 0 is padding. Case is kept: an
 * all-caps word is a different feature from its lower-case form. Only the
 * first `maxChars` characters are read. Pure and deterministic, so the
 * browser, the CLI and the training script agree on every id.
 */
export interface HashedNgramSpec {
  buckets: number;
  /** Word n-gram orders, e.g. [1, 2]. */
  wordNgrams: number[];
  /** Character n-gram lengths over the raw text (whitespace included), e.g. [2, 4]. */
  charNgrams: number[];
  maxChars: number;
}

const FNV_PRIME = 0x01000193;
const SEED_WORD = 0x811c9dc5;

function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  // Beyond ASCII: letters of every script, and also symbols; spaces split words.
  return !(c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}

function bucket(h: number, buckets: number): number {
  return 1 + ((h >>> 0) % (buckets - 1));
}

/** Feature ids of one text, in text order (words first, then character n-grams). */
export function hashedNgramIds(text: string, spec: HashedNgramSpec): Int32Array {
  const s = text.length > spec.maxChars ? text.slice(0, spec.maxChars) : text;
  const out: number[] = [];
  const maxOrder = Math.max(0, ...spec.wordNgrams);
  const wantOrder = new Array<boolean>(maxOrder + 1).fill(false);
  for (const n of spec.wordNgrams) wantOrder[n] = true;
  // Hashes of the last `maxOrder` words, newest last.
  const recent: number[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (!isWordChar(c)) {
      // Punctuation is a word of its own; whitespace only separates.
      if (c > 32 && c !== 0x7f) pushWord(Math.imul(SEED_WORD ^ c, FNV_PRIME));
      i++;
      continue;
    }
    let h = SEED_WORD;
    while (i < s.length && isWordChar(s.charCodeAt(i))) {
      h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
      i++;
    }
    pushWord(h);
  }
  function pushWord(h: number) {
    recent.push(h);
    if (recent.length > maxOrder) recent.shift();
    for (let n = 1; n <= recent.length; n++) {
      if (!wantOrder[n]) continue;
      let g = 0x9e3779b9 ^ n;
      for (let k = recent.length - n; k < recent.length; k++) g = Math.imul(g ^ recent[k], 0x85ebca6b) ^ (g >>> 13);
      out.push(bucket(g, spec.buckets));
    }
  }
  for (const n of spec.charNgrams) {
    const seed = Math.imul(0x27d4eb2d, n + 17);
    for (let start = 0; start + n <= s.length; start++) {
      let h = seed;
      for (let k = 0; k < n; k++) h = Math.imul(h ^ s.charCodeAt(start + k), FNV_PRIME);
      out.push(bucket(h, spec.buckets));
    }
  }
  return Int32Array.from(out);
}
