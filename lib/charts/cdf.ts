import { type ChartTheme, axisStyle, thresholdLine, extent, type Option } from './common';

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
