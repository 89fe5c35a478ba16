/**
 * Columns from nested records: DataTrove's `metadata` (nested unless the
 * writer expanded it), Data-Juicer's `__dj__stats__`, any Parquet struct.
 * Each leaf becomes a column named by its plain key when no other column has
 * that name, else by its dotted path (`metadata.score`).
 */
import { NESTED_SEPARATOR } from './columns';

export interface NestedLeaf {
  /** The keys from the top-level column down to the leaf. */
  path: string[];
}

/** The column name of each leaf, in order: its last key when unambiguous, else the dotted path. */
export function plainNames(topLevel: string[], leaves: NestedLeaf[]): string[] {
  const taken = new Set(topLevel);
  const lastKeys = new Map<string, number>();
  for (const leaf of leaves) {
    const last = leaf.path[leaf.path.length - 1];
    lastKeys.set(last, (lastKeys.get(last) ?? 0) + 1);
  }
  return leaves.map((leaf) => {
    const last = leaf.path[leaf.path.length - 1];
    return !taken.has(last) && lastKeys.get(last) === 1 ? last : leaf.path.join(NESTED_SEPARATOR);
  });
}

/** Where a nested column came from, by its top-level key: the pipeline that writes that layout. */
export function nestedOrigin(path: string[]): string {
  if (path[0] === 'metadata') return 'datatrove:metadata';
  if (path[0] === '__dj__stats__') return 'data-juicer';
  return `nested:${path[0]}`;
}

/** A leaf path from a flattened column name (the JSONL parser's dotted names), or null for a plain column. */
export function leafPathOf(name: string): string[] | null {
  const parts = name.split(NESTED_SEPARATOR);
  return parts.length > 1 && parts.every((p) => p.length > 0) ? parts : null;
}
