'use client';
import { useEffect } from 'react';
import { rememberedSource, useDatasetStore } from '@/components/stores/dataset-store';

const VISITED_KEY = 'sift.visited';

/**
 * On the first visit the demo corpus loads by itself; afterwards the last
 * reloadable source (demo, server files, a server dataset) loads again, so a
 * reload keeps the view; `?dataset=server:<path>` opens that path on the server.
 */
export function DatasetBootstrap() {
  useEffect(() => {
    const state = useDatasetStore.getState();
    // The sign-in page of a private server loads nothing: every read needs the session first.
    if (state.dataset || state.loading || window.location.pathname === '/login') return;
    let visited = false;
    try {
      visited = window.localStorage.getItem(VISITED_KEY) === '1';
      window.localStorage.setItem(VISITED_KEY, '1');
    } catch {
      /* no storage: behave as a first visit */
    }
    const last = rememberedSource();
    const loadRemembered = async () => {
      const { demoSource, serverFileSource } = await import('@/lib/browser/data-client');
      if (useDatasetStore.getState().dataset || useDatasetStore.getState().loading) return;
      // The tab's DuckDB starts only for a dataset loaded in the tab (the Data page starts it too).
      if (last?.kind !== 'engine') void state.startEngine();
      if (last?.kind === 'engine') await state.openOnServer(last.path);
      else if (last?.kind === 'server') await state.load(last.paths.map(serverFileSource), last.label ?? last.paths.join(', '), last);
      else if (last?.kind === 'demo' || !visited) await state.load([demoSource()], 'demo corpus', { kind: 'demo' });
    };
    // A deep link to a server dataset: /?dataset=server:<path inside the data folder>. If it cannot be
    // opened, its error stays on screen over what would have loaded without it.
    const linked = new URLSearchParams(window.location.search).get('dataset');
    if (linked?.startsWith('server:')) {
      void state.openOnServer(linked.slice('server:'.length)).then(async () => {
        const { dataset, error } = useDatasetStore.getState();
        if (dataset || !error) return;
        await loadRemembered();
        if (!useDatasetStore.getState().error) useDatasetStore.setState({ error });
      });
    } else void loadRemembered();
  }, []);
  return null;
}
