import { useMemo } from 'react';
import { Button, Card, Col, Descriptions, Drawer, Empty, Form, Input, List, Row, Select, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, TrophyOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { MEMBER_FILTER_KEYS, membersExportHref, useBranch, useMember, useMembers, type Member, type MemberListFilters } from './api.ts';
import { label, PledgeStatusTag } from './components.tsx';
import { MemberAccount } from './MemberAccount.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { KIND_LABELS, MEMBER_STATUS_LABELS, text } from './text.ts';
import { useQueryParams, type QueryPatch } from '../../../web/useQueryParams.ts';

function StatusTag({ m }: { m: Member }) {
  const { t, lang } = useI18n();
  return (
    <Space size={4} wrap>
      {m.status !== 'normal' && <Tag color={m.status === 'frail' ? 'orange' : 'blue'}>{label(MEMBER_STATUS_LABELS, m.status, lang)}</Tag>}
      {m.leftDate && <Tag>{t(text.left)}</Tag>}
      {m.residentStatus && m.residentStatus !== 'active' && <Tag>{t(text.movedAway)}</Tag>}
      {m.status === 'normal' && !m.leftDate && (!m.residentStatus || m.residentStatus === 'active') && label(MEMBER_STATUS_LABELS, 'normal', lang)}
    </Space>
  );
}

function MemberDrawer({ communityId, id, onClose }: { communityId: string; id: string | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const canManage = canInCommunity(useCurrentCommunity(), 'party.manage');
  const q = useMember(communityId, id);
  const m = q.data;
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={560} title={m?.name ?? t(text.member)} destroyOnHidden>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !m ? (
        <Skeleton active />
      ) : (
        <div data-testid="party-member-drawer">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t(text.kind)}>{label(KIND_LABELS, m.kind, lang)}</Descriptions.Item>
            <Descriptions.Item label={t(text.group)}>{m.groupName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(text.memberStatus)}>
              <StatusTag m={m} />
            </Descriptions.Item>
            <Descriptions.Item label={t(text.joined)}>{m.joinedDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(text.phone)}>
              <span className="linli-mono">{m.phoneMasked ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t(text.team)}>{m.volunteerTeamName ?? '—'}</Descriptions.Item>
            {m.notes && <Descriptions.Item label={t(text.notes)}>{m.notes}</Descriptions.Item>}
          </Descriptions>
          {m.residentId ? (
            <Link to={`/c/${communityId}/residents/${m.residentId}`} style={{ display: 'inline-block', marginTop: 8 }}>
              {t(text.openResident)}
            </Link>
          ) : (
            <Typography.Text type="secondary" style={{ display: 'inline-block', marginTop: 8 }}>
              {t(text.livesElsewhere)}
            </Typography.Text>
          )}

          <Typography.Title level={5} className="party-drawer-section">
            {t(text.memberPledgesTitle)}
          </Typography.Title>
          <List
            size="small"
            dataSource={m.pledges}
            locale={{ emptyText: t(text.none) }}
            renderItem={(p) => (
              <List.Item extra={<PledgeStatusTag status={p.status} />}>
                <Space orientation="vertical" size={0}>
                  <Typography.Text>
                    <Typography.Text type="secondary">{t(text.yearN, { year: p.year })} · </Typography.Text>
                    {p.title}
                  </Typography.Text>
                  {p.areas.length > 0 && <Typography.Text type="secondary">{p.areas.map((a) => a.label).join('、')}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />

          <Typography.Title level={5} className="party-drawer-section">
            {t(text.attendanceTitle)}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8, fontSize: 14 }}>
              {t(text.attendance, { present: m.attendance.filter((a) => a.present).length, absent: m.attendance.filter((a) => !a.present).length })}
            </Typography.Text>
          </Typography.Title>
          <Table
            size="small"
            rowKey="activityId"
            dataSource={m.attendance}
            pagination={m.attendance.length > 8 ? { pageSize: 8, size: 'small' } : false}
            locale={{ emptyText: t(text.none) }}
            columns={[
              { title: t(text.issueDate), dataIndex: 'date', width: 110, render: (v: string) => <span className="linli-mono">{v}</span> },
              { title: t(text.issueTitle), dataIndex: 'topic' },
              {
                title: t(text.status),
                key: 'present',
                width: 140,
                render: (_, a) => (a.present ? <Tag color="success">{t(text.present)}</Tag> : <Tag>{a.reason ? `${t(text.absent)}：${a.reason}` : t(text.absent)}</Tag>),
              },
            ]}
          />

          {canManage && <MemberAccount communityId={communityId} memberId={m.id} memberLeft={Boolean(m.leftDate)} />}

          <Typography.Title level={5} className="party-drawer-section">
            {t(text.honoursTitle)}
          </Typography.Title>
          {m.honours.length === 0 ? (
            <Typography.Text type="secondary">{t(text.none)}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={m.honours}
              renderItem={(h) => (
                <List.Item extra={<span className="linli-mono">{h.date}</span>}>
                  <span>
                    <TrophyOutlined style={{ color: '#d48806', marginInlineEnd: 6 }} />
                    {h.title}
                  </span>
                </List.Item>
              )}
            />
          )}
        </div>
      )}
    </Drawer>
  );
}

/** /c/:communityId/party/members — the member list with filters, Excel export and a detail drawer. */
export function MembersPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const { params, patch } = useQueryParams();
  const filters = useMemo(() => {
    const f: MemberListFilters = {};
    for (const k of MEMBER_FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 50;
  const open = params.get('member');
  const branch = useBranch(communityId);
  const list = useMembers(communityId, filters, page, pageSize);

  // a new filter starts again at the first page (opening a member keeps it)
  const update = (changes: QueryPatch) => patch('page' in changes || 'member' in changes ? changes : { ...changes, page: null });

  const columns: TableColumnsType<Member> = [
    { title: t(text.searchName), dataIndex: 'name', width: 120, render: (v: string) => <span className="linli-row-name">{v}</span> },
    { title: t(text.group), dataIndex: 'groupName', render: (v: string | null) => v ?? '—' },
    { title: t(text.kind), dataIndex: 'kind', render: (v: string) => label(KIND_LABELS, v, lang) },
    { title: t(text.memberStatus), key: 'status', render: (_, m) => <StatusTag m={m} /> },
    { title: t(text.joined), dataIndex: 'joinedDate', render: (v: string | null) => <span className="linli-mono">{v ?? '—'}</span> },
    { title: t(text.phone), dataIndex: 'phoneMasked', render: (v: string | null) => <span className="linli-mono">{v ?? '—'}</span> },
    { title: t(text.team), dataIndex: 'volunteerTeamName', render: (v: string | null) => v ?? '—' },
  ];
  const selectProps = { allowClear: true, placeholder: t(text.any), style: { width: '100%' } };

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.membersTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.membersIntro)}</Typography.Text>
        </div>
        <Button size="large" icon={<DownloadOutlined />} href={membersExportHref(communityId, filters)}>
          {t('exportExcel')}
        </Button>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" className="linli-filter-bar" component="div">
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t(text.searchName)}>
                <Input.Search allowClear defaultValue={filters.q} onSearch={(v) => update({ q: v.trim() })} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t(text.group)}>
                <Select {...selectProps} value={filters.groupId} options={(branch.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))} onChange={(v?: string) => update({ groupId: v ?? null })} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t(text.kind)}>
                <Select
                  {...selectProps}
                  value={filters.kind}
                  options={Object.entries(KIND_LABELS).map(([value, l]) => ({ value, label: lang === 'en' ? l.en : l.zh }))}
                  onChange={(v?: string) => update({ kind: v ?? null })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t(text.memberStatus)}>
                <Select
                  {...selectProps}
                  value={filters.status}
                  options={Object.entries(MEMBER_STATUS_LABELS).map(([value, l]) => ({ value, label: lang === 'en' ? l.en : l.zh }))}
                  onChange={(v?: string) => update({ status: v ?? null })}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Member>
          className="linli-clickable-rows"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          onRow={(m) => ({ onClick: () => update({ member: m.id }) })}
          locale={{ emptyText: list.isPending ? ' ' : <Empty description={t(text.noMembers)} /> }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t(text.found, { n }),
            onChange: (p, s) => update({ page: String(s === pageSize ? p : 1), pageSize: String(s) }),
          }}
        />
      )}
      <MemberDrawer communityId={communityId} id={open} onClose={() => update({ member: null })} />
    </>
  );
}
