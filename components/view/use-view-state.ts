'use client';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { parseView, serializeView, type ViewState } from '@/lib/view/params';

/**
 * The view's state mirrors the URL (shareable; back and forward work). Changes
 * update this store synchronously, so controlled inputs never lag behind the
 * router, and write history directly, so a slider step costs no server round
 * trip. `push` makes a back-button stop; drags replace. The store adopts the
 * URL when a page opens and on back/forward, never from a lagging echo of its own writes.
 */
let state: { query: string; view: ViewState } | null = null;
const listeners = new Set<() => void>();

function adopt(query: string) {
  if (state?.query === query) return;
  state = { query, view: parseView(new URLSearchParams(query)) };
  for (const l of listeners) l();
}

function currentQuery(): string {
  if (typeof window === 'undefined') return '';
  // A drag not yet written to the URL is still the current state.
  if (pendingReplace && state) return state.query;
  return window.location.search.replace(/^\?/, '');
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onPop = () => adopt(currentQuery());
  window.addEventListener('popstate', onPop);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', onPop);
  };
}

function snapshot(): ViewState {
  if (!state) adopt(currentQuery());
  return state!.view;
}

const serverSnapshot = parseView(new URLSearchParams(''));

function querySnapshot(): string {
  if (!state) adopt(currentQuery());
  return state!.query;
}

/**
 * The view's query string as the store holds it: ahead of the router's search
 * params while a drag's URL write waits, so links built from it never carry a stale ratio.
 */
export function useViewQuery(): string {
  return useSyncExternalStore(subscribe, querySnapshot, () => '');
}

/** Drags write the URL once they pause: Next re-renders its router on every history change. */
const REPLACE_DELAY_MS = 150;
let pendingReplace: ReturnType<typeof setTimeout> | null = null;
let flushPending: (() => void) | null = null;

export function cancelPendingUrlWrite() {
  if (pendingReplace) clearTimeout(pendingReplace);
  pendingReplace = null;
  flushPending = null;
}

let flushOnLinkClick = false;

function writeUrl(query: string, mode: 'push' | 'replace') {
  const path = window.location.pathname;
  const url = `${path}${query ? `?${query}` : ''}`;
  cancelPendingUrlWrite();
  if (mode === 'push') {
    window.history.pushState(null, '', url);
    return;
  }
  const write = () => {
    cancelPendingUrlWrite();
    // A navigation happened meanwhile: the old page's state must not overwrite the new page's URL.
    if (window.location.pathname === path) window.history.replaceState(null, '', url);
  };
  flushPending = write;
  pendingReplace = setTimeout(write, REPLACE_DELAY_MS);
  if (!flushOnLinkClick) {
    flushOnLinkClick = true;
    // A link clicked while a write waits: write it now, before the router starts the navigation.
    // Written later, it would land while the navigation is in flight and undo it (seen on a busy machine).
    document.addEventListener('click', (e) => (e.target as Element | null)?.closest?.('a[href]') && flushPending?.(), true);
  }
}

export function useViewState(): [ViewState, (patch: Partial<ViewState>, mode?: 'push' | 'replace') => void] {
  const pathname = usePathname();
  useEffect(() => {
    cancelPendingUrlWrite();
    adopt(currentQuery());
  }, [pathname]);
  const view = useSyncExternalStore(subscribe, snapshot, () => serverSnapshot);
  const update = useCallback(
    (patch: Partial<ViewState>, mode: 'push' | 'replace' = 'push') => {
      const nextQuery = serializeView({ ...snapshot(), ...patch });
      adopt(nextQuery);
      writeUrl(nextQuery, mode);
    },
    [],
  );
  return [view, update];
}
