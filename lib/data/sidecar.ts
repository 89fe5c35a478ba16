/**
 * Score sidecars: scores kept in another file (Parquet, JSONL or CSV with an
 * id column and score columns), joined to the loaded corpus by id. Ids on
 * either side without a partner are counted, never dropped silently; an id
 * repeated in the sidecar is an error naming it.
 */
import { toNumber, type Connector } from './connector';
import { addScoreColumns, generationTables, profileTable, type Dataset } from './dataset';
import { InputError } from './errors';
import { findIdColumn, ID_NAMES, RESERVED_COLUMNS } from './schema';
import { buildDropStatement, buildDuplicateKeysQuery, buildRowCountQuery, buildSidecarScoresStatement, buildUnknownSidecarIdsQuery } from './sql/tables';

export interface SidecarReport {
  file: string;
  /** The sidecar's id column and the score columns taken from it. */
  idColumn: string;
  columns: string[];
  /** Rows in the sidecar. */
  rows: number;
  /** Documents of the corpus with a row in the sidecar, and without one (their scores are missing). */
  matched: number;
  missingInSidecar: number;
  /** Sidecar rows whose id is not a document of the corpus (ignored, counted). */
  unknownIds: number;
}

/**
 * Adds the numeric columns of a sidecar, already loaded as the raw table
 * `table`, as selectors of the dataset; `file` names it in errors and reports.
 */
export async function addSidecarScores(conn: Connector, dataset: Dataset, table: string, file: string): Promise<{ dataset: Dataset; report: SidecarReport }> {
  const profiles = await profileTable(conn, table);
  const id = findIdColumn(profiles);
  if (!id) throw new InputError('bad_mapping', `${file}: no id column (expected one named ${ID_NAMES.join(', ')}) to join the scores to the documents by`, { file });
  const duplicates = await conn.query(buildDuplicateKeysQuery(table, id.name));
  if (duplicates.length > 0) {
    const list = duplicates.map((r) => `"${String(r.id)}" (${toNumber(r.n)} rows)`).join(', ');
    throw new InputError('duplicate_ids', `${file}: ids must be unique in a score file; repeated: ${list}`, { file, column: id.name });
  }
  const columns = profiles.filter((p) => p !== id && p.numeric).map((p) => p.name);
  if (columns.length === 0) throw new InputError('bad_mapping', `${file}: no score column (a column of numbers besides "${id.name}")`, { file });
  const taken = new Set([...dataset.columns.map((c) => c.name), ...dataset.mapping.scores, ...RESERVED_COLUMNS]);
  const clash = columns.find((c) => taken.has(c));
  if (clash) throw new InputError('bad_mapping', `${file}: the corpus already has a column "${clash}"; rename it in the score file`, { file, column: clash });

  const docs = generationTables(dataset.prefix).docs;
  const lined = `${table}_scores`;
  await conn.exec(buildSidecarScoresStatement(lined, docs, table, id.name, columns));
  try {
    const count = async (sql: string) => toNumber((await conn.query(sql))[0].n) ?? 0;
    const matched = await count(buildRowCountQuery(lined));
    const unknownIds = await count(buildUnknownSidecarIdsQuery(docs, table, id.name));
    const rows = await count(buildRowCountQuery(table));
    const withScores = await addScoreColumns(conn, dataset, lined, { selectors: columns, tagBits: [], version: `sidecar:${file}`, sidecar: file });
    return {
      dataset: withScores,
      report: { file, idColumn: id.name, columns, rows, matched, missingInSidecar: dataset.summary.rows - matched, unknownIds },
    };
  } finally {
    await conn.exec(buildDropStatement('TABLE', lined));
  }
}
