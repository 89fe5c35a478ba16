/**
 * Opening a folder of Parquet shards for the server engine without copying it:
 * the docs "table" is one view per shard over its file, and the engine's
 * per-row facts are read shard by shard in file order. The tab's load
 * (lib/cli/load.ts) materializes a docs table and ranks ids with a window
 * function; at 10^8 rows that table alone outgrows the machine. Same dataset,
 * same numbers: the summary, facts and id ranks equal the full load's (tested in
 * lib/engine/test/open.test.ts).
 */
import { NodeConnector } from '../data/connectors/node';
import type { Row } from '../data/connector';
import { activateGeneration, checkShardSchemas, describeTable, generationTables, profileTable, stepTimer, summarizeDocs, type Dataset, type DatasetSummary, type ShardReport } from '../data/dataset';
import { InputError } from '../data/errors';
import { ingestFileNode } from '../data/ingest-node';
import { detectMapping, validateMapping } from '../data/schema';
import { buildRawUnionQuery, buildShardDocsViewStatement } from '../data/sql/docs';
import { buildSourceCountsQuery } from '../data/sql/summary';
import { quoteIdent, quoteLiteral } from '../data/sql/quote';
import type { RowFacts } from '../selection/engine';
import type { InputPlan } from '../cli/load';

export interface OpenedShards {
  conn: NodeConnector;
  dataset: Dataset;
  rows: RowFacts;
  /** Each shard's first row index (and, last, the row count). */
  offsets: number[];
  /** Per-shard docs views, in shard order. */
  shardDocs: string[];
}

/** Whether the lean path can open these inputs: Parquet documents files, no attribute files to join. */
export function canOpenLean(plan: InputPlan): boolean {
  return plan.documents.length > 0 && plan.documents.every((d) => /\.parquet$/i.test(d.path) && d.attributes.length === 0);
}

/** Sources with more distinct values than this are numbered by a join rather than a list lookup. */
const LIST_LOOKUP_SOURCES = 64;

export async function openParquetShards(plan: InputPlan): Promise<OpenedShards> {
  const conn = await NodeConnector.open();
  try {
    const prefix = 'g1';
    const names = generationTables(prefix);
    const timings: Record<string, number> = {};
    const timed = stepTimer(timings);
    const shards: ShardReport[] = await timed('shards', async () => {
      const out: ShardReport[] = [];
      for (const [i, d] of plan.documents.entries()) out.push(await ingestFileNode(conn, d.path, names.shard(i), { name: d.name, shape: d.shape }));
      return out;
    });
    await timed('schema_check', () => checkShardSchemas(conn, shards));
    await conn.exec(buildRawUnionQuery(names.raw, shards.map((s) => s.table)));
    const columns = await timed('profile', () => profileTable(conn, names.raw));
    const detection = detectMapping(columns);
    const mapping = detection.mapping;
    const problems = validateMapping(mapping, columns);
    if (problems.length > 0) throw new InputError('bad_mapping', `column mapping: ${problems.join('; ')}`);

    const union = await describeTable(conn, names.raw);
    const offsets = [0];
    for (const s of shards) offsets.push(offsets[offsets.length - 1] + s.rows);
    const shardDocs = shards.map((_, i) => `${names.docs}_${i}`);
    for (const [i, s] of shards.entries()) {
      const own = new Set((await describeTable(conn, s.table)).map((c) => c.name));
      const missing = union.filter((c) => c.name !== '_shard' && !own.has(c.name));
      await conn.exec(buildShardDocsViewStatement({ docs: shardDocs[i], shardTable: s.table, shard: i, offset: offsets[i], missing, mapping, profiles: columns, textLoaded: true }));
    }
    await conn.exec(`CREATE OR REPLACE VIEW ${quoteIdent(names.docs)} AS ${shardDocs.map((v) => `SELECT * EXCLUDE (_text) FROM ${quoteIdent(v)}`).join(' UNION ALL ')}`);
    await activateGeneration(conn, prefix);

    const sourceRows = await timed('sources', () => conn.query(buildSourceCountsQuery(names.docs)));
    const sources = sourceRows.map((r) => (r.source === null || r.source === undefined ? null : String(r.source)));
    const facts = await timed('facts', () => readFacts(conn, shardDocs, offsets, sources));
    const ids = await timed('id_order', () => rankIds(conn, names.docs, offsets[offsets.length - 1]));
    const duplicateIds = await timed('duplicates', () => duplicatesOf(conn, ids, shardDocs, offsets));
    const summary: DatasetSummary = await summarizeDocs(conn, names.docs, mapping, columns, shards, true, timed, { duplicateIds, sourceRows });
    const dataset: Dataset = { prefix, timings, shards, columns, detection, mapping, textLoaded: true, summary, derived: [] };
    return { conn, dataset, rows: { ...facts, sources, idRank: ids.rank }, offsets, shardDocs };
  } catch (error) {
    conn.close();
    throw error;
  }
}

/** The shard holding a row index, by binary search over the shards' first indexes. */
export function shardOf(offsets: number[], idx: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= idx) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Row indexes grouped by shard, as rows within their files. */
export function rowsByShard(offsets: number[], idx: number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const i of idx) {
    const s = shardOf(offsets, i);
    const list = out.get(s);
    if (list) list.push(i - offsets[s]);
    else out.set(s, [i - offsets[s]]);
  }
  return out;
}

/**
 * Float columns of every row, shard by shard in file order (a scan without ORDER
 * BY keeps it: preserve_insertion_order is on), written into `into` at each
 * shard's first index: each query's columns by name.
 */
async function readShardColumns(conn: NodeConnector, shardDocs: string[], offsets: number[], into: Record<string, Float64Array | Uint32Array>, sql: (view: string) => string): Promise<void> {
  for (const [k, view] of shardDocs.entries()) {
    const cols = await conn.queryFloat64Columns(sql(view));
    const expected = offsets[k + 1] - offsets[k];
    for (const [name, values] of Object.entries(cols)) {
      if (values.length !== expected) throw new Error(`${view}: read ${values.length} rows, expected ${expected}`);
      into[name].set(values, offsets[k]);
    }
  }
}

/** Source index, characters and tokens of every row, as buildRowFactsQuery numbers sources: by count, then name, NULL last. */
async function readFacts(conn: NodeConnector, shardDocs: string[], offsets: number[], sources: Array<string | null>): Promise<Omit<RowFacts, 'sources' | 'idRank'>> {
  const n = offsets[offsets.length - 1];
  const facts = { sourceOf: new Uint32Array(n), chars: new Float64Array(n), tokens: new Float64Array(n) };
  const named = sources.map((s, i) => [s, i] as const).filter(([s]) => s !== null) as Array<readonly [string, number]>;
  const nullIdx = sources.indexOf(null);
  const byList = named.length <= LIST_LOOKUP_SOURCES;
  if (!byList) {
    await conn.exec(`CREATE OR REPLACE TEMP TABLE sift_source_idx AS SELECT * FROM (VALUES ${named.map(([s, i]) => `(${quoteLiteral(s)}, ${i})`).join(', ')}) t(source, idx)`);
  }
  // list_position is 1-based over the named sources in their numbering order; unnamed rows get NULL's index.
  const list = `[${named.map(([s]) => quoteLiteral(s)).join(', ')}]::VARCHAR[]`;
  const sourceExpr = byList ? `coalesce(list_position(${list}, d.source) - 1, ${nullIdx})` : `coalesce(m.idx, ${nullIdx})`;
  await readShardColumns(conn, shardDocs, offsets, facts, (view) => {
    const from = byList ? `${quoteIdent(view)} d` : `${quoteIdent(view)} d LEFT JOIN sift_source_idx m ON m.source = d.source ORDER BY d._row`;
    return `SELECT ${sourceExpr}::DOUBLE AS sourceOf, d.n_chars::DOUBLE AS chars, coalesce(d.n_tokens, d.n_bytes / 4)::DOUBLE AS tokens FROM ${from}`;
  });
  return facts;
}

/**
 * Browse rows by index with the start of their text: one scan per shard holding
 * some (the columns and the text come from the same row groups), rows in any order.
 */
export function buildLeanRowsQuery(shardDocs: string[], offsets: number[], idx: number[], scores: string[], previewChars: number): string {
  const scoreCols = scores.map((s) => `, ${quoteIdent(s)}`).join('');
  return [...rowsByShard(offsets, idx)]
    .map(
      ([s, rows]) =>
        `SELECT _idx, _shard, _row, doc_id, source, n_chars, n_tokens, tags${scoreCols}, substr(_text, 1, ${Math.trunc(previewChars)}) AS preview FROM ${quoteIdent(shardDocs[s])} WHERE _row IN (${rows.map((r) => String(Math.trunc(r))).join(', ')})`,
    )
    .join(' UNION ALL ');
}

/** Score columns, shard by shard in file order. */
export async function readShardScores(conn: NodeConnector, shardDocs: string[], offsets: number[], names: string[]): Promise<Record<string, Float64Array>> {
  const n = offsets[offsets.length - 1];
  const out: Record<string, Float64Array> = Object.fromEntries(names.map((name) => [name, new Float64Array(n)]));
  if (names.length === 0) return out;
  const into = Object.fromEntries(names.map((name, i) => [`c${i}`, out[name]]));
  await readShardColumns(conn, shardDocs, offsets, into, (view) => `SELECT ${names.map((s, i) => `${quoteIdent(s)}::DOUBLE AS c${i}`).join(', ')} FROM ${quoteIdent(view)}`);
  return out;
}

/** One row by index from its shard's docs view (the text left out), or null when no shard holds it. */
export function buildLeanRowQuery(shardDocs: string[], offsets: number[], idx: number, columns = '* EXCLUDE (_text)'): string | null {
  if (!(idx >= 0 && idx < offsets[offsets.length - 1])) return null;
  const s = shardOf(offsets, idx);
  return `SELECT ${columns} FROM ${quoteIdent(shardDocs[s])} WHERE _row = ${Math.trunc(idx - offsets[s])}`;
}

/** doc_ids shard by shard in file order. */
export async function readShardDocIds(conn: NodeConnector, shardDocs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const view of shardDocs) for (const id of await conn.queryStrings(`SELECT doc_id FROM ${quoteIdent(view)}`)) out.push(id);
  return out;
}

interface IdOrder {
  /** Each row's position in (doc_id, _idx) order. */
  rank: Uint32Array;
  /** Rows in that order, and whether each repeats the previous row's id. */
  order: Float64Array;
  repeat: Float64Array;
}

/** Ranks rows by doc_id bytes then row index, as buildRowFactsQuery's window does, with one sort. */
async function rankIds(conn: NodeConnector, docs: string, n: number): Promise<IdOrder> {
  const cols = await conn.queryFloat64Columns(
    `SELECT _idx::DOUBLE AS i, (doc_id = lag(doc_id) OVER (ORDER BY doc_id, _idx))::DOUBLE AS r FROM ${quoteIdent(docs)} ORDER BY doc_id, _idx`,
  );
  if (cols.i.length !== n) throw new Error(`doc_id order: ${cols.i.length} rows, expected ${n}`);
  const rank = new Uint32Array(n);
  for (let k = 0; k < n; k++) rank[cols.i[k]] = k;
  return { rank, order: cols.i, repeat: cols.r };
}

/** buildDuplicateIdsQuery's answer from the id order: repeated ids, extra rows, the five most repeated (ties by id). */
async function duplicatesOf(conn: NodeConnector, ids: IdOrder, shardDocs: string[], offsets: number[]): Promise<DatasetSummary['duplicateIds']> {
  const runs: Array<{ first: number; n: number }> = [];
  let extraRows = 0;
  for (let k = 1; k < ids.repeat.length; k++) {
    if (ids.repeat[k] !== 1) continue;
    extraRows++;
    if (ids.repeat[k - 1] === 1) runs[runs.length - 1].n++;
    else runs.push({ first: ids.order[k - 1], n: 2 });
  }
  // Runs are in doc_id order already; a stable sort by size keeps that order among equals.
  const top = runs.sort((a, b) => b.n - a.n).slice(0, 5);
  const examples: string[] = [];
  for (const r of top) {
    const [row]: Row[] = await conn.query(buildLeanRowQuery(shardDocs, offsets, r.first, 'doc_id')!);
    examples.push(String(row.doc_id));
  }
  return { ids: runs.length, extraRows, examples };
}

