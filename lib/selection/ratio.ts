/**
 * Drop ratios as people write them, beside the rule that turns a ratio into a
 * drop count (order.ts): the page's URL percentages and the CLI's "0.25", "25"
 * or "25%". Both cap at 95 % and keep six decimals of a fraction.
 */
export const MAX_RATIO = 0.95;

/** A percentage with up to 4 decimals as a fraction, clamped to [0, 95 %] (the page's URL and slider). */
export function ratioFromPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  const clamped = Math.min(MAX_RATIO * 100, Math.max(0, percent));
  return Math.round(clamped * 1e4) / 1e6;
}

export function percentOf(ratio: number): number {
  return Math.round(ratio * 1e6) / 1e4;
}

/** Parses "0.25", "25" or "25%" as a drop ratio in [0, 0.95]; `flag` names the option in errors. */
export function parseRatio(text: string, flag = '--drop'): number {
  const t = text.trim();
  const percent = t.endsWith('%');
  const v = Number(percent ? t.slice(0, -1) : t);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${flag}: expected a ratio such as 0.25 or 25%, got "${text}"`);
  const ratio = percent || v > 1 ? v / 100 : v;
  if (ratio > MAX_RATIO) throw new Error(`${flag}: at most 95 %, got "${text}"`);
  return Math.round(ratio * 1e6) / 1e6;
}

/** "web=0.5,books=10%" → { web: 0.5, books: 0.1 }; an empty name is the documents without a source ("=0.2"). */
export function parsePerSource(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const at = part.lastIndexOf('=');
    if (at < 0) throw new Error(`--per-source: expected source=ratio, got "${part}"`);
    out[part.slice(0, at)] = parseRatio(part.slice(at + 1));
  }
  return out;
}
