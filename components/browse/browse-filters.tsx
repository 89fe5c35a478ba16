'use client';
import { useEffect, useState } from 'react';
import { formatCount } from '@/lib/format/numbers';
import type { PreparedSelection } from '@/lib/browser/selection-client';
import type { ViewState } from '@/lib/view/params';
import { card } from '@/components/ui/card';

const field = 'rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950';

/** Source, tag, score range, dropped-only and text search (substring or regex, run in DuckDB). */
export function BrowseFilters({
  prepared,
  view,
  update,
  error,
}: {
  prepared: PreparedSelection;
  view: ViewState;
  update: (patch: Partial<ViewState>, mode?: 'push' | 'replace') => void;
  error: string | null;
}) {
  const [query, setQuery] = useState(view.query);
  const [min, setMin] = useState(view.scoreMin === null ? '' : String(view.scoreMin));
  const [max, setMax] = useState(view.scoreMax === null ? '' : String(view.scoreMax));
  const [tags, setTags] = useState<Array<{ tag: string; n: number }>>([]);
  useEffect(() => setQuery(view.query), [view.query]);
  useEffect(() => {
    void import('@/lib/browser/data-client').then(({ tagCounts }) => tagCounts().then(setTags, () => setTags([])));
  }, [prepared.key]);

  const commitQuery = () => query !== view.query && update({ query });
  const num = (s: string) => (s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));

  return (
    <section aria-label="Filters" className={card('flex flex-wrap items-end gap-3 p-3')}>
      <details className="relative">
        <summary data-testid="filter-sources" className={`${field} cursor-pointer list-none`}>
          Sources: {view.sources.length ? view.sources.map((s) => s || '(none)').join(', ') : 'all'} ▾
        </summary>
        <div className="absolute z-20 mt-1 max-h-72 w-64 overflow-auto rounded border border-zinc-300 bg-white p-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-950">
          {prepared.sources.map((s) => {
            const key = s ?? '';
            return (
              <label key={key} className="flex items-center gap-2 py-0.5 text-sm">
                <input
                  type="checkbox"
                  data-testid={`filter-source-${key}`}
                  checked={view.sources.includes(key)}
                  onChange={(e) => update({ sources: e.target.checked ? [...view.sources, key] : view.sources.filter((x) => x !== key) })}
                />
                <span className="font-mono text-xs">{s ?? '(none)'}</span>
              </label>
            );
          })}
        </div>
      </details>
      <label className="text-sm">
        <span className="block text-xs text-zinc-500">Tag</span>
        <select data-testid="filter-tag" value={view.tag ?? ''} onChange={(e) => update({ tag: e.target.value || null })} className={field}>
          <option value="">any</option>
          {tags.map((t) => (
            <option key={t.tag} value={t.tag}>
              {t.tag} ({formatCount(t.n)})
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-xs text-zinc-500">Score from</span>
        <input data-testid="filter-min" inputMode="decimal" value={min} onChange={(e) => setMin(e.target.value)} onBlur={() => update({ scoreMin: num(min) })} onKeyDown={(e) => e.key === 'Enter' && update({ scoreMin: num(min) })} className={`${field} w-24`} />
      </label>
      <label className="text-sm">
        <span className="block text-xs text-zinc-500">to</span>
        <input data-testid="filter-max" inputMode="decimal" value={max} onChange={(e) => setMax(e.target.value)} onBlur={() => update({ scoreMax: num(max) })} onKeyDown={(e) => e.key === 'Enter' && update({ scoreMax: num(max) })} className={`${field} w-24`} />
      </label>
      <label className="flex items-center gap-1.5 pb-1 text-sm">
        <input type="checkbox" data-testid="filter-dropped" checked={view.droppedOnly} onChange={(e) => update({ droppedOnly: e.target.checked })} />
        dropped at this ratio only
      </label>
      <label className="min-w-64 flex-1 text-sm">
        <span className="block text-xs text-zinc-500">Text search (Enter)</span>
        <input
          data-testid="filter-text"
          value={query}
          placeholder={view.regex ? 'regular expression (RE2)' : 'substring, any case'}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && commitQuery()}
          onBlur={commitQuery}
          className={`${field} w-full font-mono`}
        />
      </label>
      <label className="flex items-center gap-1.5 pb-1 text-sm">
        <input type="checkbox" data-testid="filter-regex" checked={view.regex} onChange={(e) => update({ regex: e.target.checked })} /> regex
      </label>
      {error && (
        <p role="alert" data-testid="filter-error" className="w-full text-sm text-red-700 dark:text-red-300">
          {error.split('\n')[0]}
        </p>
      )}
    </section>
  );
}
