import { useState } from 'react';
import { Button, Card, Empty, Input, Select, Space, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { ExportOutlined, PhoneOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { PeriodFilter } from '../../../web/PeriodFilter.tsx';
import { formatDateTime } from '../../../web/format.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { exportHref, useItems, useTickets, type Ticket } from './api.ts';
import { StatusTag, TicketDrawer } from './TicketDrawer.tsx';
import { CHANNELS, STATUSES, pick, text } from './text.ts';
import { useQueryParams } from '../../../web/useQueryParams.ts';

const KEYS = ['status', 'channel', 'itemId', 'overdue', 'from', 'to', 'q'] as const;

/** /c/:communityId/services/tickets — every request, overdue first, with filters the report links to. */
export function TicketsPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const { params, patch } = useQueryParams();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const filters = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? undefined])) as Record<(typeof KEYS)[number], string | undefined>;
  const list = useTickets(communityId, { ...filters, page, pageSize });
  const items = useItems(communityId);
  const open = params.get('open');
  const set = (k: string, v: string | null | undefined) => {
    patch({ [k]: v });
    setPage(1);
  };

  const columns: TableColumnsType<Ticket> = [
    { title: t({ zh: '工单号', en: 'No.' }), dataIndex: 'number', width: 100, render: (v: string) => <span className="linli-mono">{v}</span> },
    { title: t({ zh: '受理时间', en: 'Accepted' }), dataIndex: 'acceptedAt', width: 140, render: (v: string) => formatDateTime(v, lang).slice(0, 16) },
    { title: t({ zh: '渠道', en: 'Channel' }), dataIndex: 'channel', width: 64, render: (v: string) => pick(CHANNELS, v, lang) },
    { title: t({ zh: '诉求人', en: 'Requester' }), dataIndex: 'callerName', width: 90, render: (v: string) => <span className="linli-row-name">{v}</span> },
    { title: t({ zh: '服务项目', en: 'Service' }), dataIndex: 'itemName', width: 90 },
    { title: t({ zh: '诉求内容', en: 'Request' }), dataIndex: 'description', ellipsis: true },
    { title: t({ zh: '承办人', en: 'Assignee' }), dataIndex: 'assigneeName', width: 120, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t({ zh: '办理时限', en: 'Due' }), dataIndex: 'dueAt', width: 140, render: (v: string, r) => <span className={r.overdue ? 'services-overdue' : undefined}>{formatDateTime(v, lang).slice(0, 16)}</span> },
    { title: t({ zh: '状态', en: 'Status' }), key: 'status', width: 150, fixed: 'right', render: (_, r) => <StatusTag t={r} /> },
  ];

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t({ zh: '服务工单', en: 'Service tickets' })}</Typography.Title>
          <Typography.Text type="secondary">{t({ zh: '窗口、热线、网上的每一件诉求：受理 → 派单 → 办理 → 办结 → 回访', en: 'Every request from the desk, hotline and online: accepted → assigned → in progress → done → followed up' })}</Typography.Text>
        </div>
        <Space wrap>
          <Button icon={<ExportOutlined />} href={exportHref(communityId, 'tickets/export.xlsx', filters)}>
            {t(text.exportExcel)}
          </Button>
          {canInCommunity(community, 'services.manage') && (
            <Link to={`/c/${communityId}/services/hotline`}>
              <Button type="primary" size="large" icon={<PhoneOutlined />}>
                {t({ zh: '热线受理', en: 'Take a call' })}
              </Button>
            </Link>
          )}
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size={12}>
          <Input.Search allowClear placeholder={t({ zh: '诉求人、工单号、内容', en: 'Requester, number, text' })} defaultValue={filters.q} onSearch={(v) => set('q', v)} style={{ width: 220 }} />
          <Select
            allowClear
            style={{ width: 170 }}
            placeholder={t({ zh: '状态', en: 'Status' })}
            value={filters.status}
            onChange={(v) => set('status', v)}
            options={[{ value: 'open', label: t({ zh: '未办结（全部）', en: 'Open (all)' }) }, { value: 'done,followed_up', label: t({ zh: '已办结（全部）', en: 'Finished (all)' }) }, ...Object.keys(STATUSES).map((s) => ({ value: s, label: pick(STATUSES, s, lang) }))]}
          />
          <Select allowClear style={{ width: 110 }} placeholder={t({ zh: '渠道', en: 'Channel' })} value={filters.channel} onChange={(v) => set('channel', v)} options={Object.keys(CHANNELS).map((c) => ({ value: c, label: pick(CHANNELS, c, lang) }))} />
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 150 }} placeholder={t({ zh: '服务项目', en: 'Service' })} value={filters.itemId} onChange={(v) => set('itemId', v)} options={(items.data ?? []).map((i) => ({ value: i.id, label: i.name }))} />
          <PeriodFilter />
          <Space>
            <Switch checked={filters.overdue === '1'} onChange={(v) => set('overdue', v ? '1' : null)} aria-label={t({ zh: '只看超时', en: 'Overdue only' })} />
            {t({ zh: '只看超时', en: 'Overdue only' })}
          </Space>
        </Space>
      </Card>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Ticket>
          className="linli-clickable-rows"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 1080 }}
          rowClassName={(r) => (r.overdue ? 'services-row-overdue' : '')}
          onRow={(r) => ({ onClick: () => set('open', r.id) })}
          locale={{ emptyText: list.isPending ? ' ' : <Empty description={t({ zh: '没有符合条件的工单', en: 'No tickets match' })} /> }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t({ zh: '共 {n} 件', en: '{n} tickets' }, { n }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
        />
      )}
      <TicketDrawer communityId={communityId} id={open} canManage={canInCommunity(community, 'services.manage')} canReveal={canInCommunity(community, 'services.reveal')} onClose={() => set('open', null)} />
    </>
  );
}
