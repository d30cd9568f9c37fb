import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

/** A small React wrapper around ECharts: one instance per element, resized with its box. */
export function Chart({ option, height = 280, testId }: { option: echarts.EChartsCoreOption; height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => { ro.disconnect(); c.dispose(); chart.current = null; };
  }, []);
  useEffect(() => { chart.current?.setOption(option, true); }, [option]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}

export const PALETTE = ['#13a38b', '#4a7dff', '#f5a623', '#e8684a', '#9270ca', '#5ac8d8', '#ff99c3', '#6dc8ec', '#a0d911'];
