import { Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Bilingual, Lang } from '../../../web/i18n.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import type { Pledge } from './api.ts';
import { PLEDGE_STATUS_COLOURS, PLEDGE_STATUS_LABELS, text } from './text.ts';

/** The label of a vocabulary code, or the code itself when unknown. */
export function label<K extends string>(labels: Record<K, Bilingual>, code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const l = (labels as Record<string, Bilingual | undefined>)[code];
  return l ? (lang === 'en' ? l.en : l.zh) : code;
}

export const today = () => dayjs().format('YYYY-MM-DD');
export const thisYear = () => dayjs().year();

export function PledgeStatusTag({ status }: { status: Pledge['status'] }) {
  const { lang } = useI18n();
  return (
    <Tag color={PLEDGE_STATUS_COLOURS[status]} style={{ marginInlineEnd: 0 }}>
      {label(PLEDGE_STATUS_LABELS, status, lang)}
    </Tag>
  );
}

/** Progress notes, newest first. */
export function ProgressTimeline({ progress }: { progress: { date: string; note: string }[] }) {
  const { t } = useI18n();
  if (progress.length === 0) return <Typography.Text type="secondary">{t(text.noProgress)}</Typography.Text>;
  const sorted = [...progress].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Timeline
      className="party-timeline"
      items={sorted.map((p, i) => ({
        key: `${p.date}-${i}`,
        content: (
          <>
            <Typography.Text type="secondary" className="linli-mono">
              {p.date}
            </Typography.Text>
            <div>{p.note}</div>
          </>
        ),
      }))}
    />
  );
}

/** The year picker's choices: a few years back and the next one. */
export function yearOptions(lang: Lang, around = thisYear()) {
  return [around + 1, around, around - 1, around - 2, around - 3].map((y) => ({ value: y, label: lang === 'en' ? String(y) : `${y}年` }));
}
