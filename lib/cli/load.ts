import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { NodeConnector } from '../data/connectors/node';
import { layoutKind, planLayout, type LayoutPlan } from '../data/layouts';
import { parseCorpusStat, type CorpusStat } from '../data/pipelines/datatrove-summary';
import type { ShardShape } from '../data/ingest';
import { InputError } from '../data/errors';
import { buildDocTextRangeQuery } from '../data/sql/tables';
import { activateGeneration, buildDataset, generationTables, type Dataset, type ShardReport } from '../data/dataset';
import { ingestFileNode } from '../data/ingest-node';
import { addSidecarScores, type SidecarReport } from '../data/sidecar';
import type { BadLinePolicy } from '../data/jsonl-parser';

export interface PlannedInput {
  path: string;
  /** The file as messages name it: its path inside the folder given, or its base name. */
  name: string;
  shape: ShardShape;
  attributes: Array<{ experiment: string; path: string; name: string }>;
}

export interface InputPlan {
  kind: LayoutPlan['kind'];
  documents: PlannedInput[];
  statsFiles: string[];
  summaryStats: string[];
  ignored: string[];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(full));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

/**
 * What the command-line paths hold: a folder is read as its layout says
 * (lib/data/layouts: a Dolma root, exclusion outputs, a tracer folder, shards);
 * a file is a documents file whose folder is its step if it is an exclusion output.
 */
export function planInputs(paths: string[], options: { allowEmpty?: boolean } = {}): InputPlan {
  const plan: InputPlan = { kind: 'files', documents: [], statsFiles: [], summaryStats: [], ignored: [] };
  for (const path of paths) {
    const isDir = (() => {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    })();
    if (!isDir) {
      plan.documents.push({ path, name: basename(path), shape: { step: basename(dirname(resolve(path))) }, attributes: [] });
      continue;
    }
    const files = walk(path).sort();
    const rel = (f: string) => relative(path, f).split(sep).join('/');
    const layout = planLayout(files.map(rel));
    const at = (r: string) => join(path, ...r.split('/'));
    if (layout.kind !== 'files') plan.kind = layout.kind;
    for (const d of layout.documents) {
      plan.documents.push({ path: at(d.path), name: d.path, shape: d.shape, attributes: d.attributes.map((a) => ({ experiment: a.experiment, path: at(a.path), name: a.path })) });
    }
    plan.statsFiles.push(...layout.statsFiles.map(at));
    plan.summaryStats.push(...layout.summaryStats.map(at));
    plan.ignored.push(...layout.ignored.map(at));
    if (layout.documents.length === 0 && !options.allowEmpty) throw new InputError('no_rows', `${path}: no documents files (${['.jsonl', '.jsonl.gz', '.parquet', '.csv'].join(', ')}, …) in this folder`, { file: path });
  }
  return plan;
}

/**
 * Loads files as one dataset into a fresh in-memory DuckDB: the same steps as
 * the Data page; then joins each score file (--scores) to it by id.
 */
export async function loadDatasetFromFiles(
  paths: string[],
  badLines: BadLinePolicy = 'error',
  scoreFiles: string[] = [],
): Promise<{ conn: NodeConnector; dataset: Dataset; sidecars: SidecarReport[]; plan: InputPlan }> {
  const plan = planInputs(paths);
  const conn = await NodeConnector.open();
  try {
    const prefix = 'g1';
    const shards: ShardReport[] = [];
    for (const [i, d] of plan.documents.entries()) {
      shards.push(await ingestFileNode(conn, d.path, generationTables(prefix).shard(i), { badLines, name: d.name, shape: d.shape, attributes: d.attributes }));
    }
    let dataset = await buildDataset(conn, { prefix, shards });
    plan.kind = layoutKind(plan, shards);
    await activateGeneration(conn, prefix);
    const sidecars: SidecarReport[] = [];
    for (const [k, path] of scoreFiles.entries()) {
      const table = `${prefix}_sidecar_${k}`;
      const shard = await ingestFileNode(conn, path, table, { badLines });
      const joined = await addSidecarScores(conn, dataset, table, shard.file);
      dataset = joined.dataset;
      sidecars.push(joined.report);
    }
    return { conn, dataset, sidecars, plan };
  } catch (error) {
    conn.close();
    throw error;
  }
}

/**
 * Loads files for scoring and gives the SQL that reads a range of documents'
 * doc_id and text in document order; bad input when there is no text column.
 */
export async function loadTextDataset(
  paths: string[],
  badLines: BadLinePolicy = 'error',
): Promise<{ conn: NodeConnector; dataset: Dataset; textRange: (start: number, end: number) => string }> {
  const { conn, dataset } = await loadDatasetFromFiles(paths, badLines);
  if (!dataset.mapping.text) {
    conn.close();
    throw new InputError('bad_mapping', `no text column in ${paths.join(', ')}: sift score needs one (a column named text, content, document, …)`);
  }
  const text = dataset.mapping.text;
  const textRange = (start: number, end: number) => buildDocTextRangeQuery(text, start, end);
  return { conn, dataset, textRange };
}

/** The summary statistics a folder holds (DataTrove's `<group>/<stat>/metric.json`), read; errors name the file. */
export function readCorpusStats(plan: InputPlan, root: string): CorpusStat[] {
  return plan.summaryStats.map((file) => parseCorpusStat(readFileSync(file, 'utf8'), relative(root, file).split(sep).join('/')));
}
