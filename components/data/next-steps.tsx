'use client';
import Link from 'next/link';
import type { Dataset } from '@/lib/data/dataset';
import { formatCount } from '@/lib/format/numbers';

/** What to do after a load: score the heuristics (until they are), then the views that use the selectors. */
export function NextSteps({ dataset }: { dataset: Dataset }) {
  const selectors = dataset.mapping.scores.length;
  const scored = !!dataset.computed;
  return (
    <section data-testid="next-steps" aria-label="Next steps" className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm dark:border-sky-900 dark:bg-sky-950">
      <p className="text-zinc-800 dark:text-zinc-200">
        {formatCount(dataset.summary.rows)} documents with {selectors} selector{selectors === 1 ? '' : 's'}
        {scored ? ', Sift’s heuristics included.' : '.'} Next:
      </p>
      <ol className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
        {!scored && !dataset.server && (
          <li>
            <a href="#score-panel" data-testid="next-score" className="font-medium text-sky-800 underline dark:text-sky-300">
              score the heuristics
            </a>{' '}
            <span className="text-zinc-600 dark:text-zinc-400">(tags junk — encoding errors, OCR noise, leaked keys … — and adds a combined selector)</span>
          </li>
        )}
        <li>
          <Link href="/distributions" className="font-medium text-sky-800 underline dark:text-sky-300">
            see the score distributions and tune a drop ratio
          </Link>
        </li>
        <li>
          <Link href="/browse" className="font-medium text-sky-800 underline dark:text-sky-300">
            read the lowest-scored documents
          </Link>
        </li>
      </ol>
    </section>
  );
}
