'use client';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { LabelSweep, useSelectorGrades } from '@/components/annotate/label-sweep';
import { useAnnotationStore } from '@/components/stores/annotation-store';
import { useCorpus, useDatasetStore } from '@/components/stores/dataset-store';
import { EChart, useChartTheme } from '@/components/charts/echart';
import { ErrorBoundary } from '@/components/shell/error-boundary';
import { cdfOption, histogramOption, perSourceBoxOption, sweepMeansOption, sweepMixtureOption } from '@/lib/charts/options';
import { formatScore } from '@/lib/format/numbers';
import type { DistributionResult } from '@/lib/service';
import type { SweepPoint } from '@/lib/selection/sweep';
import { ratioFromPercent } from '@/lib/view/params';
import { DropRatioControl } from './drop-ratio-control';
import { ExploreFrame, type ExploreContext } from './explore-frame';
import { SelectorBar } from './selector-bar';
import { SelectorPicker } from './selector-picker';
import { useWorkerQuery } from './selection-store';
import { SourceImpact } from './source-impact';
import { SampleFigures } from './sample-figures';
import { useSelectionResult, withSelector } from './use-selection';
import { card } from '@/components/ui/card';

const DEFAULT_COMPARED = 4;

export function DistributionsView() {
  return <ExploreFrame>{(ctx) => <Distributions {...ctx} />}</ExploreFrame>;
}

function Distributions({ prepared, selector, view, update }: ExploreContext) {
  const theme = useChartTheme();
  const corpus = useCorpus();
  const { data: result, error } = useSelectionResult(prepared, selector, view);
  const { data: dist } = useWorkerQuery<DistributionResult>(
    () => withSelector(selector.name, selector.direction, (w) => w.distribution(selector.name, view.bins)),
    [prepared.key, selector.name, selector.direction, view.bins],
  );
  const others = prepared.selectors.map((s) => s.name).filter((n) => n !== selector.name);
  const { data: sweepResult } = useWorkerQuery<{ selector: string; points: SweepPoint[]; ms: number; indexMs: number }>(
    () => withSelector(selector.name, selector.direction, (w) => w.sweep(selector.name, others)),
    [prepared.key, selector.name, selector.direction],
  );
  // Charts follow the slider at lower priority than the counts, so dragging stays responsive.
  const threshold = useDeferredValue(result?.mode === 'overall' ? result.threshold : null);
  const chartRatio = useDeferredValue(view.ratio);
  const sweep = sweepResult?.points ?? null;
  const histogram = useMemo(
    () => (dist ? histogramOption({ histogram: dist.histogram, threshold, direction: selector.direction, selector: selector.name, logY: view.logY, theme }) : null),
    [dist, threshold, selector.direction, selector.name, view.logY, theme],
  );
  const cdf = useMemo(() => (dist ? cdfOption({ cdf: dist.cdf, threshold, selector: selector.name, theme }) : null), [dist, threshold, selector.name, theme]);
  const box = useMemo(() => (dist ? perSourceBoxOption({ perSource: dist.perSource, threshold, selector: selector.name, theme }) : null), [dist, threshold, selector.name, theme]);
  const mixture = useMemo(() => (sweep ? sweepMixtureOption({ points: sweep, sources: prepared.sources, ratio: chartRatio, theme }) : null), [sweep, prepared.sources, chartRatio, theme]);
  // A few other selectors by default (the file's own columns come first); the picker shows more.
  const [compared, setCompared] = useState<string[] | null>(null);
  const shown = (compared ?? others.slice(0, DEFAULT_COMPARED)).filter((n) => others.includes(n));
  // Keyed by the names, not the array (a new one each render).
  const shownKey = JSON.stringify(shown);
  const means = useMemo(() => (sweep ? sweepMeansOption({ points: sweep, ratio: chartRatio, theme, only: JSON.parse(shownKey) as string[] }) : null), [sweep, chartRatio, theme, shownKey]);

  return (
    <div className="space-y-4">
      <SelectorBar prepared={prepared} selector={selector} view={view} update={update} />
      <DropRatioControl view={view} update={update} result={result} />
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {corpus && result && <SampleFigures corpus={corpus} result={result} />}

      <section aria-label="Score distribution" className={card('p-4')}>
        <div className="flex flex-wrap items-center gap-4">
          <h2 className="text-sm font-semibold">Distribution of {selector.name}</h2>
          <label className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" data-testid="log-y" checked={view.logY} onChange={(e) => update({ logY: e.target.checked }, 'replace')} /> log y
          </label>
          <label className="flex items-center gap-1.5 text-sm">
            bins
            <select data-testid="bins" value={view.bins} onChange={(e) => update({ bins: Number(e.target.value) }, 'replace')} className="rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-950">
              {[20, 50, 100, 200].map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </label>
          <span className="text-xs text-zinc-500">red: dropped at the current ratio</span>
        </div>
        {dist && (
          <ErrorBoundary label="The distribution charts">
            <div className="mt-2 grid gap-4 lg:grid-cols-2">
              <EChart option={histogram!} ariaLabel={`histogram of ${selector.name}`} testId="histogram" />
              <EChart option={cdf!} ariaLabel={`cumulative distribution of ${selector.name}`} testId="cdf" />
            </div>
            <div className="mt-4 grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
              <EChart option={box!} height={Math.max(160, 60 + dist.perSource.length * 30)} ariaLabel={`${selector.name} per source`} testId="per-source-box" />
              <table data-testid="score-stats" className="self-start text-sm">
                <tbody>
                  {(
                    [
                      ['documents with a score', dist.stats.count.toLocaleString('en-US')],
                      ['mean ± sd', `${formatScore(dist.stats.mean)} ± ${formatScore(dist.stats.std)}`],
                      ['min', formatScore(dist.stats.min)],
                      ['1 % / 5 %', `${formatScore(dist.stats.p01)} / ${formatScore(dist.stats.p05)}`],
                      ['25 % / median / 75 %', `${formatScore(dist.stats.p25)} / ${formatScore(dist.stats.median)} / ${formatScore(dist.stats.p75)}`],
                      ['95 % / 99 %', `${formatScore(dist.stats.p95)} / ${formatScore(dist.stats.p99)}`],
                      ['max', formatScore(dist.stats.max)],
                    ] as const
                  ).map(([k, v]) => (
                    <tr key={k} className="border-b border-zinc-100 dark:border-zinc-800">
                      <th className="py-1 pr-4 text-left font-normal text-zinc-500">{k}</th>
                      <td className="py-1 text-right font-mono">{v}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </ErrorBoundary>
        )}
      </section>

      {result && (
        <ErrorBoundary label="The per-source impact">
          <SourceImpact result={result} view={view} update={update} />
        </ErrorBoundary>
      )}

      {sweep && (
        <section aria-label="Drop-ratio sweep" data-testid="sweep" data-sweep-ms={sweepResult?.ms.toFixed(2)} data-sweep-for={sweepResult?.selector} data-index-ms={sweepResult?.indexMs.toFixed(1)} className={card('p-4')}>
          <h2 className="text-sm font-semibold">Sweep: drop ratios 0–95 %</h2>
          <p className="text-xs text-zinc-500">Click a chart to set the drop ratio.</p>
          <div className="mt-2 grid gap-4 lg:grid-cols-2">
            <EChart
              option={mixture!}
              height={320}
              ariaLabel="share of each source among kept documents, and kept tokens, by drop ratio"
              testId="sweep-chart"
              onAxisClick={(x) => update({ ratio: ratioFromPercent(Number(x)) })}
            />
            {others.length > 0 ? (
              <div>
                <div className="flex justify-end">
                  <SelectorPicker options={others} chosen={shown} onChange={setCompared} testId="sweep-means-picker" />
                </div>
                <EChart
                  option={means!}
                  height={300}
                  ariaLabel="mean of the other selectors among kept documents, by drop ratio"
                  testId="sweep-means"
                  onAxisClick={(x) => update({ ratio: ratioFromPercent(Number(x)) })}
                />
              </div>
            ) : (
              <p className="self-center text-sm text-zinc-500">Only one selector: nothing else to compare along the sweep.</p>
            )}
          </div>
          <LabelledSweep prepared={prepared} selector={selector} view={view} update={update} />
        </section>
      )}
    </div>
  );
}

/** With labels from the Annotate page: the selector against them over the same drop ratios. */
function LabelledSweep({ prepared, selector, view, update }: ExploreContext) {
  const dataset = useDatasetStore((s) => s.dataset)!;
  const open = useAnnotationStore((s) => s.open);
  useEffect(() => {
    void open(dataset.summary.fingerprint);
  }, [dataset.summary.fingerprint, open]);
  const grades = useSelectorGrades(prepared, selector, view.ratio, null);
  return (
    <div className="mt-4">
      <LabelSweep grade={grades?.[selector.name]} selector={selector.name} view={view} update={update} />
    </div>
  );
}
