/**
 * Folders laid out as each pipeline writes them, built from the formats in
 * their own code (docs/data-formats.md cites the commits): a Dolma root with two
 * experiments, a DataTrove run (writer output, exclusion folders, stats.json),
 * a NeMo Curator file and a Data-Juicer export with its tracer. Shared by the
 * unit tests and the end-to-end setup.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

function put(path: string, body: string | Uint8Array, gzip = false) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzip ? gzipSync(body) : body);
}

/** Python's index of a substring (code points), as Dolma's taggers give spans. */
export const pyIndex = (text: string, part: string) => Array.from(text.slice(0, text.indexOf(part))).length;
const pyLen = (text: string) => Array.from(text).length;

/** Texts where code-point and UTF-16 offsets differ (emoji, CJK, a flag) before the spans. */
const DOLMA_TEXTS = [
  'Plain English text about rivers. Mail bob@example.com for the survey.',
  '🌊🌊 Waves first, then contact: 海洋研究所 ocean@lab.jp and more text after it.',
  '中文文本，没有邮件地址。这是一段关于气候的文字。',
  'Emoji 👩‍🔬 scientist writes to 🇯🇵 japan.desk@news.example and anna@uni.example twice.',
  'Short note.',
  'Numbers 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 with no address at all.',
];
const EMAIL = /[\w.]+@[\w.]+\w/g;

/** The spans of each e-mail address in a text, in code points (Dolma's convention). */
export function emailSpans(text: string): Array<[number, number, number]> {
  return [...text.matchAll(EMAIL)].map((m) => {
    const start = Array.from(text.slice(0, m.index)).length;
    return [start, start + pyLen(m[0]), 1.0];
  });
}

/**
 * A Dolma root: documents/web/{0000,0001}.json.gz; attributes of experiment
 * `quality` (a document-level score) and `pii` (e-mail spans) beside them.
 */
export function writeDolmaRoot(root: string): { docs: Array<{ id: string; text: string; file: string }> } {
  const docs: Array<{ id: string; text: string; file: string }> = [];
  for (const [part, range] of [['0000', [0, 3]], ['0001', [3, 6]]] as const) {
    const rows = DOLMA_TEXTS.slice(range[0], range[1]).map((text, k) => ({ id: `web-${range[0] + k}`, text, source: 'web', added: '2024-01-01T00:00:00.000Z', created: '2023-06-01T00:00:00.000Z', metadata: { url: `https://example.org/${range[0] + k}`, lang: 'mixed' } }));
    const file = `${part}.json.gz`;
    put(join(root, 'documents', 'web', file), jsonl(rows), true);
    put(
      join(root, 'attributes', 'quality', 'web', file),
      jsonl(rows.map((r, k) => ({ id: r.id, source: 'web', attributes: { quality__fasttext__hq: [[0, pyLen(r.text), Number((0.1 + 0.15 * (range[0] + k)).toFixed(2))]] } }))),
      true,
    );
    put(join(root, 'attributes', 'pii', 'web', file), jsonl(rows.map((r) => ({ id: r.id, source: 'web', attributes: { pii__regex__email: emailSpans(r.text) } }))), true);
    docs.push(...rows.map((r) => ({ id: r.id, text: r.text, file })));
  }
  return { docs };
}

export interface DataTroveStep {
  folder: string;
  name: string;
  reasons: Record<string, number>;
}

/** The filter steps of the run, their exclusion folders and how many documents each reason removed in the sample. */
export const DATATROVE_STEPS: DataTroveStep[] = [
  { folder: '1_gopher_repetition', name: '👯 Gopher Repetition', reasons: { dup_para_frac: 3, top_2_gram: 5 } },
  { folder: '2_gopher_quality', name: '🥇 Gopher Quality', reasons: { gopher_short_doc: 6, gopher_enough_stop_words: 2 } },
  { folder: '3_fineweb_quality', name: '🍷 FineWeb Quality', reasons: { line_punct_ratio: 4 } },
];
export const DATATROVE_KEPT = 20;
/** The full run is this many times the sample; one step's reasons are skewed in it, so the sample's shares differ. */
export const DATATROVE_SCALE = 1000;
export const DATATROVE_FULL_REASONS: Record<string, Record<string, number>> = {
  '👯 Gopher Repetition': { dup_para_frac: 2500, top_2_gram: 5500 },
};

const metric = (total: number, n: number) => ({ total, n, mean: total / n, variance: 4, std_dev: 2, min: 5, max: 900, unit: 'doc' });

/**
 * A DataTrove run: writer output (`output/00000.jsonl.gz`, metadata nested as
 * JsonlWriter writes it), one exclusion folder per filter step
 * (`removed/<step>/00000.jsonl.gz`, rows with metadata.filter_reason) and the
 * run's merged `logs/stats.json`.
 */
export function writeDataTroveRun(root: string) {
  let n = 0;
  const doc = (reason: string | null) => {
    const i = n++;
    const metadata: Record<string, unknown> = { url: `https://site${i % 4}.example/page/${i}`, dump: 'CC-MAIN-2024-10', language: 'en', language_score: Number((0.7 + (i % 30) / 100).toFixed(2)) };
    if (reason) metadata.filter_reason = reason;
    return { text: `Document ${i} of the crawl. ${reason ? `It was removed for ${reason}.` : 'It passed every filter.'} Some more words follow here.`, id: `dt-${i}`, metadata };
  };
  for (const step of DATATROVE_STEPS) {
    const rows = Object.entries(step.reasons).flatMap(([reason, count]) => Array.from({ length: count }, () => doc(reason)));
    put(join(root, 'removed', step.folder, '00000.jsonl.gz'), jsonl(rows), true);
  }
  put(join(root, 'output', '00000.jsonl.gz'), jsonl(Array.from({ length: DATATROVE_KEPT }, () => doc(null))), true);

  const dropped = (s: DataTroveStep) => Object.values(s.reasons).reduce((a, b) => a + b, 0);
  let total = DATATROVE_KEPT + DATATROVE_STEPS.reduce((a, s) => a + dropped(s), 0);
  const blocks: unknown[] = [{ name: '📖 - READER: 🐿 Jsonl', time_stats: { total: 2.5 }, stats: { documents: total * DATATROVE_SCALE, doc_len: metric(total * 90 * DATATROVE_SCALE, total * DATATROVE_SCALE) } }];
  for (const step of DATATROVE_STEPS) {
    const d = dropped(step);
    const reasons = DATATROVE_FULL_REASONS[step.name] ?? Object.fromEntries(Object.entries(step.reasons).map(([r, c]) => [r, c * DATATROVE_SCALE]));
    const kept = total - d;
    blocks.push({
      name: step.name,
      time_stats: { total: 1.5 },
      stats: { total: total * DATATROVE_SCALE, forwarded: kept * DATATROVE_SCALE, dropped: d * DATATROVE_SCALE, ...Object.fromEntries(Object.entries(reasons).map(([r, c]) => [`dropped_${r}`, c])), doc_len: metric(kept * 90 * DATATROVE_SCALE, kept * DATATROVE_SCALE) },
    });
    total = kept;
  }
  blocks.push({ name: '💽 Writer: 🐿 Jsonl', time_stats: { total: 0.4 }, stats: { total: total * DATATROVE_SCALE } });
  put(join(root, 'logs', 'stats.json'), JSON.stringify(blocks, null, 4));
  // What else a DataTrove executor writes into its logging folder (executor/base.py): never documents.
  put(join(root, 'logs', 'executor.json'), JSON.stringify({ pipeline: ['JsonlReader', 'GopherRepetitionFilter', 'GopherQualityFilter', 'FineWebQualityFilter', 'JsonlWriter'], tasks: 1, workers: -1, logging_dir: 'logs' }, null, 4));
  put(join(root, 'logs', 'ranks_to_run.json'), JSON.stringify([0]));
  put(join(root, 'logs', 'completions', '00000'), '');
  put(join(root, 'logs', 'logs', 'task_00000.log'), '2024-05-01 10:00:00.000 | INFO | datatrove.executor.base:_run_for_rank:85 - Processing done for rank=0\n');
  // Summary statistics of the kept documents, merged as StatsMerger writes them (MetricStats.to_dict).
  for (const [group, stat, body] of DATATROVE_SUMMARY_STATS) put(join(root, 'summary-stats', group, stat, 'metric.json'), JSON.stringify(body, null, 2));
}

/** `<group>/<stat>/metric.json` bodies of the run's summary statistics. */
export const DATATROVE_SUMMARY_STATS: Array<[string, string, unknown]> = [
  ['summary', 'length', { summary: { total: 1_800_000, n: 20_000, mean: 90, variance: 400, std_dev: 20, min: 31, max: 410 } }],
  ['summary', 'white_space_ratio', { summary: { total: 3_200.5, n: 20_000, mean: 0.160025, variance: 0.0004, std_dev: 0.02, min: 0.1, max: 0.3 } }],
  ['fqdn', 'length', { 'site0.example': { total: 450_000, n: 5_000, mean: 90, variance: 1, std_dev: 1, min: 80, max: 100 }, 'site1.example': { total: 540_000, n: 6_000, mean: 90, variance: 1, std_dev: 1, min: 80, max: 100 }, 'site2.example': 4 }],
];

/** A NeMo Curator output: FineWeb-Edu classifier columns, the quality classifier's label and a fuzzy-dedup group. */
export function writeNemoFile(path: string) {
  const rows = Array.from({ length: 12 }, (_, i) => ({
    id: `nemo-${i}`,
    text: `NeMo document ${i} about ${['physics', 'cooking', 'sports'][i % 3]}.`,
    'fineweb-edu-score-float': Number((0.3 * i).toFixed(2)),
    'fineweb-edu-score-int': Math.round(0.3 * i),
    'fineweb-edu-score-label': 0.3 * i >= 2.5 ? 'high_quality' : 'low_quality',
    quality_pred: ['Low', 'Medium', 'High'][i % 3],
    _duplicate_group_id: Math.floor(i / 2),
  }));
  put(path, jsonl(rows));
}

/** Data-Juicer ops whose tracer files the fixture writes, and how many samples each removed. */
export const DATA_JUICER_TRACES: Record<string, number> = { text_length_filter: 3, perplexity_filter: 2 };

/**
 * A Data-Juicer export (`processed.jsonl`, stats nested under `__dj__stats__`)
 * and its tracer (`trace/filter-<op>.jsonl`, the samples an op removed).
 */
export function writeDataJuicer(root: string) {
  const sample = (i: number) => ({ text: `Data-Juicer sample ${i} with a few words.`, __dj__stats__: { text_len: 30 + i, perplexity: 100 + 7 * i, lang: 'en', lang_score: Number((0.8 + (i % 20) / 100).toFixed(2)) } });
  put(join(root, 'processed.jsonl'), jsonl(Array.from({ length: 8 }, (_, i) => sample(i))));
  let i = 100;
  for (const [op, count] of Object.entries(DATA_JUICER_TRACES)) put(join(root, 'trace', `filter-${op}.jsonl`), jsonl(Array.from({ length: count }, () => sample(i++))));
}
