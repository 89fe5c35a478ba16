import type { Histogram } from '../selection/distribution';
import type { Direction } from '../selection/order';
import { formatCount, formatScore } from '../format/numbers';
import { DROPPED, KEPT, type ChartTheme, axisStyle, thresholdLine, niceAxis, onDroppedSide, type Option } from './common';

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
