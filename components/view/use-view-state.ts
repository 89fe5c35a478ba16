'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseView, serializeView, type ViewState } from '@/lib/view/params';

/**
 * The view's state lives in the URL (one source of truth): reading it parses
 * the query string; changing it writes history directly, so a slider step costs
 * no server round trip. `push` makes a back-button stop; drags replace.
 */
export function useViewState(): [ViewState, (patch: Partial<ViewState>, mode?: 'push' | 'replace') => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const view = useMemo(() => parseView(new URLSearchParams(params.toString())), [params]);
  const update = useCallback(
    (patch: Partial<ViewState>, mode: 'push' | 'replace' = 'push') => {
      const current = parseView(new URLSearchParams(window.location.search));
      const query = serializeView({ ...current, ...patch });
      const url = `${pathname}${query ? `?${query}` : ''}`;
      if (mode === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [pathname],
  );
  return [view, update];
}
