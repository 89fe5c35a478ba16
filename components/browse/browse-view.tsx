'use client';
import type { SortingState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DropRatioControl } from '@/components/explore/drop-ratio-control';
import { ExploreFrame, type ExploreContext } from '@/components/explore/explore-frame';
import { SelectorBar } from '@/components/explore/selector-bar';
import { selectionParams, useWorkerQuery } from '@/components/explore/selection-store';
import { useSelectionResult, withSelector } from '@/components/explore/use-selection';
import { ErrorBoundary } from '@/components/shell/error-boundary';
import type { RowRecord } from '@/lib/browser/data-client';
import { HeldOrder, PagedOrder, type RowOrder } from '@/lib/browser/row-order';
import { formatCount } from '@/lib/format/numbers';
import { BrowseFilters } from './browse-filters';
import { BulkLabel } from './bulk-label';
import { keyAction, LABEL_OF } from '@/lib/view/keys';
import { useAnnotationStore } from '@/components/stores/annotation-store';
import { SyncStatus } from '@/components/annotate/sync-status';
import { LabelBar } from '@/components/annotate/label-bar';
import { useDatasetStore } from '@/components/stores/dataset-store';
import { DocDetail } from './doc-detail';
import { DocsTable, sortKeyOf } from './docs-table';
import { SelectorPicker } from '@/components/explore/selector-picker';

/** Whether any Browse filter narrows the documents (the bulk label needs one). */
function isFiltered(view: ExploreContext['view']): boolean {
  return view.sources.length > 0 || view.tag !== null || view.scoreMin !== null || view.scoreMax !== null || view.droppedOnly || view.query.trim() !== '';
}

export function BrowseView() {
  return <ExploreFrame>{(ctx) => <Browse {...ctx} />}</ExploreFrame>;
}

async function dataClient() {
  return import('@/lib/browser/data-client');
}

const fetchRowsFromDb = async (idx: number[]) => (await dataClient()).fetchRows(idx);

/** Text search and tag filter, computed in DuckDB as one 0/1 mask over rows. */
async function rowMask(query: string, regex: boolean, tag: string | null): Promise<Uint8Array | null> {
  const client = await dataClient();
  let mask: Uint8Array | null = null;
  if (query) mask = await client.textSearchMask(query, regex);
  if (tag) {
    const t = await client.tagMask(tag);
    mask = mask ? mask.map((v, i) => v & t[i]) : t;
  }
  return mask;
}

function Browse({ prepared, selector, view, update }: ExploreContext) {
  const dataset = useDatasetStore((s) => s.dataset)!;
  const [sorting, setSorting] = useState<SortingState>([]);
  // Other score columns are hidden until chosen: with two dozen selectors the text would leave the screen.
  const [shownScores, setShownScores] = useState<string[]>([]);
  const otherSelectors = prepared.selectors.map((s) => s.name).filter((n) => n !== selector.name);
  const { data: result } = useSelectionResult(prepared, selector, view);
  const masked = useWorkerQuery<{ mask: Uint8Array | null }>(
    async () => ({ mask: await rowMask(view.query, view.regex, view.tag) }),
    [prepared.key, view.query, view.regex, view.tag],
  );
  const sourceIdx = useMemo(() => view.sources.map((s) => prepared.sources.findIndex((p) => (p ?? '') === s)).filter((i) => i >= 0), [view.sources, prepared.sources]);
  const ordered = useWorkerQuery<RowOrder>(
    masked.data
      ? () =>
          withSelector(selector.name, selector.direction, async (w) => {
            const filter = { sources: sourceIdx, droppedOnly: view.droppedOnly, scoreMin: view.scoreMin, scoreMax: view.scoreMax, rowMask: masked.data!.mask };
            const sort = sortKeyOf(sorting, selector.name);
            const params = selectionParams(view);
            // The server's engine sends the order a page at a time; the tab's worker hands it over whole.
            if (!dataset.server) return new HeldOrder(await w.orderedRows(selector.name, params, filter, sort));
            return PagedOrder.open({
              page: (start, count) => w.orderedPage(selector.name, params, filter, sort, start, count),
              position: (row) => w.orderedPosition(selector.name, params, filter, sort, row),
            });
          })
      : null,
    [masked.data, selector.name, selector.direction, view.ratio, JSON.stringify(view.perSource), view.missing, sourceIdx.join(','), view.droppedOnly, view.scoreMin, view.scoreMax, JSON.stringify(sorting)],
  );
  const rows = ordered.data;

  const [openIdx, setOpenIdx] = useState<number | null>(null);
  const [position, setPosition] = useState<{ index: number; total: number } | null>(null);
  useEffect(() => {
    if (!rows || openIdx === null) {
      setPosition(null);
      return;
    }
    let live = true;
    void rows.positionOf(openIdx).then((i) => live && setPosition(i >= 0 ? { index: i, total: rows.length } : null));
    return () => {
      live = false;
    };
  }, [rows, openIdx]);

  const openRecord = useCallback((record: RowRecord) => update({ doc: record.doc_id }), [update]);
  const step = useCallback(
    async (delta: 1 | -1) => {
      if (!rows || rows.length === 0) return;
      const from = position ? position.index + delta : 0;
      const next = Math.min(rows.length - 1, Math.max(0, from));
      await rows.load(next, next + 1);
      const row = rows.at(next);
      if (row === undefined) return;
      const { fetchDocument } = await dataClient();
      const doc = await fetchDocument({ idx: row });
      if (!doc) return;
      // The position moves with the URL, not when the detail has loaded: a key pressed in between steps from here.
      setOpenIdx(row);
      setPosition({ index: next, total: rows.length });
      update({ doc: doc.doc_id }, 'replace');
    },
    [rows, position, update],
  );

  const stepRef = useRef({ step, doc: view.doc });
  stepRef.current = { step, doc: view.doc };
  useEffect(() => {
    // The same keys as Annotate (lib/view/keys): j/k move, y/d/u label the open document and move on.
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable]') || e.metaKey || e.ctrlKey || e.altKey) return;
      const action = keyAction(e.key);
      const { step: go, doc } = stepRef.current;
      if (action === 'next' || action === 'previous') {
        e.preventDefault();
        void go(action === 'next' ? 1 : -1);
      } else if (action === 'close') update({ doc: null });
      else if (action && LABEL_OF[action] && doc && useAnnotationStore.getState().annotator) {
        e.preventDefault();
        void useAnnotationStore.getState().apply([doc], { label: LABEL_OF[action] });
        void go(1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [update]);

  return (
    <div className="space-y-3">
      <SelectorBar prepared={prepared} selector={selector} view={view} update={update} />
      <DropRatioControl view={view} update={update} result={result} />
      <BrowseFilters prepared={prepared} view={view} update={update} error={masked.error} />
      <SyncStatus />
      <BulkLabel rows={rows} fingerprint={dataset.summary.fingerprint} preparedKey={prepared.key} filtered={isFiltered(view)} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-xs text-zinc-500" data-testid="match-count">
          {rows ? `${formatCount(rows.length)} document${rows.length === 1 ? '' : 's'}` : 'filtering…'} · sorted {sorting.length ? `by ${sorting[0].id.replace('score:', '')} ${sorting[0].desc ? '(descending)' : '(ascending)'}` : `by ${selector.name}, lowest-ranked first`} · click a row, then j / k to step, y / d / u to label
        </p>
        {otherSelectors.length > 0 && <SelectorPicker options={otherSelectors} chosen={shownScores.filter((n) => otherSelectors.includes(n))} onChange={setShownScores} noun="other score columns" testId="browse-columns" />}
      </div>
      <div className={`grid grid-cols-1 gap-3 ${view.doc ? 'xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]' : ''}`}>
        <ErrorBoundary label="The documents table">
          {rows && (
            <DocsTable
              ordered={rows}
              selectors={shownScores}
              selector={selector.name}
              sorting={sorting}
              onSortingChange={setSorting}
              openIdx={openIdx}
              onOpen={openRecord}
              fetchRows={fetchRowsFromDb}
              version={prepared.key}
            />
          )}
        </ErrorBoundary>
        {view.doc && (
          <ErrorBoundary label="The document view">
            <DocDetail
              docId={view.doc}
              selector={selector}
              params={selectionParams(view)}
              position={position}
              onClose={() => update({ doc: null })}
              onStep={(d) => void step(d)}
              onLoaded={setOpenIdx}
            >
              <LabelBar docId={view.doc} />
            </DocDetail>
          </ErrorBoundary>
        )}
      </div>
    </div>
  );
}
