import { formatCount, formatScore } from '../format/numbers';
import { type ChartTheme, axisStyle, type Option } from './common';

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
