import { type ChartTheme, axisStyle, currentRatioLine, type Option } from './common';

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
