/**
 * An input problem a person can fix: it names the file, and the line or column
 * when known. It crosses worker boundaries as a plain object (see toErrorInfo).
 */
export interface InputErrorInfo {
  name: 'InputError';
  code: InputErrorCode;
  message: string;
  file?: string;
  line?: number;
  column?: string;
}

export type InputErrorCode =
  | 'empty_file'
  | 'no_rows'
  | 'bad_json_line'
  | 'wrong_format'
  | 'unsupported_format'
  | 'truncated_parquet'
  | 'bad_parquet'
  | 'bad_csv'
  | 'bad_gzip'
  | 'schema_mismatch'
  | 'bad_mapping'
  | 'bad_annotation'
  | 'duplicate_ids'
  | 'bad_stats'
  | 'bad_layout'
  | 'unsupported_export'
  /** A dataset opened on the server: the engine refused or failed (its message says why). */
  | 'server_engine'
  | 'cancelled';

export class InputError extends Error {
  readonly code: InputErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: string;

  constructor(code: InputErrorCode, message: string, where: { file?: string; line?: number; column?: string } = {}) {
    super(message);
    this.name = 'InputError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }

  toInfo(): InputErrorInfo {
    return { name: 'InputError', code: this.code, message: this.message, file: this.file, line: this.line, column: this.column };
  }
}

export function isInputErrorInfo(value: unknown): value is InputErrorInfo {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'InputError';
}

/** Rebuilds an InputError from a message that crossed a worker boundary; other errors pass through. */
export function fromErrorInfo(value: unknown): Error {
  if (value instanceof Error) return value;
  if (isInputErrorInfo(value)) {
    return new InputError(value.code, value.message, { file: value.file, line: value.line, column: value.column });
  }
  return new Error(String(value));
}
