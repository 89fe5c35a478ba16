'use client';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { tagColor, VisibleText } from '@/components/text/visible-text';
import { withSelector } from '@/components/explore/use-selection';
import type { RowRecord } from '@/lib/browser/data-client';
import { formatCount, formatScore } from '@/lib/format/numbers';
import type { SelectionParams } from '@/lib/selection/engine';
import type { Direction } from '@/lib/selection/order';
import type { DocScore } from '@/lib/service';
import type { Span } from '@/lib/text/visible';
import { parseDolmaSpans } from '@/lib/data/pipelines/dolma';
import { card } from '@/components/ui/card';

type Doc = RowRecord & { text: string | null };

/** One document: full text with invisibles shown, its tags, and its rank under every selector. */
export function DocDetail({
  docId,
  selector,
  params,
  position,
  onClose,
  onStep,
  onLoaded,
  stepHints = ['k', 'j'],
  children,
}: {
  docId: string;
  selector: { name: string; direction: Direction };
  /** The selection (ratio, per-source ratios, missing): each selector's rule decides dropped or kept under it. */
  params: SelectionParams;
  position: { index: number; total: number } | null;
  onClose: () => void;
  onStep: (delta: 1 | -1) => void;
  onLoaded: (idx: number) => void;
  /** Keys shown on the step buttons (previous, next). */
  stepHints?: [string, string];
  /** Shown under the header (the label bar). */
  children?: ReactNode;
}) {
  const [doc, setDoc] = useState<Doc | null | 'missing'>(null);
  const [scores, setScores] = useState<DocScore[] | null>(null);
  const [explained, setExplained] = useState<{ tags: string[]; spans: Span[] } | null>(null);

  const attributeSpans = useMemo(() => (doc && doc !== 'missing' ? parseDolmaSpans(doc.dolma_spans) : []), [doc]);
  const spans = useMemo(() => [...(explained?.spans ?? []), ...attributeSpans.map((a) => ({ start: a.start, end: a.end, tag: a.key }))], [explained, attributeSpans]);

  useEffect(() => {
    let live = true;
    setDoc(null);
    setScores(null);
    setExplained(null);
    void import('@/lib/browser/data-client').then(async ({ fetchDocument }) => {
      const d = await fetchDocument({ docId });
      if (!live) return;
      setDoc(d ?? 'missing');
      if (d?.text) {
        // The taggers run in a worker: their spans highlight what made each tag.
        void import('@/lib/browser/scoring-client')
          .then(({ explainDocument }) => explainDocument(d.text!))
          .then((e) => live && setExplained({ tags: e.tags, spans: e.spans }))
          .catch(() => undefined);
      }
      if (d) {
        onLoaded(Number(d._idx));
        const s = await withSelector(selector.name, selector.direction, (w) => w.docScores(Number(d._idx), params));
        if (live) setScores(s);
      }
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docId, selector.name, selector.direction, JSON.stringify(params)]);

  return (
    <aside aria-label="Document" data-testid="doc-detail" className={card('flex max-h-[calc(100vh-8rem)] flex-col')}>
      <header className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <code data-testid="detail-doc-id" className="truncate font-mono text-sm font-semibold">
          {docId}
        </code>
        {position && (
          <span data-testid="detail-position" className="text-xs text-zinc-500">
            {formatCount(position.index + 1)} of {formatCount(position.total)}
          </span>
        )}
        <span className="ml-auto flex gap-1">
          <button type="button" onClick={() => onStep(-1)} className="rounded border border-zinc-300 px-2 text-xs dark:border-zinc-700" title={`previous (${stepHints[0]})`}>
            ↑ {stepHints[0]}
          </button>
          <button type="button" onClick={() => onStep(1)} className="rounded border border-zinc-300 px-2 text-xs dark:border-zinc-700" title={`next (${stepHints[1]})`}>
            ↓ {stepHints[1]}
          </button>
          <button type="button" data-testid="close-detail" onClick={onClose} className="rounded border border-zinc-300 px-2 text-xs dark:border-zinc-700" aria-label="close document">
            ✕
          </button>
        </span>
      </header>
      {children && <div className="border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">{children}</div>}
      {doc === 'missing' && <p className="p-4 text-sm text-red-700">No document with doc_id “{docId}” in this dataset.</p>}
      {doc && doc !== 'missing' && (
        <div className="overflow-auto p-3">
          <p className="text-xs text-zinc-500">
            source <span className="font-mono">{(doc.source as string | null) ?? '—'}</span> · {formatCount(doc.n_chars as number | null)} characters
            {doc.n_tokens !== null && doc.n_tokens !== undefined ? ` · ${formatCount(doc.n_tokens as number)} tokens` : ''}
          </p>
          {doc.tags && doc.tags.length > 0 && (
            <p className="mt-2 flex flex-wrap gap-1" data-testid="detail-tags">
              {doc.tags.map((t) => (
                <span key={t} className={`rounded px-1.5 text-xs ${tagColor(t)}`}>
                  {t}
                </span>
              ))}
            </p>
          )}
          <div className="mt-3 rounded border border-zinc-200 p-2 dark:border-zinc-800">
            {doc.text === null ? (
              <p className="text-sm text-zinc-500">This document has no text.</p>
            ) : (
              <VisibleText text={doc.text} spans={spans} testId="detail-text" />
            )}
          </div>
          {attributeSpans.length > 0 && doc.text !== null && (
            <div data-testid="detail-attributes" className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
              Spans from the pipeline’s attributes (Dolma):
              <ul className="mt-1 space-y-0.5">
                {attributeSpans.map((a, i) => (
                  <li key={i} data-testid="attribute-span" data-key={a.key} data-start={a.start} data-end={a.end}>
                    <span className={`mr-1 rounded px-1.5 ${tagColor(a.key)}`}>{a.key}</span>
                    <span className="font-mono">“{doc.text!.slice(a.start, a.end)}”</span> score {formatScore(a.score)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {explained && (
            <p data-testid="detail-explained" className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
              {explained.tags.length === 0
                ? 'Sift’s taggers find no problem in this document.'
                : <>Highlighted by Sift’s taggers: {explained.tags.map((t) => (
                    <span key={t} className={`mr-1 rounded px-1.5 ${tagColor(t)}`}>
                      {t} ({explained.spans.filter((s) => s.tag === t).length})
                    </span>
                  ))}</>}
            </p>
          )}
          {scores && (
            <details className="mt-3" data-testid="detail-scores-panel">
              <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">
                {(() => {
                  const own = scores.find((x) => x.selector === selector.name);
                  return own
                    ? `${own.selector} ${formatScore(own.value)} · rank ${own.rank === null ? '—' : formatCount(own.rank)} of ${formatCount(own.scored)} · ${own.rank === null ? `no score, ${own.dropped ? 'dropped' : 'kept'}` : own.dropped ? 'dropped' : 'kept'} — all ${scores.length} selectors`
                    : `scores under all ${scores.length} selectors`;
                })()}
              </summary>
              <table data-testid="detail-scores" className="mt-3 w-full text-xs">
                <thead>
                  <tr className="text-left text-zinc-500">
                    <th className="font-medium">selector</th>
                    <th className="text-right font-medium">score</th>
                    <th className="text-right font-medium">rank (worst = 1)</th>
                    <th className="text-right font-medium">percentile</th>
                    <th className="text-right font-medium">at the selection</th>
                  </tr>
                </thead>
                <tbody>
                  {scores.map((s) => (
                    <tr key={s.selector} className={`border-t border-zinc-100 dark:border-zinc-800 ${s.selector === selector.name ? 'font-semibold' : ''}`}>
                      <td className="py-0.5 font-mono">
                        {s.selector} <span className="font-normal text-zinc-500">{s.direction === 'higher' ? '↑' : '↓'}</span>
                      </td>
                      <td className="text-right font-mono">{formatScore(s.value)}</td>
                      <td className="text-right font-mono">{s.rank === null ? '—' : `${formatCount(s.rank)} / ${formatCount(s.scored)}`}</td>
                      <td className="text-right font-mono">{s.percentile === null ? '—' : `${s.percentile.toFixed(1)}`}</td>
                      <td className={`text-right ${s.dropped ? 'text-red-700 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400'}`}>
                        {s.dropped ? 'dropped' : 'kept'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
          <p className="mt-2 text-[11px] text-zinc-500">Invisible characters are shown as ␀-style pictures or ⟨NAME⟩ marks; the text is never interpreted as HTML.</p>
        </div>
      )}
      {doc === null && <p className="p-4 text-sm text-zinc-500">Loading…</p>}
    </aside>
  );
}
