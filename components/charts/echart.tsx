'use client';
import { BarChart, BoxplotChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { DARK, LIGHT, type ChartTheme } from '@/lib/charts/options';

echarts.use([BarChart, LineChart, BoxplotChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, VisualMapComponent, CanvasRenderer]);

/** Follows the page's light/dark class so charts use readable colours. */
export function useChartTheme(): ChartTheme {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const html = document.documentElement;
    const read = () => setDark(html.classList.contains('dark'));
    read();
    const observer = new MutationObserver(read);
    observer.observe(html, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
  return dark ? DARK : LIGHT;
}

/**
 * zrender paints a large chart over several animation frames and does not cancel the
 * next frame when the chart is disposed: that frame then reads the freed layers and
 * throws ("reading 'layerStack'") when a page leaves mid-paint on a busy machine. Each
 * frame checks that the painter's redraw id is still its own, so changing it first
 * ends the sequence. (`_redrawId` is zrender 6's private field; absent, nothing is done.)
 */
function stopPainting(instance: echarts.ECharts): void {
  const painter = instance.getZr().painter as unknown as { _redrawId?: unknown } | undefined;
  if (painter && '_redrawId' in painter) painter._redrawId = Symbol('disposed');
}

/**
 * The one owner of an ECharts instance: init on mount, setOption on change,
 * dispose on unmount. `onAxisClick` gets the x-axis value under a click anywhere in the grid.
 */
export function EChart({
  option,
  height = 280,
  testId,
  ariaLabel,
  onAxisClick,
}: {
  option: Record<string, unknown>;
  height?: number;
  testId?: string;
  ariaLabel: string;
  onAxisClick?: (x: number | string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onAxisClick);
  clickRef.current = onAxisClick;

  useEffect(() => {
    const el = ref.current!;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    instance.getZr().on('click', (e: { offsetX: number; offsetY: number }) => {
      if (!clickRef.current) return;
      const point = [e.offsetX, e.offsetY];
      if (!instance.containPixel('grid', point)) return;
      const [x] = instance.convertFromPixel({ gridIndex: 0 }, point) as number[];
      const axis = (instance.getOption() as { xAxis?: Array<{ type?: string; data?: Array<number | string> }> }).xAxis?.[0];
      clickRef.current(axis?.type === 'category' && axis.data ? axis.data[Math.max(0, Math.min(axis.data.length - 1, Math.round(x)))] : x);
    });
    return () => {
      resize.disconnect();
      stopPainting(instance);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={ariaLabel} data-testid={testId} style={{ height, width: '100%' }} />;
}
