'use client';
import { useEffect, useState } from 'react';
import { useDatasetStore } from '@/components/stores/dataset-store';
import type { Dataset } from '@/lib/data/dataset';
import type { ColumnMapping, MappingRole } from '@/lib/data/schema';
import { card } from '@/components/ui/card';

const ROLES: Array<{ role: MappingRole; label: string; hint: string }> = [
  { role: 'id', label: 'Document id', hint: 'text or integer; without one, doc_id is the MD5 of the text' },
  { role: 'text', label: 'Text', hint: 'the document text shown and scored' },
  { role: 'source', label: 'Source', hint: 'domain or dataset name, for per-source views' },
  { role: 'tokens', label: 'Token count', hint: 'numbers; without one, tokens are estimated from bytes' },
  { role: 'tags', label: 'Tags', hint: 'precomputed problem tags: a list, or text like "a, b"' },
];

/** Shows what schema detection chose and why, and lets the user change it. */
export function MappingPanel({ dataset }: { dataset: Dataset }) {
  const remap = useDatasetStore((s) => s.remap);
  const mappingError = useDatasetStore((s) => s.mappingError);
  const [draft, setDraft] = useState<ColumnMapping>(dataset.mapping);
  const [busy, setBusy] = useState(false);
  useEffect(() => setDraft(dataset.mapping), [dataset]);

  const columns = dataset.columns;
  const changed = JSON.stringify(draft) !== JSON.stringify(dataset.mapping);
  const reasons = dataset.detection.reasons;
  const numeric = columns.filter((c) => c.numeric);

  return (
    <section aria-labelledby="mapping-heading" data-testid="mapping-panel" className={card('p-4')}>
      <h2 id="mapping-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-500">
        Column mapping
      </h2>
      {dataset.mapping.text === null && (
        <p data-testid="missing-text" role="status" className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          No text column. {reasons.text}
        </p>
      )}
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {ROLES.map(({ role, label, hint }) => (
          <label key={role} className="block text-sm">
            <span className="font-medium text-zinc-800 dark:text-zinc-200">{label}</span>
            <select
              data-testid={`map-${role}`}
              value={draft[role] ?? ''}
              onChange={(e) => {
                const value = e.target.value === '' ? null : e.target.value;
                setDraft({ ...draft, [role]: value, scores: draft.scores.filter((s) => s !== value) });
              }}
              className="mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
            >
              <option value="">(none)</option>
              {columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} · {c.type}
                </option>
              ))}
            </select>
            <span className="mt-0.5 block text-xs text-zinc-500" data-testid={`reason-${role}`}>
              {draft[role] === dataset.detection.mapping[role] ? `detected: ${reasons[role]}` : hint}
            </span>
          </label>
        ))}
      </div>
      <fieldset className="mt-4">
        <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Score columns (selectors)</legend>
        {numeric.length === 0 ? (
          <p className="mt-1 text-sm text-zinc-500">No numeric columns found.</p>
        ) : (
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {numeric.map((c) => {
              const taken = [draft.id, draft.text, draft.source, draft.tokens, draft.tags].includes(c.name);
              return (
                <label key={c.name} className={`flex items-center gap-1.5 text-sm ${taken ? 'opacity-50' : ''}`}>
                  <input
                    type="checkbox"
                    data-testid={`score-${c.name}`}
                    disabled={taken}
                    checked={draft.scores.includes(c.name)}
                    onChange={(e) =>
                      setDraft({
                        ...draft,
                        scores: e.target.checked ? [...draft.scores, c.name] : draft.scores.filter((s) => s !== c.name),
                      })
                    }
                  />
                  <span className="font-mono text-xs">{c.name}</span>
                  {c.invalidNumbers > 0 && <span className="text-xs text-amber-700 dark:text-amber-400">({c.invalidNumbers} non-numeric)</span>}
                </label>
              );
            })}
          </div>
        )}
      </fieldset>
      {mappingError && (
        <p role="alert" data-testid="mapping-error" className="mt-3 text-sm text-red-700 dark:text-red-300">
          {mappingError}
        </p>
      )}
      <div className="mt-4 flex gap-2">
        <button
          type="button"
          data-testid="apply-mapping"
          disabled={!changed || busy}
          onClick={async () => {
            setBusy(true);
            await remap(draft);
            setBusy(false);
          }}
          className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white hover:bg-zinc-700 disabled:opacity-40 dark:bg-zinc-100 dark:text-zinc-900"
        >
          {busy ? 'Applying…' : 'Apply mapping'}
        </button>
        <button
          type="button"
          disabled={!changed || busy}
          onClick={() => setDraft(dataset.mapping)}
          className="rounded border border-zinc-300 px-3 py-1.5 text-sm disabled:opacity-40 dark:border-zinc-700"
        >
          Reset
        </button>
      </div>
    </section>
  );
}
