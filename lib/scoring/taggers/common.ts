/** What every tagger shares: the span and result types, the thresholds, and the line and match scanners. */
import type { Tagger } from '../names';

export interface Span {
  start: number;
  end: number;
  tag: Tagger;
}

export interface TaggerResult {
  signal: number;
  spans: Span[];
}

/** Signal at or above which a document gets the tag. */
export const THRESHOLDS: Record<Tagger, number> = {
  encoding_error: 0.5,
  ocr_noise: 0.08,
  whitespace: 0.5,
  nonprinting: 0.5,
  number_table: 0.5,
  secret: 0.5,
  all_caps: 0.6,
  non_english: 0.5,
  repetition: 0.5,
  boilerplate: 0.5,
  markup: 0.5,
};

export const MAX_SPANS = 200;
/** Calls `visit(start, end)` for each line from `from` to `to` (end excludes the \n); one indexOf per line. */
export function forEachLine(text: string, visit: (start: number, end: number) => void, from = 0, to = text.length): void {
  let pos = from;
  while (pos < to) {
    let end = text.indexOf('\n', pos);
    if (end < 0 || end > to) end = to;
    visit(pos, end);
    pos = end + 1;
  }
}

/** Line breaks (\n) in a text: indexOf skips the stretches between them far faster than a loop over each character. */
export function countNewlines(text: string): number {
  let n = 0;
  for (let p = text.indexOf('\n'); p !== -1; p = text.indexOf('\n', p + 1)) n++;
  return n;
}
export const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
export const LETTER = /\p{L}/u;

/** Adds a span per match of `re` (up to `limit`); returns the number of matches. */
export function collect(re: RegExp, text: string, tag: Tagger, spans: Span[], limit = MAX_SPANS): number {
  re.lastIndex = 0;
  let n = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    n++;
    if (spans.length < limit) spans.push({ start: m.index, end: m.index + m[0].length, tag });
  }
  return n;
}
