/**
 * Where each selector of a dataset came from, as `sift info --json` lists it:
 * a pipeline's layout (`dolma:<experiment>`, `datatrove:metadata`, `data-juicer`),
 * NeMo Curator's classifier columns (`nemo`), a score file (`sidecar:<file>`),
 * Sift's own scorers and models, a derived expression, or a plain column.
 */
import type { Dataset } from './dataset';

/** Score columns NeMo Curator's classifiers write (nemo_curator/classifiers): recognised by name. */
const NEMO_COLUMN = /^(fineweb(-mixtral|-nemotron-4)?-edu-score(-float|-int)?|quality_(pred|prob)|domain_(pred|prob))$/;

export function selectorOrigins(dataset: Dataset): Array<{ name: string; origin: string }> {
  const origins = new Map<string, string>();
  for (const shard of dataset.shards) for (const [name, origin] of Object.entries(shard.columnOrigins ?? {})) origins.set(name, origin);
  for (const s of dataset.sidecars ?? []) for (const name of s.selectors) origins.set(name, `sidecar:${s.file}`);
  for (const name of dataset.computed?.selectors ?? []) origins.set(name, 'sift:heuristics');
  for (const m of dataset.models ?? []) for (const name of m.selectors) origins.set(name, `model:${m.name}`);
  for (const d of dataset.derived ?? []) origins.set(d.name, 'derived');
  const names = [...dataset.mapping.scores, ...(dataset.derived ?? []).map((d) => d.name)];
  return [...new Set(names)].map((name) => ({ name, origin: origins.get(name) ?? (NEMO_COLUMN.test(name) ? 'nemo' : 'column') }));
}
