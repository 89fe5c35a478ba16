import { type Span, type TaggerResult, THRESHOLDS, MAX_SPANS } from './common';

// Case of a UTF-16 unit, as toLowerCase/toUpperCase of it alone tell: cased when they differ, upper when it is its own upper case.
const UNCASED = 1;
const LOWER_CASE = 2;
const UPPER = 3;
const unitCase = new Uint8Array(0x10000); // 0 = not looked up yet
function caseOf(c: number): number {
  let kind = unitCase[c];
  if (kind === 0) {
    const ch = String.fromCharCode(c);
    const up = ch.toUpperCase();
    kind = ch.toLowerCase() === up ? UNCASED : ch === up ? UPPER : LOWER_CASE;
    unitCase[c] = kind;
  }
  return kind;
}
export function allCaps(text: string): TaggerResult {
  let upper = 0;
  let cased = 0;
  const spans: Span[] = [];
  const re = /\p{Lu}{2,}(?:[\s\p{P}\d]+\p{Lu}{2,})*/gu;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      cased++;
    } else if (c >= 97 && c <= 122) cased++;
    else if (c > 127) {
      const kind = caseOf(c);
      if (kind !== UNCASED) {
        cased++;
        if (kind === UPPER) upper++;
      }
    }
  }
  const share = cased >= 20 ? upper / cased : 0;
  if (share >= THRESHOLDS.all_caps) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m && spans.length < MAX_SPANS; m = re.exec(text)) {
      if (m[0].length >= 20) spans.push({ start: m.index, end: m.index + m[0].length, tag: 'all_caps' });
    }
  }
  return { signal: share, spans };
}
