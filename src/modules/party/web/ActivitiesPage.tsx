import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, Drawer, Empty, Form, Input, Modal, Progress, Radio, Select, Skeleton, Space, Switch, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams } from 'react-router';
import { PeriodFilter, usePeriodParams } from '../../../web/PeriodFilter.tsx';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { ACTIVITY_KINDS } from '../schema.ts';
import { partyBase, partyKeys, useActivities, useActivity, useAllMembers, useAttendanceTotals, type Activity, type ActivityDetail, type AttendanceTotals, type Member } from './api.ts';
import { label, thisYear, yearOptions } from './components.tsx';
import { ACTIVITY_COLOURS, ACTIVITY_LABELS, MEMBER_STATUS_LABELS, text } from './text.ts';
import { useQueryParams } from '../../../web/useQueryParams.ts';

type Kind = (typeof ACTIVITY_KINDS)[number];
type TabKey = 'list' | 'totals';

interface ActivityForm {
  date: Dayjs;
  kind: Kind;
  topic: string;
  place?: string;
}

/** One line of the attendance sheet as it is being taken. */
interface SheetRow {
  memberId: string;
  name: string;
  groupName: string | null;
  frail: boolean;
  /** already on the saved sheet (otherwise filled in with the defaults) */
  recorded: boolean;
  present: boolean;
  reason: string;
}

/**
 * Everyone on the books, each with what the saved sheet says or else the default: present, except
 * 年老体弱 members, who are marked absent with that reason. Members recorded before they left stay.
 */
function buildRows(detail: ActivityDetail, members: Member[]): SheetRow[] {
  const saved = new Map(detail.attendance.map((a) => [a.memberId, a]));
  const rows: SheetRow[] = [];
  for (const m of members) {
    const a = saved.get(m.id);
    const frail = m.status === 'frail';
    if (a) rows.push({ memberId: m.id, name: m.name, groupName: m.groupName, frail, recorded: true, present: a.present, reason: a.reason ?? '' });
    else if (m.residentStatus !== 'deceased') rows.push({ memberId: m.id, name: m.name, groupName: m.groupName, frail, recorded: false, present: !frail, reason: frail ? text.frailReason.zh : '' });
    saved.delete(m.id);
  }
  for (const a of saved.values()) rows.push({ memberId: a.memberId, name: a.name, groupName: null, frail: false, recorded: true, present: a.present, reason: a.reason ?? '' });
  return rows;
}

function KindTag({ kind }: { kind: Kind }) {
  const { lang } = useI18n();
  return (
    <Tag color={ACTIVITY_COLOURS[kind]} className="party-kind-tag">
      {label(ACTIVITY_LABELS, kind, lang)}
    </Tag>
  );
}

/** The sheet for a manager: a switch per member, a reason for each absence, one save. */
function AttendanceSheet({ communityId, detail, members, onDirty }: { communityId: string; detail: ActivityDetail; members: Member[]; onDirty: (dirty: boolean) => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(() => buildRows(detail, members));
  const [dirty, setDirty] = useState(false);
  const firstTime = detail.attendance.length === 0;
  const unrecorded = rows.filter((r) => !r.recorded).length;
  const present = rows.filter((r) => r.present).length;

  const change = (memberId: string, patch: Partial<Pick<SheetRow, 'present' | 'reason'>>) => {
    setRows((rs) => rs.map((r) => (r.memberId === memberId ? { ...r, ...patch } : r)));
    setDirty(true);
    onDirty(true);
  };

  const save = useMutation({
    mutationFn: () =>
      api<ActivityDetail>('PUT', `${partyBase(communityId)}/activities/${encodeURIComponent(detail.id)}/attendance`, {
        entries: rows.map((r) => ({ memberId: r.memberId, present: r.present, reason: r.present ? null : r.reason.trim() || null })),
      }),
    onSuccess: (r) => {
      queryClient.setQueryData(partyKeys.activity(communityId, r.id), r);
      void queryClient.invalidateQueries({ queryKey: partyKeys.activities(communityId) });
      void queryClient.invalidateQueries({ queryKey: partyKeys.attendance(communityId) });
      void queryClient.invalidateQueries({ queryKey: ['party', communityId, 'member'] });
      setRows(buildRows(r, members));
      setDirty(false);
      onDirty(false);
      message.success(t(text.attendanceSaved, { present: r.present, absent: r.absent }));
    },
  });

  if (rows.length === 0) return <Empty description={t(text.noMembersSheet)} />;

  return (
    <div data-testid="party-attendance-sheet">
      {firstTime ? (
        <Alert type="info" showIcon title={t(text.sheetFirst)} style={{ marginBottom: 12 }} />
      ) : (
        unrecorded > 0 && <Alert type="warning" showIcon title={t(text.sheetUnrecorded, { n: unrecorded })} style={{ marginBottom: 12 }} />
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t(text.sheetHelp)}
      </Typography.Paragraph>
      <div className="party-sheet" role="list">
        {rows.map((r) => {
          const id = `party-att-${r.memberId}`;
          return (
            <div key={r.memberId} role="listitem" className={r.present ? 'party-sheet-row' : 'party-sheet-row is-absent'}>
              <label className="party-sheet-who" htmlFor={id}>
                <span className="party-sheet-name">{r.name}</span>
                {r.frail && (
                  <Tag color="orange" className="party-sheet-tag">
                    {label(MEMBER_STATUS_LABELS, 'frail', lang)}
                  </Tag>
                )}
                {r.groupName && <span className="party-sheet-group">{r.groupName}</span>}
              </label>
              <Switch id={id} checked={r.present} checkedChildren={t(text.present)} unCheckedChildren={t(text.absent)} onChange={(v) => change(r.memberId, { present: v })} />
              {r.present ? (
                <span className="party-sheet-reason" />
              ) : (
                <Input
                  className="party-sheet-reason"
                  aria-label={`${r.name} ${t(text.reason)}`}
                  placeholder={t(text.reasonHint)}
                  maxLength={200}
                  value={r.reason}
                  onChange={(e) => change(r.memberId, { reason: e.target.value })}
                />
              )}
            </div>
          );
        })}
      </div>
      <div className="party-sheet-footer">
        <Space size={12} wrap>
          <span className="party-count">
            {t(text.attendance, { present, absent: rows.length - present })}
          </span>
          {dirty && <Tag color="warning">{t(text.unsaved)}</Tag>}
        </Space>
        <Button type="primary" size="large" icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate()} data-testid="party-save-attendance">
          {t(text.saveAttendance)}
        </Button>
      </div>
      {save.error && <Alert type="error" showIcon title={save.error.message} style={{ marginTop: 12 }} />}
    </div>
  );
}

/** What a reader (party.read only) sees: the saved sheet. */
function SavedSheet({ detail }: { detail: ActivityDetail }) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      rowKey="memberId"
      dataSource={detail.attendance}
      pagination={false}
      locale={{ emptyText: t(text.notTaken) }}
      columns={[
        { title: t(text.member), dataIndex: 'name' },
        {
          title: t(text.attendanceCol),
          key: 'present',
          render: (_, a) => (a.present ? <Tag color="success">{t(text.present)}</Tag> : <Tag>{a.reason ? `${t(text.absent)}：${a.reason}` : t(text.absent)}</Tag>),
        },
      ]}
    />
  );
}

function ActivityDrawer({ communityId, id, canManage, onClose }: { communityId: string; id: string | null; canManage: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { modal } = AntApp.useApp();
  const activity = useActivity(communityId, id);
  const members = useAllMembers(communityId, Boolean(id) && canManage);
  const [dirty, setDirty] = useState(false);
  const a = activity.data;
  const error = activity.error ?? members.error;

  const close = () => {
    if (!dirty) return onClose();
    modal.confirm({
      title: t(text.discardTitle),
      okText: t(text.discard),
      okButtonProps: { danger: true },
      cancelText: t(text.keepEditing),
      onOk: () => {
        setDirty(false);
        onClose();
      },
    });
  };

  return (
    <Drawer open={Boolean(id)} onClose={close} size={680} title={a ? a.topic : t(text.sheetTitle)} destroyOnHidden afterOpenChange={(open) => !open && setDirty(false)}>
      {error ? (
        <LoadError error={error} />
      ) : !a || (canManage && !members.data) ? (
        <Skeleton active />
      ) : (
        <div data-testid="party-activity-drawer">
          <Space size={8} wrap className="party-sheet-meta">
            <span className="linli-mono">{a.date}</span>
            <KindTag kind={a.kind} />
            {a.place && <Typography.Text type="secondary">{a.place}</Typography.Text>}
          </Space>
          <Typography.Title level={5} className="party-drawer-section" style={{ marginTop: 16 }}>
            {t(text.sheetTitle)}
          </Typography.Title>
          {canManage && members.data ? (
            <AttendanceSheet key={a.id} communityId={communityId} detail={a} members={members.data.items} onDirty={setDirty} />
          ) : (
            <SavedSheet detail={a} />
          )}
        </div>
      )}
    </Drawer>
  );
}

function TotalsTab({ totals, loading }: { totals: AttendanceTotals | undefined; loading: boolean }) {
  const { t } = useI18n();
  type Row = AttendanceTotals['members'][number];
  const columns: TableColumnsType<Row> = [
    { title: t(text.member), dataIndex: 'name', render: (v: string) => <span className="linli-row-name">{v}</span> },
    { title: t(text.present), dataIndex: 'present', width: 100, align: 'right', sorter: (x, y) => x.present - y.present },
    { title: t(text.absent), dataIndex: 'absent', width: 100, align: 'right', sorter: (x, y) => x.absent - y.absent },
    {
      title: t(text.attendanceRate),
      key: 'rate',
      width: 220,
      sorter: (x, y) => x.present / Math.max(1, x.present + x.absent) - y.present / Math.max(1, y.present + y.absent),
      render: (_, r) => {
        const n = r.present + r.absent;
        return n ? <Progress size="small" percent={Math.round((r.present / n) * 100)} format={() => `${r.present}/${n}`} /> : '—';
      },
    },
  ];
  return (
    <div data-testid="party-attendance-totals">
      {totals && (
        <Typography.Paragraph type="secondary">
          {t(text.totalsIntro, { year: totals.year, n: totals.activities })}
        </Typography.Paragraph>
      )}
      <Table<Row>
        rowKey="memberId"
        columns={columns}
        dataSource={totals?.members}
        loading={loading}
        scroll={{ x: 'max-content' }}
        pagination={(totals?.members.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noTotals)} /> }}
      />
    </div>
  );
}

/** /c/:communityId/party/activities — study sessions and activities, their attendance sheets, the year's totals. */
export function ActivitiesPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'party.manage');
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const { params, patch } = useQueryParams();
  const year = Number(params.get('year')) || thisYear();
  const tab: TabKey = params.get('tab') === 'totals' ? 'totals' : 'list';
  const open = params.get('activity');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<ActivityForm>();
  const period = usePeriodParams();
  const list = useActivities(communityId, year, period);
  const totals = useAttendanceTotals(communityId, year, tab === 'totals');

  const update = patch;

  const create = useMutation({
    mutationFn: (v: ActivityForm) =>
      api<{ id: string }>('POST', `${partyBase(communityId)}/activities`, { date: v.date.format('YYYY-MM-DD'), kind: v.kind, topic: v.topic.trim(), place: v.place?.trim() || null }),
    onSuccess: (r, v) => {
      void queryClient.invalidateQueries({ queryKey: partyKeys.activities(communityId) });
      void queryClient.invalidateQueries({ queryKey: partyKeys.attendance(communityId) });
      message.success(t(text.activityCreated));
      setCreating(false);
      form.resetFields();
      update({ year: String(v.date.year()), tab: null, activity: r.id });
    },
  });

  const columns: TableColumnsType<Activity> = [
    { title: t(text.activityDate), dataIndex: 'date', width: 120, render: (v: string) => <span className="linli-mono">{v}</span> },
    { title: t(text.activityKind), dataIndex: 'kind', width: 120, render: (k: Kind) => <KindTag kind={k} /> },
    {
      title: t(text.activityTopic),
      dataIndex: 'topic',
      render: (v: string, a) => (
        <Space orientation="vertical" size={0}>
          <span className="linli-row-name">{v}</span>
          {a.place && <Typography.Text type="secondary">{a.place}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t(text.attendanceCol),
      key: 'attendance',
      width: 180,
      render: (_, a) =>
        a.present + a.absent === 0 ? (
          <Tag>{t(text.notTaken)}</Tag>
        ) : (
          <span className="party-count">
            <Typography.Text type="success">
              {t(text.present)} {a.present}
            </Typography.Text>
            {' · '}
            <Typography.Text type={a.absent ? 'warning' : 'secondary'}>
              {t(text.absent)} {a.absent}
            </Typography.Text>
          </span>
        ),
    },
  ];

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.activitiesTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.activitiesIntro)}</Typography.Text>
        </div>
        <Space wrap>
          <Select aria-label={t(text.year)} size="large" value={period.from ? undefined : year} placeholder={t(text.year)} options={yearOptions(lang)} onChange={(v: number) => update({ year: String(v), from: null, to: null })} style={{ width: 120 }} />
          <PeriodFilter size="large" />
          {canManage && (
            <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t(text.addActivity)}
            </Button>
          )}
        </Space>
      </div>

      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'totals' ? 'totals' : null })}
          items={[
            {
              key: 'list',
              label: list.data ? `${t(text.activityList)} ${list.data.length}` : t(text.activityList),
              children: list.error ? (
                <LoadError error={list.error} onRetry={() => void list.refetch()} />
              ) : (
                <Table<Activity>
                  data-testid="party-activities"
                  className="linli-clickable-rows"
                  rowKey="id"
                  columns={columns}
                  dataSource={list.data}
                  loading={list.isFetching}
                  scroll={{ x: 'max-content' }}
                  pagination={(list.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                  onRow={(a) => ({
                    onClick: () => update({ activity: a.id }),
                    onKeyDown: (e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        update({ activity: a.id });
                      }
                    },
                    tabIndex: 0,
                  })}
                  locale={{ emptyText: list.isPending ? ' ' : <Empty description={t(period.from ? text.noActivitiesPeriod : text.noActivitiesYear)} /> }}
                />
              ),
            },
            {
              key: 'totals',
              label: t(text.yearTotals),
              children: totals.error ? <LoadError error={totals.error} onRetry={() => void totals.refetch()} /> : <TotalsTab totals={totals.data} loading={totals.isFetching} />,
            },
          ]}
        />
      </Card>

      <ActivityDrawer communityId={communityId} id={open} canManage={canManage} onClose={() => update({ activity: null })} />

      <Modal open={creating} title={t(text.addActivity)} okText={t('save')} cancelText={t('cancel')} confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={() => setCreating(false)} destroyOnHidden width={640}>
        <Form form={form} layout="vertical" initialValues={{ date: dayjs(), kind: 'study' }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="date" label={t(text.activityDate)} rules={[{ required: true, message: t(text.required) }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="kind" label={t(text.activityKind)} rules={[{ required: true, message: t(text.required) }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={ACTIVITY_KINDS.map((k) => ({ value: k, label: label(ACTIVITY_LABELS, k, lang) }))} />
          </Form.Item>
          <Form.Item name="topic" label={t(text.activityTopic)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
            <Input maxLength={200} placeholder={t(text.activityTopicHint)} />
          </Form.Item>
          <Form.Item name="place" label={t(text.activityPlace)}>
            <Input maxLength={100} placeholder={t(text.activityPlaceHint)} />
          </Form.Item>
          {create.error && <Alert type="error" showIcon title={create.error.message} />}
        </Form>
      </Modal>
    </>
  );
}
