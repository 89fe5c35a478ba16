/**
 * Python `str` semantics the reference filters rely on: what counts as
 * whitespace (str.isspace), line boundaries (str.splitlines), letters
 * (str.isalpha) and lengths in code points (len). JavaScript's \s, split and
 * length differ from these at the edges, and the edges decide close calls.
 */

/** str.isspace(): Unicode White_Space plus the separators \x1c-\x1f, without U+FEFF. */
export function isPySpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/** Characters str.splitlines() breaks on (\r\n counts once). */
export function isPyLineBreak(c: number): boolean {
  return (c >= 0x0a && c <= 0x0d) || (c >= 0x1c && c <= 0x1e) || c === 0x85 || c === 0x2028 || c === 0x2029;
}

// Line breaks other than \n: a text without them (nearly all) finds its lines by indexOf, which
// scans far faster than a loop over every character. A regex test of a one-byte string for
// characters it cannot hold returns at once.
const OTHER_LINE_BREAKS = /[\v\f\r\x1c-\x1e\x85\u2028\u2029]/;
let spanBuffer = new Int32Array(1 << 12);

/** Where the lines of str.splitlines() lie: [start, end) UTF-16 offsets, two entries per line. */
export function pyLineSpans(text: string): Int32Array {
  let spans = spanBuffer;
  let k = 0;
  const push = (a: number, b: number) => {
    if (k + 2 > spans.length) {
      const grown = new Int32Array(spans.length * 2);
      grown.set(spans);
      spans = spanBuffer = grown;
    }
    spans[k++] = a;
    spans[k++] = b;
  };
  let start = 0;
  const n = text.length;
  if (!OTHER_LINE_BREAKS.test(text)) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
      push(start, i);
      start = i + 1;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x2029 || !isPyLineBreak(c)) continue;
      push(start, i);
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      start = i + 1;
    }
  }
  if (start < n) push(start, n);
  return spans.slice(0, k);
}

/** The substrings that [start, end) offset pairs mark. */
export function sliceSpans(text: string, spans: Int32Array): string[] {
  const parts: string[] = new Array(spans.length / 2);
  for (let k = 0; k < spans.length; k += 2) parts[k / 2] = text.slice(spans[k], spans[k + 1]);
  return parts;
}

/** str.splitlines() without keepends: no empty element after a final line break. */
export function pySplitlines(text: string): string[] {
  return sliceSpans(text, pyLineSpans(text));
}

/** Where [a, b) starts once stripped: its first offset that is not Python whitespace (b when none). */
export function pyStripStart(s: string, a: number, b: number): number {
  while (a < b && isPySpace(s.charCodeAt(a))) a++;
  return a;
}
/** Where [a, b) ends once stripped: past its last character that is not Python whitespace (a when none). */
export function pyStripEnd(s: string, a: number, b: number): number {
  while (b > a && isPySpace(s.charCodeAt(b - 1))) b--;
  return b;
}
export function pyStrip(s: string): string {
  const a = pyStripStart(s, 0, s.length);
  const b = pyStripEnd(s, a, s.length);
  return a === 0 && b === s.length ? s : s.slice(a, b);
}
export function pyLstrip(s: string): string {
  const a = pyStripStart(s, 0, s.length);
  return a === 0 ? s : s.slice(a);
}
export function pyRstrip(s: string): string {
  const b = pyStripEnd(s, 0, s.length);
  return b === s.length ? s : s.slice(0, b);
}

/** Number of str.split() pieces (runs of non-whitespace), and the longest one in code points. */
export function pySplitStats(s: string): { count: number; longest: number } {
  let count = 0;
  let longest = 0;
  let run = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isPySpace(c)) {
      run = -1;
      continue;
    }
    if (run < 0) {
      count++;
      run = 0;
    }
    if (c < 0xdc00 || c > 0xdfff) run++; // a low surrogate continues the code point before it
    if (run > longest) longest = run;
  }
  return { count, longest };
}

const LOW_SURROGATE = /[\udc00-\udfff]/;

/** len(s): code points, not UTF-16 units. */
export function pyLen(s: string): number {
  if (!LOW_SURROGATE.test(s)) return s.length; // a regex rules out one-byte strings at once
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}

/** s.count(sub): non-overlapping occurrences. */
export function pyCount(s: string, sub: string): number {
  let n = 0;
  for (let i = s.indexOf(sub); i !== -1; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

const LETTER = /\p{L}/u;
/** any(c.isalpha() for c in w): Python's isalpha is the Unicode L* categories. */
export function hasLetter(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return true;
    if (c < 0xaa) continue;
    if (LETTER.test(String.fromCodePoint(w.codePointAt(i)!))) return true;
  }
  return false;
}
