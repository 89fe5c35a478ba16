/**
 * ECharts options built from selection results: pure functions, unit-tested,
 * so a chart's axes, labels and markers are checked without a browser.
 */
import type { Histogram } from '../selection/distribution';
import type { SourceSelection } from '../selection/engine';
import type { Direction } from '../selection/order';
import type { SweepPoint } from '../selection/sweep';
import { formatCount, formatScore } from '../format/numbers';

type Option = Record<string, unknown>;

const DROPPED = '#dc2626';
const KEPT = '#059669';
export const SOURCE_COLORS = ['#2563eb', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#ea580c', '#4f46e5', '#be123c', '#0d9488', '#a16207'];

export interface ChartTheme {
  text: string;
  grid: string;
}

export const LIGHT: ChartTheme = { text: '#3f3f46', grid: '#e4e4e7' };
export const DARK: ChartTheme = { text: '#d4d4d8', grid: '#3f3f46' };

const sourceLabel = (s: string | null) => s ?? '(none)';

function axisStyle(theme: ChartTheme) {
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
function thresholdLine(threshold: number | null, theme: ChartTheme, range: [number, number] | null = null) {
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
const extent = (values: number[]): [number, number] | null => (values.length ? [Math.min(...values), Math.max(...values)] : null);

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

/**
 * A histogram as stepped areas on a value axis (bars on a value axis render as
 * hairlines), split into the dropped and the kept side of the threshold.
 */
export function histogramOption(args: { histogram: Histogram; threshold: number | null; direction: Direction; selector: string; logY: boolean; theme: ChartTheme }): Option {
  const { histogram: h, threshold, direction, selector, logY, theme } = args;
  const dropped = h.counts.map((_, i) => onDroppedSide((h.edges[i] + h.edges[i + 1]) / 2, threshold, direction));
  const side = (wantDropped: boolean) => {
    const value = (i: number) => {
      const count = dropped[i] === wantDropped ? h.counts[i] : 0;
      return logY && count === 0 ? null : count;
    };
    const points = h.counts.map((_, i) => [h.edges[i], value(i)]);
    if (h.counts.length) points.push([h.edges[h.edges.length - 1], value(h.counts.length - 1)]);
    return points;
  };
  const series = (name: string, color: string, data: Array<Array<number | null>>, markLine?: unknown) => ({
    type: 'line',
    name,
    step: 'end',
    showSymbol: false,
    connectNulls: false,
    data,
    lineStyle: { color, width: 1 },
    itemStyle: { color },
    areaStyle: { color, opacity: 0.75 },
    markLine,
  });
  const axis = niceAxis(h.edges[0], h.edges[h.edges.length - 1]);
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 28, bottom: 48 },
    legend: { top: 0, right: 0, textStyle: { color: theme.text } },
    tooltip: {
      trigger: 'axis',
      formatter: (items: Array<{ dataIndex: number }>) => {
        const i = Math.min(items[0]?.dataIndex ?? 0, h.counts.length - 1);
        return `${formatScore(h.edges[i])} – ${formatScore(h.edges[i + 1])}<br/>${formatCount(h.counts[i])} documents${dropped[i] ? ' (dropped side)' : ''}`;
      },
    },
    xAxis: { type: 'value', name: selector, nameLocation: 'middle', nameGap: 30, ...axis, ...axisStyle(theme), axisLabel: { color: theme.text, formatter: (v: number) => formatScore(v) } },
    yAxis: { type: logY ? 'log' : 'value', name: 'documents', nameLocation: 'middle', nameGap: 48, min: logY ? 1 : 0, ...axisStyle(theme) },
    series: [series('dropped', DROPPED, side(true), thresholdLine(threshold, theme, [axis.min, axis.max])), series('kept', KEPT, side(false))],
  };
}

export function cdfOption(args: { cdf: Array<[number, number]>; threshold: number | null; selector: string; theme: ChartTheme }): Option {
  const { cdf, threshold, selector, theme } = args;
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 28, bottom: 48 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${(v * 100).toFixed(1)} %` },
    xAxis: { type: 'value', name: selector, nameLocation: 'middle', nameGap: 30, scale: true, ...axisStyle(theme) },
    yAxis: { type: 'value', name: 'share ≤ score', nameLocation: 'middle', nameGap: 48, min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %`, color: theme.text }, nameTextStyle: { color: theme.text }, splitLine: { lineStyle: { color: theme.grid } } },
    series: [{ type: 'line', name: 'CDF', showSymbol: false, step: 'end', data: cdf, lineStyle: { color: '#2563eb' }, markLine: thresholdLine(threshold, theme, extent(cdf.map((c) => c[0]))) }],
  };
}

export function perSourceBoxOption(args: {
  perSource: Array<{ source: string | null; count: number; box: [number, number, number, number, number] | null }>;
  threshold: number | null;
  selector: string;
  theme: ChartTheme;
}): Option {
  const groups = args.perSource.filter((p) => p.box);
  const { theme } = args;
  return {
    animation: false,
    grid: { left: 110, right: 24, top: 16, bottom: 48 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number[] }) =>
        `${p.name}<br/>min ${formatScore(p.value[1])} · q1 ${formatScore(p.value[2])} · median ${formatScore(p.value[3])} · q3 ${formatScore(p.value[4])} · max ${formatScore(p.value[5])}`,
    },
    yAxis: { type: 'category', data: groups.map((g) => `${sourceLabel(g.source)} (${formatCount(g.count)})`), ...axisStyle(theme) },
    xAxis: { type: 'value', name: args.selector, nameLocation: 'middle', nameGap: 30, scale: true, ...axisStyle(theme) },
    series: [{ type: 'boxplot', name: args.selector, data: groups.map((g) => g.box), itemStyle: { color: '#bfdbfe', borderColor: '#2563eb' }, markLine: thresholdLine(args.threshold, theme, extent(groups.flatMap((g) => [g.box![0], g.box![4]]))) }],
  };
}

export function mixtureOption(args: { perSource: SourceSelection[]; theme: ChartTheme }): Option {
  const rows = args.perSource;
  const { theme } = args;
  return {
    animation: false,
    grid: { left: 110, right: 24, top: 36, bottom: 40 },
    legend: { top: 0, textStyle: { color: theme.text } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v.toFixed(1)} %` },
    yAxis: { type: 'category', data: rows.map((r) => sourceLabel(r.source)), inverse: true, ...axisStyle(theme) },
    xAxis: { type: 'value', name: 'share of documents (%)', nameLocation: 'middle', nameGap: 26, ...axisStyle(theme) },
    series: [
      { type: 'bar', name: 'before', data: rows.map((r) => +(r.shareBefore * 100).toFixed(3)), itemStyle: { color: '#a1a1aa' } },
      { type: 'bar', name: 'after (kept)', data: rows.map((r) => +(r.shareAfter * 100).toFixed(3)), itemStyle: { color: KEPT } },
    ],
  };
}

export function sweepMixtureOption(args: { points: SweepPoint[]; sources: Array<string | null>; ratio: number; theme: ChartTheme }): Option {
  const { points, sources, ratio, theme } = args;
  const x = points.map((p) => Math.round(p.ratio * 100));
  return {
    animation: false,
    grid: { left: 56, right: 72, top: 40, bottom: 44 },
    legend: { top: 0, type: 'scroll', textStyle: { color: theme.text } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', boundaryGap: false, data: x, name: 'drop ratio (%)', nameLocation: 'middle', nameGap: 28, ...axisStyle(theme) },
    yAxis: [
      { type: 'value', name: 'share of kept (%)', min: 0, max: 100, nameLocation: 'middle', nameGap: 38, ...axisStyle(theme) },
      { type: 'value', name: 'kept tokens', nameLocation: 'middle', nameGap: 56, ...axisStyle(theme), splitLine: { show: false }, axisLabel: { color: theme.text, formatter: (v: number) => compactAxis(v) } },
    ],
    series: [
      ...sources.map((s, i) => ({
        type: 'line',
        name: sourceLabel(s),
        stack: 'mixture',
        areaStyle: { opacity: 0.85 },
        showSymbol: false,
        lineStyle: { width: 0.5 },
        color: SOURCE_COLORS[i % SOURCE_COLORS.length],
        data: points.map((p) => +(p.sourceShares[i] * 100).toFixed(3)),
        markLine: i === 0 ? currentRatioLine(ratio, theme, points.at(-1)?.ratio ?? 0) : undefined,
      })),
      { type: 'line', name: 'kept tokens', yAxisIndex: 1, showSymbol: false, color: '#18181b', lineStyle: { type: 'dashed', width: 2, color: theme.text }, data: points.map((p) => p.keptTokens) },
    ],
  };
}

function compactAxis(v: number): string {
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
function leanInwards(ratio: number, lastRatio: number): 'left' | 'center' | 'right' {
  const at = lastRatio > 0 ? ratio / lastRatio : 0;
  return at >= 0.85 ? 'right' : at <= 0.1 ? 'left' : 'center';
}

function currentRatioLine(ratio: number, theme: ChartTheme, lastRatio: number) {
  const align = leanInwards(ratio, lastRatio);
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: DROPPED, type: 'solid', width: 2 },
    label: { formatter: `${+(ratio * 100).toFixed(2)} %`, color: theme.text, align },
    data: [{ xAxis: String(Math.round(ratio * 100)) }],
  };
}

/** Mean of every other selector among kept documents, relative to keeping everything (0 % = no change). */
export function sweepMeansOption(args: { points: SweepPoint[]; ratio: number; theme: ChartTheme; only?: string[] }): Option {
  const { points, ratio, theme, only } = args;
  const names = Object.keys(points[0]?.means ?? {}).filter((n) => !only || only.includes(n));
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 40, bottom: 44 },
    legend: { top: 0, type: 'scroll', textStyle: { color: theme.text } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(2)} %` },
    xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => Math.round(p.ratio * 100)), name: 'drop ratio (%)', nameLocation: 'middle', nameGap: 28, ...axisStyle(theme) },
    yAxis: { type: 'value', name: 'mean among kept, change vs. 0 % (%)', nameLocation: 'middle', nameGap: 40, ...axisStyle(theme) },
    series: names.map((name, i) => {
      const base = points[0].means[name];
      return {
        type: 'line',
        name,
        showSymbol: false,
        color: SOURCE_COLORS[(i + 3) % SOURCE_COLORS.length],
        data: points.map((p) => (base && p.means[name] !== null ? +(((p.means[name]! - base) / Math.abs(base)) * 100).toFixed(4) : null)),
        markLine: i === 0 ? currentRatioLine(ratio, theme, points.at(-1)?.ratio ?? 0) : undefined,
      };
    }),
  };
}

/** The two selectors' joint distribution: a heatmap of ranks (percentiles) or raw scores. */
export function densityOption(args: {
  density: { bins: number; counts: number[][]; xRange: [number, number]; yRange: [number, number]; raw: boolean };
  a: string;
  b: string;
  theme: ChartTheme;
}): Option {
  const { density: d, a, b, theme } = args;
  const label = (lo: number, hi: number) => (i: number) => formatScore(lo + ((i + 0.5) * (hi - lo)) / d.bins);
  const xs = Array.from({ length: d.bins }, (_, i) => label(...d.xRange)(i));
  const ys = Array.from({ length: d.bins }, (_, i) => label(...d.yRange)(i));
  const data: Array<[number, number, number]> = [];
  let max = 0;
  d.counts.forEach((row, y) =>
    row.forEach((count, x) => {
      if (count > 0) data.push([x, y, count]);
      max = Math.max(max, count);
    }),
  );
  const unit = d.raw ? '' : ' (percentile, 0 = worst)';
  // The cells sit on category axes (a heatmap needs them); value axes over the same span, on top
  // of them, carry round ticks where they belong (labels at bin centres read 1.25, 13.75, …).
  const valueAxis = (range: [number, number], name: string, gap: number) => ({
    type: 'value',
    min: range[0],
    max: range[1],
    name,
    nameLocation: 'middle',
    nameGap: gap,
    ...axisStyle(theme),
    axisLabel: { color: theme.text, formatter: (v: number) => formatScore(v), showMinLabel: !d.raw, showMaxLabel: !d.raw },
    splitLine: { show: false },
  });
  const hidden = { show: false };
  return {
    animation: false,
    grid: { left: 72, right: 96, top: 16, bottom: 48 },
    tooltip: { formatter: (p: { value: [number, number, number] }) => `${a} ≈ ${xs[p.value[0]]}, ${b} ≈ ${ys[p.value[1]]}<br/>${formatCount(p.value[2])} documents` },
    xAxis: [
      { type: 'category', data: xs, axisLabel: hidden, axisTick: hidden, axisLine: hidden, splitLine: hidden },
      { ...valueAxis(d.xRange, `${a}${unit}`, 30), position: 'bottom' },
    ],
    yAxis: [
      { type: 'category', data: ys, axisLabel: hidden, axisTick: hidden, axisLine: hidden, splitLine: hidden },
      { ...valueAxis(d.yRange, `${b}${unit}`, 56), position: 'left' },
    ],
    // The colour scale stands to the right, clear of the x axis and its name.
    visualMap: { min: 0, max: Math.max(1, max), calculable: true, orient: 'vertical', right: 0, top: 'middle', itemHeight: 140, text: ['docs', ''], textStyle: { color: theme.text }, inRange: { color: ['#eff6ff', '#60a5fa', '#1d4ed8', '#172554'] } },
    series: [{ type: 'heatmap', name: 'documents', data, progressive: 0, xAxisIndex: 0, yAxisIndex: 0 }],
  };
}

export function overlapCurveOption(args: { curve: Array<{ ratio: number; jaccard: number | null }>; ratio: number; theme: ChartTheme }): Option {
  const { curve, ratio, theme } = args;
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 24, bottom: 44 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : v.toFixed(3)) },
    xAxis: { type: 'category', boundaryGap: false, data: curve.map((p) => Math.round(p.ratio * 100)), name: 'drop ratio (%)', nameLocation: 'middle', nameGap: 28, ...axisStyle(theme) },
    yAxis: { type: 'value', min: 0, max: 1, name: 'Jaccard of dropped sets', nameLocation: 'middle', nameGap: 40, ...axisStyle(theme) },
    series: [{ type: 'line', name: 'Jaccard', showSymbol: false, data: curve.map((p) => p.jaccard), color: '#7c3aed', markLine: currentRatioLine(ratio, theme, curve.at(-1)?.ratio ?? 0) }],
  };
}

export function correlationMatrixOption(args: { names: string[]; spearman: Array<Array<number | null>>; theme: ChartTheme }): Option {
  const { names, spearman, theme } = args;
  const data = spearman.flatMap((row, y) => row.map((v, x) => [x, y, v === null ? '-' : +v.toFixed(3)]));
  return {
    animation: false,
    grid: { left: 140, right: 90, top: 16, bottom: 100 },
    tooltip: { formatter: (p: { value: [number, number, number] }) => `${names[p.value[1]]} × ${names[p.value[0]]}: ρ = ${p.value[2]}` },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 30, color: theme.text }, splitLine: { show: false } },
    yAxis: { type: 'category', data: names, axisLabel: { color: theme.text }, splitLine: { show: false } },
    // The colour scale stands to the right, clear of the rotated names below the matrix.
    visualMap: { min: -1, max: 1, calculable: true, orient: 'vertical', right: 0, top: 'middle', itemHeight: 140, text: ['ρ = 1', '-1'], textStyle: { color: theme.text }, inRange: { color: ['#b91c1c', '#fafafa', '#1d4ed8'] } },
    series: [{ type: 'heatmap', name: 'Spearman ρ', data, label: { show: true, color: '#111' } }],
  };
}

const INTERSECTION_LABEL_WIDTH = 240;
const intersectionRows = (intersections: Array<{ selectors: string[]; count: number }>) => intersections.filter((x) => x.selectors.length > 0).slice(0, 20);
/** Lines a selector list needs at the label width (about 6.5 px a character at 12 px). */
const labelLines = (label: string) => Math.max(1, Math.ceil((label.length * 6.5) / INTERSECTION_LABEL_WIDTH));

/** The chart height the intersections need: their names wrap rather than being cut to the same prefix. */
export function intersectionsHeight(intersections: Array<{ selectors: string[]; count: number }>): number {
  return 60 + intersectionRows(intersections).reduce((h, r) => h + 8 + 15 * labelLines(r.selectors.join(' ∩ ')), 0);
}

/** UpSet-style: the size of each intersection of dropped sets, largest first. */
export function intersectionsOption(args: { intersections: Array<{ selectors: string[]; count: number }>; theme: ChartTheme }): Option {
  const rows = intersectionRows(args.intersections);
  const { theme } = args;
  return {
    animation: false,
    grid: { left: INTERSECTION_LABEL_WIDTH + 16, right: 48, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.selectors.join(' ∩ ')), axisLabel: { color: theme.text, width: INTERSECTION_LABEL_WIDTH, overflow: 'break', lineHeight: 14 } },
    xAxis: { type: 'value', name: 'documents dropped by exactly these', nameLocation: 'middle', nameGap: 26, ...axisStyle(theme) },
    series: [{ type: 'bar', name: 'documents', data: rows.map((r) => r.count), itemStyle: { color: DROPPED }, label: { show: true, position: 'right', color: theme.text } }],
  };
}

/**
 * A selector against people's labels over drop ratios: the share of
 * labelled-drop documents it removes (want high) and of labelled-keep
 * documents (want low), F1 of dropping, the current and the suggested ratio.
 */
export function labelSweepOption(args: {
  curve: Array<{ ratio: number; dropShare: number | null; keepShare: number | null; f1: number | null }>;
  ratio: number;
  suggested: number | null;
  theme: ChartTheme;
}): Option {
  const { curve, ratio, suggested, theme } = args;
  const pct = (v: number | null) => (v === null ? null : +(v * 100).toFixed(3));
  const marks = currentRatioLine(ratio, theme, curve.at(-1)?.ratio ?? 0);
  if (suggested !== null && Math.round(suggested * 100) === Math.round(ratio * 100)) {
    // Both lines on one x: one label, or the two would print over each other.
    marks.label.formatter = `${+(ratio * 100).toFixed(2)} % (best F1)`;
  } else if (suggested !== null) {
    marks.data = [...marks.data, { xAxis: String(Math.round(suggested * 100)), lineStyle: { color: '#7c3aed', type: 'dashed', width: 2 }, label: { formatter: `best F1 ${+(suggested * 100).toFixed(2)} %`, color: '#7c3aed', align: leanInwards(suggested, curve.at(-1)?.ratio ?? 0) } } as never];
  }
  return {
    animation: false,
    grid: { left: 56, right: 56, top: 40, bottom: 44 },
    legend: { top: 0, textStyle: { color: theme.text } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} %`) },
    xAxis: { type: 'category', boundaryGap: false, data: curve.map((p) => Math.round(p.ratio * 100)), name: 'drop ratio (%)', nameLocation: 'middle', nameGap: 28, ...axisStyle(theme) },
    yAxis: { type: 'value', min: 0, max: 100, name: 'share removed (%)', nameLocation: 'middle', nameGap: 40, ...axisStyle(theme) },
    series: [
      { type: 'line', name: 'labelled drop removed', showSymbol: false, color: DROPPED, data: curve.map((p) => pct(p.dropShare)), markLine: marks },
      { type: 'line', name: 'labelled keep removed', showSymbol: false, color: KEPT, data: curve.map((p) => pct(p.keepShare)) },
      { type: 'line', name: 'F1 of dropping (×100)', showSymbol: false, color: '#7c3aed', lineStyle: { type: 'dotted' }, data: curve.map((p) => pct(p.f1)) },
    ],
  };
}
