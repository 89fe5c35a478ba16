import { parseArgs } from 'node:util';
import { QueryError } from '../data/connector';
import { InputError } from '../data/errors';
import type { Direction } from '../selection/order';
import { compareSelectors, parseDefine, parseRatio } from './compare';
import { infoJson, infoText } from './info';
import { loadDatasetFromFiles } from './load';

export const USAGE = `usage: sift <command> [options]

commands:
  info <files...> [--json] [--skip-bad-lines]
      Load the files as one dataset (JSONL, JSONL.gz, CSV, TSV, Parquet) and print
      rows, sources, columns, score statistics and the dataset fingerprint,
      as the Data page shows them.

  compare <files...> --selectors a,b[,c...] --drop R [--define name=expr]... [--direction name=higher|lower]... [--json]
      Compare selectors on the same documents: Spearman, Kendall tau-b and Pearson
      (with n), at drop ratio R (0.25, 25 or 25%) the 2x2 table of dropped/kept and
      the Jaccard index of the dropped sets, per-source drops, the overlap curve
      over 0-95 %, and for 3+ selectors the Spearman matrix and set intersections.
      --define adds a derived selector, e.g. --define 'ai=loss_weak - loss_strong'.

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
      options: {
        json: { type: 'boolean' },
        'skip-bad-lines': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        selectors: { type: 'string' },
        drop: { type: 'string' },
        define: { type: 'string', multiple: true },
        direction: { type: 'string', multiple: true },
      },
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
  if (command !== 'info' && command !== 'compare') {
    io.err(`sift: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  if (files.length === 0) {
    io.err(`sift: ${command} needs at least one file\n\n${USAGE}`);
    return 2;
  }
  let compareOptions;
  if (command === 'compare') {
    try {
      const v = parsed.values;
      if (!v.selectors || !v.drop) throw new Error('compare needs --selectors and --drop');
      compareOptions = {
        selectors: v.selectors.split(',').map((x) => x.trim()).filter(Boolean),
        ratio: parseRatio(v.drop),
        defines: (v.define ?? []).map(parseDefine),
        directions: Object.fromEntries(
          (v.direction ?? []).map((d) => {
            const [name, dir] = d.split('=');
            if (dir !== 'higher' && dir !== 'lower') throw new Error(`--direction: expected name=higher or name=lower, got "${d}"`);
            return [name, dir as Direction];
          }),
        ),
      };
    } catch (error) {
      io.err(`sift: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
  }
  try {
    const { conn, dataset } = await loadDatasetFromFiles(files, parsed.values['skip-bad-lines'] ? 'skip' : 'error');
    try {
      if (compareOptions) {
        const result = await compareSelectors(conn, dataset, compareOptions);
        io.out(parsed.values.json ? JSON.stringify(result, null, 2) : compareText(result));
      } else io.out(parsed.values.json ? JSON.stringify(infoJson(dataset), null, 2) : infoText(dataset));
    } finally {
      conn.close();
    }
    return 0;
  } catch (error) {
    io.err(`sift: ${describeError(error)}`);
    return 1;
  }
}

function compareText(r: Awaited<ReturnType<typeof compareSelectors>>): string {
  const f = (x: number | null) => (x === null ? '—' : x.toFixed(6));
  const [a, b] = r.selectors;
  return [
    `selectors     ${r.selectors.map((s) => `${s.name} (${s.direction} is better${s.expression ? `; = ${s.expression}` : ''})`).join(', ')}`,
    `documents     ${r.rows} (${r.n} with both scores)`,
    `pearson       ${f(r.pearson)}`,
    `spearman      ${f(r.spearman)}`,
    `kendall tau-b ${f(r.kendall_tau_b)}`,
    '',
    `at drop ratio ${(r.drop_ratio * 100).toFixed(2)} %:`,
    `  dropped by both       ${r.dropped_both}`,
    `  dropped by ${a.name} only  ${r.dropped_a_only}`,
    `  dropped by ${b.name} only  ${r.dropped_b_only}`,
    `  kept by both          ${r.kept_both}`,
    `  jaccard (dropped)     ${f(r.jaccard_dropped)}`,
  ].join('\n');
}

function describeError(error: unknown): string {
  if (error instanceof InputError) return error.message;
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return `no such file: ${(error as NodeJS.ErrnoException).path}`;
  if (error instanceof QueryError) return `query failed: ${error.message.split('\n')[0]}`;
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}
