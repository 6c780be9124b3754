import { useState } from 'react';
import { Button, Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { PeriodFilter } from '../../../web/PeriodFilter.tsx';
import { formatDateTime } from '../../../web/format.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { exportHref, useDeliveries, useItems, type Delivery } from './api.ts';
import { OUTCOME_COLOURS, OUTCOMES, pick, text } from './text.ts';
import { useQueryParams } from '../../../web/useQueryParams.ts';

const KEYS = ['from', 'to', 'outcome', 'itemId', 'providerId', 'clientId'] as const;

/** /c/:communityId/services/door/log — every visit logged, with the household-times (户/次) they add up to. */
export function LogPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const { params, patch } = useQueryParams();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const filters = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? undefined])) as Record<(typeof KEYS)[number], string | undefined>;
  const log = useDeliveries(communityId, { ...filters, page, pageSize });
  const items = useItems(communityId);
  const set = (k: string, v: string | null | undefined) => {
    patch({ [k]: v });
    setPage(1);
  };
  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t({ zh: '上门服务记录', en: 'Delivery log' })}</Typography.Title>
          <Typography.Text type="secondary">{t({ zh: '每一次上门：已服务、不在家或拒绝；户/次按同一户、同一服务、同一天计一次', en: 'Every visit: done, not home or refused; a household-time is one household, service and day' })}</Typography.Text>
        </div>
        <Button size="large" icon={<ExportOutlined />} href={exportHref(communityId, 'door/deliveries/export.xlsx', filters)}>
          {t(text.exportExcel)}
        </Button>
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[16, 12]} align="middle">
          <Col xs={24} md={16}>
            <Space wrap>
              <PeriodFilter onChange={() => setPage(1)} />
              <Select allowClear style={{ width: 120 }} placeholder={t({ zh: '结果', en: 'Outcome' })} value={filters.outcome} onChange={(v) => set('outcome', v)} options={Object.keys(OUTCOMES).map((o) => ({ value: o, label: pick(OUTCOMES, o, lang) }))} />
              <Select allowClear style={{ width: 140 }} placeholder={t({ zh: '服务内容', en: 'Service' })} value={filters.itemId} onChange={(v) => set('itemId', v)} options={(items.data ?? []).filter((i) => i.door).map((i) => ({ value: i.id, label: i.name }))} />
            </Space>
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t({ zh: '上门服务（户/次）', en: 'Household-times' })} value={log.data?.householdTimes ?? '—'} loading={log.isPending} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t({ zh: '记录条数', en: 'Entries' })} value={log.data?.total ?? '—'} loading={log.isPending} />
          </Col>
        </Row>
      </Card>
      {log.error ? (
        <LoadError error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <Table<Delivery>
          rowKey="id"
          size="middle"
          dataSource={log.data?.items}
          loading={log.isFetching}
          scroll={{ x: 1150 }}
          pagination={{ current: page, pageSize, total: log.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t({ zh: '共 {n} 条', en: '{n} entries' }, { n }), onChange: (p, s) => { setPage(p); setPageSize(s); } }}
          columns={[
            { title: t({ zh: '日期', en: 'Date' }), dataIndex: 'date', width: 110, render: (v: string) => <span className="linli-mono">{v}</span> },
            { title: t({ zh: '服务对象', en: 'Resident' }), dataIndex: 'name', width: 100, render: (v: string) => <span className="linli-row-name">{v}</span> },
            { title: t({ zh: '住址', en: 'Address' }), dataIndex: 'address', width: 220 },
            { title: t({ zh: '服务内容', en: 'Service' }), dataIndex: 'itemName', width: 90 },
            { title: t({ zh: '服务人员', en: 'Provider' }), dataIndex: 'providerName', width: 150 },
            { title: t({ zh: '结果', en: 'Outcome' }), dataIndex: 'outcome', width: 90, render: (v: string) => <Tag color={OUTCOME_COLOURS[v]}>{pick(OUTCOMES, v, lang)}</Tag> },
            { title: t({ zh: '登记', en: 'Logged' }), key: 'by', width: 190, render: (_, r) => `${r.loggedByName} ${formatDateTime(r.loggedAt, lang).slice(5, 16)}` },
            { title: t({ zh: '备注', en: 'Notes' }), dataIndex: 'note', width: 180 },
          ]}
        />
      )}
    </>
  );
}
