import type { Direction } from '../selection/order';
import type { ExportMode, ManifestFormat } from './manifest';
import type { OverridePolicy } from './overrides';
import { filterArgs, isEmptyFilter, type ExportFilter } from './scope';

/** Everything that determines an export (the page and `sift export` take the same). */
export interface ExportOptions {
  selector: string;
  ratio: number;
  direction?: Direction;
  perSource?: Record<string, number> | null;
  missing: 'keep' | 'drop';
  mode: ExportMode;
  temperature?: number;
  sample?: number;
  seed?: number;
  defines: Array<{ name: string; expression: string }>;
  list: 'keep' | 'drop';
  format: ManifestFormat;
  out: string;
  /** Write the documents (all columns) instead of doc_ids. */
  corpus?: boolean;
  filter?: ExportFilter | null;
  /** An annotations JSONL file and how its labels override the selection. */
  annotations?: ({ file: string } & OverridePolicy) | null;
  /** Boltzmann: the near-duplicate redundancy penalty P (score units). */
  dedupPenalty?: number | null;
  /** Score files joined to the documents by id (--scores), in order. */
  scores?: string[];
  /** The dataset was loaded skipping malformed JSONL lines (listed in the provenance); verify loads it the same way. */
  skipBadLines?: boolean;
}

/**
 * The input paths a reproducing command names, as a user runs it from the
 * project folder: the demo at public/demo/, a data-folder file under the data
 * folder (its path relative to the project, or $SIFT_DATA_DIR when it lies
 * elsewhere), and files picked from this computer by their names.
 */
export function commandInputs(source: { kind: 'demo' } | { kind: 'server'; paths: string[]; folder?: string } | null, shardNames: string[], dataFolder: string | null): string[] {
  if (source?.kind === 'demo') return ['public/demo/demo.parquet'];
  // A folder opened as a whole: the CLI reads the same layout from it.
  if (source?.kind === 'server' && source.folder) return [`${dataFolder ?? '$SIFT_DATA_DIR'}/${source.folder}`];
  if (source?.kind === 'server') return source.paths.map((p) => `${dataFolder ?? '$SIFT_DATA_DIR'}/${p}`);
  return shardNames;
}

const quote = (s: string) =>
  /^[\w./=%:,-]+$/.test(s) ? s : /^\$SIFT_DATA_DIR\/[\w./=%:,-]+$/.test(s) ? `"${s}"` : `'${s.replaceAll("'", "'\\''")}'`;

/** The `sift export` command line that reproduces an export, as groups: the inputs, then one group per flag. */
function commandGroups(files: string[], o: ExportOptions): string[][] {
  const groups: string[][] = [['npx sift export', ...files.map(quote)]];
  const add = (...g: string[]) => groups.push(g);
  for (const s of o.scores ?? []) add('--scores', quote(s));
  add('--selector', quote(o.selector));
  add('--drop', String(o.ratio));
  if (o.direction) add('--direction', o.direction);
  if (o.perSource && Object.keys(o.perSource).length) add('--per-source', quote(Object.entries(o.perSource).map(([k, v]) => `${k}=${v}`).join(',')));
  if (o.missing === 'drop') add('--missing', 'drop');
  add('--mode', o.mode);
  if (o.mode !== 'threshold') add('--temperature', String(o.temperature ?? 1));
  if (o.mode === 'boltzmann') {
    if (o.sample !== undefined) add('--sample', String(o.sample));
    add('--seed', String(o.seed ?? 0));
    if (o.dedupPenalty) add('--dedup-penalty', String(o.dedupPenalty));
  }
  for (const d of o.defines) add('--define', quote(`${d.name}=${d.expression}`));
  if (o.filter && !isEmptyFilter(o.filter)) for (const [flag, value] of filterArgs(o.filter)) add(flag, quote(value));
  if (o.annotations) {
    add('--annotations', quote(o.annotations.file), '--override', o.annotations.apply);
    if (o.annotations.annotator !== null) add('--annotator', quote(o.annotations.annotator));
  }
  if (o.mode === 'threshold') add('--list', o.list);
  if (o.corpus) add('--corpus');
  if (o.skipBadLines) add('--skip-bad-lines');
  add('--format', o.format);
  add('--out', quote(o.out));
  return groups;
}

/** The `sift export` command line that reproduces an export (one line, as the provenance records it). */
export function exportCommand(files: string[], o: ExportOptions): string {
  return commandGroups(files, o)
    .map((g) => g.join(' '))
    .join(' ');
}

/** The same command for reading: one flag per line, continued with backslashes (still one shell command). */
export function exportCommandLines(files: string[], o: ExportOptions): string {
  return commandGroups(files, o)
    .map((g) => g.join(' '))
    .join(' \\\n  ');
}
