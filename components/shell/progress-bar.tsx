/** A labelled progress bar (0–1); never drawn empty, so a started task shows it started. */
export function ProgressBar({ label, fraction, className = '' }: { label: string; fraction: number; className?: string }) {
  const percent = 100 * Math.min(1, Math.max(0, fraction));
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)} className={`h-2 overflow-hidden rounded bg-sky-100 dark:bg-sky-900 ${className}`}>
      <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${Math.max(2, percent)}%` }} />
    </div>
  );
}
