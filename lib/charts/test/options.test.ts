import { describe, expect, it } from 'vitest';
import { LIGHT, cdfOption, histogramOption, niceAxis, labelSweepOption, mixtureOption, onDroppedSide, perSourceBoxOption, sweepMeansOption, sweepMixtureOption } from '../options';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ECharts options are deep untyped trees that the tests walk.
type AnyOption = Record<string, any>;

describe('chart options', () => {
  const histogram = { edges: [0, 1, 2, 3], counts: [5, 0, 2] };

  it('histograms have named axes, a threshold line, and colour the dropped side', () => {
    const o = histogramOption({ histogram, threshold: 1, direction: 'higher', selector: 'quality', logY: false, theme: LIGHT }) as AnyOption;
    expect(o.xAxis.name).toBe('quality');
    expect(o.yAxis.name).toBe('documents');
    expect(o.yAxis.type).toBe('value');
    expect(o.series[0].markLine.data).toEqual([{ xAxis: 1 }]);
    expect(o.series.map((s: AnyOption) => s.name)).toEqual(['dropped', 'kept']);
    // Bin [0,1) is on the dropped side (its middle 0.5 ≤ 1); the step series end with the last edge.
    expect(o.series[0].data).toEqual([[0, 5], [1, 0], [2, 0], [3, 0]]);
    expect(o.series[1].data).toEqual([[0, 0], [1, 0], [2, 2], [3, 2]]);
    const log = histogramOption({ histogram, threshold: null, direction: 'lower', selector: 'ppl', logY: true, theme: LIGHT }) as AnyOption;
    expect(log.yAxis.type).toBe('log');
    expect(log.series[1].data[1][1]).toBeNull();
    expect(log.series[0].markLine).toBeUndefined();
  });

  it('widens the histogram axis to round ticks at both ends', () => {
    expect(niceAxis(0.02432, 1.222)).toEqual({ min: 0, max: 1.4, interval: 0.2 });
    expect(niceAxis(3.7, 9812)).toEqual({ min: 0, max: 10000, interval: 2000 });
    expect(niceAxis(-0.37, 0.41)).toEqual({ min: -0.4, max: 0.6, interval: 0.2 });
    expect(niceAxis(0.00001, 0.00003)).toEqual({ min: 0.00001, max: 0.00003, interval: 0.000005 });
    // One value only: an interval from its size, and a range that holds it.
    const one = niceAxis(5, 5);
    expect(one.min).toBeLessThanOrEqual(5);
    expect(one.max).toBeGreaterThan(5);
    const o = histogramOption({ histogram: { edges: [0.02432, 0.6, 1.222], counts: [1, 2] }, threshold: null, direction: 'higher', selector: 'q', logY: false, theme: LIGHT }) as AnyOption;
    expect([o.xAxis.min, o.xAxis.max, o.xAxis.interval]).toEqual([0, 1.4, 0.2]);
  });

  it('knows which side is dropped for each direction', () => {
    expect(onDroppedSide(0.5, 1, 'higher')).toBe(true);
    expect(onDroppedSide(1, 1, 'higher')).toBe(true);
    expect(onDroppedSide(2, 1, 'higher')).toBe(false);
    expect(onDroppedSide(2, 1, 'lower')).toBe(true);
  });

  it('CDF, box plot and mixture charts label their axes', () => {
    const cdf = cdfOption({ cdf: [[0, 0.5], [1, 1]], threshold: 0.5, selector: 's', theme: LIGHT }) as AnyOption;
    expect(cdf.yAxis.name).toBe('share ≤ score');
    const box = perSourceBoxOption({ perSource: [{ source: null, count: 3, box: [0, 1, 2, 3, 4] }, { source: 'x', count: 0, box: null }], threshold: 2, selector: 's', theme: LIGHT }) as AnyOption;
    expect(box.yAxis.data).toEqual(['(none) (3)']);
    const mix = mixtureOption({
      perSource: [{ source: 'a', total: 10, scored: 10, missing: 0, dropped: 5, kept: 5, shareBefore: 0.5, shareAfter: 1 / 3, retention: 0.5, ratio: 0.5, threshold: 1 }],
      theme: LIGHT,
    }) as AnyOption;
    expect(mix.series.map((s: AnyOption) => s.name)).toEqual(['before', 'after (kept)']);
    expect(mix.series[1].data).toEqual([33.333]);
  });

  it('sweep charts stack source shares and mark the current ratio', () => {
    const points = [0, 0.5].map((ratio) => ({ ratio, dropped: 0, kept: 2, keptTokens: 10, sourceShares: [0.5, 0.5], means: { other: ratio === 0 ? 2 : 3 } }));
    const o = sweepMixtureOption({ points, sources: ['a', null], ratio: 0.5, theme: LIGHT }) as AnyOption;
    expect(o.xAxis.name).toBe('drop ratio (%)');
    expect(o.series).toHaveLength(3);
    expect(o.series[1].name).toBe('(none)');
    expect(o.series[0].markLine.data).toEqual([{ xAxis: '50' }]);
    const m = sweepMeansOption({ points, ratio: 0.5, theme: LIGHT }) as AnyOption;
    expect(m.series[0].data).toEqual([0, 50]);
  });

  it("the current ratio's label leans inwards at either end of the axis, clear of the axis labels beside the plot", () => {
    const points = [0, 0.45, 0.95].map((ratio) => ({ ratio, dropped: 0, kept: 2, keptTokens: 10, sourceShares: [1], means: {} }));
    const align = (ratio: number) => (sweepMixtureOption({ points, sources: ['a'], ratio, theme: LIGHT }) as AnyOption).series[0].markLine.label.align;
    expect([0, 0.05, 0.45, 0.8, 0.85, 0.95].map(align)).toEqual(['left', 'left', 'center', 'center', 'right', 'right']);
  });

  it('the label sweep marks the current and the best-F1 ratio, with one label when they coincide', () => {
    const curve = [0, 0.1, 0.2].map((ratio) => ({ ratio, dropShare: ratio * 2, keepShare: ratio / 2, f1: ratio }));
    const apart = labelSweepOption({ curve, ratio: 0.1, suggested: 0.2, theme: LIGHT }) as AnyOption;
    const marks = apart.series[0].markLine;
    expect(marks.data.map((d: AnyOption) => d.xAxis)).toEqual(['10', '20']);
    expect(marks.label.formatter).toBe('10 %');
    expect(marks.data[1].label.formatter).toBe('best F1 20 %');
    const together = labelSweepOption({ curve, ratio: 0.2, suggested: 0.2, theme: LIGHT }) as AnyOption;
    expect(together.series[0].markLine.data).toEqual([{ xAxis: '20' }]);
    expect(together.series[0].markLine.label.formatter).toBe('20 % (best F1)');
    expect(together.xAxis.name).toBe('drop ratio (%)');
    expect(together.yAxis.name).toBe('share removed (%)');
  });
});

describe('compare charts', () => {
  it('density heatmaps name both axes and count only non-empty cells', async () => {
    const { densityOption, overlapCurveOption, correlationMatrixOption, intersectionsOption, intersectionsHeight } = await import('../options');
    const o = densityOption({ density: { bins: 2, counts: [[3, 0], [1, 2]], xRange: [0, 100], yRange: [0, 100], raw: false }, a: 'A', b: 'B', theme: LIGHT }) as AnyOption;
    // Cells on hidden category axes; named value axes over the same span carry the ticks.
    expect(o.xAxis[1]).toMatchObject({ type: 'value', min: 0, max: 100, name: 'A (percentile, 0 = worst)' });
    expect(o.yAxis[1]).toMatchObject({ type: 'value', min: 0, max: 100, name: 'B (percentile, 0 = worst)' });
    expect(o.xAxis[0].axisLabel.show).toBe(false);
    expect(o.series[0].data).toEqual([[0, 0, 3], [0, 1, 1], [1, 1, 2]]);
    expect(o.visualMap.max).toBe(3);
    // The colour scale stands beside the plot, not under it where the axis name is.
    expect(o.visualMap.orient).toBe('vertical');
    expect(o.grid.right).toBeGreaterThanOrEqual(80);
    const c = overlapCurveOption({ curve: [{ ratio: 0, jaccard: null }, { ratio: 0.5, jaccard: 0.4 }], ratio: 0.5, theme: LIGHT }) as AnyOption;
    expect(c.yAxis.name).toBe('Jaccard of dropped sets');
    expect(c.series[0].data).toEqual([null, 0.4]);
    const m = correlationMatrixOption({ names: ['a', 'b'], spearman: [[1, 0.5], [0.5, 1]], theme: LIGHT }) as AnyOption;
    expect(m.series[0].data).toContainEqual([1, 0, 0.5]);
    const u = intersectionsOption({ intersections: [{ selectors: [], count: 9 }, { selectors: ['a', 'b'], count: 3 }, { selectors: ['a'], count: 2 }], theme: LIGHT }) as AnyOption;
    expect(u.yAxis.data).toEqual(['a ∩ b', 'a']);
    // Long intersections wrap instead of being cut to one shared prefix, and get the height for it.
    expect(u.yAxis.axisLabel.overflow).toBe('break');
    const long = [{ selectors: ['compression_ratio', 'char_perplexity', 'datarater'], count: 3 }, { selectors: ['compression_ratio', 'char_perplexity', 'loss_strong'], count: 2 }];
    expect(intersectionsHeight(long)).toBeGreaterThan(intersectionsHeight([{ selectors: ['a'], count: 1 }, { selectors: ['b'], count: 1 }]));
  });

  it('the threshold label leans inwards near either end of the axis', async () => {
    const { histogramOption } = await import('../options');
    const histogram = { edges: [0, 0.25, 0.5, 0.75, 1], counts: [1, 2, 3, 4] };
    const align = (threshold: number) => (histogramOption({ histogram, threshold, direction: 'higher', selector: 's', logY: false, theme: LIGHT }) as AnyOption).series[0].markLine.label.align;
    expect(align(0.02)).toBe('left');
    expect(align(0.5)).toBe('center');
    expect(align(0.97)).toBe('right');
  });
});
