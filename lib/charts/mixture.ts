import type { SourceSelection } from '../selection/engine';
import { KEPT, type ChartTheme, sourceLabel, axisStyle, type Option } from './common';

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
