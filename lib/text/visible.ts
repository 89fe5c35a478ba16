/**
 * Corpus text shown as text, with what is invisible made visible: control
 * characters as Unicode control pictures, invisible and bidi-control
 * characters as named marks (which also stops them reordering the page),
 * and runs of combining marks capped so "zalgo" text cannot cover the layout.
 */
export type SegmentKind = 'text' | 'control' | 'invisible' | 'combining' | 'newline' | 'tab' | 'space';

export interface Segment {
  kind: SegmentKind;
  /** What is displayed. */
  display: string;
  /** UTF-16 offsets of the original characters this segment stands for. */
  start: number;
  end: number;
  /** Highlight categories (tags) covering this segment. */
  tags?: string[];
}

const NAMED: Record<number, string> = {
  0x00a0: 'NBSP',
  0x00ad: 'SHY',
  0x034f: 'CGJ',
  0x061c: 'ALM',
  0x115f: 'HCF',
  0x180e: 'MVS',
  0x200b: 'ZWSP',
  0x200c: 'ZWNJ',
  0x200d: 'ZWJ',
  0x200e: 'LRM',
  0x200f: 'RLM',
  0x2028: 'LSEP',
  0x2029: 'PSEP',
  0x202a: 'LRE',
  0x202b: 'RLE',
  0x202c: 'PDF',
  0x202d: 'LRO',
  0x202e: 'RLO',
  0x2060: 'WJ',
  0x2066: 'LRI',
  0x2067: 'RLI',
  0x2068: 'FSI',
  0x2069: 'PDI',
  0xfeff: 'BOM',
  0xfffc: 'OBJ',
};

/** Combining marks beyond this many in a row are summarised. */
export const MAX_COMBINING_RUN = 4;

const COMBINING = /\p{M}/u;

function classify(cp: number): { kind: SegmentKind; display: string } | null {
  if (cp === 0x0a) return { kind: 'newline', display: '\n' };
  if (cp === 0x09) return { kind: 'tab', display: '\t' };
  if (cp < 0x20) return { kind: 'control', display: String.fromCharCode(0x2400 + cp) };
  if (cp === 0x7f) return { kind: 'control', display: '\u2421' };
  if (cp >= 0x80 && cp < 0xa0) return { kind: 'control', display: `⟨${cp.toString(16).toUpperCase().padStart(4, '0')}⟩` };
  if (NAMED[cp]) return { kind: 'invisible', display: `⟨${NAMED[cp]}⟩` };
  if ((cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0xe0000 && cp <= 0xe007f)) {
    return { kind: 'invisible', display: `⟨U+${cp.toString(16).toUpperCase()}⟩` };
  }
  return null;
}

/** Splits text into displayable segments; plain text runs stay whole. */
export function visibleSegments(text: string, options: { singleLine?: boolean } = {}): Segment[] {
  const out: Segment[] = [];
  let runStart = 0;
  let combining = 0;
  let combiningStart = -1;
  const flushText = (end: number) => {
    if (end > runStart) out.push({ kind: 'text', display: text.slice(runStart, end), start: runStart, end });
  };
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    const special = classify(cp);
    if (special) {
      flushText(i);
      let display = special.display;
      if (options.singleLine && special.kind === 'newline') display = '⏎';
      if (options.singleLine && special.kind === 'tab') display = '⇥';
      out.push({ kind: special.kind, display, start: i, end: i + size });
      runStart = i + size;
      combining = 0;
    } else if (COMBINING.test(String.fromCodePoint(cp))) {
      combining++;
      if (combining === MAX_COMBINING_RUN + 1) {
        flushText(i);
        combiningStart = i;
      }
      if (combining > MAX_COMBINING_RUN) {
        // Absorb the rest of the run into one marker.
        let j = i + size;
        let extra = combining;
        while (j < text.length) {
          const c = text.codePointAt(j)!;
          if (!COMBINING.test(String.fromCodePoint(c))) break;
          extra++;
          j += c > 0xffff ? 2 : 1;
        }
        out.push({ kind: 'combining', display: `⟨+${extra - MAX_COMBINING_RUN} marks⟩`, start: combiningStart, end: j });
        runStart = j;
        i = j;
        combining = 0;
        continue;
      }
    } else combining = 0;
    i += size;
  }
  flushText(text.length);
  return out;
}

/** A one-line preview of at most `maxChars` characters with invisibles made visible. */
export function previewText(text: string, maxChars = 200): string {
  const cut = text.length > maxChars ? text.slice(0, maxChars) : text;
  const shown = visibleSegments(cut, { singleLine: true })
    .map((s) => (s.kind === 'text' ? s.display.replace(/ {2,}/g, (m) => ` ·${m.length}· `) : s.display))
    .join('');
  return text.length > maxChars ? `${shown}…` : shown;
}

export interface Span {
  start: number;
  end: number;
  tag: string;
}

/** Splits segments at span edges and marks each piece with the tags covering it. */
export function highlightSegments(segments: Segment[], spans: Span[]): Segment[] {
  if (spans.length === 0) return segments;
  const cuts = new Set<number>();
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const out: Segment[] = [];
  for (const seg of segments) {
    const inner = [...cuts].filter((c) => c > seg.start && c < seg.end).sort((a, b) => a - b);
    const bounds = seg.kind === 'text' ? [seg.start, ...inner, seg.end] : [seg.start, seg.end];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const [a, b] = [bounds[k], bounds[k + 1]];
      const tags = spans.filter((s) => s.start < b && s.end > a).map((s) => s.tag);
      const display = seg.kind === 'text' ? seg.display.slice(a - seg.start, b - seg.start) : seg.display;
      out.push({ ...seg, start: a, end: b, display, tags: tags.length ? [...new Set(tags)] : undefined });
    }
  }
  return out;
}
