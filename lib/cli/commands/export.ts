/** `sift export`: a manifest (or the filtered corpus) and its provenance record. */
import type { Direction } from '../../selection/order';
import { parsePerSource, parseRatio } from '../../selection/ratio';
import { listOption, stringOption, type Command, type Values } from '../command';
import { parseDefine } from '../compare';
import { runExport, type ExportOptions } from '../export';

export const exportCommand: Command<{ files: string[]; options: ExportOptions }> = {
  parse(files, values) {
    const options = exportOptions(values);
    if (files.length === 0) throw new Error('export needs at least one file');
    return { files, options };
  },
  async run({ files, options }, values) {
    const r = await runExport(files, options);
    return values.json ? JSON.stringify(r, null, 2) : `wrote ${r.manifest} (${r.rows} rows; kept ${r.kept}, dropped ${r.dropped}) and ${r.provenance}`;
  },
};

/** The options of `sift export`, checked (bad usage throws). */
export function exportOptions(v: Values): ExportOptions {
  const str = (k: string) => stringOption(v, k);
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
    ...(listOption(v, 'scores').length ? { scores: listOption(v, 'scores') } : {}),
  };
}
