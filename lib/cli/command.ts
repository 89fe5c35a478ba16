/**
 * What every `sift` command shares: its output streams, its parsed options,
 * and the exit-code contract (0 done, 1 bad input or a failed run, 2 bad usage).
 */
import { QueryError } from '../data/connector';
import { InputError } from '../data/errors';
import type { BadLinePolicy } from '../data/jsonl-parser';
import { USAGE } from './usage';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The options parseArgs returned (every command sees all of them and reads its own). */
export type Values = Record<string, string | boolean | string[] | undefined> & {
  json?: boolean;
  'skip-bad-lines'?: boolean;
};

/** A command: parses its options (throwing on bad usage), then runs and returns what to print. */
export interface Command<T> {
  parse(files: string[], values: Values): T;
  /** `io.err` takes progress lines of a long run. */
  run(options: T, values: Values, io: Io): Promise<string>;
}

export const badLinePolicy = (values: Values): BadLinePolicy => (values['skip-bad-lines'] ? 'skip' : 'error');

export const warningLines = (warnings: string[]) => warnings.map((w) => `\nwarning: ${w}`).join('');

/** A string option, or undefined. */
export const stringOption = (values: Values, name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

/** A repeatable option's values. */
export const listOption = (values: Values, name: string): string[] => (Array.isArray(values[name]) ? (values[name] as string[]) : []);

/** A count option (--workers, --threads): absent, or a whole number ≥ 1. */
export function countOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a whole number >= 1, got "${value}"`);
  return n;
}

/** A run that failed without an exception worth a stack (verify's mismatch): printed as it is. */
export class RunFailed extends Error {}

export function describeError(error: unknown): string {
  if (error instanceof InputError || error instanceof RunFailed) return error.message;
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return `no such file: ${(error as NodeJS.ErrnoException).path}`;
  if (error instanceof QueryError) return `query failed: ${error.message.split('\n')[0]}`;
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/** Parses, then runs, mapping failures to the exit codes. */
export async function execute<T>(command: Command<T>, files: string[], values: Values, io: Io): Promise<number> {
  let options: T;
  try {
    options = command.parse(files, values);
  } catch (error) {
    io.err(`sift: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  try {
    io.out(await command.run(options, values, io));
    return 0;
  } catch (error) {
    io.err(`sift: ${describeError(error)}`);
    return 1;
  }
}
