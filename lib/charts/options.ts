/**
 * ECharts options built from selection results: pure functions, unit-tested,
 * so a chart's axes, labels and markers are checked without a browser. One
 * module per chart; the shared theme and markers in common.ts.
 */
export { DARK, LIGHT, niceAxis, onDroppedSide, SOURCE_COLORS, type ChartTheme } from './common';
export * from './histogram';
export * from './cdf';
export * from './per-source-box';
export * from './mixture';
export * from './sweep-mixture';
export * from './sweep-means';
export * from './density';
export * from './overlap-curve';
export * from './correlation-matrix';
export * from './intersections';
export * from './label-sweep';
