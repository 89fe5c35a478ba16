import { parseArgs } from 'node:util';
import { QueryError } from '../data/connector';
import { InputError } from '../data/errors';
import { infoJson, infoText } from './info';
import { loadDatasetFromFiles } from './load';

export const USAGE = `usage: sift <command> [options]

commands:
  info <files...> [--json] [--skip-bad-lines]
      Load the files as one dataset (JSONL, JSONL.gz, CSV, TSV, Parquet) and print
      rows, sources, columns, score statistics and the dataset fingerprint,
      as the Data page shows them.

options:
  --json             print JSON instead of text
  --skip-bad-lines   skip malformed JSONL lines (counted) instead of stopping at the first
  -h, --help         show this help
`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') };

/** Runs the CLI; returns the exit code (0 ok, 1 bad input, 2 bad usage). */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, 'skip-bad-lines': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.err(`sift: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...files] = parsed.positionals;
  if (parsed.values.help || !command) {
    (parsed.values.help ? io.out : io.err)(USAGE);
    return parsed.values.help ? 0 : 2;
  }
  if (command !== 'info') {
    io.err(`sift: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  if (files.length === 0) {
    io.err(`sift: info needs at least one file\n\n${USAGE}`);
    return 2;
  }
  try {
    const { conn, dataset } = await loadDatasetFromFiles(files, parsed.values['skip-bad-lines'] ? 'skip' : 'error');
    conn.close();
    io.out(parsed.values.json ? JSON.stringify(infoJson(dataset), null, 2) : infoText(dataset));
    return 0;
  } catch (error) {
    io.err(`sift: ${describeError(error)}`);
    return 1;
  }
}

function describeError(error: unknown): string {
  if (error instanceof InputError) return error.message;
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return `no such file: ${(error as NodeJS.ErrnoException).path}`;
  if (error instanceof QueryError) return `query failed: ${error.message.split('\n')[0]}`;
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}
