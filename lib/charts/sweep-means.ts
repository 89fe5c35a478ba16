import type { SweepPoint } from '../selection/sweep';
import { SOURCE_COLORS, type ChartTheme, axisStyle, currentRatioLine, type Option } from './common';

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
