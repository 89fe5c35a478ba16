'use client';
import Link from 'next/link';
import { useState } from 'react';
import { SampleBadge } from '@/components/explore/sample-figures';
import { useCorpus, useDatasetStore } from '@/components/stores/dataset-store';
import { selectorOrigins } from '@/lib/data/origins';
import type { Dataset } from '@/lib/data/dataset';
import { shardWarnings } from '@/lib/data/warnings';
import { formatBytes, formatCompact, formatCount, formatScore, formatShare } from '@/lib/format/numbers';
import { card } from '@/components/ui/card';

const MAX_SOURCES = 30;

function Stat({ label, value, testId, note }: { label: string; value: string; testId?: string; note?: string }) {
  return (
    <div className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <dt className="text-xs uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd className="mt-1 font-mono text-lg text-zinc-900 dark:text-zinc-50" data-testid={testId}>
        {value}
      </dd>
      {note && <p className="mt-0.5 text-xs text-zinc-500">{note}</p>}
    </div>
  );
}

/** Rows, fingerprint, sizes, sources and score columns of the loaded dataset. */
export function SummaryPanel({ dataset, label }: { dataset: Dataset; label: string | null }) {
  const s = dataset.summary;
  const shown = s.sources.slice(0, MAX_SOURCES);
  const rest = s.sources.slice(MAX_SOURCES);
  const maxShare = Math.max(...s.sources.map((x) => x.share), 0.0001);
  const warnings = shardWarnings(dataset);
  const origins = new Map(selectorOrigins(dataset).map((o) => [o.name, o.origin]));
  const layout = dataset.layout;
  return (
    <section aria-labelledby="summary-heading" data-testid="dataset-summary" className={card('p-4')}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="summary-heading" className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
          {label ?? 'Dataset'}
        </h2>
        <p className="text-xs text-zinc-500">
          fingerprint{' '}
          <code data-testid="dataset-fingerprint" className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
            {s.fingerprint}
          </code>
        </p>
      </div>
      <SampleDeclaration rows={s.rows} />
      <dl className="mt-3 grid grid-cols-2 gap-2 md:grid-cols-4">
        <Stat label="Documents" value={formatCount(s.rows)} testId="row-count" />
        <Stat label="Sources" value={formatCount(s.sources.length)} testId="source-count" />
        <Stat
          label="Characters"
          value={s.characters === null ? '—' : formatCompact(s.characters)}
          note={s.characters === null ? 'text is read lazily; see bytes' : undefined}
        />
        <Stat
          label={s.tokens.estimated ? 'Tokens (estimate)' : 'Tokens'}
          value={s.tokens.value === null ? '—' : `${s.tokens.estimated ? '≈ ' : ''}${formatCompact(s.tokens.value)}`}
          testId="token-count"
          note={s.tokens.basis}
        />
      </dl>
      <p className="mt-2 text-xs text-zinc-500">
        Text: {s.bytes.value === null ? 'unknown size' : `${s.bytes.estimated ? '≈ ' : ''}${formatBytes(s.bytes.value)} UTF-8${s.bytes.estimated ? ' (from Parquet metadata)' : ''}`} ·{' '}
        {dataset.shards.length} file{dataset.shards.length === 1 ? '' : 's'} ·{' '}
        {s.idsDerived ? 'doc_id derived from text (MD5)' : `doc_id from column "${dataset.mapping.id}"`} ·{' '}
        <span
          data-testid="load-timings"
          data-timings={JSON.stringify(dataset.timings)}
          title={Object.entries(dataset.timings)
            .map(([step, ms]) => `${step}: ${ms} ms`)
            .join('\n')}
        >
          ready in {(Object.entries(dataset.timings).filter(([k]) => k === 'read' || k === 'schema_check' || k === 'profile' || k === 'docs_table' || k === 'summary').reduce((n, [, ms]) => n + ms, 0) / 1000).toFixed(1)} s
        </span>
      </p>
      {layout && (
        <p data-testid="dataset-layout" className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          Read as {LAYOUT_NAMES[layout.kind] ?? layout.kind}
          {layout.statsFiles.length > 0 && <> · run statistics: {layout.statsFiles.join(', ')}</>}
          {layout.summaryStats.length > 0 && <> · {formatCount(layout.summaryStats.length)} summary statistics (metric.json)</>}
          {layout.ignored.length > 0 && <> · {formatCount(layout.ignored.length)} other file{layout.ignored.length === 1 ? '' : 's'} left out ({layout.ignored.slice(0, 3).join(', ')}{layout.ignored.length > 3 ? ', …' : ''})</>}
          {(layout.statsFiles.length > 0 || layout.summaryStats.length > 0 || layout.kind === 'exclusion' || layout.kind === 'data-juicer-trace') && (
            <>
              {' · '}
              <Link href="/funnel" className="text-emerald-700 hover:underline dark:text-emerald-400">
                removal funnel →
              </Link>
            </>
          )}
        </p>
      )}
      {(warnings.length > 0 || s.duplicateIds.ids > 0) && (
        <ul data-testid="load-warnings" className="mt-3 space-y-1 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          {s.duplicateIds.ids > 0 && (
            <li data-testid="duplicate-ids">
              {formatCount(s.duplicateIds.ids)} doc_id{s.duplicateIds.ids === 1 ? '' : 's'} appear more than once ({formatCount(s.duplicateIds.extraRows)} extra rows), e.g.{' '}
              <code className="font-mono text-xs">{s.duplicateIds.examples.slice(0, 3).join(', ')}</code>
            </li>
          )}
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}

      <div className="mt-5 grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold text-zinc-800 dark:text-zinc-200">Sources</h3>
          <table data-testid="sources-table" className="mt-2 w-full text-sm">
            <thead>
              <tr className="border-b border-zinc-200 text-left text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
                <th className="py-1 font-medium">Source</th>
                <th className="py-1 text-right font-medium">Documents</th>
                <th className="py-1 pl-3 font-medium">Share</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((src) => (
                <tr key={src.source ?? '\u0000'} className="border-b border-zinc-100 dark:border-zinc-800" data-testid="source-row">
                  <td className="max-w-48 truncate py-1 font-mono text-xs" title={src.source ?? undefined}>
                    {src.source ?? <span className="italic text-zinc-500">{dataset.mapping.source ? '(missing)' : '(no source column)'}</span>}
                  </td>
                  <td className="py-1 text-right font-mono tabular-nums">{formatCount(src.count)}</td>
                  <td className="py-1 pl-3">
                    <div className="flex items-center gap-2">
                      <div className="h-2 flex-1 rounded bg-zinc-100 dark:bg-zinc-800">
                        <div className="h-2 rounded bg-emerald-600" style={{ width: `${(src.share / maxShare) * 100}%` }} />
                      </div>
                      <span className="w-14 text-right font-mono text-xs tabular-nums">{formatShare(src.share)}</span>
                    </div>
                  </td>
                </tr>
              ))}
              {rest.length > 0 && (
                <tr>
                  <td className="py-1 text-xs italic text-zinc-500">{rest.length} more sources</td>
                  <td className="py-1 text-right font-mono tabular-nums">{formatCount(rest.reduce((n, x) => n + x.count, 0))}</td>
                  <td className="py-1 pl-3 font-mono text-xs">{formatShare(rest.reduce((n, x) => n + x.share, 0))}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <div>
          <h3 className="text-sm font-semibold text-zinc-800 dark:text-zinc-200">Score columns</h3>
          {s.scores.length === 0 ? (
            <p className="mt-2 text-sm text-zinc-500">No numeric columns: compute scores in the browser, or map a column as a score below.</p>
          ) : (
            <table data-testid="scores-table" className="mt-2 w-full text-sm">
              <thead>
                <tr className="border-b border-zinc-200 text-left text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
                  <th className="py-1 font-medium">Column</th>
                  <th className="py-1 text-right font-medium">Min</th>
                  <th className="py-1 text-right font-medium">Mean</th>
                  <th className="py-1 text-right font-medium">Max</th>
                  <th className="py-1 text-right font-medium">Missing</th>
                </tr>
              </thead>
              <tbody>
                {s.scores.map((c) => (
                  <tr key={c.name} className="border-b border-zinc-100 dark:border-zinc-800" data-testid={`score-row-${c.name}`}>
                    <td className="max-w-48 truncate py-1 font-mono text-xs" title={`${c.name} (${origins.get(c.name) ?? 'column'})`}>
                      {c.name}
                      {origins.get(c.name) && origins.get(c.name) !== 'column' && (
                        <span data-testid={`origin-${c.name}`} className="block font-sans text-[11px] text-zinc-500">
                          {origins.get(c.name)}
                        </span>
                      )}
                    </td>
                    <td className="py-1 text-right font-mono text-xs tabular-nums">{formatScore(c.min)}</td>
                    <td className="py-1 text-right font-mono text-xs tabular-nums" data-testid={`mean-${c.name}`} data-value={c.mean ?? ''}>
                      {formatScore(c.mean)}
                    </td>
                    <td className="py-1 text-right font-mono text-xs tabular-nums">{formatScore(c.max)}</td>
                    <td className="py-1 text-right font-mono text-xs tabular-nums" data-testid={`missing-${c.name}`}>
                      {formatCount(c.missing)}
                      {c.invalid > 0 && (
                        <span className="ml-1 text-amber-700 dark:text-amber-400" title="values in the file that are not finite numbers (text, NaN, Infinity), counted as missing">
                          ({formatCount(c.invalid)} non-numeric)
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}

const LAYOUT_NAMES: Record<string, string> = {
  dolma: 'a Dolma root (documents with attributes per experiment)',
  exclusion: 'a folder of pipeline outputs (exclusion folders give step and reason)',
  'data-juicer-trace': 'a Data-Juicer tracer folder (filter-<op>.jsonl)',
  files: 'files',
};

/** Whether the documents are a sample of a larger corpus: said by the file (sift run measure), or declared here. */
function SampleDeclaration({ rows }: { rows: number }) {
  const corpus = useCorpus();
  const own = useDatasetStore((st) => !!st.dataset?.corpus);
  const declare = useDatasetStore((st) => st.declareCorpus);
  const [text, setText] = useState('');
  const size = Number(text.replaceAll(',', '').replaceAll('_', ''));
  const valid = Number.isInteger(size) && size >= rows;
  if (corpus)
    return (
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <SampleBadge corpus={corpus} rows={rows} />
        {own ? (
          <span data-testid="corpus-origin">
            the file carries the full corpus&apos;s figures ({corpus.sample.method}{corpus.shards !== null ? `; ${formatCount(corpus.shards)} shards` : ''})
          </span>
        ) : (
          <button type="button" className="underline" onClick={() => declare(null)}>
            not a sample
          </button>
        )}
      </div>
    );
  return (
    <form
      className="mt-2 flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) declare(size);
      }}
    >
      <label htmlFor="corpus-size">A sample of a larger corpus? Its size in documents:</label>
      <input
        id="corpus-size"
        data-testid="corpus-size"
        inputMode="numeric"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={`≥ ${formatCount(rows)}`}
        className="w-36 rounded border border-zinc-300 bg-white px-1.5 py-0.5 font-mono dark:border-zinc-700 dark:bg-zinc-950"
      />
      <button type="submit" data-testid="declare-corpus" disabled={!valid} className="rounded border border-zinc-300 px-2 py-0.5 disabled:opacity-50 dark:border-zinc-700">
        Set
      </button>
      {text !== '' && !valid && <span className="text-red-700 dark:text-red-400">a whole number of at least {formatCount(rows)}</span>}
    </form>
  );
}
