/**
 * Which files of a folder are documents, and what each pipeline's layout adds
 * to them, decided from relative paths alone (the page has File objects with
 * webkitRelativePath, the CLI walks the folder):
 *
 * - Dolma (allenai/dolma at 669f534, python/dolma/core/runtime.py): a root with
 *   `documents/**` and `attributes/<experiment>/<same relative path>`, each
 *   attributes file row-aligned with its documents file.
 * - DataTrove exclusion outputs: a folder per filter step; rows carry
 *   `metadata.filter_reason` (detected from the rows, lib/data/ingest shapeShard),
 *   so each file's folder is its `step`.
 * - Data-Juicer tracer (datajuicer/data-juicer at 1dc20a5, core/tracer.py):
 *   `filter-<op>.jsonl`, the documents an op removed: step and reason are the op.
 * - Run statistics (DataTrove `stats.json`, `stats/<rank>.json`) are not documents:
 *   they feed the removal funnel; nor are DataTrove's summary statistics
 *   (`<group>/<stat>/metric.json`), whole-corpus figures.
 */
import { InputError } from './errors';
import { SUPPORTED_EXTENSIONS, withoutDataExtension } from './formats';
import type { ShardShape } from './ingest';
import { summaryStatPath } from './pipelines/datatrove-summary';

export interface DocumentFile {
  path: string;
  shape: ShardShape;
  /** Dolma: the attributes file of each experiment, row-aligned with this file. */
  attributes: Array<{ experiment: string; path: string }>;
}

export interface LayoutPlan {
  kind: 'files' | 'dolma' | 'exclusion' | 'data-juicer-trace';
  documents: DocumentFile[];
  /** Run statistics found beside the documents (the full run's figures for the funnel). */
  statsFiles: string[];
  /** DataTrove summary statistics (`<group>/<stat>/metric.json`): whole-corpus figures. */
  summaryStats: string[];
  /** Files that are neither documents nor statistics, left out (listed, never dropped silently). */
  ignored: string[];
}

const isDataFile = (path: string) => SUPPORTED_EXTENSIONS.some((ext) => path.toLowerCase().endsWith(ext));
const segments = (path: string) => path.split('/').filter((s) => s !== '' && s !== '.');
/** A relative path as layouts compare them: `/`-separated, without empty or `.` parts. */
export const normalizePath = (path: string) => segments(path).join('/');
const TRACER_FILE = /^filter-(.+)\.jsonl$/;
/** What DataTrove's executors write into a logging folder beside the statistics (executor/base.py, jobs.py at a649de7). */
const RUN_METADATA = new Set(['executor.json', 'ranks_to_run.json']);

/** Statistics a DataTrove run writes: `stats.json`, and `stats/<rank>.json` per task. */
export function isStatsFile(path: string): boolean {
  const parts = segments(path);
  const name = parts[parts.length - 1];
  return name === 'stats.json' || (parts[parts.length - 2] === 'stats' && /^\d+\.json$/.test(name));
}

/**
 * The layout of a set of files given by their paths relative to the folder
 * opened. Documents keep the order given (it is the dataset's row order):
 * callers that list a folder sort its paths first (plain code-unit order).
 */
export function planLayout(paths: string[]): LayoutPlan {
  const normalized = paths.map(normalizePath);
  const statsFiles = normalized.filter(isStatsFile);
  const summaryStats = normalized.filter((p) => summaryStatPath(p) !== null);
  const rest = normalized.filter((p) => !isStatsFile(p) && summaryStatPath(p) === null);
  // A DataTrove logging folder's own files (executor.json, ranks_to_run.json) are never documents.
  const ignored = rest.filter((p) => !isDataFile(p) || RUN_METADATA.has(basename(p)));
  const data = rest.filter((p) => isDataFile(p) && !RUN_METADATA.has(basename(p)));
  const dolma = planDolma(data);
  if (dolma) return { kind: 'dolma', documents: dolma.documents, statsFiles, summaryStats, ignored: [...ignored, ...dolma.ignored] };
  const tracer = data.filter((p) => TRACER_FILE.test(basename(p)));
  if (tracer.length > 0 && tracer.length === data.length) {
    const documents = tracer.map((path) => {
      const op = TRACER_FILE.exec(basename(path))![1];
      return { path, shape: { step: op, reason: op }, attributes: [] };
    });
    return { kind: 'data-juicer-trace', documents, statsFiles, summaryStats, ignored };
  }
  // Files in sub-folders: the folder is the step if the rows turn out to be an exclusion output
  // (the loader decides from the rows; see layoutKind).
  const documents = data.map((path) => {
    const parts = segments(path);
    return { path, shape: parts.length > 1 ? { step: parts[parts.length - 2] } : { step: withoutDataExtension(parts[0]) }, attributes: [] };
  });
  return { kind: 'files', documents, statsFiles, summaryStats, ignored };
}

/** The layout's kind once the files are loaded: plain files whose rows carry a filter reason are exclusion outputs. */
export function layoutKind(plan: Pick<LayoutPlan, 'kind'>, shards: Array<{ columnOrigins?: Record<string, string> }>): LayoutPlan['kind'] {
  return plan.kind === 'files' && shards.some((s) => s.columnOrigins?.reason !== undefined) ? 'exclusion' : plan.kind;
}

function basename(path: string): string {
  const parts = segments(path);
  return parts[parts.length - 1];
}


function planDolma(data: string[]): { documents: DocumentFile[]; ignored: string[] } | null {
  const docsAt = (p: string) => segments(p).indexOf('documents');
  const first = data.find((p) => docsAt(p) >= 0);
  if (!first) return null;
  const root = segments(first).slice(0, docsAt(first)).join('/');
  const under = (p: string, folder: string) => p.startsWith(root ? `${root}/${folder}/` : `${folder}/`);
  const relative = (p: string, depth: number) => segments(p).slice(depth).join('/');
  const rootDepth = root ? segments(root).length : 0;
  const docs = data.filter((p) => under(p, 'documents'));
  const attributeFiles = data.filter((p) => under(p, 'attributes'));
  if (attributeFiles.length === 0) return { documents: docs.map((path) => ({ path, shape: {}, attributes: [] })), ignored: data.filter((p) => !docs.includes(p)) };
  // attributes/<experiment>/<path relative to documents/>
  const experiments = [...new Set(attributeFiles.map((p) => segments(p)[rootDepth + 1]))].sort();
  const byExperiment = new Map(experiments.map((e) => [e, new Set(attributeFiles.filter((p) => segments(p)[rootDepth + 1] === e).map((p) => relative(p, rootDepth + 2)))]));
  const documents = docs.map((path) => {
    const rel = relative(path, rootDepth + 1);
    const attributes = experiments.map((experiment) => {
      if (!byExperiment.get(experiment)!.has(rel)) {
        const expected = [root, 'attributes', experiment, rel].filter(Boolean).join('/');
        throw new InputError('bad_layout', `${expected}: missing: experiment "${experiment}" has attributes files, but none for documents/${rel}`, { file: expected });
      }
      return { experiment, path: [root, 'attributes', experiment, rel].filter(Boolean).join('/') };
    });
    return { path, shape: {}, attributes };
  });
  const used = new Set([...docs, ...documents.flatMap((d) => d.attributes.map((a) => a.path))]);
  return { documents, ignored: data.filter((p) => !used.has(p)) };
}
