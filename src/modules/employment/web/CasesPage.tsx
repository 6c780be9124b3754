import { useMemo, useState } from 'react';
import { Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { PeriodFilter, usePeriodParams } from '../../../web/PeriodFilter.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { CASE_FILTER_KEYS, casesExportHref, useCases, useFollowups, useSummary, type Case, type CaseListFilters, type FollowupRow } from './api.ts';
import { Countdown, RegisterModal, label } from './components.tsx';
import { ACTION_LABELS, CASE_STATUS_COLOURS, CASE_STATUS_LABELS, PLACEMENT_KIND_LABELS, text } from './text.ts';
import { useQueryParams, type QueryPatch } from '../../../web/useQueryParams.ts';

/** /c/:communityId/employment — the cases with filters and export, the follow-ups due, and the figures on top. */
export function CasesPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const navigate = useNavigate();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'employment.manage');
  const { params, patch } = useQueryParams();
  const [registering, setRegistering] = useState(false);
  // registered within the period of the picker (a report figure opens the cases this way)
  const registered = usePeriodParams();
  const filters = useMemo(() => {
    const f: CaseListFilters = {};
    for (const k of CASE_FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    if (registered.from && registered.to) {
      f.from = registered.from;
      f.to = registered.to;
    }
    return f;
  }, [params, registered.from, registered.to]);
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const tab = params.get('tab') ?? 'cases';
  const list = useCases(communityId, filters, page, pageSize);
  const summary = useSummary(communityId);
  const followups = useFollowups(communityId);
  // a new filter starts again at the first page
  const update = (changes: QueryPatch) => patch('page' in changes ? changes : { ...changes, page: null });
  const s = summary.data;
  const unit = (zh: string) => (lang === 'en' ? undefined : zh);

  const columns: TableColumnsType<Case> = [
    {
      title: t(text.name),
      dataIndex: 'name',
      width: 130,
      render: (v: string, c) => (
        <Space size={4} wrap>
          <Link to={`/c/${communityId}/employment/cases/${c.id}`} className="linli-row-name" onClick={(e) => e.stopPropagation()}>
            {v}
          </Link>
          {c.zeroEmployment && (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t(text.zeroTag)}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t(text.age), dataIndex: 'age', width: 70, className: 'emp-nowrap', render: (v: number | null) => v ?? '—' },
    { title: t(text.address), dataIndex: 'address', width: 170 },
    { title: t(text.registeredOn), dataIndex: 'registeredOn', width: 110, render: (v: string) => <span className="linli-mono">{v}</span> },
    { title: t(text.wishes), dataIndex: 'wishes', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t(text.lastStep),
      key: 'last',
      width: 170,
      render: (_, c) =>
        c.placement ? (
          <Space orientation="vertical" size={0}>
            <span>{c.placement.employer}</span>
            <Typography.Text type="secondary">
              {label(PLACEMENT_KIND_LABELS, c.placement.kind, lang)} · <span className="linli-mono">{c.placement.date}</span>
            </Typography.Text>
          </Space>
        ) : c.lastAction ? (
          <Space orientation="vertical" size={0}>
            <span>{label(ACTION_LABELS, c.lastAction.kind, lang)}</span>
            <Typography.Text type="secondary" className="linli-mono">
              {c.lastAction.date}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t(text.status),
      dataIndex: 'status',
      width: 90,
      render: (v: string) => (
        <Tag color={CASE_STATUS_COLOURS[v]} style={{ marginInlineEnd: 0 }}>
          {label(CASE_STATUS_LABELS, v, lang)}
        </Tag>
      ),
    },
  ];

  const followupColumns: TableColumnsType<FollowupRow> = [
    { title: t(text.name), dataIndex: 'name', width: 110, render: (v: string, r) => <Link to={`/c/${communityId}/employment/cases/${r.caseId}`} className="linli-row-name">{v}</Link> },
    { title: t(text.address), dataIndex: 'address', width: 170 },
    { title: t(text.employer), dataIndex: 'employer' },
    { title: t(text.placedOn), dataIndex: 'placedOn', width: 110, render: (v: string) => <span className="linli-mono">{v}</span> },
    { title: t(text.stage), dataIndex: 'stage', width: 150, className: 'emp-nowrap', render: (n: number) => t(text.stageN, { n }) },
    { title: t(text.due), dataIndex: 'due', width: 110, render: (v: string) => <span className="linli-mono">{v}</span> },
    { title: '', dataIndex: 'daysLeft', width: 110, render: (n: number) => <Countdown days={n} /> },
  ];
  const selectProps = { allowClear: true, placeholder: t(text.any), style: { width: '100%' } };
  const range = filters.placedFrom && filters.placedTo ? ([dayjs(filters.placedFrom), dayjs(filters.placedTo)] as [dayjs.Dayjs, dayjs.Dayjs]) : null;

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.casesTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.casesIntro)}</Typography.Text>
        </div>
        <Space wrap>
          <Button size="large" icon={<DownloadOutlined />} href={casesExportHref(communityId, filters)}>
            {t('exportExcel')}
          </Button>
          {canManage && (
            <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
              {t(text.register)}
            </Button>
          )}
        </Space>
      </div>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={6}>
          <Card className="emp-stat" hoverable onClick={() => update({ status: 'open', tab: null })}>
            <Statistic title={t(text.openCases)} value={s?.openCases ?? '—'} suffix={s ? unit('人') : undefined} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card className="emp-stat" hoverable onClick={() => update({ status: 'placed', tab: null })}>
            <Statistic title={t(text.placedTwoYears)} value={s?.placed ?? '—'} suffix={s ? unit('人') : undefined} />
            {s && <Typography.Text type="secondary">{t(text.ofWhichZero, { households: s.placedZeroHouseholds, people: s.placedZeroPeople })}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card className="emp-stat" hoverable onClick={() => void navigate(`/c/${communityId}/employment/zero-employment`)}>
            <Statistic title={t(text.zeroNow)} value={s?.zeroCurrent ?? '—'} suffix={s ? unit('户') : undefined} />
            {s && s.zeroOverdue > 0 && <Typography.Text type="danger">{t(text.overdueN, { n: s.zeroOverdue })}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card className="emp-stat" hoverable onClick={() => update({ tab: 'followups' })}>
            <Statistic title={t(text.followupsDue)} value={s?.followupsDue ?? '—'} suffix={s ? unit('人次') : undefined} valueStyle={s && s.followupsDue > 0 ? { color: '#d4380d' } : undefined} />
          </Card>
        </Col>
      </Row>

      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'cases' ? null : k })}
          items={[
            {
              key: 'cases',
              label: t(text.tabCases),
              children: (
                <>
                  <Form layout="vertical" className="linli-filter-bar" component="div">
                    <Row gutter={16}>
                      <Col xs={24} sm={12} lg={6}>
                        <Form.Item label={t(text.searchName)}>
                          <Input.Search allowClear defaultValue={filters.q} onSearch={(v) => update({ q: v.trim() })} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={12} lg={4}>
                        <Form.Item label={t(text.status)}>
                          <Select
                            {...selectProps}
                            aria-label={t(text.status)}
                            value={filters.status}
                            options={Object.entries(CASE_STATUS_LABELS).map(([value, l]) => ({ value, label: lang === 'en' ? l.en : l.zh }))}
                            onChange={(v?: string) => update({ status: v ?? null })}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={12} lg={7}>
                        <Form.Item label={t(text.registeredBetween)}>
                          <PeriodFilter width={260} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={12} lg={7}>
                        <Form.Item label={t(text.placedBetween)}>
                          <DatePicker.RangePicker
                            style={{ width: '100%', maxWidth: 260 }}
                            value={range}
                            onChange={(v) => update({ placedFrom: v?.[0]?.format('YYYY-MM-DD') ?? null, placedTo: v?.[1]?.format('YYYY-MM-DD') ?? null })}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={12} lg={6}>
                        <Form.Item label={t(text.placementKind)}>
                          <Select
                            {...selectProps}
                            aria-label={t(text.placementKind)}
                            placeholder={t(text.anyPlacementKind)}
                            value={filters.placedKind}
                            options={Object.entries(PLACEMENT_KIND_LABELS).map(([value, l]) => ({ value, label: lang === 'en' ? l.en : l.zh }))}
                            onChange={(v?: string) => update({ placedKind: v ?? null })}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={12} lg={6}>
                        <Form.Item label=" ">
                          <Checkbox checked={filters.zero === '1'} onChange={(e) => update({ zero: e.target.checked ? '1' : null })}>
                            {t(text.zeroOnly)}
                          </Checkbox>
                        </Form.Item>
                      </Col>
                    </Row>
                  </Form>
                  {list.error ? (
                    <LoadError error={list.error} onRetry={() => void list.refetch()} />
                  ) : (
                    <Table<Case>
                      data-testid="employment-cases"
                      className="linli-clickable-rows"
                      rowKey="id"
                      columns={columns}
                      dataSource={list.data?.items}
                      loading={list.isFetching}
                      scroll={{ x: 'max-content' }}
                      onRow={(c) => ({ onClick: () => void navigate(`/c/${communityId}/employment/cases/${c.id}`) })}
                      locale={{ emptyText: list.isPending ? ' ' : <Empty description={t(filters.from ? text.noCasesPeriod : text.noCases)} /> }}
                      pagination={{
                        current: page,
                        pageSize,
                        total: list.data?.total ?? 0,
                        showSizeChanger: true,
                        pageSizeOptions: [20, 50, 100, 200],
                        showTotal: (n) => t(text.found, { n }),
                        onChange: (p, size) => update({ page: String(size === pageSize ? p : 1), pageSize: String(size) }),
                      }}
                    />
                  )}
                </>
              ),
            },
            {
              key: 'followups',
              label: `${t(text.tabFollowups)} ${followups.data?.length ?? ''}`,
              children: followups.error ? (
                <LoadError error={followups.error} onRetry={() => void followups.refetch()} />
              ) : (
                <Table<FollowupRow>
                  data-testid="employment-followups"
                  rowKey={(r) => `${r.caseId}-${r.stage}`}
                  columns={followupColumns}
                  dataSource={followups.data}
                  loading={followups.isFetching}
                  scroll={{ x: 'max-content' }}
                  pagination={false}
                  locale={{ emptyText: <Empty description={t(text.noFollowups)} /> }}
                />
              ),
            },
          ]}
        />
      </Card>
      <RegisterModal communityId={communityId} open={registering} onClose={() => setRegistering(false)} />
    </>
  );
}
