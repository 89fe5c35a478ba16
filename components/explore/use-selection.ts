'use client';
import type { SelectionResult } from '@/lib/selection/engine';
import type { Direction } from '@/lib/selection/order';
import type { PreparedSelection } from '@/lib/browser/selection-client';
import type { ViewState } from '@/lib/view/params';
import { selectionParams, useWorkerQuery } from './selection-store';

async function worker() {
  return (await import('@/lib/browser/selection-client')).selectionWorker();
}

/** Asks the worker for `name` under `direction` (the worker rebuilds the order when the direction changes). */
export async function withSelector<T>(name: string, direction: Direction, ask: (w: Awaited<ReturnType<typeof worker>>) => Promise<T>): Promise<T> {
  const w = await worker();
  await w.setDirection(name, direction);
  return ask(w);
}

export function useSelectionResult(prepared: PreparedSelection | null, selector: { name: string; direction: Direction } | null, view: ViewState) {
  return useWorkerQuery<SelectionResult & { ms: number }>(
    prepared && selector ? () => withSelector(selector.name, selector.direction, (w) => w.select(selector.name, selectionParams(view))) : null,
    [prepared?.key, selector?.name, selector?.direction, view.ratio, JSON.stringify(view.perSource), view.missing],
  );
}
