import { type Span, type TaggerResult, MAX_SPANS, forEachLine, clamp01 } from './common';

// Lines made of numbers, codes and separators: a table or a dump, not prose.
// Fields are split on runs of JavaScript's \s and , ; | (as split(/[\s,;|\t]+/) would, without
// building the strings); a field is numeric when it matches
// /^[-+$€£]?(?:v?\d[\d.,:/%-]*|0x[0-9a-f]+|[0-9a-f]{8,})$/i (v: a version, as in lists of releases).
const isJsSpace = (c: number) =>
  (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
const isFieldSeparator = (c: number) => c === 44 || c === 59 || c === 124 || isJsSpace(c);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
const isNumberPart = (c: number) => isDigit(c) || c === 46 || c === 44 || c === 58 || c === 47 || c === 37 || c === 45;

export function isNumericField(text: string, a: number, b: number): boolean {
  const sign = text.charCodeAt(a);
  if (sign === 45 || sign === 43 || sign === 36 || sign === 0x20ac || sign === 0xa3) a++;
  if (a >= b) return false;
  let all = true;
  const digitsFrom = (text.charCodeAt(a) | 0x20) === 0x76 ? a + 1 : a;
  if (digitsFrom < b && isDigit(text.charCodeAt(digitsFrom))) {
    for (let i = digitsFrom + 1; i < b && all; i++) all = isNumberPart(text.charCodeAt(i));
    if (all) return true;
  }
  if (text.charCodeAt(a) === 48 && (text.charCodeAt(a + 1) | 0x20) === 0x78 && b - a > 2) {
    all = true;
    for (let i = a + 2; i < b && all; i++) all = isHex(text.charCodeAt(i));
    if (all) return true;
  }
  if (b - a < 8) return false;
  for (let i = a; i < b; i++) if (!isHex(text.charCodeAt(i))) return false;
  return true;
}

/** A numeric field this long is a checksum, a key id or a serial, not a figure in a sentence or a phone number. */
const LONG_FIELD = 16;

export function numberTable(text: string): TaggerResult {
  const spans: Span[] = [];
  let tableLines = 0;
  let lines = 0;
  let numeric = 0;
  let tokens = 0;
  forEachLine(text, (start, end) => {
    const stop = Math.min(end, start + 2000);
    let fields = 0;
    let num = 0;
    let longNum = 0;
    for (let i = start; i < stop; ) {
      while (i < stop && isFieldSeparator(text.charCodeAt(i))) i++;
      if (i >= stop) break;
      const a = i;
      while (i < stop && !isFieldSeparator(text.charCodeAt(i))) i++;
      fields++;
      if (isNumericField(text, a, i)) {
        num++;
        if (i - a >= LONG_FIELD) longNum++;
      }
    }
    if (fields === 0) return;
    lines++;
    numeric += num;
    tokens += fields;
    // Two fields make a row when one is a long code (a checksum and its file, an id and its name).
    if ((fields >= 3 && num / fields >= 0.5) || (fields === 2 && longNum > 0)) {
      tableLines++;
      if (spans.length < MAX_SPANS) spans.push({ start, end, tag: 'number_table' });
    }
  });
  const tokenShare = tokens ? numeric / tokens : 0;
  const lineShare = lines ? tableLines / lines : 0;
  // A table needs several such lines; a lone row of figures in prose is not one.
  const signal = tableLines >= 3 ? clamp01(Math.max(lineShare, tokenShare) / 0.6) : clamp01(tokenShare - 0.3);
  return { signal, spans };
}
