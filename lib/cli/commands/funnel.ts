/** `sift funnel`: what each step of a DataTrove run removed, and why, from the run's own statistics. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, sep } from 'node:path';
import { InputError } from '../../data/errors';
import { funnelFromStats, statsFilesToRead, type FunnelStep } from '../../data/pipelines/datatrove-stats';
import { combineFunnel, fetchSampleSteps, shareOf, type FunnelRow } from '../../data/pipelines/funnel';
import type { CorpusStat } from '../../data/pipelines/datatrove-summary';
import { loadDatasetFromFiles, planInputs, readCorpusStats } from '../load';
import { formatCount, formatShare } from '../../format/numbers';
import { textTable } from '../../format/table';
import type { Command } from '../command';

/** A run's filter steps from its stats files (lib/data/pipelines/datatrove-stats chooses which to read). */
function readStats(files: string[]): FunnelStep[] {
  if (files.length === 0) return [];
  return funnelFromStats(statsFilesToRead(files.map((f) => f.split(sep).join('/'))).map((file) => ({ file: basename(file), text: readFileSync(file, 'utf8') })));
}

/**
 * The funnel of PATH: a stats file, or a folder read by its layout — a
 * DataTrove logging folder (statistics only), a folder of removed documents
 * (exclusion outputs, tracer files), or a whole run's folder (both).
 */
async function funnelOf(path: string): Promise<{ steps: FunnelRow[]; corpus: CorpusStat[] }> {
  if (!existsSync(path)) throw new InputError('bad_stats', `${path}: no such file or folder`, { file: path });
  if (!statSync(path).isDirectory()) return { steps: combineFunnel(readStats([path]), []), corpus: [] };
  const plan = planInputs([path], { allowEmpty: true });
  const corpus = readCorpusStats(plan, path);
  const nothing = new InputError('bad_stats', `${path}: no stats.json and no stats/*.json (a DataTrove logging folder has them), and no removed documents (rows with metadata.filter_reason, or Data-Juicer's filter-<op>.jsonl)`, { file: path });
  const stats = readStats(plan.statsFiles);
  if (plan.documents.length === 0) {
    if (stats.length === 0 && corpus.length === 0) throw nothing;
    return { steps: combineFunnel(stats, []), corpus };
  }
  const { conn, dataset } = await loadDatasetFromFiles([path]);
  try {
    const sample = await fetchSampleSteps(conn, dataset);
    if (stats.length === 0 && sample.length === 0 && corpus.length === 0) throw nothing;
    return { steps: combineFunnel(stats, sample), corpus };
  } finally {
    conn.close();
  }
}

/** Whole-corpus statistics as text: the summary group's figures, then each other group's largest keys. */
function corpusText(corpus: CorpusStat[]): string {
  if (corpus.length === 0) return '';
  const rows = [['statistic', 'documents', 'mean', 'min', 'max', 'total']];
  for (const c of corpus.filter((x) => x.summary)) rows.push([c.stat, formatCount(c.summary!.n), c.summary!.mean.toPrecision(4), String(c.summary!.min), String(c.summary!.max), formatCount(c.summary!.total)]);
  const grouped = corpus.filter((x) => !x.summary).map((c) => `${c.group}/${c.stat}: ${formatCount(c.keys)} keys; most documents: ${c.top.slice(0, 3).map((t) => `${t.key} (${formatCount(t.stats.n)})`).join(', ')}`);
  return ['whole-corpus statistics (DataTrove summary stats):', textTable(rows), ...grouped].join('\n');
}

const share = (n: number, of: number | null) => formatShare(shareOf(n, of));

function funnelText(steps: FunnelRow[]): string {
  if (steps.length === 0) return 'no filter steps in these statistics';
  const withSample = steps.some((s) => s.sample);
  const rows = [['step', 'in', 'kept', 'dropped', 'dropped share', ...(withSample ? ['removed docs loaded'] : [])]];
  for (const s of steps) rows.push([s.name, formatCount(s.total), formatCount(s.kept), formatCount(s.dropped), s.dropped === null ? '—' : share(s.dropped, s.total), ...(withSample ? [formatCount(s.sample?.dropped)] : [])]);
  const reasons = steps
    .filter((s) => Object.keys(s.reasons).length > 0 || s.sample)
    .map((s) => {
      const names = [...new Set([...Object.keys(s.reasons), ...Object.keys(s.sample?.reasons ?? {})])];
      const by = (r: string) => s.reasons[r] ?? 0;
      return `${s.name}:\n` + textTable(names.sort((a, b) => by(b) - by(a)).map((r) => [`  ${r}`, formatCount(s.reasons[r]), s.dropped === null ? '' : share(by(r), s.dropped), ...(s.sample ? [`sample ${share(s.sample.reasons[r] ?? 0, s.sample.dropped)}`] : [])]));
    });
  return [textTable(rows), ...(reasons.length ? ['', 'dropped by reason (share of the step’s drops):', ...reasons] : [])].join('\n');
}

export const funnel: Command<{ path: string }> = {
  parse(files) {
    if (files.length !== 1) throw new Error('funnel needs one path: a DataTrove stats.json or logging folder, or a folder of removed documents');
    return { path: files[0] };
  },
  async run({ path }, values) {
    const { steps, corpus } = await funnelOf(path);
    if (!values.json) return [steps.length > 0 || corpus.length === 0 ? funnelText(steps) : null, corpus.length > 0 ? corpusText(corpus) : null].filter((x) => x !== null).join('\n\n');
    return JSON.stringify(
      {
        steps: steps.map((s) => ({
          name: s.name,
          total: s.total,
          kept: s.kept,
          dropped: s.dropped,
          reasons: s.reasons,
          ...(s.sample ? { sample: { step: s.sample.step, dropped: s.sample.dropped, reasons: s.sample.reasons } } : {}),
          ...(s.keptChars !== null ? { kept_chars: s.keptChars } : {}),
          ...(s.keptTokens !== null ? { kept_tokens: s.keptTokens } : {}),
        })),
        ...(corpus.length > 0 ? { corpus_stats: corpus.map((c) => ({ group: c.group, stat: c.stat, file: c.file, summary: c.summary, keys: c.keys, top: c.top })) } : {}),
      },
      null,
      2,
    );
  },
};
