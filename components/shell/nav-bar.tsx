'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useDatasetStore } from '@/components/stores/dataset-store';
import { ThemeToggle } from './theme-toggle';
import { useViewQuery } from '@/components/view/use-view-state';

const VIEWS: Array<{ href: string; label: string }> = [
  { href: '/data', label: 'Data' },
  { href: '/distributions', label: 'Distributions' },
  { href: '/browse', label: 'Browse' },
  { href: '/compare', label: 'Compare' },
  { href: '/funnel', label: 'Funnel' },
  { href: '/annotate', label: 'Annotate' },
  { href: '/export', label: 'Export' },
];

export function NavBar() {
  const pathname = usePathname();
  const search = useViewQuery();
  const dataset = useDatasetStore((s) => s.dataset);
  const label = useDatasetStore((s) => s.label);
  return (
    <header className="border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <nav className="mx-auto flex max-w-7xl items-center gap-1 px-4 py-2" aria-label="Views">
        <Link href="/data" className="mr-4 flex items-center gap-2 font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
          <span aria-hidden className="inline-block h-5 w-5 rounded bg-gradient-to-br from-emerald-500 to-sky-600" />
          Sift
        </Link>
        {VIEWS.map((v) => (
          <Link
            key={v.href}
            href={v.href === '/data' || !search ? v.href : `${v.href}?${search}`}
            data-testid={`nav-${v.label.toLowerCase()}`}
            aria-current={pathname === v.href ? 'page' : undefined}
            className={`rounded px-3 py-1.5 text-sm ${
              pathname === v.href
                ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900'
                : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'
            }`}
          >
            {v.label}
          </Link>
        ))}
        <div className="ml-auto flex items-center gap-3">
          {dataset && (
            <span className="hidden text-xs text-zinc-500 sm:inline" title={`fingerprint ${dataset.summary.fingerprint}`}>
              {label} · {dataset.summary.rows.toLocaleString('en-US')} docs
            </span>
          )}
          {dataset && (
            <span
              data-testid="engine-badge"
              data-engine={dataset.server ? 'server' : 'tab'}
              title={
                dataset.server
                  ? `The server's DuckDB holds ${dataset.server.path} and answers every view (per-row facts ${dataset.server.memory.factsBytesPerDoc.toFixed(0)} B/document, ${dataset.server.memory.selectorBytesPerDoc.toFixed(0)} B/document per selector)`
                  : 'The documents are loaded in this tab (DuckDB-wasm)'
              }
              className={`rounded-full border px-2 py-0.5 text-xs ${dataset.server ? 'border-sky-400 bg-sky-50 text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-200' : 'border-zinc-300 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400'}`}
            >
              {dataset.server ? 'on the server' : 'in this tab'}
            </span>
          )}
          <ThemeToggle />
        </div>
      </nav>
    </header>
  );
}
