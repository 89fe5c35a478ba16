import { type Span, type TaggerResult, MAX_SPANS, clamp01 } from './common';

// C0/C1 controls other than \t \n \r, format characters (zero-width, bidi
// controls, soft hyphen, a BOM after the start), private-use and noncharacters.
const NONPRINTING = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff]+/g;

export function nonprinting(text: string): TaggerResult {
  const spans: Span[] = [];
  NONPRINTING.lastIndex = 0;
  let n = 0;
  for (let m = NONPRINTING.exec(text); m; m = NONPRINTING.exec(text)) {
    if (m.index === 0 && m[0] === '\ufeff') continue; // a leading byte-order mark is harmless
    n += m[0].length;
    if (spans.length < MAX_SPANS) spans.push({ start: m.index, end: m.index + m[0].length, tag: 'nonprinting' });
  }
  // Two characters tag a document; a single stray zero-width space does not.
  return { signal: clamp01(n / 4), spans };
}
