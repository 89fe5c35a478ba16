'use client';
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { useDatasetStore } from '@/components/stores/dataset-store';
import { datasetHolder } from '@/lib/data/dataset';
import type { SelectionParams } from '@/lib/selection/engine';
import type { Direction } from '@/lib/selection/order';
import type { PreparedSelection } from '@/lib/browser/selection-client';
import type { ViewState } from '@/lib/view/params';

interface SelectionStore {
  prepared: PreparedSelection | null;
  preparing: boolean;
  error: string | null;
  prepare(): Promise<void>;
}

export const useSelectionStore = create<SelectionStore>((set, get) => ({
  prepared: null,
  preparing: false,
  error: null,
  async prepare() {
    const dataset = useDatasetStore.getState().dataset;
    if (!dataset) return;
    const { prepareSelection, datasetKey } = await import('@/lib/browser/selection-client');
    if (get().prepared?.key === datasetKey(dataset)) return;
    set({ preparing: true, error: null });
    try {
      const prepared = await prepareSelection(dataset);
      if (useDatasetStore.getState().dataset === dataset) set({ prepared, preparing: false });
    } catch (error) {
      set({ preparing: false, error: error instanceof Error ? error.message : String(error) });
    }
  },
}));

/** The selection data for the loaded dataset, prepared on first use. */
export function usePreparedSelection(): { prepared: PreparedSelection | null; preparing: boolean; error: string | null } {
  const dataset = useDatasetStore((s) => s.dataset);
  const { prepared, preparing, error, prepare } = useSelectionStore();
  useEffect(() => {
    if (dataset) void prepare();
  }, [dataset, prepare]);
  const current = dataset && prepared && prepared.key.startsWith(`${datasetHolder(dataset)}:`) ? prepared : null;
  return { prepared: current, preparing: preparing || (!!dataset && !current && !error), error };
}

/** The selector a view shows: the URL's, if the dataset has it, else the first one. */
export function resolveSelector(prepared: PreparedSelection | null, view: ViewState): { name: string; direction: Direction } | null {
  if (!prepared || prepared.selectors.length === 0) return null;
  const found = prepared.selectors.find((s) => s.name === view.selector) ?? prepared.selectors[0];
  return { name: found.name, direction: view.direction ?? found.direction };
}

export function selectionParams(view: ViewState): SelectionParams {
  return { ratio: view.ratio, perSource: view.perSource, missing: view.missing };
}

/**
 * Runs `ask` against the selection worker whenever `deps` change; a stale
 * answer (an older request finishing late) is dropped, not rendered.
 */
export function useWorkerQuery<T>(ask: (() => Promise<T>) | null, deps: unknown[]): { data: T | null; error: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    if (!ask) return;
    let live = true;
    ask().then(
      (data) => live && setState({ data, error: null }),
      (error) => live && setState({ data: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}
