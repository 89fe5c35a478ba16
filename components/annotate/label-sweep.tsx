'use client';
import { useEffect, useMemo, useState } from 'react';
import { EChart, useChartTheme } from '@/components/charts/echart';
import { withSelector } from '@/components/explore/use-selection';
import { useCurrentRecords } from '@/components/stores/annotation-store';
import { decidedByDoc, MIN_LABELS_FOR_SUGGESTION, type SelectorGrade } from '@/lib/annotations/grading';
import { labelSweepOption } from '@/lib/charts/options';
import { ensureDocIds, type PreparedSelection } from '@/lib/browser/selection-client';
import type { Direction } from '@/lib/selection/order';
import { percentOf, ratioFromPercent, type ViewState } from '@/lib/view/params';

/** Grades of every selector against the decided labels (one annotator's, or the majority). */
export function useSelectorGrades(prepared: PreparedSelection, selector: { name: string; direction: Direction }, ratio: number, by: string | null) {
  const records = useCurrentRecords();
  const decided = useMemo(() => decidedByDoc(records, by), [records, by]);
  const [grades, setGrades] = useState<Record<string, SelectorGrade> | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      if (decided.size === 0) return setGrades({});
      await ensureDocIds(prepared.key);
      const ids = [...decided.keys()];
      const values = ids.map((d) => decided.get(d)!);
      const out: Record<string, SelectorGrade> = {};
      for (const s of prepared.selectors) {
        const direction = s.name === selector.name ? selector.direction : s.direction;
        out[s.name] = await withSelector(s.name, direction, async (w) => w.grade(s.name, await w.labelsByRow(ids, values), ratio));
      }
      if (live) setGrades(out);
    })();
    return () => {
      live = false;
    };
  }, [decided, prepared, selector.name, selector.direction, ratio]);
  return grades;
}

/**
 * The selector against people's labels over drop ratios: shares of labelled-drop and
 * labelled-keep documents removed, F1, and the suggested ratio one click away.
 */
const neededText = (n: { drop: number; keep: number }) =>
  [n.drop > 0 ? `${n.drop} more drop` : null, n.keep > 0 ? `${n.keep} more keep` : null].filter(Boolean).join(' and ') + ' to go';

export function LabelSweep({ grade, selector, view, update }: { grade: SelectorGrade | undefined; selector: string; view: ViewState; update: (patch: Partial<ViewState>) => void }) {
  const theme = useChartTheme();
  if (!grade || grade.positives === 0 || grade.negatives === 0) return null;
  return (
    <div data-testid="label-sweep-panel">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <h3 className="text-xs font-semibold uppercase text-zinc-500">
          {selector} against the labels ({grade.positives} drop, {grade.negatives} keep)
        </h3>
        {grade.suggested ? (
          <button
            type="button"
            data-testid="use-suggested"
            onClick={() => update({ ratio: grade.suggested!.ratio })}
            title={`The ratio with the best F1 of dropping against ${grade.positives + grade.negatives} labels; 95 % bootstrap interval ${percentOf(grade.suggested.interval[0])}–${percentOf(grade.suggested.interval[1])} %`}
            className="rounded border border-violet-500 px-2 py-0.5 text-violet-700 dark:text-violet-300"
          >
            use the suggested ratio {percentOf(grade.suggested.ratio)} % (95 % interval {percentOf(grade.suggested.interval[0])}–{percentOf(grade.suggested.interval[1])} %; F1 {grade.suggested.f1.toFixed(3)}, precision{' '}
            {grade.suggested.precision.toFixed(3)}, recall {grade.suggested.recall.toFixed(3)}; from {grade.positives + grade.negatives} labels)
          </button>
        ) : (
          <span data-testid="suggestion-needs" className="text-xs text-zinc-500">
            a suggested ratio needs {MIN_LABELS_FOR_SUGGESTION} labelled drop and {MIN_LABELS_FOR_SUGGESTION} labelled keep documents: {neededText(grade.needed)}
          </span>
        )}
      </div>
      <EChart
        option={labelSweepOption({ curve: grade.curve, ratio: view.ratio, suggested: grade.suggested?.ratio ?? null, theme })}
        ariaLabel={`${selector} against labels over drop ratios`}
        testId="label-sweep"
        onAxisClick={(x) => update({ ratio: ratioFromPercent(Number(x)) })}
      />
    </div>
  );
}
