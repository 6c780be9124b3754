import { useEffect, type ReactNode } from 'react';
import { Progress, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useI18n } from '../../../web/i18n.tsx';
import type { Notice, Proposal, TallyView } from './api.ts';
import { label, OUTCOME_LABELS, PHASE_COLOURS, PHASE_LABELS, STATE_COLOURS, STATE_LABELS, text } from './text.ts';

export function StateTag({ state }: { state: Proposal['state'] }) {
  const { lang } = useI18n();
  return (
    <Tag color={STATE_COLOURS[state]} style={{ marginInlineEnd: 0 }}>
      {label(STATE_LABELS, state, lang)}
    </Tag>
  );
}

export function PhaseTag({ phase, outcome }: { phase: Notice['phase']; outcome?: Notice['outcome'] }) {
  const { lang } = useI18n();
  return (
    <Tag color={PHASE_COLOURS[phase]} style={{ marginInlineEnd: 0 }}>
      {label(PHASE_LABELS, phase, lang)}
      {phase === 'closed' && outcome ? ` · ${label(OUTCOME_LABELS, outcome, lang)}` : ''}
    </Tag>
  );
}

/** 7天 / 20个工作日 */
export function usePeriodText() {
  const { t } = useI18n();
  return (rule: Notice['periodRule'], n: number) => t(rule === 'working_days' ? text.workingDaysN : text.daysN, { n });
}

/** Chinese long date for printed pages: 2026年11月25日 */
export function longDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return lang === 'en' ? iso.slice(0, 10) : `${y}年${m}月${d}日`;
}

/** The votes of one matter: counts, the line it must reach, and whether it reaches it. */
export function TallyBar({ tally, compact }: { tally: TallyView; compact?: boolean }) {
  const { t } = useI18n();
  const pct = tally.present ? Math.round((tally.for / tally.present) * 100) : 0;
  const mark = tally.present ? Math.round((tally.needed / tally.present) * 100) : 0;
  return (
    <div className="gov-tally" data-testid="gov-tally">
      <Space size={8} wrap>
        <Typography.Text strong>{t(text.tallyLine, { for: tally.for, against: tally.against, abstain: tally.abstain, notVoting: tally.notVoting })}</Typography.Text>
        {!compact && (
          <Typography.Text type="secondary">
            {t(text.needLine, { rule: t(tally.threshold === 'two_thirds' ? text.twoThirds : text.majority), present: tally.present, needed: tally.needed })}
          </Typography.Text>
        )}
      </Space>
      <div className="gov-tally-bar" aria-hidden>
        <Progress percent={pct} showInfo={false} strokeColor={tally.passed ? '#389e0d' : '#d48806'} size="small" />
        <span className="gov-tally-mark" style={{ left: `${mark}%` }} />
      </div>
    </div>
  );
}

export function PassMark({ passed }: { passed: boolean }) {
  const { t } = useI18n();
  return passed ? (
    <Typography.Text type="success">
      <CheckCircleFilled /> {t(text.wouldPass)}
    </Typography.Text>
  ) : (
    <Typography.Text type="warning">
      <CloseCircleFilled /> {t(text.wouldFail)}
    </Typography.Text>
  );
}

/** Adds a class to <html> while a print view is shown, so the shell around it neither shows nor prints. */
export function usePrintView() {
  useEffect(() => {
    document.documentElement.classList.add('gov-print-view');
    return () => document.documentElement.classList.remove('gov-print-view');
  }, []);
}

/** The A4 notice as it hangs on the board: heading, title, body, period, seal line and date. */
export function NoticeSheet(props: {
  community: string;
  title: string;
  body: string;
  resolutionNumber?: string | null;
  startDate: string | null;
  endDate: string | null;
  periodRule: Notice['periodRule'];
  periodLength: number;
  sealName: string;
  children?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const period = usePeriodText();
  return (
    <article className="gov-sheet" data-testid="gov-notice-sheet">
      <div className="gov-sheet-community">{props.community}</div>
      <h1 className="gov-sheet-heading">{t(text.sheetHeading)}</h1>
      <h2 className="gov-sheet-title">{props.title}</h2>
      {props.resolutionNumber && <div className="gov-sheet-number">{props.resolutionNumber}</div>}
      <div className="gov-sheet-body">
        {props.body.split('\n').map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      {props.startDate && props.endDate && (
        <p className="gov-sheet-period">
          {t(text.sheetPeriod, { from: longDate(props.startDate, lang), to: longDate(props.endDate, lang), length: period(props.periodRule, props.periodLength) })}
        </p>
      )}
      <p className="gov-sheet-note">{t(text.sheetObjections)}</p>
      <div className="gov-sheet-seal">
        <div>
          {props.sealName}
          {t(text.sealSuffix)}
        </div>
        <div>{longDate(props.startDate, lang)}</div>
      </div>
      {props.children}
    </article>
  );
}
