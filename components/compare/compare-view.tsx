'use client';
import Link from 'next/link';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { EChart, useChartTheme } from '@/components/charts/echart';
import { DropRatioControl } from '@/components/explore/drop-ratio-control';
import { ExploreFrame, type ExploreContext } from '@/components/explore/explore-frame';
import { SelectorBar } from '@/components/explore/selector-bar';
import { selectionParams, useWorkerQuery } from '@/components/explore/selection-store';
import { useSelectionResult, withSelectors } from '@/components/explore/use-selection';
import { correlationMatrixOption, densityOption, intersectionsHeight, intersectionsOption, overlapCurveOption } from '@/lib/charts/options';
import type { RowRecord } from '@/lib/browser/data-client';
import { formatCount, formatShare } from '@/lib/format/numbers';
import type { CompareResult } from '@/lib/service';
import { ratioFromPercent, serializeView } from '@/lib/view/params';
import { useCorpus } from '@/components/stores/dataset-store';
import { CompareSampleFigures } from './compare-sample-figures';
import { DerivedForm } from './derived-form';
import { card } from '@/components/ui/card';

export function CompareView() {
  return (
    <div className="space-y-4">
      <ExploreFrame>{(ctx) => <Compare {...ctx} />}</ExploreFrame>
      <DerivedForm />
    </div>
  );
}

const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(6));

function Compare({ prepared, selector, view, update }: ExploreContext) {
  const theme = useChartTheme();
  const others = prepared.selectors.filter((s) => s.name !== selector.name);
  const b = others.find((s) => s.name === view.selectorB) ?? others[0];
  const { data: selection } = useSelectionResult(prepared, selector, view);
  const corpus = useCorpus();
  const { data: result, error } = useWorkerQuery<CompareResult>(
    b
      ? () =>
          withSelectors({ [selector.name]: selector.direction, [b.name]: b.direction }, (w) => w.compare(selector.name, b.name, selectionParams(view), { raw: view.rawScores }))
      : null,
    [prepared.key, selector.name, selector.direction, b?.name, view.ratio, JSON.stringify(view.perSource), view.missing, view.rawScores],
  );
  const ratio = useDeferredValue(view.ratio);
  const density = useMemo(() => (result ? densityOption({ density: result.density, a: result.a, b: result.b, theme }) : null), [result, theme]);
  const curve = useMemo(() => (result ? overlapCurveOption({ curve: result.curve, ratio, theme }) : null), [result, ratio, theme]);

  if (!b) return <p className="text-sm text-zinc-500">Comparing needs two selectors; this dataset has one. Add a derived selector below.</p>;
  const t = result?.table;
  const total = t ? t.dropped_both + t.dropped_a_only + t.dropped_b_only + t.kept_both : 0;
  return (
    <div className="space-y-4" data-testid="compare" data-compare-ms={result?.ms.toFixed(1)} data-compare-ratio={result?.ratio} data-compare-pair={result ? `${result.a}|${result.b}` : undefined}>
      <div className="flex flex-wrap items-end gap-4">
        <SelectorBar prepared={prepared} selector={selector} view={view} update={update} />
        <label className="text-sm">
          <span className="block text-xs font-medium uppercase tracking-wide text-zinc-500">compared with</span>
          <select data-testid="selector-b" value={b.name} onChange={(e) => update({ selectorB: e.target.value })} className="mt-1 rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950">
            {others.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
          <span className="ml-2 text-xs text-zinc-500">{b.direction} is better</span>
        </label>
      </div>
      <DropRatioControl view={view} update={update} result={selection} />
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {result && t && (
        <>
          <section className={card('p-4 grid gap-4 md:grid-cols-2')}>
            <div>
              <h2 className="text-sm font-semibold">Agreement of the scores</h2>
              <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
                {(
                  [
                    ['Spearman ρ', 'stat-spearman', fmt(result.correlations.spearman), result.correlations.spearman],
                    ['Kendall τ-b', 'stat-kendall', fmt(result.correlations.kendallTauB), result.correlations.kendallTauB],
                    ['Pearson r', 'stat-pearson', fmt(result.correlations.pearson), result.correlations.pearson],
                    ['n (both scored)', 'stat-n', formatCount(result.correlations.n), result.correlations.n],
                  ] as const
                ).map(([label, id, text, value]) => (
                  <div key={id} className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
                    <dt className="text-xs text-zinc-500">{label}</dt>
                    <dd className="font-mono text-lg" data-testid={id} data-value={value ?? ''}>
                      {text}
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
            <div>
              <h2 className="text-sm font-semibold">At this drop ratio</h2>
              <table className="mt-2 w-full text-sm" data-testid="two-by-two">
                <thead>
                  <tr className="text-xs text-zinc-500">
                    <th />
                    <th className="text-right font-medium">{b.name} drops</th>
                    <th className="text-right font-medium">{b.name} keeps</th>
                  </tr>
                </thead>
                <tbody className="font-mono">
                  <tr>
                    <th className="text-left text-xs font-medium text-zinc-500">{selector.name} drops</th>
                    <td className="text-right" data-testid="dropped-both">{formatCount(t.dropped_both)}</td>
                    <td className="text-right" data-testid="dropped-a-only">{formatCount(t.dropped_a_only)}</td>
                  </tr>
                  <tr>
                    <th className="text-left text-xs font-medium text-zinc-500">{selector.name} keeps</th>
                    <td className="text-right" data-testid="dropped-b-only">{formatCount(t.dropped_b_only)}</td>
                    <td className="text-right" data-testid="kept-both">{formatCount(t.kept_both)}</td>
                  </tr>
                  <tr className="text-xs text-zinc-500">
                    <td />
                    <td className="text-right">{formatShare((t.dropped_both + t.dropped_b_only) / Math.max(1, total))}</td>
                    <td className="text-right">{formatShare((t.dropped_a_only + t.kept_both) / Math.max(1, total))}</td>
                  </tr>
                </tbody>
              </table>
              <p className="mt-2 text-sm">
                Jaccard of the dropped sets: <span className="font-mono" data-testid="jaccard" data-value={t.jaccard_dropped ?? ''}>{fmt(t.jaccard_dropped)}</span>
              </p>
            </div>
          </section>
          {corpus && <CompareSampleFigures corpus={corpus} table={t} a={selector.name} b={b.name} />}
          <section className={card('p-4 grid gap-4 lg:grid-cols-2')}>
            <div>
              <div className="flex items-center gap-3">
                <h2 className="text-sm font-semibold">Density</h2>
                <label className="flex items-center gap-1 text-xs">
                  <input type="checkbox" data-testid="raw-scores" checked={view.rawScores} onChange={(e) => update({ rawScores: e.target.checked }, 'replace')} /> raw scores instead of ranks
                </label>
              </div>
              <EChart option={density!} height={380} ariaLabel={`joint distribution of ${result.a} and ${result.b}`} testId="density" />
            </div>
            <div>
              <h2 className="text-sm font-semibold">Overlap of dropped sets by drop ratio</h2>
              <p className="text-xs text-zinc-500">Click to set the drop ratio.</p>
              <EChart option={curve!} height={360} ariaLabel="Jaccard of the dropped sets by drop ratio" testId="overlap-curve" onAxisClick={(x) => update({ ratio: ratioFromPercent(Number(x)) })} />
            </div>
          </section>
          <section className={card('p-4')}>
            <h2 className="text-sm font-semibold">Per source: documents each selector drops</h2>
            <table className="mt-2 w-full max-w-2xl text-sm" data-testid="compare-per-source">
              <thead>
                <tr className="border-b border-zinc-200 text-left text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
                  <th className="py-1 font-medium">source</th>
                  <th className="py-1 text-right font-medium">documents</th>
                  <th className="py-1 text-right font-medium">{selector.name}</th>
                  <th className="py-1 text-right font-medium">{b.name}</th>
                </tr>
              </thead>
              <tbody className="font-mono">
                {result.perSource.map((s) => (
                  <tr key={s.source ?? ''} className="border-b border-zinc-100 dark:border-zinc-800">
                    <td className="py-1 text-xs">{s.source ?? '(none)'}</td>
                    <td className="py-1 text-right">{formatCount(s.total)}</td>
                    <td className="py-1 text-right">{formatCount(s.droppedA)}</td>
                    <td className="py-1 text-right">{formatCount(s.droppedB)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className={card('p-4 grid gap-4 lg:grid-cols-2')}>
            <Disagreements title={`Dropped by ${selector.name}, kept by ${b.name}`} items={result.aNotB} a={selector.name} b={b.name} testId="disagree-a" viewQuery={serializeView({ ...view, selectorB: null, doc: null })} />
            <Disagreements title={`Dropped by ${b.name}, kept by ${selector.name}`} items={result.bNotA} a={selector.name} b={b.name} testId="disagree-b" viewQuery={serializeView({ ...view, selectorB: null, doc: null })} />
          </section>
        </>
      )}
      <ManySelectors names={prepared.selectors.map((s) => s.name)} view={view} />
    </div>
  );
}

function Disagreements({ title, items, a, b, testId, viewQuery }: { title: string; items: CompareResult['aNotB']; a: string; b: string; testId: string; viewQuery: string }) {
  const [records, setRecords] = useState<Map<number, RowRecord>>(new Map());
  useEffect(() => {
    let live = true;
    void import('@/lib/browser/data-client').then(({ fetchRows }) =>
      fetchRows(items.slice(0, 50).map((d) => d.row)).then((rows) => live && setRecords(new Map(rows.map((r) => [Number(r._idx), r])))),
    );
    return () => {
      live = false;
    };
  }, [items]);
  return (
    <div>
      <h2 className="text-sm font-semibold">{title}</h2>
      <p className="text-xs text-zinc-500">largest rank gap first; {items.length === 100 ? 'first 100' : items.length} shown</p>
      <table className="mt-2 w-full text-xs" data-testid={testId}>
        <thead>
          <tr className="text-left text-zinc-500">
            <th className="font-medium">doc_id</th>
            <th className="text-right font-medium">{a} pct</th>
            <th className="text-right font-medium">{b} pct</th>
            <th className="font-medium pl-2">text</th>
          </tr>
        </thead>
        <tbody>
          {items.slice(0, 50).map((d) => {
            const r = records.get(d.row);
            return (
              <tr key={d.row} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-0.5 font-mono">
                  {r ? (
                    <Link data-testid="disagreement-link" className="underline" href={`/browse?${viewQuery}${viewQuery ? '&' : ''}doc=${encodeURIComponent(r.doc_id)}`}>
                      {r.doc_id}
                    </Link>
                  ) : (
                    '…'
                  )}
                </td>
                <td className="text-right font-mono">{Number.isNaN(d.percentileA) ? '—' : d.percentileA.toFixed(1)}</td>
                <td className="text-right font-mono">{Number.isNaN(d.percentileB) ? '—' : d.percentileB.toFixed(1)}</td>
                <td className="max-w-64 truncate pl-2 font-mono text-zinc-600 dark:text-zinc-400">{r?.preview?.slice(0, 80) ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Three or more selectors: Spearman matrix and dropped-set intersections; several columns as stages. */
function ManySelectors({ names, view }: { names: string[]; view: ExploreContext['view'] }) {
  const theme = useChartTheme();
  const [picked, setPicked] = useState<string[]>(names.slice(0, Math.min(4, names.length)));
  const [stages, setStages] = useState<string[]>([]);
  const params = selectionParams(view);
  const { data } = useWorkerQuery(
    picked.length >= 2 ? async () => (await import('@/lib/browser/selection-client')).selectionWorker().compareMany(picked, params) : null,
    [picked.join(','), view.ratio, JSON.stringify(view.perSource), view.missing],
  );
  const { data: stageData } = useWorkerQuery(
    stages.length >= 2 ? async () => (await import('@/lib/browser/selection-client')).selectionWorker().stages(stages, params) : null,
    [stages.join(','), view.ratio, JSON.stringify(view.perSource), view.missing],
  );
  if (names.length < 2) return null;
  return (
    <section className={card('p-4')}>
      <h2 className="text-sm font-semibold">Several selectors</h2>
      <div className="mt-2 flex flex-wrap gap-3 text-sm">
        {names.map((n) => (
          <label key={n} className="flex items-center gap-1">
            <input type="checkbox" data-testid={`many-${n}`} checked={picked.includes(n)} onChange={(e) => setPicked(e.target.checked ? [...picked, n] : picked.filter((x) => x !== n))} />
            <span className="font-mono text-xs">{n}</span>
          </label>
        ))}
      </div>
      {data && (
        <div className="mt-3 grid gap-4 lg:grid-cols-2">
          <EChart option={correlationMatrixOption({ names: data.names, spearman: data.spearman, theme })} height={Math.max(260, 90 + data.names.length * 48)} ariaLabel="Spearman correlation matrix" testId="spearman-matrix" />
          <EChart option={intersectionsOption({ intersections: data.intersections, theme })} height={Math.max(260, intersectionsHeight(data.intersections))} ariaLabel="sizes of the intersections of dropped sets" testId="intersections" />
        </div>
      )}
      <h3 className="mt-4 text-sm font-semibold">Stages</h3>
      <p className="text-xs text-zinc-500">Pick columns in stage order (e.g. MATES scores at successive checkpoints) to see how the kept set changes.</p>
      <div className="mt-1 flex flex-wrap gap-3 text-sm">
        {names.map((n) => (
          <label key={n} className="flex items-center gap-1">
            <input type="checkbox" data-testid={`stage-${n}`} checked={stages.includes(n)} onChange={(e) => setStages(e.target.checked ? [...stages, n] : stages.filter((x) => x !== n))} />
            <span className="font-mono text-xs">
              {stages.includes(n) ? `${stages.indexOf(n) + 1}. ` : ''}
              {n}
            </span>
          </label>
        ))}
      </div>
      {stageData && (
        <table className="mt-2 w-full text-xs" data-testid="stages">
          <thead>
            <tr className="text-left text-zinc-500">
              <th className="font-medium">stage</th>
              <th className="text-right font-medium">kept</th>
              <th className="text-right font-medium">Jaccard with previous</th>
              <th className="text-right font-medium">Jaccard with first</th>
              <th className="pl-3 font-medium">churn per source (entered / left)</th>
            </tr>
          </thead>
          <tbody className="font-mono">
            {stageData.map((s) => (
              <tr key={s.name} className="border-t border-zinc-100 dark:border-zinc-800">
                <td>{s.name}</td>
                <td className="text-right">{formatCount(s.kept)}</td>
                <td className="text-right">{fmt(s.jaccardPrevious)}</td>
                <td className="text-right">{fmt(s.jaccardFirst)}</td>
                <td className="pl-3">{s.churn.filter((c) => c.entered || c.left).map((c) => `${c.source ?? '(none)'} +${c.entered}/−${c.left}`).join(' · ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
