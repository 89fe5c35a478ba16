/**
 * Mojibake found by undoing it: UTF-8 bytes shown through another encoding turn
 * back into valid UTF-8 when the text is encoded again in that encoding. For
 * each run of non-ASCII characters and each encoding below, encode the run
 * (every character must exist in that encoding) and decode the bytes as UTF-8:
 * the run is explained when that gives multi-byte characters of a living
 * script and no invalid byte. Text really written in that encoding almost
 * never does (Russian in KOI8-R is letters in C0-FF, never lead + continuation
 * pairs; a Chinese phrase in GBK breaks UTF-8 within a character or two).
 *
 * The tables come from the platform's TextDecoder (the WHATWG encodings, in
 * every browser and in Node with ICU), built lazily on first use: code page 437
 * and raw Latin-1 are not WHATWG encodings and are written out below.
 */

type Table = Map<number, number[]>; // code point → bytes in that encoding

// Bytes 80-FF of code page 437 (DOS consoles), which no TextDecoder decodes.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
const SINGLE_BYTE = ['windows-1252', 'macintosh', 'windows-1251', 'koi8-r', 'koi8-u', 'ibm866', 'windows-1250', 'iso-8859-2', 'windows-1253', 'windows-1254', 'windows-1257'];
const DOUBLE_BYTE = ['gbk', 'big5', 'shift_jis', 'euc-jp', 'euc-kr'];

interface Tables {
  list: Array<{ name: string; table: Table }>;
  /** Per code point, a bit per table that holds it: a run is tried only in encodings that hold all of it. */
  masks: Map<number, number>;
}
let tables: Tables | null = null;

function decoder(name: string): TextDecoder | null {
  try {
    return new TextDecoder(name);
  } catch {
    return null; // a runtime without ICU's legacy encodings: those are not checked
  }
}

function singleByteTable(name: string): Table | null {
  const d = decoder(name);
  if (!d) return null;
  const table: Table = new Map();
  const bytes = new Uint8Array(128).map((_, i) => 0x80 + i);
  const chars = [...d.decode(bytes)];
  if (chars.length !== 128) return null;
  chars.forEach((c, i) => {
    const cp = c.codePointAt(0)!;
    if (cp !== 0xfffd && !table.has(cp)) table.set(cp, [0x80 + i]);
  });
  return table;
}

/** Every lead/trail pair (and every single high byte) the decoder accepts, one per line so a bad pair cannot shift the rest. */
function doubleByteTable(name: string): Table | null {
  const d = decoder(name);
  if (!d) return null;
  const table: Table = new Map();
  const record = (text: string, bytes: number[]) => {
    const chars = [...text];
    if (chars.length !== 1) return;
    const cp = chars[0].codePointAt(0)!;
    if (cp >= 0x80 && cp !== 0xfffd && !table.has(cp)) table.set(cp, bytes);
  };
  const singles = d.decode(new Uint8Array(256).map((_, i) => (i % 2 === 0 ? 0x80 + i / 2 : 0x0a))).split('\n');
  for (let i = 0; i < 128; i++) record(singles[i] ?? '', [0x80 + i]);
  const buf = new Uint8Array(128 * 192 * 3);
  let k = 0;
  for (let lead = 0x80; lead <= 0xff; lead++)
    for (let trail = 0x40; trail <= 0xff; trail++) {
      buf[k++] = lead;
      buf[k++] = trail;
      buf[k++] = 0x0a;
    }
  const pieces = d.decode(buf).split('\n');
  let p = 0;
  for (let lead = 0x80; lead <= 0xff; lead++)
    for (let trail = 0x40; trail <= 0xff; trail++) record(pieces[p++] ?? '', [lead, trail]);
  return table;
}

function allTables(): Tables {
  if (tables) return tables;
  const list: Array<{ name: string; table: Table }> = [];
  const latin1: Table = new Map();
  for (let b = 0x80; b <= 0xff; b++) latin1.set(b, [b]);
  list.push({ name: 'latin1', table: latin1 });
  const cp437: Table = new Map();
  [...CP437_HIGH].forEach((c, i) => cp437.set(c.codePointAt(0)!, [0x80 + i]));
  list.push({ name: 'ibm437', table: cp437 });
  for (const name of SINGLE_BYTE) {
    const t = singleByteTable(name);
    if (t) list.push({ name, table: t });
  }
  for (const name of DOUBLE_BYTE) {
    const t = doubleByteTable(name);
    if (t) list.push({ name, table: t });
  }
  const masks = new Map<number, number>();
  list.forEach(({ table }, e) => {
    for (const cp of table.keys()) masks.set(cp, (masks.get(cp) ?? 0) | (1 << e));
  });
  tables = { list, masks };
  return tables;
}

/**
 * A character that UTF-8 mojibake plausibly stood for: a letter of a living script
 * (Latin up to Latin Extended-B, Greek, Cyrillic, Armenian, Hebrew and Arabic letters,
 * Indic, kana, Han, Hangul), typographic punctuation, currency, the no-break space, a
 * few symbols man pages and mail use (© ® ° ± × ÷ arrows, box drawing). IPA, Latin
 * Extended Additional (ṹ is Sámi ášš in Latin-2), combining marks, controls and rare
 * blocks are not: a short run of clean text that happens to re-encode lands there.
 */
function plausible(cp: number): boolean {
  return (
    (cp >= 0xa0 && cp <= 0x24f && cp !== 0xad) ||
    (cp >= 0x370 && cp <= 0x3ff) ||
    (cp >= 0x400 && cp <= 0x4ff) ||
    (cp >= 0x531 && cp <= 0x587) ||
    (cp >= 0x5d0 && cp <= 0x5ea) ||
    (cp >= 0x620 && cp <= 0x64a) ||
    (cp >= 0x900 && cp <= 0xdff) ||
    (cp >= 0x2010 && cp <= 0x2027) ||
    (cp >= 0x2030 && cp <= 0x203a) ||
    (cp >= 0x20a0 && cp <= 0x20bf) ||
    cp === 0x2122 ||
    (cp >= 0x2190 && cp <= 0x21ff) ||
    (cp >= 0x2500 && cp <= 0x257f) ||
    (cp >= 0x3000 && cp <= 0x30ff) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xff01 && cp <= 0xff5e)
  );
}

/**
 * Code points of `bytes` read as UTF-8, or null at the first invalid or cut-off sequence.
 * By hand rather than a fatal TextDecoder (as lib/util/utf8.ts uses for whole files): most
 * runs of clean text are invalid here, and an exception per run would cost more than the
 * decode, and the code points are wanted, not a string.
 */
function decodeUtf8(bytes: number[]): number[] | null {
  const cps: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      cps.push(b);
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return null;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return null;
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (c & 0x3f);
    }
    if ((need === 2 && cp < 0x800) || (need === 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    cps.push(cp);
    i += need + 1;
  }
  return cps;
}

export interface Reencoded {
  /** Encoding that explains the most runs ('' when none explains any). */
  encoding: string;
  /** Runs of non-ASCII characters in the text (up to the scan limit) and their length in UTF-16 units. */
  runs: number;
  runChars: number;
  /** Runs that encoding turns back into UTF-8, with their offsets, and their length in all. */
  explained: Array<{ start: number; end: number }>;
  explainedChars: number;
  /** Non-ASCII characters the explained runs decode to. */
  decoded: number;
}

const RUN = /[^\u0000-\u007f]+/g;
const MAX_RUNS = 4000;

/** Which encoding, if any, explains the text's non-ASCII runs as UTF-8 shown through it. */
export function reencodedRuns(text: string): Reencoded {
  const best: Reencoded = { encoding: '', runs: 0, runChars: 0, explained: [], explainedChars: 0, decoded: 0 };
  RUN.lastIndex = 0;
  if (!RUN.test(text)) return best;
  const { list, masks } = allTables();
  const found = list.map(() => ({ explained: [] as Reencoded['explained'], chars: 0, decoded: 0 }));
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m && best.runs < MAX_RUNS; m = RUN.exec(text)) {
    best.runs++;
    best.runChars += m[0].length;
    const cps: number[] = [];
    let mask = -1;
    for (const c of m[0]) {
      const cp = c.codePointAt(0)!;
      cps.push(cp);
      mask &= masks.get(cp) ?? 0;
      if (mask === 0) break;
    }
    for (let e = 0; mask !== 0 && e < list.length; e++) {
      if ((mask & (1 << e)) === 0) continue;
      const bytes: number[] = [];
      for (const cp of cps) bytes.push(...list[e].table.get(cp)!);
      const decoded = decodeUtf8(bytes);
      if (!decoded || !decoded.every((cp) => cp < 0x80 || plausible(cp))) continue;
      const multi = decoded.filter((cp) => cp >= 0x80).length;
      if (multi === 0) continue;
      found[e].explained.push({ start: m.index, end: m.index + m[0].length });
      found[e].chars += m[0].length;
      found[e].decoded += multi;
    }
  }
  found.forEach((f, e) => {
    if (f.chars > best.explainedChars) {
      best.encoding = list[e].name;
      best.explained = f.explained;
      best.explainedChars = f.chars;
      best.decoded = f.decoded;
    }
  });
  return best;
}
