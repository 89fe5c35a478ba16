/** What the chart options share: the theme, colours, axis style, threshold and ratio markers, nice axis steps. */
import type { Direction } from '../selection/order';
import { formatScore } from '../format/numbers';

export type Option = Record<string, unknown>;

export const DROPPED = '#dc2626';

export const KEPT = '#059669';

export const SOURCE_COLORS = ['#2563eb', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#ea580c', '#4f46e5', '#be123c', '#0d9488', '#a16207'];

export interface ChartTheme {
  text: string;
  grid: string;
}

export const LIGHT: ChartTheme = { text: '#3f3f46', grid: '#e4e4e7' };

export const DARK: ChartTheme = { text: '#d4d4d8', grid: '#3f3f46' };

export const sourceLabel = (s: string | null) => s ?? '(none)';

export function axisStyle(theme: ChartTheme) {
  return {
    axisLabel: { color: theme.text },
    nameTextStyle: { color: theme.text },
    axisLine: { lineStyle: { color: theme.grid } },
    splitLine: { lineStyle: { color: theme.grid } },
  };
}

/**
 * The threshold as a dashed vertical line. Its label sits above the plot; near
 * either end of the axis (`range`) it leans inwards, so it never runs into the
 * y axis's top label or past the right edge.
 */
export function thresholdLine(threshold: number | null, theme: ChartTheme, range: [number, number] | null = null) {
  if (threshold === null) return undefined;
  const at = range && range[1] > range[0] ? (threshold - range[0]) / (range[1] - range[0]) : 0.5;
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: DROPPED, type: 'dashed', width: 2 },
    label: { formatter: `threshold ${formatScore(threshold)}`, color: theme.text, align: at <= 0.2 ? 'left' : at >= 0.8 ? 'right' : 'center' },
    data: [{ xAxis: threshold }],
  };
}

/** The lowest and highest of some numbers (null when there are none). */
export const extent = (values: number[]): [number, number] | null => (values.length ? [Math.min(...values), Math.max(...values)] : null);

/**
 * Axis bounds widened to whole ticks of a 1-2-5 interval (about `ticks` of
 * them), so both ends carry a round label: bounds at the data's own extremes
 * printed "0.02432" beside "0.2".
 */
export function niceAxis(lo: number, hi: number, ticks = 6): { min: number; max: number; interval: number } {
  const span = hi - lo > 0 ? hi - lo : Math.abs(lo) || 1;
  const rough = span / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const interval = Number((([1, 2, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude).toPrecision(12));
  // Rounded to the interval's decimals so 0.1 * 3 prints as 0.3, not 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(interval)) + 1);
  const round = (v: number) => Number(v.toFixed(decimals));
  const min = round(Math.floor(lo / interval + 1e-9) * interval);
  let max = round(Math.ceil(hi / interval - 1e-9) * interval);
  if (max <= min) max = round(min + interval);
  return { min, max, interval };
}

/** Whether a score falls on the dropped side of the threshold (ties at the threshold count as dropped). */
export function onDroppedSide(value: number, threshold: number | null, direction: Direction): boolean {
  if (threshold === null) return false;
  return direction === 'higher' ? value <= threshold : value >= threshold;
}

export function compactAxis(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e9) return `${+(v / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${+(v / 1e3).toFixed(1)}k`;
  return String(v);
}

/**
 * Alignment of a vertical line's label above the plot, on an x axis of ratios up to `lastRatio`:
 * near either end it leans inwards, or it would run into the axis labels beside the plot (the
 * right axis's top label at 95 %).
 */
export function leanInwards(ratio: number, lastRatio: number): 'left' | 'center' | 'right' {
  const at = lastRatio > 0 ? ratio / lastRatio : 0;
  return at >= 0.85 ? 'right' : at <= 0.1 ? 'left' : 'center';
}

export function currentRatioLine(ratio: number, theme: ChartTheme, lastRatio: number) {
  const align = leanInwards(ratio, lastRatio);
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: DROPPED, type: 'solid', width: 2 },
    label: { formatter: `${+(ratio * 100).toFixed(2)} %`, color: theme.text, align },
    data: [{ xAxis: String(Math.round(ratio * 100)) }],
  };
}
