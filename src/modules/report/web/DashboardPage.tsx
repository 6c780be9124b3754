import { useMemo, useState } from 'react';
import { App as AntApp, Card, Col, Empty, Row, Segmented, Select, Skeleton, Statistic, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { recordsPath, useDashboard, useSeries, type Dashboard } from './api.ts';
import { figureText } from './format.ts';
import { LazyChart, WhenVisible } from './LazyChart.tsx';
import { text } from './text.ts';

type DashFigure = Dashboard['figures'][number];
const BLUE = '#1677ff';
const GREY = '#b5bcc7';

/** One figure's chart: month by month this year against last, or year by year; a click opens its records. */
function FigureChart({ communityId, figure, year }: { communityId: string; figure: DashFigure; year: number }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [mode, setMode] = useState<'month' | 'year'>('month');
  const pick = (m: { zh: string; en: string }) => (lang === 'en' ? m.en : m.zh);
  const name = pick(figure.label);
  /** opens the records behind the figure, or behind one period of it when the chart gives that period's link */
  const drill = (link?: string | null) => {
    const to = link ?? figure.link;
    if (to) void navigate(recordsPath(communityId, to));
    else message.info(t(text.noLink));
  };

  return (
    <Card
      className="report-chart-card"
      data-testid={`report-chart-${figure.key}`}
      title={
        <button type="button" className="report-chart-title" onClick={() => drill()}>
          <span>{name}</span>
          <span className="report-chart-value">{figureText(figure, lang)}</span>
        </button>
      }
      extra={<Segmented size="small" value={mode} onChange={(v) => setMode(v as 'month' | 'year')} options={[{ value: 'month', label: t(text.byMonth) }, { value: 'year', label: t(text.byYear) }]} />}
    >
      <WhenVisible minHeight={240}>{(visible) => <SeriesChart communityId={communityId} figure={figure} year={year} mode={mode} visible={visible} onPick={drill} />}</WhenVisible>
    </Card>
  );
}

function SeriesChart({ communityId, figure, year, mode, visible, onPick }: { communityId: string; figure: DashFigure; year: number; mode: 'month' | 'year'; visible: boolean; onPick: (link?: string | null) => void }) {
  const { t, lang } = useI18n();
  const series = useSeries(communityId, figure.key, year, visible);
  const s = series.data;
  const option = useMemo(() => {
    if (!s) return null;
    const axis = { axisLabel: { fontSize: 13 } };
    if (mode === 'month') {
      return {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, textStyle: { fontSize: 13 } },
        grid: { left: 40, right: 12, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: Array.from({ length: 12 }, (_, i) => t(text.monthN, { m: i + 1 })), ...axis },
        yAxis: { type: 'value', minInterval: 1, ...axis },
        series: [
          { name: t(text.thisYearN, { year: s.year - 1 }), type: 'bar', barMaxWidth: 24, data: s.months.lastYear, itemStyle: { color: GREY } },
          { name: t(text.thisYearN, { year: s.year }), type: 'bar', barMaxWidth: 24, data: s.months.thisYear, itemStyle: { color: BLUE } },
        ],
      };
    }
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 12, top: 20, bottom: 28 },
      xAxis: { type: 'category', data: s.years.map((y) => t(text.yearN, { year: y.year })), ...axis },
      yAxis: { type: 'value', minInterval: 1, ...axis },
      series: [{ name: lang === 'en' ? figure.label.en : figure.label.zh, type: 'bar', barMaxWidth: 48, data: s.years.map((y) => y.value), itemStyle: { color: BLUE }, label: { show: true, position: 'top' } }],
    };
  }, [s, mode, t, lang, figure.label]);
  if (series.error) return <LoadError error={series.error} />;
  if (!option) return <Skeleton.Node active style={{ width: '100%', height: 240 }} />;
  // a month's column holds last year's bar on the left and this year's on the right: the half clicked
  // picks the year, falling back to the other when that month has no records page (not begun)
  const pickPoint = (index: number, half: 0 | 1) => {
    if (!s) return onPick();
    if (mode === 'year') return onPick(s.years[index]?.link);
    const [first, second] = half === 0 ? [s.monthLinks.lastYear, s.monthLinks.thisYear] : [s.monthLinks.thisYear, s.monthLinks.lastYear];
    onPick(first[index] ?? second[index]);
  };
  return <LazyChart option={option} height={240} onPick={pickPoint} label={lang === 'en' ? figure.label.en : figure.label.zh} />;
}

/** /c/:communityId/dashboard — the report's key figures as charts; each opens its records. */
export function DashboardPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const navigate = useNavigate();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const dash = useDashboard(communityId, year);
  const pick = (m: { zh: string; en: string }) => (lang === 'en' ? m.en : m.zh);

  if (dash.error) return <LoadError error={dash.error} onRetry={() => void dash.refetch()} />;
  const d = dash.data;
  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.dashboardTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.dashboardIntro)}</Typography.Text>
        </div>
        <Select
          size="large"
          value={year}
          onChange={setYear}
          aria-label={t(text.year)}
          style={{ width: 140 }}
          options={[0, 1, 2, 3, 4].map((i) => ({ value: thisYear - i, label: t(text.yearN, { year: thisYear - i }) }))}
        />
      </div>
      {!d ? (
        <Skeleton active />
      ) : d.figures.length === 0 ? (
        <Empty />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {d.figures.map((f) => (
              <Col key={f.key} xs={12} sm={8} lg={6} xl={4}>
                <Card size="small" hoverable className="report-stat" onClick={() => f.link && void navigate(recordsPath(communityId, f.link))}>
                  <Statistic title={pick(f.label)} value={figureText(f, lang)} />
                  <Typography.Text type="secondary" className="report-stat-chapter">
                    {pick(f.chapter)}
                  </Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary">{t(text.toDate, { to: d.to })}</Typography.Text>
          <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
            {d.figures
              .filter((f) => typeof f.value === 'number')
              .map((f) => (
                <Col key={f.key} xs={24} lg={12}>
                  <FigureChart communityId={communityId} figure={f} year={year} />
                </Col>
              ))}
          </Row>
        </>
      )}
    </>
  );
}
