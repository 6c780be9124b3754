import { useState } from 'react';
import { Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { LoadError } from '../../pages/ResultPages.tsx';
import type { Paged } from '../../types.ts';
import { formatDateTime } from '../../format.ts';
import { useCommunities } from '../lookups.ts';
import { AuditDiff } from './AuditDiff.tsx';
import { AuditFilterForm } from './AuditFilterForm.tsx';
import { diffRecords } from './diff.ts';
import { text } from './text.ts';
import type { AuditEntry, AuditFilters, AuditOutcome } from './types.ts';

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

const outcomeColor: Record<AuditOutcome, string> = { ok: 'green', denied: 'orange', failed: 'red' };

/** `profile #3f2a…` — long ids (UUIDs) shortened, the whole id one click away to copy. */
function RecordRef({ type, id }: { type: string | null; id: string | null }) {
  if (!type) return <>—</>;
  if (!id) return <>{type}</>;
  const short = id.length > 12 ? `${id.slice(0, 8)}…` : id;
  return (
    <Space orientation="vertical" size={0}>
      {type}
      <Typography.Text type="secondary" copyable={{ text: id }} title={id}>
        #{short}
      </Typography.Text>
    </Space>
  );
}

/** /audit — the audit log, filtered, paged, exportable. */
export function AuditPage() {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const communities = useCommunities();
  const communityName = (id: string | null) => (id ? (communities.data?.find((c) => c.id === id)?.name ?? id) : '—');

  const list = useQuery({
    queryKey: ['audit', filters, page, pageSize],
    queryFn: () => api<Paged<AuditEntry>>('GET', withQuery('/api/v1/audit', { ...filters, page, pageSize })),
    placeholderData: keepPreviousData,
  });

  const base: TableColumnsType<AuditEntry> = [
    { title: t(text.at), dataIndex: 'at', render: (v: string) => formatDateTime(v, lang) },
    {
      title: `${t(text.actor)} / ${t(text.ip)}`,
      key: 'actor',
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          {e.actorUsername ?? <Typography.Text type="secondary">{t(text.system)}</Typography.Text>}
          {e.ip && <Typography.Text type="secondary">{e.ip}</Typography.Text>}
        </Space>
      ),
    },
    { title: t(text.action), dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t(text.record),
      key: 'record',
      render: (_, e) => <RecordRef type={e.entityType} id={e.entityId} />,
    },
    { title: t(text.community), dataIndex: 'communityId', render: communityName },
    {
      title: t(text.outcome),
      dataIndex: 'outcome',
      render: (v: AuditOutcome) => <Tag color={outcomeColor[v]}>{t(text[v])}</Tag>,
    },
    {
      title: t(text.changes),
      key: 'changes',
      render: (_, e) => {
        const n = diffRecords(e.before, e.after).length;
        return n ? t(text.changeCount, { n }) : '—';
      },
    },
  ];
  const columns = base.map((c) => ({ ...c, onCell: nowrap, onHeaderCell: nowrap }));

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.title)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.intro)}</Typography.Text>
        </div>
        <Button icon={<DownloadOutlined />} href={withQuery('/api/v1/audit/export.xlsx', { ...filters })}>
          {t('exportExcel')}
        </Button>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <AuditFilterForm
          onApply={(f) => {
            setFilters(f);
            setPage(1);
          }}
        />
      </Card>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<AuditEntry>
          rowKey="seq"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (e) => <AuditDiff entry={e} />,
            rowExpandable: (e) => e.before !== null || e.after !== null,
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('total', { n }),
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
          }}
        />
      )}
    </>
  );
}
