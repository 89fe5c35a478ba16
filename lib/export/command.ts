import type { Direction } from '../selection/order';
import type { ExportMode, ManifestFormat } from './manifest';

/** Everything that determines a manifest (the page and `sift export` take the same). */
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
}

/** The `sift export` command line that reproduces a manifest. */
export function exportCommand(files: string[], o: ExportOptions): string {
  const q = (s: string) => (/^[\w./=%:,-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);
  const parts = ['npx sift export', ...files.map(q), '--selector', q(o.selector), '--drop', String(o.ratio)];
  if (o.direction) parts.push('--direction', o.direction);
  if (o.perSource && Object.keys(o.perSource).length) parts.push('--per-source', q(Object.entries(o.perSource).map(([k, v]) => `${k}=${v}`).join(',')));
  if (o.missing === 'drop') parts.push('--missing', 'drop');
  parts.push('--mode', o.mode);
  if (o.mode !== 'threshold') parts.push('--temperature', String(o.temperature ?? 1));
  if (o.mode === 'boltzmann') {
    if (o.sample !== undefined) parts.push('--sample', String(o.sample));
    parts.push('--seed', String(o.seed ?? 0));
  }
  for (const d of o.defines) parts.push('--define', q(`${d.name}=${d.expression}`));
  if (o.mode === 'threshold') parts.push('--list', o.list);
  parts.push('--format', o.format, '--out', q(o.out));
  return parts.join(' ');
}

