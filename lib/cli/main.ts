/**
 * The `sift` command line: reads the options, then loads only the command
 * asked for (so `sift --help` starts without DuckDB, ONNX or the taggers).
 * Each command parses its own options in lib/cli/commands/.
 */
import { parseArgs } from 'node:util';
import { execute, type Command, type Io, type Values } from './command';
import { USAGE } from './usage';

export { USAGE } from './usage';
export type { Io } from './command';

const COMMANDS: Record<string, () => Promise<Command<unknown>>> = {
  info: async () => (await import('./commands/info')).info as Command<unknown>,
  compare: async () => (await import('./commands/compare')).compare as Command<unknown>,
  export: async () => (await import('./commands/export')).exportCommand as Command<unknown>,
  score: async () => (await import('./commands/score')).score as Command<unknown>,
  verify: async () => (await import('./commands/verify')).verify as Command<unknown>,
  funnel: async () => (await import('./commands/funnel')).funnel as Command<unknown>,
  run: async () => (await import('./commands/run')).run as Command<unknown>,
  task: async () => (await import('./commands/task')).task as Command<unknown>,
};

/** Every option of every command (parseArgs rejects any other). */
const OPTIONS = {
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
  scores: { type: 'string', multiple: true },
  work: { type: 'string' },
  engine: { type: 'string' },
  tasks: { type: 'string' },
  'shards-per-task': { type: 'string' },
  partition: { type: 'string' },
  time: { type: 'string' },
  'cpus-per-task': { type: 'string' },
  sbatch: { type: 'string', multiple: true },
  poll: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'use-scores': { type: 'boolean' },
  'gather-limit': { type: 'string' },
  part: { type: 'string' },
  'sample-rate': { type: 'string' },
} as const;

const defaultIo: Io = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') };

/** Runs the CLI; returns the exit code (0 ok, 1 bad input, 2 bad usage). */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    io.err(`sift: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [name, ...files] = parsed.positionals;
  if (parsed.values.help || !name) {
    (parsed.values.help ? io.out : io.err)(USAGE);
    return parsed.values.help ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : null;
  if (!load) {
    io.err(`sift: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  return execute(await load(), files, parsed.values as Values, io);
}
