import { correlations } from '../compare/correlation';
import { dropIntersections, overlapCurve, twoByTwo } from '../compare/overlap';
import type { NodeConnector } from '../data/connectors/node';
import { addDerivedSelector, type Dataset } from '../data/dataset';
import { columnDirection } from '../scoring/directions';
import { buildSelectorIndex, computeSelection } from '../selection/engine';
import { fetchRowFacts, fetchScores } from '../data/row-facts';
import type { Direction } from '../selection/order';
import { SWEEP_RATIOS } from '../selection/sweep';

export interface CompareOptions {
  selectors: string[];
  ratio: number;
  defines: Array<{ name: string; expression: string }>;
  directions: Record<string, Direction>;
}

/** name=expression, split at the first "=". */
export function parseDefine(text: string): { name: string; expression: string } {
  const at = text.indexOf('=');
  if (at <= 0) throw new Error(`--define: expected name=expression, got "${text}"`);
  return { name: text.slice(0, at).trim(), expression: text.slice(at + 1).trim() };
}

/** The statistics the Compare page shows, for `sift compare --json`. */
export async function compareSelectors(conn: NodeConnector, loaded: Dataset, options: CompareOptions) {
  let dataset = loaded;
  for (const d of options.defines) dataset = await addDerivedSelector(conn, dataset, d.name, d.expression);
  const known = dataset.mapping.scores;
  for (const s of options.selectors) if (!known.includes(s)) throw new Error(`unknown selector "${s}"; known: ${known.join(', ')}`);
  if (options.selectors.length < 2) throw new Error('--selectors: name at least two selectors, separated by commas');

  const rows = await fetchRowFacts(conn);
  const scores = await fetchScores(conn, options.selectors);
  const direction = (s: string) => columnDirection(s, options.directions);
  const indexes = options.selectors.map((s) => buildSelectorIndex(rows, s, scores[s], direction(s)));
  const params = { ratio: options.ratio };
  const [a, b] = indexes;
  const corr = correlations(scores[a.name], scores[b.name]);
  const table = twoByTwo(rows, a, b, params);
  const selections = indexes.map((ix) => computeSelection(rows, ix, params));
  const matrix = options.selectors.map((x) => options.selectors.map((y) => correlations(scores[x], scores[y]).spearman));
  return {
    selectors: options.selectors.map((s) => ({ name: s, direction: direction(s), expression: dataset.derived?.find((d) => d.name === s)?.expression ?? null })),
    drop_ratio: options.ratio,
    rows: rows.sourceOf.length,
    n: corr.n,
    pearson: corr.pearson,
    spearman: corr.spearman,
    kendall_tau_b: corr.kendallTauB,
    ...table,
    thresholds: Object.fromEntries(selections.map((s) => [s.selector, s.threshold])),
    per_source: rows.sources.map((source, i) => ({
      source,
      documents: selections[0].perSource[i].total,
      dropped: Object.fromEntries(selections.map((s) => [s.selector, s.perSource[i].dropped])),
    })),
    overlap_curve: overlapCurve(rows, a, b, SWEEP_RATIOS).map((p) => ({ ratio: p.ratio, jaccard_dropped: p.jaccard })),
    spearman_matrix: options.selectors.length > 2 ? matrix : undefined,
    dropped_intersections: options.selectors.length > 2 ? dropIntersections(rows, indexes, params).map((x) => ({ selectors: x.selectors.map((k) => options.selectors[k]), count: x.count })) : undefined,
  };
}
