import { DROPPED, type ChartTheme, axisStyle, type Option } from './common';

const INTERSECTION_LABEL_WIDTH = 240;

const intersectionRows = (intersections: Array<{ selectors: string[]; count: number }>) => intersections.filter((x) => x.selectors.length > 0).slice(0, 20);

/** Lines a selector list needs at the label width (about 6.5 px a character at 12 px). */
const labelLines = (label: string) => Math.max(1, Math.ceil((label.length * 6.5) / INTERSECTION_LABEL_WIDTH));

/** The chart height the intersections need: their names wrap rather than being cut to the same prefix. */
export function intersectionsHeight(intersections: Array<{ selectors: string[]; count: number }>): number {
  return 60 + intersectionRows(intersections).reduce((h, r) => h + 8 + 15 * labelLines(r.selectors.join(' ∩ ')), 0);
}

/** UpSet-style: the size of each intersection of dropped sets, largest first. */
export function intersectionsOption(args: { intersections: Array<{ selectors: string[]; count: number }>; theme: ChartTheme }): Option {
  const rows = intersectionRows(args.intersections);
  const { theme } = args;
  return {
    animation: false,
    grid: { left: INTERSECTION_LABEL_WIDTH + 16, right: 48, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.selectors.join(' ∩ ')), axisLabel: { color: theme.text, width: INTERSECTION_LABEL_WIDTH, overflow: 'break', lineHeight: 14 } },
    xAxis: { type: 'value', name: 'documents dropped by exactly these', nameLocation: 'middle', nameGap: 26, ...axisStyle(theme) },
    series: [{ type: 'bar', name: 'documents', data: rows.map((r) => r.count), itemStyle: { color: DROPPED }, label: { show: true, position: 'right', color: theme.text } }],
  };
}
