/**
 * One shard's part of each step of `sift run`: what a task computes from its shard
 * alone (figures, the documents of a bin, its part of the manifest). The shard is
 * loaded exactly as `sift export` loads a file, so doc_ids, sources, characters
 * and tokens are the ones a single-machine run sees.
 */
import { fetchDocIds, fetchRowFacts, fetchScores } from '../../data/row-facts';
import { columnDirection } from '../../scoring/directions';
import { ALL, type DigitCounts, type GroupCut } from '../../run/cut';
import { compareRanked, digitOf, hasPrefix, keyOf } from '../../run/order-key';
import { textChunks } from '../../export/manifest';
import type { Direction } from '../../selection/order';
import type { NodeConnector } from '../../data/connectors/node';
import { quoteLiteral } from '../../data/sql/quote';
import { loadDatasetFromFiles } from '../load';

export interface LoadedShard {
  rows: number;
  docIds: string[];
  /** Per row: its source (null when the corpus has none). */
  sourceOf: Array<string | null>;
  chars: Float64Array;
  tokens: Float64Array;
  scores: Record<string, Float64Array>;
}

/**
 * Loads a shard (and its score sidecar, when given) with the selectors' columns; `also` runs on
 * the loaded shard before its DuckDB connection closes (measure writes its sample there).
 */
export async function loadShard(path: string, selectors: string[], scoreFiles: string[] = [], also?: (conn: NodeConnector, docIds: string[]) => Promise<void>): Promise<LoadedShard> {
  const { conn, dataset } = await loadDatasetFromFiles([path], 'error', scoreFiles);
  try {
    for (const s of selectors) if (!dataset.mapping.scores.includes(s)) throw new Error(`${path}: no score column "${s}" (known: ${dataset.mapping.scores.join(', ') || 'none'})`);
    const facts = await fetchRowFacts(conn);
    const scores = await fetchScores(conn, selectors);
    const docIds = await fetchDocIds(conn);
    await also?.(conn, docIds);
    return {
      rows: docIds.length,
      docIds,
      sourceOf: Array.from(facts.sourceOf, (s) => facts.sources[s]),
      chars: facts.chars,
      tokens: facts.tokens,
      scores,
    };
  } finally {
    conn.close();
  }
}

/** The group key of a source (JSON of it: `null` for documents without one). */
export const groupOf = (source: string | null) => JSON.stringify(source);

export interface SourceFigures {
  source: string | null;
  documents: number;
  chars: number;
  tokens: number;
}

export interface SelectorFigures {
  direction: Direction;
  scored: number;
  missing: number;
  min: number | null;
  max: number | null;
  /** Per group ("*" and each source's JSON): scored documents, and counts by the key's first digit. */
  groups: Record<string, { scored: number; missing: number; counts: DigitCounts }>;
}

export interface ShardFigures {
  rows: number;
  sources: SourceFigures[];
  selectors: Record<string, SelectorFigures>;
}

const add = (m: Map<number, number>, d: number) => m.set(d, (m.get(d) ?? 0) + 1);
const pairs = (m: Map<number, number>): DigitCounts => [...m].sort((a, b) => a[0] - b[0]);

/** measure: exact counts per source and, per selector, the first-digit histogram overall and per source. */
export function measureShard(shard: LoadedShard, directions: Record<string, Direction>): ShardFigures {
  const bySource = new Map<string, SourceFigures>();
  for (let r = 0; r < shard.rows; r++) {
    const source = shard.sourceOf[r];
    const key = groupOf(source);
    let f = bySource.get(key);
    if (!f) bySource.set(key, (f = { source, documents: 0, chars: 0, tokens: 0 }));
    f.documents++;
    if (Number.isFinite(shard.chars[r])) f.chars += shard.chars[r];
    if (Number.isFinite(shard.tokens[r])) f.tokens += shard.tokens[r];
  }
  const selectors: Record<string, SelectorFigures> = {};
  for (const [name, scores] of Object.entries(shard.scores)) {
    const counts = new Map<string, Map<number, number>>([[ALL, new Map()]]);
    const missing = new Map<string, number>();
    let min = Infinity;
    let max = -Infinity;
    for (let r = 0; r < shard.rows; r++) {
      const g = groupOf(shard.sourceOf[r]);
      if (!counts.has(g)) counts.set(g, new Map());
      const x = scores[r];
      if (!Number.isFinite(x)) {
        missing.set(g, (missing.get(g) ?? 0) + 1);
        continue;
      }
      if (x < min) min = x;
      if (x > max) max = x;
      const [hi, lo] = keyOf(x);
      const d = digitOf(hi, lo, 0);
      add(counts.get(ALL)!, d);
      add(counts.get(g)!, d);
    }
    const groups: SelectorFigures['groups'] = {};
    let totalMissing = 0;
    for (const [g, m] of counts) {
      const c = pairs(m);
      const miss = g === ALL ? 0 : (missing.get(g) ?? 0);
      totalMissing += miss;
      groups[g] = { scored: c.reduce((a, [, n]) => a + n, 0), missing: miss, counts: c };
    }
    groups[ALL].missing = totalMissing;
    selectors[name] = { direction: directions[name] ?? columnDirection(name), scored: groups[ALL].scored, missing: totalMissing, min: min <= max ? min : null, max: min <= max ? max : null, groups };
  }
  return { rows: shard.rows, sources: [...bySource.values()], selectors };
}

/** The group a row's document is cut in: the whole corpus, or its source in per-source mode. */
const groupOfRow = (shard: LoadedShard, r: number, perSource: boolean) => (perSource ? groupOf(shard.sourceOf[r]) : ALL);

/** Calls `visit` for each scored row whose group is in `state` and whose key has that group's prefix. */
function forEachInBin(shard: LoadedShard, selector: string, groups: GroupCut[], state: GroupCut['state'], perSource: boolean, visit: (group: string, r: number, hi: number, lo: number, prefix: number[]) => void): void {
  const scores = shard.scores[selector];
  const prefixes = new Map(groups.filter((g) => g.state === state).map((g) => [g.group, g.prefix]));
  for (let r = 0; r < shard.rows; r++) {
    const x = scores[r];
    if (!Number.isFinite(x)) continue;
    const group = groupOfRow(shard, r, perSource);
    const prefix = prefixes.get(group);
    if (!prefix) continue;
    const [hi, lo] = keyOf(x);
    if (hasPrefix(hi, lo, prefix)) visit(group, r, hi, lo, prefix);
  }
}

/** count: per group still counting, its bin's documents by the next digit. */
export function countShard(shard: LoadedShard, selector: string, groups: GroupCut[], perSource: boolean): Record<string, DigitCounts> {
  const counts = new Map(groups.filter((g) => g.state === 'count').map((g) => [g.group, new Map<number, number>()]));
  forEachInBin(shard, selector, groups, 'count', perSource, (group, _r, hi, lo, prefix) => add(counts.get(group)!, digitOf(hi, lo, prefix.length)));
  return Object.fromEntries([...counts].map(([g, c]) => [g, pairs(c)]));
}

export interface Candidate {
  hi: number;
  lo: number;
  id: string;
  row: number;
}

/** gather: per group gathering, the documents of its final bin (row = position in the corpus). */
export function gatherShard(shard: LoadedShard, selector: string, groups: GroupCut[], perSource: boolean, offset: number): Record<string, Candidate[]> {
  const found = new Map(groups.filter((g) => g.state === 'gather').map((g) => [g.group, [] as Candidate[]]));
  forEachInBin(shard, selector, groups, 'gather', perSource, (group, r, hi, lo) => found.get(group)!.push({ hi, lo, id: shard.docIds[r], row: offset + r }));
  return Object.fromEntries(found);
}

export interface ExportPart {
  chunks: Uint8Array[];
  rows: number;
  kept: number;
  dropped: number;
  missing: number;
  perSource: Array<{ source: string | null; documents: number; kept: number; dropped: number }>;
}

/**
 * export: the shard's part of the keep (or drop) list, in file order: a document with a
 * score is dropped when it is at or before its group's cut in the rule's order; one without
 * is dropped only with missing = drop. JSONL lines as `sift export` writes them.
 */
export function exportShard(
  shard: LoadedShard,
  selector: string,
  cuts: GroupCut[],
  o: { direction: Direction; perSource: boolean; missing: 'keep' | 'drop'; list: 'keep' | 'drop'; offset: number },
): ExportPart {
  const scores = shard.scores[selector];
  const encoder = new TextEncoder();
  const byGroup = new Map(cuts.map((g) => [g.group, g.cut ? { cut: g.cut, id: encoder.encode(g.cut.id) } : null]));
  const picked: string[] = [];
  const perSource = new Map<string, ExportPart['perSource'][number]>();
  let kept = 0;
  let missing = 0;
  for (let r = 0; r < shard.rows; r++) {
    const x = scores[r];
    let drop: boolean;
    if (!Number.isFinite(x)) {
      missing++;
      drop = o.missing === 'drop';
    } else {
      const c = byGroup.get(groupOfRow(shard, r, o.perSource));
      if (!c) drop = false;
      else {
        const [hi, lo] = keyOf(x);
        drop = compareRanked({ hi, lo, id: encoder.encode(shard.docIds[r]), row: o.offset + r }, { hi: c.cut.hi, lo: c.cut.lo, id: c.id, row: c.cut.row }, o.direction) <= 0;
      }
    }
    if (!drop) kept++;
    if (drop === (o.list === 'drop')) picked.push(shard.docIds[r]);
    const g = groupOf(shard.sourceOf[r]);
    let s = perSource.get(g);
    if (!s) perSource.set(g, (s = { source: shard.sourceOf[r], documents: 0, kept: 0, dropped: 0 }));
    s.documents++;
    if (drop) s.dropped++;
    else s.kept++;
  }
  const chunks = picked.length ? [...textChunks({ doc_id: picked }, 'jsonl')] : [];
  return { chunks, rows: picked.length, kept, dropped: shard.rows - kept, missing, perSource: [...perSource.values()] };
}

/**
 * The seeded uniform sample: a document is in it when FNV-1a of "seed:doc_id" falls under
 * rate × 2^32 — the same documents whatever the sharding, so samples of shards add up.
 */
export function sampledRows(docIds: string[], rate: number, seed: number): number[] {
  const limit = rate * 2 ** 32;
  const rows: number[] = [];
  for (let r = 0; r < docIds.length; r++) {
    const key = `${seed}:${docIds[r]}`;
    let h = 0x811c9dc5;
    for (let k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), 16777619);
    if (h >>> 0 < limit) rows.push(r);
  }
  return rows;
}

/** Writes the sampled rows with every column of the shard as read (not Sift's own), in file order, as Parquet. */
export async function writeSampleRows(conn: NodeConnector, rows: number[], out: string): Promise<void> {
  const list = rows.length ? rows.join(', ') : 'NULL';
  await conn.exec(
    `COPY (SELECT r.* EXCLUDE (_shard, _row) FROM docs d JOIN raw r USING (_shard, _row) WHERE d._idx IN (${list}) ORDER BY d._idx) TO ${quoteLiteral(out)} (FORMAT parquet, COMPRESSION zstd)`,
  );
}
