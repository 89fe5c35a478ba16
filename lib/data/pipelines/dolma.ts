/**
 * Dolma attributes joined to their documents (allenai/dolma at 669f534,
 * python/dolma/core/runtime.py): each attributes file is row-aligned with its
 * documents file, a row `{id, source?, attributes: {"<experiment>__<tagger>__<name>":
 * [[start, end, score], …]}}` with start/end as Python string indices (code points).
 *
 * An attribute whose spans all cover their whole document (one `[0, len(text), s]`,
 * what Dolma's document-level taggers write) is a document score: a column of
 * its own. Any other attribute is a span tag: `<key>__spans` (count) and
 * `<key>__max` (highest span score) columns, its key in the row's tags, and its
 * spans, converted to UTF-16 offsets for highlighting, in `dolma_spans`.
 */
import type { ParsedColumn, ParsedTable } from '../columns';
import { InputError } from '../errors';

/** The column holding a document's spans: JSON `[[key, start, end, score], …]`, UTF-16 offsets. */
export const DOLMA_SPANS_COLUMN = 'dolma_spans';
const ATTRIBUTES_PREFIX = 'attributes.';

export interface AttributesInput {
  experiment: string;
  file: string;
  table: ParsedTable;
}

export interface DolmaJoin {
  table: ParsedTable;
  /** New columns and where they came from (`dolma:<experiment>`). */
  origins: Record<string, string>;
}

type Span = [number, number, number];

/** UTF-16 offsets of code-point offsets into `text` (offsets past the end map to the end). */
export function codePointsToUtf16(text: string, offsets: number[]): number[] {
  const order = offsets.map((o, i) => [o, i]).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(offsets.length);
  let cp = 0;
  let u = 0;
  for (const [o, i] of order) {
    while (cp < o && u < text.length) {
      const c = text.charCodeAt(u);
      u += c >= 0xd800 && c <= 0xdbff && u + 1 < text.length ? 2 : 1;
      cp++;
    }
    out[i] = u;
  }
  return out;
}

/** A string's length in code points (Python's len). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let u = 0; u < text.length; u++, n++) {
    const c = text.charCodeAt(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length) u++;
  }
  return n;
}

const textColumn = (t: ParsedTable, name: string) => t.columns.find((c) => c.name === name && c.type === 'utf8') as Extract<ParsedColumn, { type: 'utf8' }> | undefined;

function idAt(t: ParsedTable, r: number): string | null {
  const c = t.columns.find((x) => x.name === 'id');
  if (!c) return null;
  if (c.type === 'utf8') return c.values[r];
  return c.valid[r] ? String(c.values[r]) : null;
}

function parseSpans(value: string | null, file: string, row: number, key: string): Span[] | null {
  if (value === null) return null;
  let spans: unknown;
  try {
    spans = JSON.parse(value);
  } catch {
    spans = null;
  }
  const ok = Array.isArray(spans) && spans.every((s) => Array.isArray(s) && s.length >= 2 && s.length <= 3 && s.every((x) => typeof x === 'number'));
  if (!ok) throw new InputError('bad_layout', `${file}, row ${row + 1}: attribute "${key}" is not a list of [start, end, score] spans`, { file, line: row + 1, column: key });
  return (spans as number[][]).map((s) => [s[0], s[1], s.length === 3 ? s[2] : 1]);
}

/**
 * Joins the attributes files of a documents file to it; errors name the
 * attributes file and the first row that does not line up.
 */
export function joinDolmaAttributes(docs: ParsedTable, docsFile: string, inputs: AttributesInput[]): DolmaJoin {
  const text = textColumn(docs, 'text');
  const lengths = text ? text.values.map((t) => (t === null ? 0 : codePointLength(t))) : null;
  const origins: Record<string, string> = {};
  const columns: ParsedColumn[] = [];
  const rowSpans: Array<Array<[string, number, number, number]>> = Array.from({ length: docs.rowCount }, () => []);
  const rowTags: string[][] = Array.from({ length: docs.rowCount }, () => []);

  for (const input of inputs) {
    const { table, file, experiment } = input;
    if (table.rowCount !== docs.rowCount) {
      const row = Math.min(table.rowCount, docs.rowCount) + 1;
      throw new InputError('bad_layout', `${file}: ${table.rowCount} rows, but ${docsFile} has ${docs.rowCount}: attributes files are row-aligned with their documents (first row without a partner: ${row})`, { file, line: row });
    }
    for (let r = 0; r < docs.rowCount; r++) {
      const a = idAt(table, r);
      const d = idAt(docs, r);
      if (a !== d) throw new InputError('bad_layout', `${file}, row ${r + 1}: id ${JSON.stringify(a)}, but row ${r + 1} of ${docsFile} is ${JSON.stringify(d)}: attributes rows must be in the documents' order`, { file, line: r + 1 });
    }
    for (const column of table.columns) {
      if (!column.name.startsWith(ATTRIBUTES_PREFIX) || column.type !== 'utf8') continue;
      const key = column.name.slice(ATTRIBUTES_PREFIX.length);
      const spans = column.values.map((v, r) => parseSpans(v, file, r, key));
      const wholeDocument = lengths !== null && spans.some((s) => s !== null && s.length > 0) && spans.every((s, r) => s === null || s.length === 0 || (s.length === 1 && s[0][0] === 0 && s[0][1] >= lengths[r]));
      origins[key] = `dolma:${experiment}`;
      if (wholeDocument) {
        columns.push(numberColumn(key, spans.map((s) => (s && s.length === 1 ? s[0][2] : null)), 'float64'));
        continue;
      }
      columns.push(numberColumn(`${key}__spans`, spans.map((s) => (s === null ? null : s.length)), 'int64'));
      columns.push(numberColumn(`${key}__max`, spans.map((s) => (s && s.length > 0 ? Math.max(...s.map((x) => x[2])) : null)), 'float64'));
      origins[`${key}__spans`] = origins[`${key}__max`] = `dolma:${experiment}`;
      delete origins[key];
      spans.forEach((s, r) => {
        if (!s || s.length === 0) return;
        rowTags[r].push(key);
        const t = text?.values[r] ?? '';
        const at = codePointsToUtf16(t, s.flatMap((x) => [x[0], x[1]]));
        s.forEach((x, k) => rowSpans[r].push([key, at[2 * k], at[2 * k + 1], x[2]]));
      });
    }
  }
  const taken = new Set(docs.columns.map((c) => c.name));
  const clash = columns.find((c) => taken.has(c.name));
  if (clash) throw new InputError('bad_layout', `${docsFile}: has a column "${clash.name}", the name of an attribute`, { file: docsFile, column: clash.name });
  const extra: ParsedColumn[] = [...columns];
  if (rowSpans.some((s) => s.length > 0)) {
    extra.push({ name: DOLMA_SPANS_COLUMN, type: 'utf8', values: rowSpans.map((s) => (s.length ? JSON.stringify(s) : null)) });
    if (!taken.has('tags')) extra.push({ name: 'tags', type: 'utf8', values: rowTags.map((t) => (t.length ? t.join(',') : null)) });
  }
  return { table: { rowCount: docs.rowCount, columns: [...docs.columns, ...extra] }, origins };
}

function numberColumn(name: string, values: Array<number | null>, type: 'float64' | 'int64'): ParsedColumn {
  const out = new Float64Array(values.length);
  const valid = new Uint8Array(values.length);
  values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) {
      out[i] = v;
      valid[i] = 1;
    }
  });
  return { name, type, values: out, valid };
}

/** A document's Dolma spans from its `dolma_spans` value. */
export function parseDolmaSpans(value: unknown): Array<{ key: string; start: number; end: number; score: number }> {
  if (typeof value !== 'string' || value === '') return [];
  try {
    const rows = JSON.parse(value) as Array<[string, number, number, number]>;
    return rows.map(([key, start, end, score]) => ({ key, start, end, score }));
  } catch {
    return [];
  }
}
