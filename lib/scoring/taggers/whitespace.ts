import { type Span, type TaggerResult, MAX_SPANS, clamp01 } from './common';

// Runs of blanks (a tab counts as 4) and runs of line breaks (with any blanks
// between them). Aligned columns in mail and code stay under 40 blanks (80 when
// they indent a line or pad a box to its right edge), and mail leaves up to ten line breaks before a signature;
// floods go far past that, or come as many big runs.
const BIG_H = 40;
const BIG_V = 12;
/** Horizontal blanks other than the tab: space, no-break space, the U+2000 spaces, ideographic space. */
const isBlank = (c: number) => c === 32 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
/** What a run of whitespace is made of: blanks, tabs and line breaks. */
const isRunSpace = (c: number) => c === 9 || c === 10 || c === 13 || isBlank(c);

/** A box's right edge at `i` (| + * # │ ║ then the line's end): the blanks before it pad a box drawn in text. */
function padsBox(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (!(c === 0x7c || c === 0x2b || c === 0x2a || c === 0x23 || c === 0x2502 || c === 0x2551)) return false;
  const next = text.charCodeAt(i + 1);
  return i + 1 >= text.length || next === 10 || next === 13;
}

export function whitespace(text: string): TaggerResult {
  const spans: Span[] = [];
  let longestH = 0;
  let longestV = 0;
  let big = 0;
  let ws = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isRunSpace(c)) {
      i++;
      continue;
    }
    // A lone space between words (most runs): one blank, which changes nothing once a run of one was seen.
    if (c === 32 && longestH >= 1 && i + 1 < n && !isRunSpace(text.charCodeAt(i + 1))) {
      ws++;
      i += 2;
      continue;
    }
    const start = i;
    let h = 0;
    let runH = 0;
    let v = 0;
    for (; i < n; i++) {
      const d = text.charCodeAt(i);
      if (d === 10) {
        v++;
        if (runH > h) h = runH;
        runH = 0;
      } else if (d === 13) {
        if (runH > h) h = runH;
        runH = 0;
      } else if (d === 9) runH += 4;
      else if (isBlank(d)) runH++;
      else break;
    }
    // The blanks that indent the next line's text are layout (centred titles and
    // aligned columns in mail): they count half. Blanks inside a line or before a
    // line break are a flood at full weight.
    const indents = i < n && (v > 0 || start === 0);
    h = Math.max(h, indents || padsBox(text, i) ? runH / 2 : runH);
    ws += i - start;
    if (h > longestH) longestH = h;
    if (v > longestV) longestV = v;
    if (h >= BIG_H || v >= BIG_V) {
      big++;
      if (spans.length < MAX_SPANS) spans.push({ start, end: i, tag: 'whitespace' });
    }
  }
  const share = n ? ws / n : 0;
  const signal = clamp01(Math.max(longestH / 100, longestV / 24, (share - 0.3) / 0.2, big / 4));
  return { signal, spans };
}
