import { useMemo, useRef, useState } from 'react';
import { Button, Card, Collapse, DatePicker, Empty, Form, Segmented, Select, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { withQuery } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { recordsPath, subDistrictBase, useCompare, useRollup, useRollupSubDistricts, useSubDistrictSeries, type Rollup } from './api.ts';
import { chinaTime, figureText } from './format.ts';
import { LazyChart, WhenVisible } from './LazyChart.tsx';
import { ReportBody } from './ReportView.tsx';
import { text } from './text.ts';

type Row = Rollup['rows'][number];

const BLUE = '#1677ff';
const GREY = '#b5bcc7';
/** which period the community-against-community chart compares: a whole year, or one month of it */
interface ComparePeriod {
  year: number;
  month: number | null;
}

function CompareBars({ subDistrictId: sd, figure: f, period, visible, onPick }: { subDistrictId: string; figure: string; period: ComparePeriod; visible: boolean; onPick: (communityId: string, link: string) => void }) {
  const { t } = useI18n();
  const { year: y, month } = period;
  const cmp = useCompare(sd, f, y, visible && Boolean(f), month);
  const c = cmp.data;
  const option = useMemo(() => {
    if (!c) return null;
    const name = (year: number) => (month ? `${t(text.yearN, { year })}${t(text.monthN, { m: month })}` : t(text.yearN, { year }));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { fontSize: 13 } },
      grid: { left: 48, right: 12, top: 36, bottom: 60 },
      xAxis: { type: 'category', data: c.communities.map((x) => x.communityName), axisLabel: { fontSize: 13, interval: 0, rotate: c.communities.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: name(y - 1), type: 'bar', barMaxWidth: 48, data: c.communities.map((x) => x.lastYear), itemStyle: { color: GREY } },
        { name: name(y), type: 'bar', barMaxWidth: 48, data: c.communities.map((x) => x.thisYear), itemStyle: { color: BLUE }, label: { show: true, position: 'top' } },
      ],
    };
  }, [c, y, month, t]);
  if (cmp.error) return <LoadError error={cmp.error} />;
  if (!c || !option) return <Skeleton.Node active style={{ width: '100%', height: 300 }} />;
  return (
    <LazyChart
      option={option}
      height={300}
      label={t(text.compareChart)}
      onPick={(i) => {
        const x = c.communities[i];
        if (x?.link) onPick(x.communityId, x.link);
      }}
    />
  );
}

/** The chosen figure summed over the sub-district: by month this year against last, or by year; a click picks the period compared below. */
function SubDistrictBars({ subDistrictId: sd, figure, year, mode, visible, onPick }: { subDistrictId: string; figure: string; year: number; mode: 'month' | 'year'; visible: boolean; onPick: (p: ComparePeriod) => void }) {
  const { t } = useI18n();
  const series = useSubDistrictSeries(sd, figure, year, visible && Boolean(figure));
  const s = series.data;
  const option = useMemo(() => {
    if (!s) return null;
    const axis = { axisLabel: { fontSize: 13 } };
    if (mode === 'month') {
      return {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, textStyle: { fontSize: 13 } },
        grid: { left: 48, right: 12, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: Array.from({ length: 12 }, (_, i) => t(text.monthN, { m: i + 1 })), ...axis },
        yAxis: { type: 'value', minInterval: 1, ...axis },
        series: [
          { name: t(text.yearN, { year: s.year - 1 }), type: 'bar', barMaxWidth: 24, data: s.months.lastYear, itemStyle: { color: GREY } },
          { name: t(text.yearN, { year: s.year }), type: 'bar', barMaxWidth: 24, data: s.months.thisYear, itemStyle: { color: BLUE } },
        ],
      };
    }
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 12, top: 20, bottom: 28 },
      xAxis: { type: 'category', data: s.years.map((y) => t(text.yearN, { year: y.year })), ...axis },
      yAxis: { type: 'value', minInterval: 1, ...axis },
      series: [{ type: 'bar', barMaxWidth: 48, data: s.years.map((y) => y.value), itemStyle: { color: BLUE }, label: { show: true, position: 'top' } }],
    };
  }, [s, mode, t]);
  if (series.error) return <LoadError error={series.error} />;
  if (!s || !option) return <Skeleton.Node active style={{ width: '100%', height: 280 }} />;
  return (
    <LazyChart
      option={option}
      height={280}
      label={t(text.sdSeries)}
      onPick={(i, half) => {
        // last year's bar is the left of each month's pair
        if (mode === 'month') onPick({ year: half === 0 ? s.year - 1 : s.year, month: i + 1 });
        else if (s.years[i]) onPick({ year: s.years[i].year, month: null });
      }}
    />
  );
}

/**
 * The sub-district's charts: one figure summed over its communities by month and by year, and the
 * communities against each other for the month or year clicked there; a community's bar opens its records.
 */
function SubDistrictCharts({ subDistrictId, rollup }: { subDistrictId: string; rollup: Rollup }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const numeric = rollup.columns.filter((c) => rollup.rows.some((r) => typeof r.values[c.id] === 'number'));
  // a percentage does not add up over communities: compared, not summed
  const summable = numeric.filter((c) => c.unit?.zh !== '%');
  const [figure, setFigure] = useState(numeric[0]?.id ?? '');
  const year = Number(rollup.to.slice(0, 4));
  const [period, setPeriod] = useState<ComparePeriod>({ year, month: null });
  const [mode, setMode] = useState<'month' | 'year'>('month');
  const compareRef = useRef<HTMLDivElement>(null);
  const pick = (m: { zh: string; en: string }) => (lang === 'en' ? m.en : m.zh);
  const choose = (f: string) => {
    setFigure(f);
    setPeriod({ year, month: null });
  };
  const figureSelect = <Select value={figure} onChange={choose} style={{ minWidth: 200 }} aria-label={t(text.figure)} options={numeric.map((c) => ({ value: c.id, label: pick(c.label) }))} />;
  const periodText = period.month ? t(text.compareMonthN, { year: period.year, m: period.month }) : t(text.compareYearN, { year: period.year });
  return (
    <>
      {summable.some((c) => c.id === figure) && (
        <Card title={t(text.sdSeries)} className="report-chart-card report-noprint" data-testid="report-sd-series" style={{ marginBottom: 16 }}>
          <div className="report-chart-controls">
            <Typography.Text type="secondary">{t(text.sdSeriesIntro)}</Typography.Text>
            <Space wrap>
              {figureSelect}
              <Segmented value={mode} onChange={(v) => setMode(v as 'month' | 'year')} options={[{ value: 'month', label: t(text.byMonth) }, { value: 'year', label: t(text.byYear) }]} />
            </Space>
          </div>
          <WhenVisible minHeight={280}>
            {(visible) => (
              <SubDistrictBars
                subDistrictId={subDistrictId}
                figure={figure}
                year={year}
                mode={mode}
                visible={visible}
                onPick={(p) => {
                  setPeriod(p);
                  compareRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
                }}
              />
            )}
          </WhenVisible>
        </Card>
      )}
      <div ref={compareRef}>
        <Card title={t(text.compareChart)} className="report-chart-card report-noprint" data-testid="report-compare">
          <div className="report-chart-controls">
            <Typography.Text type="secondary">{t(text.compareIntro)}</Typography.Text>
            <Space wrap>
              <Tag color={period.month || period.year !== year ? 'blue' : undefined} data-testid="report-compare-period">
                {periodText}
              </Tag>
              {(period.month || period.year !== year) && (
                <Button size="small" onClick={() => setPeriod({ year, month: null })}>
                  {t(text.backToYear)}
                </Button>
              )}
              {figureSelect}
            </Space>
          </div>
          <WhenVisible minHeight={300}>
            {(visible) => <CompareBars subDistrictId={subDistrictId} figure={figure} period={period} visible={visible} onPick={(communityId, link) => void navigate(recordsPath(communityId, link))} />}
          </WhenVisible>
        </Card>
      </div>
    </>
  );
}

/** /report/rollup — the sub-district's communities for one period: compared, and each one's report. */
export function RollupPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const sds = useRollupSubDistricts();
  const today = dayjs();
  const sd = params.get('sd') ?? sds.data?.[0]?.id ?? null;
  const from = params.get('from') ?? today.subtract(2, 'year').format('YYYY-MM-DD');
  const to = params.get('to') ?? today.format('YYYY-MM-DD');
  const rollup = useRollup(sd, from, to);
  const r = rollup.data;
  const pick = (m: { zh: string; en: string }) => (lang === 'en' ? m.en : m.zh);
  const set = (patch: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...patch });

  const columns: TableColumnsType<Row> = useMemo(
    () =>
      r
        ? [
            {
              title: t(text.community),
              dataIndex: 'communityName',
              fixed: 'left',
              width: 150,
              render: (v: string, row) => (
                <Space size={4} wrap>
                  <Link to={`/c/${row.communityId}/dashboard`}>{v}</Link>
                  {row.signedReportId && <Tag color="green">{t(text.signed)}</Tag>}
                </Space>
              ),
            },
            ...r.columns.map((c) => ({
              title: (
                <span>
                  {pick(c.label)}
                  {c.unit && pick(c.unit) ? <Typography.Text type="secondary">（{pick(c.unit)}）</Typography.Text> : null}
                </span>
              ),
              key: c.id,
              align: 'right' as const,
              sorter: (a: Row, b: Row) => Number(a.values[c.id] ?? -1) - Number(b.values[c.id] ?? -1),
              render: (_: unknown, row: Row) => <span className="linli-mono">{figureText({ value: row.values[c.id] ?? null }, lang)}</span>,
            })),
          ]
        : [],
    [r, lang],
  );

  if (sds.error) return <LoadError error={sds.error} />;
  if (sds.data && sds.data.length === 0) return <Empty description={t(text.noSubDistrict)} />;
  const range: [Dayjs, Dayjs] = [dayjs(from), dayjs(to)];
  const q = { from, to };

  return (
    <div className="report-rollup">
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>
            {t(text.rollupTitle)}
            {r ? ` · ${r.subDistrictName}` : ''}
          </Typography.Title>
          <Typography.Text type="secondary">{t(text.rollupIntro)}</Typography.Text>
        </div>
        <Space wrap className="report-noprint">
          <Button size="large" icon={<FileExcelOutlined />} href={withQuery(`${subDistrictBase(sd ?? '')}/report.xlsx`, q)} disabled={!sd}>
            {t('exportExcel')}
          </Button>
          <Button size="large" icon={<FileWordOutlined />} href={withQuery(`${subDistrictBase(sd ?? '')}/report.docx`, q)} disabled={!sd}>
            {t(text.exportWord)}
          </Button>
          <Button size="large" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t(text.print)}
          </Button>
        </Space>
      </div>
      <Card className="report-noprint" style={{ marginBottom: 16 }}>
        <Form layout="inline" component="div" className="report-filters">
          <Form.Item label={t(text.subDistrict)}>
            <Select size="large" value={sd ?? undefined} onChange={(v) => set({ sd: v })} style={{ minWidth: 180 }} options={(sds.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Form.Item label={t(text.period)}>
            <DatePicker.RangePicker
              size="large"
              allowClear={false}
              value={range}
              onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
              presets={[
                { label: t(text.lastTwoYears), value: [today.subtract(2, 'year'), today] },
                { label: t(text.thisYear), value: [today.startOf('year'), today] },
                { label: t(text.lastYear), value: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year')] },
              ]}
            />
          </Form.Item>
        </Form>
      </Card>
      {rollup.error ? (
        <LoadError error={rollup.error} onRetry={() => void rollup.refetch()} />
      ) : !r ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <Card title={`${t(text.compareTable)} · ${t(text.communitiesN, { n: r.rows.length })}`} style={{ marginBottom: 16 }} data-testid="report-rollup-table">
            <Table
              rowKey="communityId"
              size="middle"
              columns={columns}
              dataSource={r.rows}
              pagination={r.rows.length > 50 ? { pageSize: 50, showTotal: (n) => t('total', { n }) } : false}
              scroll={{ x: 'max-content' }}
              summary={(rows) => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>{t(text.total)}</strong>
                  </Table.Summary.Cell>
                  {r.columns.map((c, i) => {
                    const nums = rows.map((x) => x.values[c.id]).filter((v): v is number => typeof v === 'number');
                    const unit = c.unit ? pick(c.unit) : '';
                    return (
                      <Table.Summary.Cell key={c.id} index={i + 1} align="right">
                        <strong className="linli-mono">{unit === '%' || nums.length === 0 ? '—' : nums.reduce((a, b) => a + b, 0).toLocaleString()}</strong>
                      </Table.Summary.Cell>
                    );
                  })}
                </Table.Summary.Row>
              )}
            />
          </Card>
          {sd && <SubDistrictCharts key={`${sd}-${to}`} subDistrictId={sd} rollup={r} />}
          <Typography.Title level={4} style={{ marginTop: 24 }}>
            {t(text.chapters)}
          </Typography.Title>
          <Collapse
            className="report-rollup-chapters"
            items={r.communities.map((c) => ({
              key: c.communityId,
              label: (
                <Space wrap>
                  <strong>{c.communityName}</strong>
                  {c.signed ? <Tag color="green">{`${t(text.signed)} · ${c.signed.signedByName ?? ''} · ${chinaTime(c.signed.signedAt ?? '').slice(0, 10)}`}</Tag> : <Tag>{t(text.liveFigures)}</Tag>}
                </Space>
              ),
              children: <ReportBody communityId={c.communityId} composition={c.composition} narrative={c.narrative} edits={c.highlightEdits} compact />,
            }))}
          />
        </>
      )}
    </div>
  );
}
