import { DROPPED, KEPT, type ChartTheme, axisStyle, leanInwards, currentRatioLine, type Option } from './common';

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
