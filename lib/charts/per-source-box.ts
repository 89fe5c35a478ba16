import { formatCount, formatScore } from '../format/numbers';
import { type ChartTheme, sourceLabel, axisStyle, thresholdLine, extent, type Option } from './common';

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
