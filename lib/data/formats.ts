import { InputError } from './errors';

export type FileFormat = 'jsonl' | 'jsonl.gz' | 'csv' | 'tsv' | 'parquet';

const EXTENSIONS: Array<[string, FileFormat]> = [
  ['.jsonl.gz', 'jsonl.gz'],
  ['.ndjson.gz', 'jsonl.gz'],
  ['.json.gz', 'jsonl.gz'],
  ['.jsonl', 'jsonl'],
  ['.ndjson', 'jsonl'],
  ['.json', 'jsonl'],
  ['.csv', 'csv'],
  ['.tsv', 'tsv'],
  ['.parquet', 'parquet'],
  ['.pq', 'parquet'],
];

export const SUPPORTED_EXTENSIONS = EXTENSIONS.map(([ext]) => ext);

/** A file's name without its data extension (`00000.jsonl.gz` → `00000`); the name itself when it has none. */
export function withoutDataExtension(name: string): string {
  const ext = SUPPORTED_EXTENSIONS.find((e) => name.toLowerCase().endsWith(e));
  return ext ? name.slice(0, -ext.length) : name;
}

export function formatFromName(fileName: string): FileFormat {
  const lower = fileName.toLowerCase();
  for (const [ext, format] of EXTENSIONS) if (lower.endsWith(ext)) return format;
  throw new InputError(
    'unsupported_format',
    `${fileName}: unsupported file type; expected one of ${SUPPORTED_EXTENSIONS.join(', ')}`,
    { file: fileName },
  );
}

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function describeContent(head: Uint8Array): string {
  if (startsWith(head, PARQUET_MAGIC)) return 'Parquet';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip-compressed';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'a PDF';
  if (head.subarray(0, 512).includes(0)) return 'binary';
  return 'text';
}

/**
 * Checks that a file's first (and, for Parquet, last) bytes match its extension,
 * so a mislabelled or truncated file gets a specific message instead of a parser crash.
 */
export function checkFileBytes(fileName: string, format: FileFormat, size: number, head: Uint8Array, tail: Uint8Array): void {
  if (size === 0) throw new InputError('empty_file', `${fileName}: the file is empty (0 bytes)`, { file: fileName });
  const content = describeContent(head);
  const expected = format === 'parquet' ? 'Parquet' : format === 'jsonl.gz' ? 'gzip-compressed' : 'text';
  if (content !== expected) {
    const what = format === 'jsonl.gz' ? 'gzip-compressed JSONL' : format.toUpperCase();
    const looks = content === 'binary' ? 'binary data' : content === 'text' ? 'plain text' : content;
    throw new InputError('wrong_format', `${fileName}: the extension says ${what}, but the content looks like ${looks}`, {
      file: fileName,
    });
  }
  if (format === 'parquet') {
    if (size < 12 || !startsWith(tail.subarray(tail.length - 4), PARQUET_MAGIC)) {
      throw new InputError('truncated_parquet', `${fileName}: truncated Parquet file: the footer (trailing "PAR1" magic) is missing`, {
        file: fileName,
      });
    }
  }
}
