'use client';

/**
 * A compact multi-choice of selectors (or columns): a summary that says how
 * many are shown, opening to a wrapping list of checkboxes.
 */
export function SelectorPicker({ options, chosen, onChange, noun = 'selectors', testId }: { options: string[]; chosen: string[]; onChange: (next: string[]) => void; noun?: string; testId?: string }) {
  const set = new Set(chosen);
  const toggle = (name: string) => onChange(options.filter((o) => (o === name ? !set.has(o) : set.has(o))));
  return (
    <details data-testid={testId} className="relative text-xs">
      <summary className="cursor-pointer select-none text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
        {chosen.length} of {options.length} {noun} shown — choose
      </summary>
      <div className="absolute right-0 z-10 mt-1 flex max-h-72 w-80 flex-col gap-1 overflow-y-auto rounded border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        <div className="mb-1 flex gap-2">
          <button type="button" className="underline" onClick={() => onChange(options)}>
            all
          </button>
          <button type="button" className="underline" onClick={() => onChange([])}>
            none
          </button>
        </div>
        {options.map((o) => (
          <label key={o} className="flex items-center gap-1.5 font-mono">
            <input type="checkbox" checked={set.has(o)} onChange={() => toggle(o)} />
            {o}
          </label>
        ))}
      </div>
    </details>
  );
}
