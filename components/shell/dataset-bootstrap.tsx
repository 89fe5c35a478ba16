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
    void state.startEngine();
    // A deep link to a server dataset: /?dataset=server:<path inside the data folder>.
    const linked = new URLSearchParams(window.location.search).get('dataset');
    if (linked?.startsWith('server:')) {
      void state.openOnServer(linked.slice('server:'.length));
      return;
    }
    if (last?.kind === 'engine') {
      void state.openOnServer(last.path);
      return;
    }
    void import('@/lib/browser/data-client').then(({ demoSource, serverFileSource }) => {
      if (useDatasetStore.getState().dataset || useDatasetStore.getState().loading) return;
      if (last?.kind === 'server') {
        void state.load(last.paths.map(serverFileSource), last.label ?? last.paths.join(', '), last);
      } else if (last?.kind === 'demo' || !visited) {
        void state.load([demoSource()], 'demo corpus', { kind: 'demo' });
      }
    });
  }, []);
  return null;
}
