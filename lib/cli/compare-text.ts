/**
 * `sift compare` without --json: everything the JSON holds, as aligned text —
 * correlations (raw and oriented), the 2×2 table, per-source drops, the
 * overlap curve, and for three or more selectors the Spearman matrix and the
 * dropped-set intersections.
 */
import { formatCount, formatShare } from '../format/numbers';
import { textTable } from '../format/table';
import type { compareSelectors } from './compare';

type CompareResult = Awaited<ReturnType<typeof compareSelectors>>;

const f = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(6));
const pct = (r: number) => `${+(r * 100).toFixed(2)} %`;

export function compareText(r: CompareResult): string {
  const [a, b] = r.selectors;
  const sameDirection = a.direction === b.direction;
  // Negating one selector flips the sign of all three coefficients exactly.
  const orient = (x: number | null) => (x === null ? null : sameDirection ? x : -x);
  const out: string[] = [];
  out.push(
    textTable(
      [
        ['selector', 'better', 'definition'],
        ...r.selectors.map((s) => [s.name, `${s.direction} is better`, s.expression ?? 'column']),
      ],
      ['left', 'left', 'left'],
    ),
  );
  out.push('');
  out.push(`documents  ${formatCount(r.rows)} (${formatCount(r.n)} with both scores)`);
  out.push('');
  out.push(
    textTable([
      ['correlation', 'raw scores', 'oriented (higher = keep)'],
      ['pearson', f(r.pearson), f(orient(r.pearson))],
      ['spearman', f(r.spearman), f(orient(r.spearman))],
      ['kendall tau-b', f(r.kendall_tau_b), f(orient(r.kendall_tau_b))],
    ]),
  );
  if (!sameDirection) out.push(`(${a.name} and ${b.name} point in opposite directions: the raw coefficients have the opposite sign of the oriented ones)`);
  out.push('');
  out.push(`at drop ratio ${pct(r.drop_ratio)} (thresholds: ${r.selectors.map((s) => `${s.name} ${r.thresholds[s.name] ?? '—'}`).join(', ')}):`);
  out.push(
    textTable([
      ['', 'documents'],
      ['dropped by both', formatCount(r.dropped_both)],
      [`dropped by ${a.name} only`, formatCount(r.dropped_a_only)],
      [`dropped by ${b.name} only`, formatCount(r.dropped_b_only)],
      ['kept by both', formatCount(r.kept_both)],
      ['jaccard of the dropped sets', f(r.jaccard_dropped)],
    ]),
  );
  out.push('');
  out.push('dropped per source:');
  out.push(
    textTable([
      ['source', 'documents', ...r.selectors.map((s) => s.name), ...r.selectors.map((s) => `${s.name} %`)],
      ...r.per_source.map((p) => [
        p.source ?? '(none)',
        formatCount(p.documents),
        ...r.selectors.map((s) => formatCount(p.dropped[s.name])),
        ...r.selectors.map((s) => formatShare(p.documents ? p.dropped[s.name] / p.documents : 0)),
      ]),
    ]),
  );
  out.push('');
  out.push(`overlap curve (jaccard of the sets ${a.name} and ${b.name} drop):`);
  out.push(textTable([['drop ratio', 'jaccard'], ...r.overlap_curve.filter((_, i) => i % 5 === 0 || i === r.overlap_curve.length - 1).map((p) => [pct(p.ratio), f(p.jaccard_dropped)])]));
  out.push(`(every 5th of ${r.overlap_curve.length} ratios; --json has all)`);
  if (r.spearman_matrix) {
    out.push('');
    out.push('spearman matrix (raw scores):');
    out.push(textTable([['', ...r.selectors.map((s) => s.name)], ...r.selectors.map((s, i) => [s.name, ...r.spearman_matrix![i].map((x) => f(x))])]));
  }
  if (r.dropped_intersections) {
    out.push('');
    out.push(`documents dropped by exactly these selectors at ${pct(r.drop_ratio)}:`);
    out.push(textTable([['selectors', 'documents'], ...r.dropped_intersections.map((x) => [x.selectors.join(' ∩ '), formatCount(x.count)])]));
  }
  return out.join('\n');
}
