import { parseCorpusFigures, type CorpusFigures } from './corpus-figures';
import type { Connector, Row } from './connector';
import { toNumber } from './connector';
import { InputError } from './errors';
import type { FileFormat } from './formats';
import { detectMapping, profileColumn, RESERVED_COLUMNS, validateMapping, type ColumnMapping, type ColumnProfile, type MappingDetection } from './schema';
import { buildCreateDocsQuery, buildRawUnionQuery } from './sql/docs';
import { buildProfileQuery, buildSampleProfileQuery, NUMERIC_CANDIDATE_SHARE, type RawColumn } from './sql/profile';
import { buildAddColumnStatement, buildColumnStatsQuery, buildDescribeQuery, buildDropStatement, buildJoinScoresStatement, buildPrefixedTablesQuery, buildRowCountQuery, buildViewStatement } from './sql/tables';
import {
  buildDuplicateIdsQuery,
  buildFingerprintQuery,
  buildScoreStatsQuery,
  buildSourceCountsQuery,
  buildTotalsQuery,
} from './sql/summary';
import { isNumericClass, typeClassOf } from './sql/types';

/** What loading one file produced: its raw table in DuckDB and what was repaired or skipped on the way. */
export interface ShardReport {
  file: string;
  format: FileFormat;
  bytes: number;
  rows: number;
  table: string;
  /** False when the text column was left out of DuckDB (a large Parquet file, read lazily). */
  textLoaded: boolean;
  /** For lazily read text: UTF-8 bytes of the text column, from the Parquet metadata. */
  textBytesEstimate?: number | null;
  badLines?: { count: number; examples: Array<{ line: number; message: string }> };
  blankLines?: number;
  invalidUtf8?: { lines: number; replacedChars: number };
  nonStandardNumbers?: number;
  /** The loader's own table when `table` is a view over it (lib/data/ingest shapeShard): lazily read text is registered by it. */
  loadedTable?: string;
  /** Columns a layout made (nested records' leaves, Dolma attributes) and their origin; other shards may lack them. */
  columnOrigins?: Record<string, string>;
  /** A Parquet sample's `sift_corpus` key-value metadata: the full corpus's figures (lib/data/corpus-figures). */
  corpusFigures?: string;
}

export interface ScoreStats {
  name: string;
  min: number | null;
  max: number | null;
  mean: number | null;
  count: number;
  missing: number;
  /** Values present in the file that were not finite numbers (text, NaN, ±Infinity): part of `missing`. */
  invalid: number;
}

export interface DatasetSummary {
  rows: number;
  fingerprint: string;
  idsDerived: boolean;
  duplicateIds: { ids: number; extraRows: number; examples: string[] };
  sources: Array<{ source: string | null; count: number; share: number }>;
  characters: number | null;
  bytes: { value: number | null; estimated: boolean };
  tokens: { value: number | null; estimated: boolean; basis: string };
  scores: ScoreStats[];
}

/** Milliseconds spent in each step of the last load or remap, for the status line and benchmarks. */
export type StepTimings = Record<string, number>;

export interface Dataset {
  prefix: string;
  timings: StepTimings;
  shards: ShardReport[];
  columns: ColumnProfile[];
  detection: MappingDetection;
  mapping: ColumnMapping;
  textLoaded: boolean;
  summary: DatasetSummary;
  /** Selectors defined by expressions over the others, in the order they were added. */
  derived?: Array<{ name: string; expression: string }>;
  /** Selector columns computed in the browser by Sift's scorer, and its version. */
  computed?: { version: string; selectors: string[] };
  /** Selector columns computed in the browser by ONNX models, one entry per model run. */
  models?: ModelScores[];
  /** How a folder's files were read (lib/data/layouts), when they were more than plain shards. */
  layout?: { kind: string; statsFiles: string[]; summaryStats: string[]; ignored: string[] };
  /** Selector columns joined from score files by id (lib/data/sidecar), one entry per file. */
  sidecars?: Array<{ file: string; selectors: string[]; dataFolderPath?: string }>;
  /** When the documents are a sample of a larger corpus: its figures (from the file, or declared). */
  corpus?: CorpusFigures;
  /** Set when the dataset was opened by the server engine (lib/engine): its handle, path in the data folder, and memory figures. */
  server?: ServerHandle;
}

/** What holds the dataset's rows: its generation of the tab's tables, or its handle on the server (a prefix of the selection key). */
export function datasetHolder(dataset: Pick<Dataset, 'prefix' | 'server'>): string {
  return dataset.server ? `server-${dataset.server.id}` : dataset.prefix;
}

export interface ServerHandle {
  id: string;
  path: string;
  selectors: Array<{ name: string; direction: 'higher' | 'lower' }>;
  sources: Array<string | null>;
  rows: number;
  /** Milliseconds: reading the files into DuckDB, the per-row facts, the score columns, the first selector's order. */
  ms: { load: number; facts: number; scores: number; prepare: number };
  memory: { factsBytesPerDoc: number; selectorBytesPerDoc: number; rssBytes: number };
}

export interface ModelScores {
  /** The model's config name. */
  name: string;
  /** sha256 of the model file, its config (and tokenizer). */
  hash: string;
  selectors: string[];
  /** The config's direction per selector ('higher' or 'lower' is better). */
  directions: Record<string, 'higher' | 'lower'>;
}

export type Timed = <T>(step: string, work: () => Promise<T>) => Promise<T>;

export function stepTimer(timings: StepTimings): Timed {
  return async (step, work) => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      timings[step] = Math.round(performance.now() - t0);
    }
  };
}

/** Names of one dataset generation's tables; a new load never touches the active generation until it succeeds. */
export function generationTables(prefix: string) {
  return { raw: `${prefix}_raw`, docs: `${prefix}_docs`, shard: (i: number) => `${prefix}_raw_${i}` };
}

export async function describeTable(conn: Connector, table: string): Promise<RawColumn[]> {
  const rows = await conn.query(buildDescribeQuery(table));
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

const INTERNAL = new Set(['_row', '_shard']);

/** Shards must have the same columns; numeric and text types may mix (text wins, and is coerced later). */
export async function checkShardSchemas(conn: Connector, shards: ShardReport[]): Promise<void> {
  if (shards.length < 2) return;
  const schemas = await Promise.all(shards.map((s) => describeTable(conn, s.table)));
  const first = new Map(schemas[0].filter((c) => !INTERNAL.has(c.name)).map((c) => [c.name, c.type]));
  for (let i = 1; i < shards.length; i++) {
    const here = new Map(schemas[i].filter((c) => !INTERNAL.has(c.name)).map((c) => [c.name, c.type]));
    const a = shards[0].file;
    const b = shards[i].file;
    // Nested records differ in their keys from row to row; a leaf one file lacks is null there.
    const optional = (name: string) => shards[0].columnOrigins?.[name] !== undefined || shards[i].columnOrigins?.[name] !== undefined;
    for (const name of first.keys()) {
      if (!here.has(name) && !optional(name)) throw new InputError('schema_mismatch', `schema mismatch: ${b} has no column "${name}", which ${a} has`, { file: b, column: name });
    }
    for (const [name, type] of here) {
      const other = first.get(name);
      if (other === undefined && optional(name)) continue;
      if (other === undefined) throw new InputError('schema_mismatch', `schema mismatch: ${b} has a column "${name}" that ${a} does not have`, { file: b, column: name });
      const ca = typeClassOf(other);
      const cb = typeClassOf(type);
      const compatible = ca === cb || ((isNumericClass(ca) || ca === 'string') && (isNumericClass(cb) || cb === 'string'));
      if (!compatible) {
        throw new InputError('schema_mismatch', `schema mismatch: column "${name}" is ${type} in ${b} but ${other} in ${a}`, { file: b, column: name });
      }
    }
  }
}

/** Profiles every column: a sample pass picks the text columns worth an exact numeric count, then one full pass counts. */
export async function profileTable(conn: Connector, table: string): Promise<ColumnProfile[]> {
  const columns = (await describeTable(conn, table)).filter((c) => !INTERNAL.has(c.name));
  const [sample] = await conn.query(buildSampleProfileQuery(table, columns));
  const exact = new Set(
    columns
      .filter((col, i) => {
        const cls = typeClassOf(col.type);
        if (isNumericClass(cls)) return true;
        const nonNull = toNumber(sample[`c${i}_nonnull`]) ?? 0;
        // An all-null sample says nothing: count exactly.
        return cls === 'string' && (nonNull === 0 || (toNumber(sample[`c${i}_finite`]) ?? 0) / nonNull >= NUMERIC_CANDIDATE_SHARE);
      })
      .map((c) => c.name),
  );
  const [row] = await conn.query(buildProfileQuery(table, columns, exact));
  return columns.map((col, i) =>
    profileColumn(col, toNumber(row[`c${i}_nonnull`]) ?? 0, toNumber(row[`c${i}_finite`]) ?? 0, toNumber(sample[`c${i}_avglen`])),
  );
}

/**
 * Builds a dataset from shards already loaded as raw tables: checks their
 * schemas agree, profiles the columns, detects (or applies) the column
 * mapping, creates the docs table and summarizes it.
 */
export async function buildDataset(
  conn: Connector,
  args: { prefix: string; shards: ShardReport[]; mapping?: ColumnMapping },
): Promise<Dataset> {
  const { prefix, shards } = args;
  const names = generationTables(prefix);
  const timings: StepTimings = {};
  const timed = stepTimer(timings);
  await timed('schema_check', () => checkShardSchemas(conn, shards));
  await conn.exec(buildRawUnionQuery(names.raw, shards.map((s) => s.table)));
  const columns = await timed('profile', () => profileTable(conn, names.raw));
  const detection = detectMapping(columns);
  const textLoaded = shards.every((s) => s.textLoaded);
  const corpus = corpusOf(shards);
  const dataset = { prefix, timings, shards, columns, detection, mapping: detection.mapping, textLoaded, ...(corpus ? { corpus } : {}) } as Omit<Dataset, 'summary'>;
  return applyMapping(conn, dataset, args.mapping ?? detection.mapping);
}

/** The corpus a sample file says it was drawn from: one file carrying the figures (several files are not one sample). */
function corpusOf(shards: ShardReport[]): CorpusFigures | null {
  const carrying = shards.filter((s) => s.corpusFigures);
  if (carrying.length === 0 || shards.length !== 1) return null;
  return parseCorpusFigures(carrying[0].corpusFigures!, carrying[0].file);
}

/** Re-creates the docs table for a new column mapping and summarizes it. */
export async function applyMapping(conn: Connector, dataset: Omit<Dataset, 'summary'>, mapping: ColumnMapping): Promise<Dataset> {
  const problems = validateMapping(mapping, dataset.columns);
  if (problems.length > 0) throw new InputError('bad_mapping', `column mapping: ${problems.join('; ')}`);
  const names = generationTables(dataset.prefix);
  const timings = { ...dataset.timings };
  const timed = stepTimer(timings);
  await timed('docs_table', () =>
    conn.exec(buildCreateDocsQuery({ raw: names.raw, docs: names.docs, mapping, profiles: dataset.columns, textLoaded: dataset.textLoaded })),
  );
  const summary = await timed('summary', () => summarizeDocs(conn, names.docs, mapping, dataset.columns, dataset.shards, dataset.textLoaded, timed));
  // A new docs table has no derived columns; callers re-create them (addDerivedSelector).
  return { ...dataset, timings, mapping, summary, derived: [] };
}

export async function summarizeDocs(
  conn: Connector,
  docs: string,
  mapping: ColumnMapping,
  columns: ColumnProfile[],
  shards: ShardReport[],
  textLoaded: boolean,
  timed: Timed = (_step, work) => work(),
  known: { duplicateIds?: DatasetSummary['duplicateIds']; sourceRows?: Row[] } = {},
): Promise<DatasetSummary> {
  const [fp] = await timed('fingerprint', () => conn.query(buildFingerprintQuery(docs)));
  const [totals] = await timed('totals', () => conn.query(buildTotalsQuery(docs)));
  const sourceRows = known.sourceRows ?? (await timed('sources', () => conn.query(buildSourceCountsQuery(docs))));
  const [dup] = known.duplicateIds ? [{ ids: known.duplicateIds.ids, extra_rows: known.duplicateIds.extraRows, examples: known.duplicateIds.examples }] : await timed('duplicates', () => conn.query(buildDuplicateIdsQuery(docs)));
  const [stats] = await timed('score_stats', () => conn.query(buildScoreStatsQuery(docs, mapping.scores)));
  const rows = toNumber(totals.row_count) ?? 0;
  const byName = new Map(columns.map((c) => [c.name, c]));
  const scores: ScoreStats[] = mapping.scores.map((name, i) => {
    const count = toNumber(stats[`s${i}_count`]) ?? 0;
    return {
      name,
      min: toNumber(stats[`s${i}_min`]),
      max: toNumber(stats[`s${i}_max`]),
      mean: toNumber(stats[`s${i}_mean`]),
      count,
      missing: rows - count,
      invalid: byName.get(name)?.invalidNumbers ?? 0,
    };
  });

  const exactBytes = textLoaded ? toNumber(totals.bytes) : null;
  const estimatedBytes = textLoaded
    ? null
    : shards.reduce<number | null>((sum, s) => (sum === null || s.textBytesEstimate == null ? null : sum + s.textBytesEstimate), 0);
  const bytes = { value: exactBytes ?? estimatedBytes, estimated: exactBytes === null && estimatedBytes !== null };
  const tokens = mapping.tokens
    ? { value: toNumber(totals.tokens), estimated: false, basis: `column "${mapping.tokens}", ${toNumber(totals.token_rows)} of ${rows} rows have a value` }
    : { value: bytes.value === null ? null : Math.round(bytes.value / 4), estimated: true, basis: 'estimate: UTF-8 bytes / 4' };

  return {
    rows,
    fingerprint: String(fp.fingerprint),
    idsDerived: mapping.id === null,
    duplicateIds: { ids: toNumber(dup.ids) ?? 0, extraRows: toNumber(dup.extra_rows) ?? 0, examples: toStringList(dup.examples) },
    sources: sourceRows.map((r: Row) => {
      const count = toNumber(r.n) ?? 0;
      return { source: r.source === null || r.source === undefined ? null : String(r.source), count, share: rows > 0 ? count / rows : 0 };
    }),
    characters: textLoaded ? toNumber(totals.chars) : null,
    bytes,
    tokens,
    scores,
  };
}

/** Both connectors hand out list values as plain arrays. */
function toStringList(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

/** Points the stable names `docs` and `raw` at a generation; called only after it loaded fully. */
export async function activateGeneration(conn: Connector, prefix: string): Promise<void> {
  const names = generationTables(prefix);
  await conn.exec(buildViewStatement('docs', names.docs));
  await conn.exec(buildViewStatement('raw', names.raw));
}

export async function dropGeneration(conn: Connector, prefix: string): Promise<void> {
  const rows = await conn.query(buildPrefixedTablesQuery(prefix));
  // Views first: they depend on the shard tables.
  const ordered = [...rows].sort((a, b) => (a.table_type === 'VIEW' ? -1 : 0) - (b.table_type === 'VIEW' ? -1 : 0));
  for (const r of ordered) {
    const kind = r.table_type === 'VIEW' ? 'VIEW' : 'TABLE';
    await conn.exec(buildDropStatement(kind, String(r.table_name)));
  }
}

/** Row count of a freshly loaded shard; zero rows is an input error naming the file. */
export async function countShardRows(conn: Connector, table: string, file: string, what = 'no rows'): Promise<number> {
  const [{ n }] = await conn.query(buildRowCountQuery(table));
  const rows = toNumber(n) ?? 0;
  if (rows === 0) throw new InputError('no_rows', `${file}: ${what}`, { file });
  return rows;
}

/**
 * Adds a derived selector to the docs table: the expression is parsed and
 * validated against the known score columns first (lib/selection/derived), and
 * only then turned into SQL. Returns the dataset with the new score column.
 */
export async function addDerivedSelector(conn: Connector, dataset: Dataset, name: string, expression: string): Promise<Dataset> {
  const { parseExpression, expressionToSql } = await import('./derived');
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) {
    throw new InputError('bad_mapping', `derived selector name "${name}": use letters, digits and _, starting with a letter or _`);
  }
  const taken = new Set([...dataset.columns.map((c) => c.name), ...dataset.mapping.scores, ...RESERVED_COLUMNS]);
  if (taken.has(name)) throw new InputError('bad_mapping', `derived selector name "${name}" is already a column`);
  const expr = parseExpression(expression, dataset.mapping.scores);
  const names = generationTables(dataset.prefix);
  await conn.exec(buildAddColumnStatement(names.docs, name, expressionToSql(expr)));
  await conn.exec(buildViewStatement('docs', names.docs));
  const [stats] = await conn.query(buildColumnStatsQuery(names.docs, [name]));
  const count = toNumber(stats.n) ?? 0;
  const score: ScoreStats = { name, min: toNumber(stats.mn), max: toNumber(stats.mx), mean: toNumber(stats.mean), count, missing: dataset.summary.rows - count, invalid: 0 };
  return {
    ...dataset,
    mapping: { ...dataset.mapping, scores: [...dataset.mapping.scores, name] },
    derived: [...(dataset.derived ?? []), { name, expression }],
    summary: { ...dataset.summary, scores: [...dataset.summary.scores, score] },
  };
}

export interface ScoreColumnsSpec {
  /** Selector columns in the scores table (DOUBLE), added to docs as they are named. */
  selectors: string[];
  /** Tag names by bit: the scores table's `_tagbits` column has bit k set when tag k applies. */
  tagBits: readonly string[];
  /** Scorer version, kept on the dataset so views can say what made the columns. */
  version: string;
  /** Set for model scores: recorded in `models`, and document tags are left alone. */
  model?: Omit<ModelScores, 'selectors'>;
  /** Set for a score file joined by id: recorded in `sidecars`, and document tags are left alone. */
  sidecar?: string;
}

/**
 * Joins computed scores (a table with `_idx`, the selector columns and
 * `_tagbits`) into docs: new selector columns, and the computed tags merged
 * into each document's tags. Names already taken get a `sift_` prefix.
 */
export async function addScoreColumns(conn: Connector, dataset: Dataset, scoresTable: string, spec: ScoreColumnsSpec): Promise<Dataset> {
  const taken = new Set([...dataset.columns.map((c) => c.name), ...dataset.mapping.scores, ...RESERVED_COLUMNS]);
  const renamed = spec.selectors.map((s) => (taken.has(s) ? `sift_${s}` : s));
  const names = generationTables(dataset.prefix);
  const columns = spec.selectors.map((from, i) => ({ from, as: renamed[i] }));
  await conn.exec(buildJoinScoresStatement(names.docs, scoresTable, columns, spec.tagBits, !!spec.model || !!spec.sidecar));
  await conn.exec(buildViewStatement('docs', names.docs));
  const stats = await conn.query(buildColumnStatsQuery(names.docs, renamed));
  const byName = new Map(stats.map((r) => [String(r.name), r]));
  const scoreStats: ScoreStats[] = renamed.map((name) => {
    const r = byName.get(name)!;
    const count = toNumber(r.n) ?? 0;
    return { name, min: toNumber(r.mn), max: toNumber(r.mx), mean: toNumber(r.mean), count, missing: dataset.summary.rows - count, invalid: 0 };
  });
  return {
    ...dataset,
    mapping: { ...dataset.mapping, scores: [...dataset.mapping.scores, ...renamed] },
    summary: { ...dataset.summary, scores: [...dataset.summary.scores, ...scoreStats] },
    ...(spec.model
      ? { models: [...(dataset.models ?? []), { ...spec.model, selectors: renamed, directions: Object.fromEntries(renamed.map((r, i) => [r, spec.model!.directions[spec.selectors[i]] ?? 'higher'])) }] }
      : spec.sidecar
        ? { sidecars: [...(dataset.sidecars ?? []), { file: spec.sidecar, selectors: renamed }] }
        : { computed: { version: spec.version, selectors: renamed } }),
  };
}
