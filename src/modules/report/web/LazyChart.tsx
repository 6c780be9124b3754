import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Skeleton } from 'antd';
import type { ChartProps } from './Chart.tsx';

// ECharts is loaded only when the first chart scrolls into view, so the first page stays light
const Chart = lazy(() => import('./Chart.tsx'));

/** Renders its children only once it has been on screen. */
export function WhenVisible({ children, minHeight }: { children: (visible: boolean) => ReactNode; minHeight: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (visible || !ref.current) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    }, { rootMargin: '200px' });
    io.observe(ref.current);
    return () => io.disconnect();
  }, [visible]);
  return (
    <div ref={ref} style={{ minHeight }}>
      {children(visible)}
    </div>
  );
}

export function LazyChart(props: ChartProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 260 }} />}>
      <Chart {...props} />
    </Suspense>
  );
}
