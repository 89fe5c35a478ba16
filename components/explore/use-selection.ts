'use client';
import type { SelectionResult } from '@/lib/selection/engine';
import type { Direction } from '@/lib/selection/order';
import type { PreparedSelection } from '@/lib/browser/selection-client';
import type { ViewState } from '@/lib/view/params';
import { selectionParams, useWorkerQuery } from './selection-store';

type Service = ReturnType<typeof import('@/lib/browser/selection-client').withDirections>;

/** Asks the selection service with these selectors' directions sent along with each call. */
export async function withSelectors<T>(directions: Record<string, Direction>, ask: (w: Service) => Promise<T>): Promise<T> {
  const { withDirections } = await import('@/lib/browser/selection-client');
  return ask(withDirections(directions));
}

/** Asks the selection service about `name` under `direction` (the worker rebuilds the order when the direction changes). */
export function withSelector<T>(name: string, direction: Direction, ask: (w: Service) => Promise<T>): Promise<T> {
  return withSelectors({ [name]: direction }, ask);
}

export function useSelectionResult(prepared: PreparedSelection | null, selector: { name: string; direction: Direction } | null, view: ViewState) {
  return useWorkerQuery<SelectionResult & { ms: number }>(
    prepared && selector ? () => withSelector(selector.name, selector.direction, (w) => w.select(selector.name, selectionParams(view))) : null,
    [prepared?.key, selector?.name, selector?.direction, view.ratio, JSON.stringify(view.perSource), view.missing],
  );
}
