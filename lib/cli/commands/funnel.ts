/** `sift funnel`: what each step of a DataTrove run removed, and why, from the run's own statistics. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../../data/errors';
import { funnelSteps, mergeStats, parseStatsJson, type FunnelStep } from '../../data/pipelines/datatrove-stats';
import { formatCount } from '../../format/numbers';
import { textTable } from '../../format/table';
import type { Command } from '../command';

/** The stats files of PATH: a stats.json, or a logging folder's merged stats.json, else its per-task stats/*.json. */
function statsFiles(path: string): string[] {
  if (!existsSync(path)) throw new InputError('bad_stats', `${path}: no such file or folder`, { file: path });
  if (!statSync(path).isDirectory()) return [path];
  if (existsSync(join(path, 'stats.json'))) return [join(path, 'stats.json')];
  const perTask = join(path, 'stats');
  const files = existsSync(perTask) ? readdirSync(perTask).filter((f) => f.endsWith('.json')).sort().map((f) => join(perTask, f)) : [];
  if (files.length === 0) throw new InputError('bad_stats', `${path}: no stats.json and no stats/*.json (a DataTrove logging folder has them)`, { file: path });
  return files;
}

const share = (n: number, of: number) => (of > 0 ? `${((100 * n) / of).toFixed(1)} %` : '—');

function funnelText(steps: FunnelStep[]): string {
  if (steps.length === 0) return 'no filter steps in these statistics';
  const rows = [['step', 'in', 'kept', 'dropped', 'dropped share']];
  for (const s of steps) rows.push([s.name, formatCount(s.total), formatCount(s.kept), formatCount(s.dropped), share(s.dropped, s.total)]);
  const reasons = steps
    .filter((s) => Object.keys(s.reasons).length > 0)
    .map((s) => `${s.name}:\n` + textTable(Object.entries(s.reasons).sort((a, b) => b[1] - a[1]).map(([r, n]) => [`  ${r}`, formatCount(n), share(n, s.dropped)])));
  return [textTable(rows), ...(reasons.length ? ['', 'dropped by reason (share of the step’s drops):', ...reasons] : [])].join('\n');
}

export const funnel: Command<{ path: string }> = {
  parse(files) {
    if (files.length !== 1) throw new Error('funnel needs one path: a DataTrove stats.json or logging folder');
    return { path: files[0] };
  },
  async run({ path }, values) {
    const runs = statsFiles(path).map((file) => ({ file: basename(file), blocks: parseStatsJson(readFileSync(file, 'utf8'), basename(file)) }));
    const steps = funnelSteps(mergeStats(runs));
    if (!values.json) return funnelText(steps);
    return JSON.stringify(
      {
        steps: steps.map((s) => ({
          name: s.name,
          total: s.total,
          kept: s.kept,
          dropped: s.dropped,
          reasons: s.reasons,
          ...(s.keptChars !== null ? { kept_chars: s.keptChars } : {}),
          ...(s.keptTokens !== null ? { kept_tokens: s.keptTokens } : {}),
        })),
      },
      null,
      2,
    );
  },
};
