import type { Connector } from './connector';
import { buildRowFactsQuery, buildScoreColumnsQuery, buildSourceListQuery } from './sql/selection';
import { buildDocIdsQuery } from './sql/tables';
import type { RowFacts } from '../selection/engine';

/** Reads the per-row facts of the docs table (the same in the browser and the CLI). */
export async function fetchRowFacts(conn: Connector, docs = 'docs'): Promise<RowFacts> {
  const sources = (await conn.query(buildSourceListQuery(docs))).map((r) => (r.source === null || r.source === undefined ? null : String(r.source)));
  const cols = await conn.queryFloat64Columns(buildRowFactsQuery(docs));
  return {
    sourceOf: Uint32Array.from(cols.source_idx),
    sources,
    chars: cols.chars,
    tokens: cols.tokens,
    idRank: Uint32Array.from(cols.id_rank),
  };
}

export async function fetchScores(conn: Connector, names: string[], docs = 'docs'): Promise<Record<string, Float64Array>> {
  if (names.length === 0) return {};
  return conn.queryFloat64Columns(buildScoreColumnsQuery(docs, names));
}

/** doc_ids in row (_idx) order. */
export async function fetchDocIds(conn: Connector, docs = 'docs'): Promise<string[]> {
  return conn.queryStrings(buildDocIdsQuery(docs));
}
