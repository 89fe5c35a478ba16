'use client';
import { myLabel, toggleLabel, useAnnotationStore } from '@/components/stores/annotation-store';
import {
  columnResizingFeature,
  columnSizingFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { RowRecord } from '@/lib/browser/data-client';
import { formatCount, formatScore } from '@/lib/format/numbers';
import { previewText } from '@/lib/text/visible';
import { tagColor } from '@/components/text/visible-text';
import { card } from '@/components/ui/card';
import type { RowOrder } from '@/lib/browser/row-order';

const features = tableFeatures({ columnSizingFeature, columnResizingFeature, rowSortingFeature });

export interface TableRow {
  ordinal: number;
  idx: number;
  record: RowRecord | null;
}

const helper = createColumnHelper<typeof features, TableRow>();

interface RowViewProps {
  idx: number;
  record: RowRecord | null;
  ordinal: number;
  start: number;
  width: number;
  open: boolean;
  /** Column widths joined: a row re-renders when a column is resized. */
  sizes: string;
  onOpen: (record: RowRecord, ordinal: number) => void;
  cells: () => ReactNode;
}

/** One table row; scrolling re-renders only rows whose content, place or selection changed. */
const RowView = memo(
  function RowView({ idx, record, ordinal, start, width, open, onOpen, cells }: RowViewProps) {
    return (
      <div
        role="row"
        data-testid="doc-row"
        data-idx={idx}
        data-doc-id={record?.doc_id}
        aria-selected={open}
        onClick={() => record && onOpen(record, ordinal)}
        className={`absolute left-0 flex cursor-pointer border-b border-zinc-100 dark:border-zinc-800 ${open ? 'bg-sky-100 dark:bg-sky-950' : 'hover:bg-zinc-50 dark:hover:bg-zinc-800/60'}`}
        style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT, width }}
      >
        {cells()}
      </div>
    );
  },
  (a, b) => a.idx === b.idx && a.record === b.record && a.ordinal === b.ordinal && a.start === b.start && a.width === b.width && a.open === b.open && a.sizes === b.sizes && a.onOpen === b.onOpen,
);
const ROW_HEIGHT = 34;
const FETCH_CHUNK = 64;
/**
 * Rows the table scrolls through. A browser cannot make an element much taller than
 * 33 million pixels (about a million rows), and the virtualizer measures every row it
 * is given: 10^8 rows took 8 s before the first page. Past this, the table says so.
 */
export const MAX_TABLE_ROWS = 100_000;

function scoreCell(name: string) {
  return helper.accessor((r) => (r.record ? (r.record[name] as number | null) : null), {
    id: `score:${name}`,
    header: name,
    size: 110,
    cell: (c) => <span className="font-mono tabular-nums">{formatScore(c.getValue() as number | null)}</span>,
  });
}

/** Sorting state ↔ the worker's sort key: the default (empty) is the selector's rule order, worst first. */
export function sortKeyOf(sorting: SortingState, selector: string) {
  const s = sorting[0];
  if (!s) return { key: { kind: 'selector' as const, name: selector }, desc: false };
  if (s.id === 'rank') return { key: { kind: 'selector' as const, name: selector }, desc: s.desc };
  if (s.id.startsWith('score:')) return { key: { kind: 'selector' as const, name: s.id.slice(6) }, desc: s.desc };
  if (s.id === 'length') return { key: { kind: 'chars' as const }, desc: s.desc };
  if (s.id === 'source') return { key: { kind: 'source' as const }, desc: s.desc };
  return { key: { kind: 'doc_id' as const }, desc: s.desc };
}

/**
 * The low-score table: rows are the worker's ordered row indexes; only the
 * rows in view (plus a margin) are read from DuckDB, in chunks, and cached.
 */
export function DocsTable({
  ordered,
  selectors,
  selector,
  sorting,
  onSortingChange,
  openIdx,
  onOpen,
  fetchRows,
  version,
}: {
  ordered: RowOrder;
  /** Score columns shown after the text, besides the selector's own (which comes first). */
  selectors: string[];
  selector: string;
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
  openIdx: number | null;
  onOpen: (record: RowRecord, ordinal: number) => void;
  fetchRows: (idx: number[]) => Promise<RowRecord[]>;
  /** Changes when the underlying rows change (new dataset or mapping): drops the cache. */
  version: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const cache = useRef(new Map<number, RowRecord>());
  const pending = useRef(new Set<number>());
  const [, setTick] = useState(0);
  useEffect(() => {
    cache.current.clear();
    pending.current.clear();
    setTick((t) => t + 1);
  }, [version]);

  const shown = Math.min(ordered.length, MAX_TABLE_ROWS);
  const virtualizer = useVirtualizer({
    count: shown,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    // The set itself never changes (only its contents): the cleanup may use it.
    const inFlight = pending.current;
    const from = Math.max(0, first - FETCH_CHUNK / 2);
    const to = Math.min(shown - 1, last + FETCH_CHUNK / 2);
    if (to < from) return;
    let live = true;
    const want: number[] = [];
    const timer = setTimeout(() => {
      // The order's positions first (a page from the server engine), then the rows at them.
      ordered
        .load(from, to + 1)
        .then(() => {
          if (!live) return [];
          for (let i = from; i <= to; i++) {
            const idx = ordered.at(i);
            if (idx !== undefined && !cache.current.has(idx) && !inFlight.has(idx)) want.push(idx);
          }
          for (const idx of want) inFlight.add(idx);
          return want.length ? fetchRows(want) : [];
        })
        .then((rows) => {
          for (const r of rows) cache.current.set(Number(r._idx), r);
          if (live && rows.length) setTick((t) => t + 1);
        })
        .finally(() => {
          for (const idx of want) inFlight.delete(idx);
        });
    }, 16);
    return () => {
      live = false;
      clearTimeout(timer);
      for (const idx of want) inFlight.delete(idx);
    };
  }, [first, last, ordered, shown, fetchRows, version]);

  const columns = useMemo(
    () =>
      helper.columns([
      helper.display({ id: 'rank', header: '#', size: 72, enableSorting: true, cell: (c) => <span className="tabular-nums text-zinc-500">{formatCount(c.row.original.ordinal + 1)}</span> }),
      helper.accessor((r) => r.record?.doc_id ?? '', { id: 'doc_id', header: 'doc_id', size: 150, cell: (c) => <span className="font-mono">{c.getValue() as string}</span> }),
      helper.accessor((r) => (r.record?.source as string | null) ?? null, { id: 'source', header: 'source', size: 100, cell: (c) => <span>{(c.getValue() as string | null) ?? '—'}</span> }),
      scoreCell(selector),
      helper.accessor((r) => r.record?.tags ?? null, {
        id: 'tags',
        header: 'tags',
        size: 150,
        enableSorting: false,
        cell: (c) => (
          <span className="flex gap-1 overflow-hidden">
            {((c.getValue() as string[] | null) ?? []).map((t) => (
              <span key={t} className={`whitespace-nowrap rounded px-1 text-[11px] ${tagColor(t)}`}>
                {t}
              </span>
            ))}
          </span>
        ),
      }),
      helper.accessor((r) => r.record?.preview ?? null, {
        id: 'preview',
        header: 'text',
        size: 520,
        enableSorting: false,
        cell: (c) => <span className="font-mono text-zinc-700 dark:text-zinc-300">{c.row.original.record ? previewText((c.getValue() as string | null) ?? '', 200) : '…'}</span>,
      }),
      helper.display({ id: 'label', header: 'my label', size: 96, enableSorting: false, cell: (c) => (c.row.original.record ? <RowLabel docId={c.row.original.record.doc_id} /> : null) }),
      helper.accessor((r) => (r.record?.n_chars as number | null) ?? null, { id: 'length', header: 'length', size: 80, cell: (c) => <span className="font-mono tabular-nums">{formatCount(c.getValue() as number | null)}</span> }),
      ...selectors.filter((s) => s !== selector).map(scoreCell),
      ]),
    [selector, selectors],
  );

  const data = useMemo(
    () =>
      items.map((item) => {
        const idx = ordered.at(item.index);
        return { ordinal: item.index, idx: idx ?? -1 - item.index, record: idx === undefined ? null : (cache.current.get(idx) ?? null) };
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, ordered, cache.current.size],
  );

  const table = useTable({
    features,
    columns,
    data,
    getRowId: (r) => String(r.idx),
    manualSorting: true,
    enableSortingRemoval: true,
    columnResizeMode: 'onChange',
    state: { sorting },
    onSortingChange: (updater) => onSortingChange(typeof updater === 'function' ? updater(sorting) : updater),
  });
  const totalWidth = table.getTotalSize();
  const sizes = table
    .getAllLeafColumns()
    .map((c) => c.getSize())
    .join(',');

  return (
    <div data-testid="docs-table" role="table" aria-rowcount={ordered.length} className={card('text-sm')}>
      <div ref={scrollRef} data-testid="docs-table-scroll" className="relative h-[calc(100vh-19rem)] min-h-80 overflow-auto">
        <div role="rowgroup" className="sticky top-0 z-10 border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950" style={{ width: totalWidth }}>
          {table.getHeaderGroups().map((group) => (
            <div role="row" key={group.id} className="flex">
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <div
                    role="columnheader"
                    key={header.id}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    className="relative flex select-none items-center px-2 py-1.5 text-left text-xs font-medium uppercase tracking-wide text-zinc-500"
                    style={{ width: header.getSize() }}
                  >
                    <button
                      type="button"
                      data-testid={`sort-${header.id}`}
                      disabled={!header.column.getCanSort()}
                      onClick={header.column.getToggleSortingHandler()}
                      className="truncate text-left disabled:cursor-default"
                    >
                      <table.FlexRender header={header} />
                      {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                    </button>
                    <div
                      onMouseDown={header.getResizeHandler()}
                      onTouchStart={header.getResizeHandler()}
                      aria-hidden
                      className={`absolute right-0 top-0 h-full w-1.5 cursor-col-resize ${header.column.getIsResizing() ? 'bg-sky-500' : 'hover:bg-zinc-300 dark:hover:bg-zinc-700'}`}
                    />
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), width: totalWidth, position: 'relative' }}>
          {table.getRowModel().rows.map((row, i) => {
            const item = items[i];
            if (!item) return null;
            return (
              <RowView
                key={row.id}
                idx={row.original.idx}
                record={row.original.record}
                ordinal={row.original.ordinal}
                start={item.start}
                width={totalWidth}
                open={row.original.idx === openIdx}
                sizes={sizes}
                onOpen={onOpen}
                cells={() =>
                  row.getAllCells().map((cell) => (
                    <div role="cell" key={cell.id} className="flex items-center overflow-hidden whitespace-nowrap px-2 text-xs" style={{ width: cell.column.getSize() }}>
                      <table.FlexRender cell={cell} />
                    </div>
                  ))
                }
              />
            );
          })}
        </div>
        {ordered.length === 0 && <p className="p-6 text-center text-sm text-zinc-500" data-testid="no-rows">No documents match the filters.</p>}
      </div>
      {ordered.length > shown && (
        <p className="border-t border-zinc-200 px-3 py-1.5 text-xs text-zinc-500 dark:border-zinc-800" data-testid="table-capped">
          The table lists the first {formatCount(shown)} of {formatCount(ordered.length)} documents in this order: sort the other way or filter to see the rest (j / k in the document view go on past it).
        </p>
      )}
    </div>
  );
}

/** Keep / drop / unsure for one row, set without opening the document (click again to clear). */
function RowLabel({ docId }: { docId: string }) {
  const state = useAnnotationStore();
  if (!state.annotator || !state.dataset) return <span className="text-[11px] text-zinc-400" title="Open a document to sign in with your name">—</span>;
  const mine = myLabel(state, docId);
  return (
    <span className="flex gap-0.5" data-testid="row-label" data-label={mine.label ?? ''} data-pending={mine.pending ? '1' : '0'}>
      {(['keep', 'drop', 'unsure'] as const).map((l) => (
        <button
          key={l}
          type="button"
          title={l}
          aria-pressed={mine.label === l}
          onClick={(e) => {
            e.stopPropagation();
            void state.apply([docId], toggleLabel(l));
          }}
          className={`w-6 rounded border text-[11px] leading-5 ${
            mine.label === l ? (l === 'keep' ? 'border-emerald-600 bg-emerald-600 text-white' : l === 'drop' ? 'border-red-600 bg-red-600 text-white' : 'border-amber-500 bg-amber-500 text-white') : 'border-zinc-300 text-zinc-500 dark:border-zinc-700'
          } ${mine.pending && mine.label === l ? 'opacity-60' : ''}`}
        >
          {l[0].toUpperCase()}
        </button>
      ))}
    </span>
  );
}

