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
  /** The dataset was loaded skipping malformed JSONL lines (listed in the provenance); verify loads it the same way. */
  skipBadLines?: boolean;
}

const quote = (s: string) => (/^[\w./=%:,-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);

/** The `sift export` command line that reproduces an export. */
export function exportCommand(files: string[], o: ExportOptions): string {
  const parts = ['npx sift export', ...files.map(quote), '--selector', quote(o.selector), '--drop', String(o.ratio)];
  if (o.direction) parts.push('--direction', o.direction);
  if (o.perSource && Object.keys(o.perSource).length) parts.push('--per-source', quote(Object.entries(o.perSource).map(([k, v]) => `${k}=${v}`).join(',')));
  if (o.missing === 'drop') parts.push('--missing', 'drop');
  parts.push('--mode', o.mode);
  if (o.mode !== 'threshold') parts.push('--temperature', String(o.temperature ?? 1));
  if (o.mode === 'boltzmann') {
    if (o.sample !== undefined) parts.push('--sample', String(o.sample));
    parts.push('--seed', String(o.seed ?? 0));
    if (o.dedupPenalty) parts.push('--dedup-penalty', String(o.dedupPenalty));
  }
  for (const d of o.defines) parts.push('--define', quote(`${d.name}=${d.expression}`));
  if (o.filter && !isEmptyFilter(o.filter)) for (const [flag, value] of filterArgs(o.filter)) parts.push(flag, quote(value));
  if (o.annotations) {
    parts.push('--annotations', quote(o.annotations.file), '--override', o.annotations.apply);
    if (o.annotations.annotator !== null) parts.push('--annotator', quote(o.annotations.annotator));
  }
  if (o.mode === 'threshold') parts.push('--list', o.list);
  if (o.corpus) parts.push('--corpus');
  if (o.skipBadLines) parts.push('--skip-bad-lines');
  parts.push('--format', o.format, '--out', quote(o.out));
  return parts.join(' ');
}
