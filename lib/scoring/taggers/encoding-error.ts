import { type Span, type TaggerResult, MAX_SPANS, clamp01, LETTER } from './common';
import { reencodedRuns } from './reencode';

// UTF-8 read as Windows-1252 or Latin-1: a lead byte shown as Â-ô followed by
// the right number of continuation bytes shown as U+0080-U+00BF or their
// Windows-1252 glyphs (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
const CP1252_CONT = '\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178';
const CONT = `[\\u0080-\\u00bf${CP1252_CONT}]`;
// UTF-8 Cyrillic read as Windows-1251: every letter becomes Р or С (lead bytes D0, D1)
// and the Windows-1251 glyph of a continuation byte (РџСЂРёРІРµС‚). Two such pairs in a
// row never occur in Russian or Ukrainian text.
const CP1251_CONT =
  '\u0402\u0403\u201a\u0453\u201e\u2026\u2020\u2021\u20ac\u2030\u0409\u2039\u040a\u040c\u040b\u040f\u0452\u2018\u2019\u201c\u201d' +
  '\u2022\u2013\u2014\u0098\u2122\u0459\u203a\u045a\u045c\u045b\u045f\u00a0\u040e\u045e\u0408\u00a4\u0490\u00a6\u00a7\u0401\u00a9' +
  '\u0404\u00ab\u00ac\u00ad\u00ae\u0407\u00b0\u00b1\u0406\u0456\u0491\u00b5\u00b6\u00b7\u0451\u2116\u0454\u00bb\u0458\u0405\u0455\u0457';
// UTF-8 read as Mac Roman: E2 80 xx (quotes, dashes) shows as ‚Ä plus a glyph; C3 xx (é, ü…) as √ plus one.
const MAC_ROMAN = '\u201a\u00c4\\S|\u221a[\u00a9\u00ae\u2020\u00a7\u00b6\u2022\u00df\u2122\u00b4\u00a8\u00b1\u2264\u2265\u00b5\u2202\u2211\u220f\u03c0\u222b\u00aa\u00ba\u03a9\u00e6\u00f8\u00a2\u00a3\u00a5\u00b0\u00c4\u00c5\u00c7\u00c9\u00d1\u00d6\u00dc\u00e1\u00e0\u00e2\u00e4\u00e3\u00e5\u00e7\u00e9\u00e8\u00ea\u00eb\u00ed\u00ec\u00ee\u00ef\u00f1\u00f3\u00f2\u00f4\u00f6\u00f5\u00fa\u00f9\u00fb\u00fc\u2260\u221e]';
// Double-byte text (GBK, Big5, Shift_JIS, EUC-KR) read as Latin-1 or Windows-1252: runs
// of accented letters and symbols (ÖÐÎÄ²âÊÔ). A run counts from six characters, or
// from four when it holds a symbol (² ± ¿ × …): Sámi or Bora words have four letters
// in a row (õõžž, ííñú), never a symbol. Middle dot and macron make leaders and rules
// in clean text and are left out.
const LATIN1_RUN = /[\u00a1-\u00ae\u00b0-\u00b6\u00b8-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u201a]{4,}/g;
const LATIN1_SYMBOL = /[\u00a1-\u00bf\u00d7\u00f7\u0192\u02c6\u02dc\u201a]/;
// UTF-8 read as Windows-1250 (Czech, Slovak, Polish, Romanian pages): é shows as Ă© and š
// as Ĺˇ. Ş and ş are left out: Romanian capitals write ĂŞ (PĂŞUNE).
const CP1250_CONT =
  '\u20ac\u0081\u201a\u0083\u201e\u2026\u2020\u2021\u0088\u2030\u0160\u2039\u015a\u0164\u017d\u0179\u0090\u2018\u2019\u201c\u201d' +
  '\u2022\u2013\u2014\u0098\u2122\u0161\u203a\u015b\u0165\u017e\u017a\u02c7\u02d8\u0141\u00a4\u0104\u00a6\u00a7\u00a8\u00a9' +
  '\u00ab\u00ac\u00ad\u00ae\u017b\u00b0\u00b1\u02db\u0142\u00b4\u00b5\u00b6\u00b7\u00b8\u0105\u00bb\u013d\u02dd\u013e\u017c';
// UTF-8 Cyrillic read as code page 437 (DOS consoles): lead bytes D0, D1 show as ╨ ╤ and
// continuation bytes as the letters and box pieces of 80-BF (╨┐╤Ç╨░). Box drawings put
// ═ (CD) after ╤, never two such pairs in a row.
const CP437_CONT = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐';
const MOJIBAKE = new RegExp(
  `[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}|\\ufffd+|(?:[\u0420\u0421][${CP1251_CONT}]){2,}|` +
    `(?:[\u2568\u2564][${CP437_CONT}]){2,}|[\u0102\u0139][${CP1250_CONT}]|${MAC_ROMAN}|[\\u0080-\\u009f]`,
  'g',
);
const MOJIBAKE_ANY = new RegExp(MOJIBAKE.source);
// Punctuation that clean text puts after a word ending in a capital with an accent
// (JOSÉ’s, VOCÊ…, CAFÉ–BAR): see mojibakeWeight.
const AFTER_WORD = new Set([0x2018, 0x2019, 0x201c, 0x201d, 0x2013, 0x2014, 0x2026, 0x2022]);

// C1 controls at the code points Windows-1252 uses for punctuation (… ‘ ’ “ ” – — • € ™ „ ‹ ›).
const CP1252_C1_PUNCT = new Set([0x80, 0x82, 0x84, 0x85, 0x8b, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x99, 0x9b]);
const CONTROL_OR_FORMAT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;
/**
 * A C1 control standing where Windows-1252 text read as Latin-1 leaves one (don\u0092t,
 * \u0093word\u0094, wait\u0085 what): one of the punctuation code points, between ordinary
 * characters, and inside a word only as an apostrophe or a dash. Controls among other
 * controls, or in the middle of a word, are debris: the nonprinting tagger's business.
 */
function cp1252Punctuation(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  const before = text.charAt(index - 1);
  const after = text.charAt(index + 1);
  if (!CP1252_C1_PUNCT.has(code) || CONTROL_OR_FORMAT.test(before) || CONTROL_OR_FORMAT.test(after)) return false;
  return code === 0x92 || code === 0x96 || code === 0x97 || !(LETTER.test(before) && LETTER.test(after));
}

/**
 * Evidence of one matched sequence, in quarters of what tags a document: 4 for a
 * sequence clean text does not hold, 2 for one it rarely holds, 0 for the layouts of
 * clean text (punctuation after an accented capital, French no-break spaces).
 * A two-character sequence is strong inside a word (HÃ´tel, NicolÃ¡s, LiĂ¨ge) or
 * after Â (Â£, Â plus a no-break space: UTF-8's C2 prefix); three or more characters
 * (â€™, ï¿½) are strong unless a no-break space comes second (« voilà » typography) or
 * the two last are one character doubled; a lone C1 control (Windows-1252
 * punctuation read as Latin-1) and each run of U+FFFD are weak: mail keeps one of
 * those as a transport scar (encodingError weighs U+FFFD runs by how densely they come).
 */
function mojibakeWeight(text: string, match: string, index: number): number {
  const lead = match.charCodeAt(0);
  const second = match.charCodeAt(1);
  const inWord = () => {
    const next = text.codePointAt(index + match.length);
    return next !== undefined && LETTER.test(String.fromCodePoint(next));
  };
  if (lead === 0xfffd) return 2;
  if (lead <= 0x9f) return cp1252Punctuation(text, index) ? 2 : 0;
  if (lead >= 0xc2 && lead <= 0xdf) {
    if (lead === 0xc2) return 4;
    if (second === 0xa0) return lead === 0xc3 ? 2 : 0; // Finnish SELKÄ + no-break space
    // Quotes and dashes after an accented capital are punctuation (JOSÉ’s, VOCÊ…): the
    // characters they would stand for (ɒ, Ʌ) are IPA. Not so after Ã (AÃ‘OS is AÑOS) and
    // Å inside a word (cÅ“ur is cœur).
    if (lead !== 0xc3 && AFTER_WORD.has(second)) return lead === 0xc5 && inWord() ? 4 : 0;
    return inWord() ? 4 : 2;
  }
  if (lead >= 0xe0 && lead <= 0xf4) {
    if (second === 0xa0) return 0;
    // One character doubled: an accent used as a quote (lá´´) is weak; a doubled letter
    // is Sámi spelling (áššiid, guhkâžžân).
    if (match.length === 3 && second === match.charCodeAt(2)) return LETTER.test(match[1]) ? 0 : 2;
    return 4;
  }
  if (lead === 0x0420 || lead === 0x0421 || lead === 0x2568 || lead === 0x2564) return match.length >= 6 ? 4 : 2;
  if (lead === 0x201a) return 4; // Mac Roman ‚Ä
  // Mac Roman √ before a Latin letter (caf√©, wei√ü), not before a symbol (√π is mathematics).
  if (lead === 0x221a) return /[\u00c0-\u00ff]/.test(match[1]) ? 4 : 2;
  return !AFTER_WORD.has(second) && inWord() ? 4 : 2; // Windows-1250 Ă or Ĺ plus one
}

/** Share of the non-ASCII runs' characters one encoding must turn back into UTF-8. */
const REENCODED_SHARE = 0.3;

export function encodingError(text: string): TaggerResult {
  const spans: Span[] = [];
  let n = 0;
  let replacementRuns = 0;
  MOJIBAKE.lastIndex = 0;
  for (let m = MOJIBAKE.exec(text); m; m = MOJIBAKE.exec(text)) {
    const weight = mojibakeWeight(text, m[0], m.index);
    if (weight === 0) continue;
    if (m[0].charCodeAt(0) === 0xfffd) replacementRuns++;
    else n += weight;
    if (spans.length < MAX_SPANS) spans.push({ start: m.index, end: m.index + m[0].length, tag: 'encoding_error' });
  }
  LATIN1_RUN.lastIndex = 0;
  for (let m = LATIN1_RUN.exec(text); m; m = LATIN1_RUN.exec(text)) {
    const run = m[0];
    // A run holding a sequence found above is that sequence, already counted.
    if ((run.length < 6 && !LATIN1_SYMBOL.test(run)) || MOJIBAKE_ANY.test(run)) continue;
    n += 2;
    if (spans.length < MAX_SPANS) spans.push({ start: m.index, end: m.index + run.length, tag: 'encoding_error' });
  }
  if (replacementRuns) {
    // Two runs of U+FFFD tag a short text, or a long one that has them throughout (two per
    // 1,000 characters); a long mail with two or three is a transport scar: three needed.
    const dense = replacementRuns / Math.max(1, text.length / 1000) >= 2;
    n += dense ? 2 * replacementRuns : (4 * replacementRuns) / 3;
  }
  // Runs that turn back into UTF-8 in one encoding (KOI8-R, GBK, Shift_JIS, CP437… as well as
  // the ones above): most of a text's non-ASCII runs explained is mojibake whatever the pair;
  // clean CJK or Cyrillic text has at most a tenth of its runs explained by chance.
  const undone = reencodedRuns(text);
  if (undone.decoded >= 2 && undone.explainedChars >= REENCODED_SHARE * undone.runChars) {
    n += 8;
    // Runs the sequence rules marked already keep their spans.
    const before = spans.length;
    for (const r of undone.explained) {
      if (spans.length >= MAX_SPANS) break;
      let overlaps = false;
      for (let k = 0; k < before && !overlaps; k++) overlaps = spans[k].start < r.end && r.start < spans[k].end;
      if (!overlaps) spans.push({ ...r, tag: 'encoding_error' });
    }
  }
  if (n > 0) spans.sort((a, b) => a.start - b.start);
  // Evidence 4 (signal 0.5) tags a document: one unmistakable sequence, or two weak ones.
  return { signal: clamp01(n / 8), spans };
}
