import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { isCalendarDay } from '../core/http/period.ts';
import { useI18n } from './i18n.tsx';

/**
 * The period a list is limited to, from the page address (`?from=2026-03-01&to=2026-03-31`): a
 * report figure or a dashboard chart opens its records this way, and the user can change or clear it.
 */
export function usePeriodParams() {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const valid = from !== null && to !== null && isCalendarDay(from) && isCalendarDay(to) && from <= to;
  const set = (next: [string, string] | null) => {
    const p = new URLSearchParams(params);
    if (next) {
      p.set('from', next[0]);
      p.set('to', next[1]);
    } else {
      p.delete('from');
      p.delete('to');
    }
    p.delete('page');
    setParams(p, { replace: true });
  };
  return { from: valid ? from : undefined, to: valid ? to : undefined, set };
}

/**
 * A date-range picker bound to the page's `from`/`to`; clearing it shows every period again.
 * `onChange` lets a page that keeps its own page number go back to the first page.
 */
export function PeriodFilter({ width, size, onChange }: { width?: number; size?: 'large' | 'middle' | 'small'; onChange?: () => void }) {
  const { t } = useI18n();
  const { from, to, set } = usePeriodParams();
  return (
    <DatePicker.RangePicker
      aria-label={t({ zh: '时间段', en: 'Period' })}
      id="period-filter"
      placeholder={[t({ zh: '开始日期', en: 'From' }), t({ zh: '结束日期', en: 'To' })]}
      value={from && to ? [dayjs(from), dayjs(to)] : null}
      onChange={(v) => {
        set(v?.[0] && v[1] ? [v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')] : null);
        onChange?.();
      }}
      size={size}
      style={{ width: width ?? (size === 'large' ? 300 : 260) }}
    />
  );
}
