/**
 * DataTrove's summary statistics (pipeline/stats/*, merged by
 * StatsMerger into `<group>/<stat>/metric.json`, at a649de7): a JSON object
 * from keys to MetricStats dicts, each either a plain count or
 * `{total, n?, mean?, variance?, std_dev?, min?, max?, unit?}` with the
 * defaults of MetricStats.from_dict (utils/stats.py). Group `summary` has one
 * key, "summary": the stat over the whole corpus; `histogram`, `fqdn` and
 * `suffix` are keyed by value, domain and suffix.
 */
import { InputError } from '../errors';

export const SUMMARY_GROUPS = ['summary', 'histogram', 'fqdn', 'suffix'] as const;

export interface MetricStats {
  total: number;
  n: number;
  mean: number;
  min: number;
  max: number;
  stdDev: number;
  unit: string;
}

export interface CorpusStat {
  group: string;
  stat: string;
  file: string;
  /** `summary`: the stat over the whole corpus. */
  summary: MetricStats | null;
  /** Other groups: how many keys, and the largest ten by document count. */
  keys: number;
  top: Array<{ key: string; stats: MetricStats }>;
}

/** One MetricStats value as DataTrove reads it back (MetricStats.from_dict). */
export function metricStatsFrom(value: unknown, where: string): MetricStats {
  if (typeof value === 'number') return { total: value, n: 1, mean: value, min: value, max: value, stdDev: 0, unit: 'task' };
  if (!value || typeof value !== 'object' || typeof (value as { total?: unknown }).total !== 'number') {
    throw new InputError('bad_stats', `${where}: expected a count or {total, n, mean, …}`, { file: where.split(':')[0] });
  }
  const d = value as Record<string, unknown>;
  const num = (k: string, fallback: number) => (typeof d[k] === 'number' ? (d[k] as number) : fallback);
  const total = d.total as number;
  const mean = num('mean', 1);
  return { total, n: num('n', mean === 1 ? total : 1), mean, min: num('min', mean), max: num('max', mean), stdDev: num('std_dev', 0), unit: typeof d.unit === 'string' ? d.unit : 'doc' };
}

/** Whether a path (relative, `/`-separated) is a merged summary-stats file: `<group>/<stat>/metric.json`. */
export function summaryStatPath(path: string): { group: string; stat: string } | null {
  const parts = path.split('/');
  if (parts.length < 3 || parts[parts.length - 1] !== 'metric.json') return null;
  const group = parts[parts.length - 3];
  return (SUMMARY_GROUPS as readonly string[]).includes(group) ? { group, stat: parts[parts.length - 2] } : null;
}

/** Parses one metric.json; errors name the file. */
export function parseCorpusStat(text: string, file: string): CorpusStat {
  const where = summaryStatPath(file);
  if (!where) throw new InputError('bad_stats', `${file}: not a <group>/<stat>/metric.json path (groups: ${SUMMARY_GROUPS.join(', ')})`, { file });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError('bad_stats', `${file}: not valid JSON (${(error as Error).message})`, { file });
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InputError('bad_stats', `${file}: expected an object of keys to stats`, { file });
  const entries = Object.entries(data as Record<string, unknown>).map(([key, v]) => ({ key, stats: metricStatsFrom(v, `${file}: "${key}"`) }));
  const summary = where.group === 'summary' ? (entries.find((e) => e.key === 'summary')?.stats ?? null) : null;
  const top = where.group === 'summary' ? [] : [...entries].sort((a, b) => b.stats.n - a.stats.n || (a.key < b.key ? -1 : 1)).slice(0, 10);
  return { ...where, file, summary, keys: entries.length, top };
}
