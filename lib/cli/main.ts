import { parseArgs } from 'node:util';
import { QueryError } from '../data/connector';
import { InputError } from '../data/errors';
import type { Direction } from '../selection/order';
import { compareSelectors, parseDefine, parseRatio } from './compare';
import { compareText } from './compare-text';
import { parsePerSource, runExport, runVerify, type ExportOptions } from './export';
import { infoJson, infoText } from './info';
import { outputFormat, runScore } from './score';
import { parseRules } from '../scoring/rows';
import { loadDatasetFromFiles } from './load';
import type { BadLinePolicy } from '../data/jsonl-parser';

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

  export <files...> --selector NAME --drop R --out PATH [--direction higher|lower]
         [--per-source src=R,...] [--missing keep|drop] [--mode threshold|softmax|boltzmann]
         [--temperature T] [--sample K] [--seed S] [--dedup-penalty P] [--define name=expr]...
         [--source a,b] [--tag T] [--score-min X] [--score-max Y]
         [--annotations FILE [--override drop|keep|both] [--annotator NAME]]
         [--list keep|drop] [--corpus] [--format jsonl|csv|parquet] [--skip-bad-lines]
      Write a manifest (doc_id lists; doc_id,weight for softmax; doc_id,draw_order for
      boltzmann), or with --corpus the listed documents themselves (all columns, JSONL
      or Parquet), and PATH's .provenance.json beside it (inputs with sha256, selector,
      parameters, overrides, filter, counts overall and per source, and this command).
      --annotations forces documents labelled drop out / keep in (by --annotator, else
      by majority); --source/--tag/--score-min/--score-max narrow the export as the
      Browse filters do; --dedup-penalty lowers the score of near-duplicates (boltzmann).
      See docs/export.md.

  score <files...> --out PATH.jsonl|PATH.parquet [--rules LIST] [--workers N] [--skip-bad-lines]
      Run Sift's heuristic scorer on every document (worker threads, one per core by
      default): per rule set (gopher_quality, gopher_repetition, c4_quality,
      fineweb_quality; --rules picks some, or none) a boolean kept column and
      <rule>_reason, the tags, the combined heuristic score in [0, 1] and one column
      per tagger signal. Rows stay in input order.

  score <files...> --model PATH|NAME [--model-config FILE] [--threads N] --out PATH
      Run an ONNX model instead (onnxruntime-node, CPU): a shipped one by name
      (quality → model_quality, byte-lm → model_bpb and model_bpb_weak) or your own
      .onnx with its JSON config (default: the .json beside it; see docs/models.md).
      --model may be repeated. Columns: doc_id and one per score the config names.

  verify <manifest.provenance.json>
      Recompute the manifest from its inputs and parameters; exit 0 only if identical,
      else 1 naming the first difference (a changed input, parameter or manifest line).

options:
  --json             print JSON instead of text
  --skip-bad-lines   skip malformed JSONL lines instead of stopping at the first; they are
                     counted and listed (info, compare, score: as warnings; export: in the
                     provenance, and verify skips the same way)
  -h, --help         show this help
`;

const badLinePolicy = (values: { 'skip-bad-lines'?: boolean }): BadLinePolicy => (values['skip-bad-lines'] ? 'skip' : 'error');
const warningLines = (warnings: string[]) => warnings.map((w) => `\nwarning: ${w}`).join('');

/** What both forms of `sift score` need: input files and an --out ending in .jsonl or .parquet. */
function checkScoreTarget(files: string[], out: string | undefined): string {
  if (files.length === 0) throw new Error('score needs at least one file');
  if (!out) throw new Error('score needs --out PATH.jsonl or PATH.parquet');
  outputFormat(out);
  return out;
}

/** A count option (--workers, --threads): absent, or a whole number ≥ 1. */
function countOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a whole number >= 1, got "${value}"`);
  return n;
}

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
        selector: { type: 'string' },
        'per-source': { type: 'string' },
        missing: { type: 'string' },
        mode: { type: 'string' },
        temperature: { type: 'string' },
        sample: { type: 'string' },
        seed: { type: 'string' },
        list: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        annotations: { type: 'string' },
        override: { type: 'string' },
        annotator: { type: 'string' },
        'dedup-penalty': { type: 'string' },
        corpus: { type: 'boolean' },
        source: { type: 'string', multiple: true },
        tag: { type: 'string' },
        'score-min': { type: 'string' },
        'score-max': { type: 'string' },
        rules: { type: 'string' },
        workers: { type: 'string' },
        model: { type: 'string', multiple: true },
        'model-config': { type: 'string' },
        threads: { type: 'string' },
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
  if (command === 'verify') {
    if (files.length !== 1) {
      io.err(`sift: verify needs one provenance file\n\n${USAGE}`);
      return 2;
    }
    try {
      const result = await runVerify(files[0]);
      (result.ok ? io.out : io.err)(result.ok ? result.message : `sift: verify failed: ${result.message}`);
      return result.ok ? 0 : 1;
    } catch (error) {
      io.err(`sift: ${describeError(error)}`);
      return 1;
    }
  }
  if (command === 'export') {
    let options: ExportOptions;
    try {
      options = exportOptions(parsed.values);
    } catch (error) {
      io.err(`sift: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (files.length === 0) {
      io.err(`sift: export needs at least one file\n\n${USAGE}`);
      return 2;
    }
    try {
      const r = await runExport(files, options);
      io.out(parsed.values.json ? JSON.stringify(r, null, 2) : `wrote ${r.manifest} (${r.rows} rows; kept ${r.kept}, dropped ${r.dropped}) and ${r.provenance}`);
      return 0;
    } catch (error) {
      io.err(`sift: ${describeError(error)}`);
      return 1;
    }
  }
  if (command === 'score' && parsed.values.model?.length) {
    const models = parsed.values.model;
    let out: string;
    let threads: number | undefined;
    try {
      out = checkScoreTarget(files, parsed.values.out);
      if (parsed.values['model-config'] && models.length > 1) throw new Error('--model-config goes with a single --model (give each model its .json beside it)');
      if (parsed.values.rules !== undefined) throw new Error('--rules is for the heuristic scorer; with --model, run sift score twice');
      threads = countOption('threads', parsed.values.threads);
    } catch (error) {
      io.err(`sift: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    try {
      const { runModelScore } = await import('./model-score');
      const r = await runModelScore(files, models.map((model) => ({ model, config: parsed.values['model-config'] })), { out, threads, badLines: badLinePolicy(parsed.values) });
      io.out(
        parsed.values.json
          ? JSON.stringify(r, null, 2)
          : `wrote ${r.out}: ${r.documents} documents (${r.selectors.join(', ')}), ${(r.bytes / 1e6).toFixed(1)} MB of text in ${r.seconds.toFixed(1)} s ` +
              `(${(r.documents / r.seconds).toFixed(0)} docs/s, ${(r.bytes / 1e6 / r.seconds).toFixed(2)} MB/s)` +
              warningLines(r.warnings),
      );
      return 0;
    } catch (error) {
      io.err(`sift: ${describeError(error)}`);
      return 1;
    }
  }
  if (command === 'score') {
    let out: string;
    let rules;
    let workers: number | undefined;
    try {
      out = checkScoreTarget(files, parsed.values.out);
      rules = parseRules(parsed.values.rules);
      workers = countOption('workers', parsed.values.workers);
    } catch (error) {
      io.err(`sift: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    try {
      const r = await runScore(files, { out, rules, workers, badLines: badLinePolicy(parsed.values) });
      const mbps = r.bytes / 1e6 / r.seconds;
      io.out(
        parsed.values.json
          ? JSON.stringify(r, null, 2)
          : `wrote ${r.out}: ${r.documents} documents, ${(r.bytes / 1e6).toFixed(1)} MB of text in ${r.seconds.toFixed(1)} s ` +
              `(${mbps.toFixed(1)} MB/s, ${(mbps / r.workers).toFixed(1)} MB/s per worker, ${r.workers} workers)` +
              warningLines(r.warnings),
      );
      return 0;
    } catch (error) {
      io.err(`sift: ${describeError(error)}`);
      return 1;
    }
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
    const { conn, dataset } = await loadDatasetFromFiles(files, badLinePolicy(parsed.values));
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

function describeError(error: unknown): string {
  if (error instanceof InputError) return error.message;
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return `no such file: ${(error as NodeJS.ErrnoException).path}`;
  if (error instanceof QueryError) return `query failed: ${error.message.split('\n')[0]}`;
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

function exportOptions(v: Record<string, unknown>): ExportOptions {
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const selector = str('selector');
  const drop = str('drop');
  const out = str('out');
  if (!selector || drop === undefined || !out) throw new Error('export needs --selector, --drop and --out');
  const mode = (str('mode') ?? 'threshold') as ExportOptions['mode'];
  if (!['threshold', 'softmax', 'boltzmann'].includes(mode)) throw new Error(`--mode: expected threshold, softmax or boltzmann, got "${mode}"`);
  const format = (str('format') ?? (out.endsWith('.csv') ? 'csv' : out.endsWith('.parquet') ? 'parquet' : 'jsonl')) as ExportOptions['format'];
  if (!['jsonl', 'csv', 'parquet'].includes(format)) throw new Error(`--format: expected jsonl, csv or parquet, got "${format}"`);
  const corpus = v.corpus === true;
  if (corpus && format === 'csv') throw new Error('--corpus writes JSONL or Parquet, not CSV');
  const override = str('override') ?? 'both';
  if (!['drop', 'keep', 'both'].includes(override)) throw new Error(`--override: expected drop, keep or both, got "${override}"`);
  if ((str('override') || str('annotator')) && !str('annotations')) throw new Error('--override and --annotator need --annotations FILE');
  if (str('dedup-penalty') && mode !== 'boltzmann') throw new Error('--dedup-penalty applies to --mode boltzmann only');
  const list = (str('list') ?? 'keep') as ExportOptions['list'];
  if (!['keep', 'drop'].includes(list)) throw new Error(`--list: expected keep or drop, got "${list}"`);
  const missing = (str('missing') ?? 'keep') as ExportOptions['missing'];
  if (!['keep', 'drop'].includes(missing)) throw new Error(`--missing: expected keep or drop, got "${missing}"`);
  const dirs = (v.direction as string[] | undefined) ?? [];
  const direction = dirs[0];
  if (direction !== undefined && direction !== 'higher' && direction !== 'lower') throw new Error(`--direction: expected higher or lower, got "${direction}"`);
  const number = (k: string, check: (x: number) => boolean, what: string) => {
    const t = str(k);
    if (t === undefined) return undefined;
    const x = Number(t);
    if (!Number.isFinite(x) || !check(x)) throw new Error(`--${k}: expected ${what}, got "${t}"`);
    return x;
  };
  const scoreMin = number('score-min', () => true, 'a number') ?? null;
  const scoreMax = number('score-max', () => true, 'a number') ?? null;
  const sources = ((v.source as string[] | undefined) ?? []).flatMap((x) => x.split(','));
  const filter = sources.length || str('tag') || scoreMin !== null || scoreMax !== null ? { sources, tag: str('tag') ?? null, scoreMin, scoreMax } : null;
  const annotationsFile = str('annotations');
  return {
    selector,
    ratio: parseRatio(drop),
    direction: direction as Direction | undefined,
    perSource: str('per-source') ? parsePerSource(str('per-source')!) : null,
    missing,
    mode,
    temperature: number('temperature', (x) => x > 0 && Number.isFinite(1 / x), 'a number > 0 whose reciprocal is finite') ?? (mode === 'threshold' ? undefined : 1),
    sample: number('sample', (x) => Number.isInteger(x) && x >= 0, 'a whole number'),
    seed: number('seed', (x) => Number.isInteger(x), 'an integer') ?? (mode === 'boltzmann' ? 0 : undefined),
    defines: ((v.define as string[] | undefined) ?? []).map(parseDefine),
    list,
    format,
    out,
    corpus,
    filter,
    annotations: annotationsFile ? { file: annotationsFile, apply: override as 'drop' | 'keep' | 'both', annotator: str('annotator') ?? null } : null,
    dedupPenalty: number('dedup-penalty', (x) => x >= 0, 'a number >= 0') ?? null,
    skipBadLines: v['skip-bad-lines'] === true,
  };
}
