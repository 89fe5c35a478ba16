/**
 * DataTrove's run statistics as a removal funnel. A run's logging folder holds
 * `stats.json` (all tasks merged) and `stats/<rank>.json` (one per task), each a
 * list of pipeline blocks in order: `{name, time_stats, stats: {key: value}}`,
 * a value being a count or a MetricStats dict `{total, n, mean, …, unit}`
 * (src/datatrove/utils/stats.py at a649de7). A filter block counts `total`,
 * `forwarded`, `dropped` and `dropped_<reason>` (pipeline/filters/base_filter.py),
 * and `doc_len` / `doc_len_tokens` of the documents it forwarded.
 */
import { InputError } from '../errors';

export interface FunnelStep {
  name: string;
  /** Documents in, kept (forwarded) and dropped. */
  total: number;
  kept: number;
  dropped: number;
  /** Dropped documents by reason (the part of `dropped_<reason>` after the prefix). */
  reasons: Record<string, number>;
  /** Characters and tokens of the kept documents, where the step counted them. */
  keptChars: number | null;
  keptTokens: number | null;
}

type Block = { name: string; stats: Record<string, unknown> };

/** A stats value: a count, or MetricStats' dict (its `total`). */
function valueOf(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && typeof (v as { total?: unknown }).total === 'number') return (v as { total: number }).total;
  return null;
}

/** Parses one stats file's text into its blocks; errors name the file and the block. */
export function parseStatsJson(text: string, file: string): Block[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError('bad_stats', `${file}: not valid JSON (${(error as Error).message})`, { file });
  }
  if (!Array.isArray(data)) throw new InputError('bad_stats', `${file}: expected a list of pipeline blocks ({name, time_stats, stats}), got ${data === null ? 'null' : typeof data}`, { file });
  return data.map((b, i) => {
    if (!b || typeof b !== 'object' || typeof (b as Block).name !== 'string') throw new InputError('bad_stats', `${file}: block ${i + 1} has no "name"`, { file });
    const stats = (b as { stats?: unknown }).stats ?? {};
    if (typeof stats !== 'object' || Array.isArray(stats)) throw new InputError('bad_stats', `${file}: block ${i + 1} (${(b as Block).name}): "stats" must be an object`, { file });
    return { name: (b as Block).name, stats: stats as Record<string, unknown> };
  });
}

/** Adds the per-task stats of one run (the same pipeline in every file) block by block. */
export function mergeStats(runs: Array<{ file: string; blocks: Block[] }>): Block[] {
  const [first, ...rest] = runs;
  if (!first) return [];
  const merged = first.blocks.map((b) => ({ name: b.name, stats: Object.fromEntries(Object.entries(b.stats).map(([k, v]) => [k, valueOf(v) ?? 0])) as Record<string, number> }));
  for (const run of rest) {
    if (run.blocks.length !== merged.length || run.blocks.some((b, i) => b.name !== merged[i].name))
      throw new InputError('bad_stats', `${run.file}: another pipeline than ${first.file} (blocks ${run.blocks.map((b) => b.name).join(', ')})`, { file: run.file });
    run.blocks.forEach((b, i) => {
      for (const [k, v] of Object.entries(b.stats)) merged[i].stats[k] = (merged[i].stats[k] ?? 0) + (valueOf(v) ?? 0);
    });
  }
  return merged;
}

/** The filter steps of a run in pipeline order (blocks that count forwarded or dropped documents). */
export function funnelSteps(blocks: Block[]): FunnelStep[] {
  const steps: FunnelStep[] = [];
  for (const b of blocks) {
    const get = (key: string) => valueOf(b.stats[key]);
    if (get('forwarded') === null && get('dropped') === null) continue;
    const reasons: Record<string, number> = {};
    for (const key of Object.keys(b.stats)) if (key.startsWith('dropped_')) reasons[key.slice('dropped_'.length)] = valueOf(b.stats[key]) ?? 0;
    const kept = get('forwarded') ?? 0;
    const dropped = get('dropped') ?? 0;
    steps.push({ name: b.name, total: get('total') ?? kept + dropped, kept, dropped, reasons, keptChars: get('doc_len'), keptTokens: get('doc_len_tokens') });
  }
  return steps;
}

/** Which of a run's stats files to read: its merged `stats.json` (it already adds up the per-task files), else every per-task file. */
export function statsFilesToRead(paths: string[]): string[] {
  const merged = paths.find((p) => p === 'stats.json' || p.endsWith('/stats.json'));
  return merged ? [merged] : paths;
}

/** A run's filter steps from its stats files' texts (one merged file, or per-task files added up). */
export function funnelFromStats(files: Array<{ file: string; text: string }>): FunnelStep[] {
  return funnelSteps(mergeStats(files.map((f) => ({ file: f.file, blocks: parseStatsJson(f.text, f.file) }))));
}
