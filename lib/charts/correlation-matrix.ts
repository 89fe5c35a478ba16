import { type ChartTheme, type Option } from './common';

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
