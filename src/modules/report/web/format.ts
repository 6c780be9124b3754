import type { Lang } from '../../../web/i18n.tsx';
import type { Figure } from './api.ts';

const num = (v: number) => (Number.isInteger(v) ? v.toLocaleString('zh-CN') : String(Math.round(v * 100) / 100));
/** 410户, 1,209人, — for no data */
export function figureText(f: Pick<Figure, 'value' | 'unit'>, lang: Lang): string {
  if (f.value === null) return '—';
  const v = typeof f.value === 'number' ? num(f.value) : f.value;
  const unit = f.unit ? (lang === 'en' ? f.unit.en : f.unit.zh) : '';
  return lang === 'en' && unit && unit !== '%' ? `${v} ${unit}` : `${v}${unit}`;
}
/** 37000 → 3.7万平方米 */
export function areaText(m2: number, lang: Lang): string {
  if (lang === 'en') return `${m2.toLocaleString('en')} m²`;
  return m2 >= 10_000 ? `${num(m2 / 10_000)}万平方米` : `${num(m2)}平方米`;
}
const DIGITS = '零一二三四五六七八九';
/** 1 → 一, 12 → 十二 */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
}
export const isoDay = (iso: string) => iso.slice(0, 10);
/** the moment in China's time, as staff read it: 2026-11-25 10:00 */
export function chinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}
