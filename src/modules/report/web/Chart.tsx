import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

// only what the dashboard draws, so the chart bundle stays small; this file is loaded lazily
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartProps {
  option: EChartsCoreOption;
  height?: number;
  /**
   * the category (x-axis index) clicked — a bar, or anywhere in its column, so the target is large —
   * and which half of the column (0 left, 1 right: with two bars side by side, which of them)
   */
  onPick?: (index: number, half: 0 | 1) => void;
  label: string;
}

/** One ECharts chart that follows its container's width. */
export default function Chart({ option, height = 260, onPick, label }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    c.getZr().on('click', (e) => {
      if (!pick.current || !c.containPixel('grid', [e.offsetX, e.offsetY])) return;
      const [x] = c.convertFromPixel('grid', [e.offsetX, e.offsetY]) as number[];
      if (!Number.isFinite(x)) return;
      const index = Math.round(x);
      const [centre] = c.convertToPixel('grid', [index, 0]) as number[];
      pick.current(index, e.offsetX < centre ? 0 : 1);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} role="img" aria-label={label} className="report-chart" style={{ height, cursor: onPick ? 'pointer' : undefined }} />;
}
