'use client';
import type { PreparedSelection } from '@/lib/browser/selection-client';
import type { Direction } from '@/lib/selection/order';
import type { ViewState } from '@/lib/view/params';

/** Which selector, which direction, and what happens to documents without a score. */
export function SelectorBar({
  prepared,
  selector,
  view,
  update,
}: {
  prepared: PreparedSelection;
  selector: { name: string; direction: Direction };
  view: ViewState;
  update: (patch: Partial<ViewState>, mode?: 'push' | 'replace') => void;
}) {
  return (
    <div className="flex flex-wrap items-end gap-4">
      <label className="text-sm">
        <span className="block text-xs font-medium uppercase tracking-wide text-zinc-500">Selector</span>
        <select
          data-testid="selector"
          value={selector.name}
          onChange={(e) => update({ selector: e.target.value, direction: null, perSource: null })}
          className="mt-1 rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
        >
          {prepared.selectors.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-xs font-medium uppercase tracking-wide text-zinc-500">Direction</span>
        <select
          data-testid="direction"
          value={selector.direction}
          onChange={(e) => update({ direction: e.target.value as Direction })}
          className="mt-1 rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
        >
          <option value="higher">higher is better</option>
          <option value="lower">lower is better</option>
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-xs font-medium uppercase tracking-wide text-zinc-500">Without a score</span>
        <select
          data-testid="missing-policy"
          value={view.missing}
          onChange={(e) => update({ missing: e.target.value as 'keep' | 'drop' })}
          className="mt-1 rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
        >
          <option value="keep">keep</option>
          <option value="drop">drop</option>
        </select>
      </label>
    </div>
  );
}
