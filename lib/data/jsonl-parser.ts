import { ColumnAccumulator, type ParsedTable } from './columns';
import { InputError } from './errors';
import { replacementsAdded } from '../util/utf8';

export type BadLinePolicy = 'error' | 'skip';

export interface BadLine {
  line: number;
  message: string;
}

export interface JsonlReport {
  rows: number;
  bytes: number;
  lines: number;
  blankLines: number;
  badLines: { count: number; examples: BadLine[] };
  invalidUtf8: { lines: number; replacedChars: number };
  /** NaN / Infinity literals (written by Python's json module) read as text so they count as non-numeric. */
  nonStandardNumbers: number;
}

const MAX_EXAMPLES = 5;
const NEWLINE = 0x0a;

/**
 * Streaming JSONL parser: push byte chunks, then finish(). Lines are split on
 * bytes so a multi-byte character across chunk edges is never cut; a very long
 * line is gathered as pieces and joined once, so it costs linear time.
 */
export class JsonlParser {
  private readonly fileName: string;
  private readonly policy: BadLinePolicy;
  private readonly fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  private readonly lossyDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  private readonly acc = new ColumnAccumulator();
  private pending: Uint8Array[] = [];
  private lineNo = 0;
  private readonly report: JsonlReport = {
    rows: 0,
    bytes: 0,
    lines: 0,
    blankLines: 0,
    badLines: { count: 0, examples: [] },
    invalidUtf8: { lines: 0, replacedChars: 0 },
    nonStandardNumbers: 0,
  };

  constructor(fileName: string, policy: BadLinePolicy = 'error') {
    this.fileName = fileName;
    this.policy = policy;
  }

  push(chunk: Uint8Array): void {
    this.report.bytes += chunk.length;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl === -1) break;
      const piece = chunk.subarray(start, nl);
      if (this.pending.length > 0) {
        this.pending.push(piece);
        this.handleLine(concat(this.pending));
        this.pending = [];
      } else {
        this.handleLine(piece);
      }
      start = nl + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.slice(start));
  }

  finish(): { table: ParsedTable; report: JsonlReport } {
    if (this.pending.length > 0) {
      this.handleLine(concat(this.pending));
      this.pending = [];
    }
    if (this.report.bytes === 0) {
      throw new InputError('empty_file', `${this.fileName}: the file is empty`, { file: this.fileName });
    }
    if (this.acc.rowCount === 0) {
      const why = this.report.badLines.count > 0 ? ` (all ${this.report.badLines.count} non-blank lines were malformed)` : ' (only blank lines)';
      throw new InputError('no_rows', `${this.fileName}: no rows${why}`, { file: this.fileName });
    }
    this.report.rows = this.acc.rowCount;
    return { table: this.acc.finish(), report: this.report };
  }

  private handleLine(bytes: Uint8Array): void {
    this.lineNo += 1;
    this.report.lines = this.lineNo;
    const text = this.decode(lineBody(bytes, this.lineNo));
    const record = parseRecordLine(text);
    if (record.kind === 'blank') this.report.blankLines += 1;
    else if (record.kind === 'bad') this.bad(record.message);
    else {
      this.report.nonStandardNumbers += record.repairedNumbers;
      this.acc.addRow(record.value);
    }
  }

  private decode(bytes: Uint8Array): string {
    try {
      return this.fatalDecoder.decode(bytes);
    } catch {
      const text = this.lossyDecoder.decode(bytes);
      this.report.invalidUtf8.lines += 1;
      this.report.invalidUtf8.replacedChars += replacementsAdded(text, bytes);
      return text;
    }
  }

  private bad(message: string): void {
    const where = { file: this.fileName, line: this.lineNo };
    if (this.policy === 'error') {
      throw new InputError('bad_json_line', `${this.fileName}, line ${this.lineNo}: malformed JSON: ${message}`, where);
    }
    this.report.badLines.count += 1;
    if (this.report.badLines.examples.length < MAX_EXAMPLES) this.report.badLines.examples.push({ line: this.lineNo, message });
  }
}

/** A line's content: without a trailing CR, and without a UTF-8 BOM on line 1. */
export function lineBody(bytes: Uint8Array, lineNo: number): Uint8Array {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0d) end -= 1;
  const begin = lineNo === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.subarray(begin, end);
}

export type RecordLine =
  | { kind: 'blank' }
  | { kind: 'bad'; message: string }
  | { kind: 'row'; value: Record<string, unknown>; repairedNumbers: number };

/**
 * What one decoded line is: blank, malformed, or a record (a JSON object).
 * The loader and the corpus export both use it, so they agree on which lines are rows.
 */
export function parseRecordLine(text: string): RecordLine {
  if (text.trim() === '') return { kind: 'blank' };
  let value: unknown;
  let repairedNumbers = 0;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const repaired = quoteNonStandardNumbers(text);
    if (repaired.count === 0) return { kind: 'bad', message: describeJsonError(error, text) };
    try {
      value = JSON.parse(repaired.text);
      repairedNumbers = repaired.count;
    } catch {
      return { kind: 'bad', message: describeJsonError(error, text) };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'bad', message: `expected a JSON object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` };
  }
  return { kind: 'row', value: value as Record<string, unknown>, repairedNumbers };
}

function concat(parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const preview = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return `${message} (line starts: ${JSON.stringify(preview)})`;
}

/**
 * Python's json module writes NaN, Infinity and -Infinity as bare literals,
 * which JSON.parse rejects. Quote them (outside strings) so they load as text
 * and are counted as non-numeric instead of failing the line.
 */
export function quoteNonStandardNumbers(text: string): { text: string; count: number } {
  let out = '';
  let count = 0;
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    for (const literal of ['-Infinity', 'Infinity', 'NaN']) {
      if (text.startsWith(literal, i)) {
        out += text.slice(last, i) + JSON.stringify(literal);
        i += literal.length - 1;
        last = i + 1;
        count++;
        break;
      }
    }
  }
  return { text: count === 0 ? text : out + text.slice(last), count };
}
