import type { SweepPoint } from '../selection/sweep';
import { SOURCE_COLORS, type ChartTheme, sourceLabel, axisStyle, compactAxis, currentRatioLine, type Option } from './common';

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
