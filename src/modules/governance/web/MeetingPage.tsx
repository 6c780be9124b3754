import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Empty, Input, Modal, Popconfirm, Radio, Result, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, EditOutlined, PauseCircleOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { govBase, govKeys, useMeeting, useProposals, type MeetingDetail } from './api.ts';
import { PassMark, StateTag, TallyBar } from './components.tsx';
import { MeetingModal } from './AssemblyPage.tsx';
import { CHOICE_LABELS, label, SOURCE_LABELS, text } from './text.ts';

type Item = MeetingDetail['items'][number];
type Choice = 'for' | 'against' | 'abstain';

function Attendance({ communityId, m, canManage }: { communityId: string; m: MeetingDetail; canManage: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [marks, setMarks] = useState<Record<string, { present: boolean | null; reason: string | null }>>({});
  useEffect(() => setMarks(Object.fromEntries(m.seatsList.map((s) => [s.representativeId, { present: s.present, reason: s.reason }]))), [m.seatsList]);
  const save = useMutation({
    mutationFn: () =>
      api('PUT', `${govBase(communityId)}/meetings/${m.id}/attendance`, {
        marks: Object.entries(marks)
          .filter(([, v]) => v.present !== null)
          .map(([representativeId, v]) => ({ representativeId, present: v.present, reason: v.present ? null : v.reason || null })),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: govKeys.all(communityId) });
      message.success(t(text.attendanceSaved));
    },
    onError: (e) => message.error(e.message),
  });
  const present = Object.values(marks).filter((v) => v.present).length;
  return (
    <Card
      title={`${t(text.takeAttendance)}（${present}/${m.seatsList.length}）`}
      extra={
        canManage && (
          <Space wrap>
            <Button onClick={() => setMarks(Object.fromEntries(m.seatsList.map((s) => [s.representativeId, { present: true, reason: null }])))}>{t(text.allPresent)}</Button>
            <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate()}>
              {t(text.saveAttendance)}
            </Button>
          </Space>
        )
      }
      style={{ marginBottom: 16 }}
    >
      <Table
        rowKey="representativeId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={m.seatsList}
        data-testid="gov-attendance"
        columns={[
          { title: t(text.building), dataIndex: 'buildingName', width: 90 },
          { title: t(text.representative), dataIndex: 'name', width: 100, render: (v: string) => <span className="linli-row-name">{v}</span> },
          {
            title: t(text.attendance),
            key: 'p',
            render: (_, s) => (
              <Radio.Group
                disabled={!canManage}
                optionType="button"
                buttonStyle="solid"
                value={marks[s.representativeId]?.present ?? null}
                onChange={(e) => setMarks({ ...marks, [s.representativeId]: { present: e.target.value as boolean, reason: marks[s.representativeId]?.reason ?? null } })}
                options={[
                  { value: true, label: t(text.present) },
                  { value: false, label: t(text.absent) },
                ]}
                aria-label={`${s.name} ${t(text.attendance)}`}
              />
            ),
          },
          {
            title: t(text.reason),
            key: 'r',
            render: (_, s) =>
              marks[s.representativeId]?.present === false ? (
                <Input
                  size="small"
                  disabled={!canManage}
                  maxLength={60}
                  value={marks[s.representativeId]?.reason ?? ''}
                  onChange={(e) => setMarks({ ...marks, [s.representativeId]: { present: false, reason: e.target.value } })}
                  aria-label={`${s.name} ${t(text.reason)}`}
                />
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function VoteModal({ communityId, m, item, onClose }: { communityId: string; m: MeetingDetail; item: Item | null; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const present = m.seatsList.filter((s) => s.present);
  const [votes, setVotes] = useState<Record<string, Choice | null>>({});
  useEffect(() => {
    if (item) setVotes(Object.fromEntries(present.map((s) => [s.representativeId, item.votes.find((v) => v.representativeId === s.representativeId)?.choice ?? null])));
  }, [item]);
  const save = useMutation({
    mutationFn: () => api('PUT', `${govBase(communityId)}/meetings/${m.id}/proposals/${item!.proposalId}/votes`, { votes: Object.entries(votes).map(([representativeId, choice]) => ({ representativeId, choice })) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: govKeys.all(communityId) });
      onClose();
    },
  });
  return (
    <Modal open={Boolean(item)} title={item ? t(text.votesOf, { title: item.title }) : ''} okText={t('save')} cancelText={t('cancel')} onOk={() => save.mutate()} onCancel={onClose} confirmLoading={save.isPending} width={640} destroyOnHidden>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button icon={<CheckOutlined />} onClick={() => setVotes(Object.fromEntries(present.map((s) => [s.representativeId, 'for' as Choice])))}>
          {t(text.allFor)}
        </Button>
        <Button onClick={() => setVotes(Object.fromEntries(present.map((s) => [s.representativeId, null])))}>{t(text.clearVotes)}</Button>
      </Space>
      <Table
        rowKey="representativeId"
        size="small"
        pagination={false}
        scroll={{ y: 420 }}
        dataSource={present}
        columns={[
          { title: t(text.representative), dataIndex: 'name', width: 110, render: (v: string, s) => `${v}（${s.buildingName}）` },
          {
            title: t(text.vote),
            key: 'v',
            render: (_, s) => (
              <Radio.Group
                optionType="button"
                value={votes[s.representativeId] ?? null}
                onChange={(e) => setVotes({ ...votes, [s.representativeId]: e.target.value as Choice })}
                options={(['for', 'against', 'abstain'] as const).map((c) => ({ value: c, label: t(CHOICE_LABELS[c]) }))}
                aria-label={`${s.name} ${t(text.vote)}`}
              />
            ),
          },
        ]}
      />
      {save.error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={save.error.message} />}
    </Modal>
  );
}

function Agenda({ communityId, m, canManage }: { communityId: string; m: MeetingDetail; canManage: boolean }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [voting, setVoting] = useState<Item | null>(null);
  const [pick, setPick] = useState<string | undefined>();
  const submitted = useProposals(communityId, { state: 'submitted', page: 1, pageSize: 100 });
  const deferred = useProposals(communityId, { state: 'deferred', page: 1, pageSize: 100 });
  const refresh = () => void qc.invalidateQueries({ queryKey: govKeys.all(communityId) });
  const add = useMutation({
    mutationFn: (proposalId: string) => api('POST', `${govBase(communityId)}/meetings/${m.id}/agenda`, { proposalId }),
    onSuccess: () => {
      setPick(undefined);
      refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const act = useMutation({
    mutationFn: ({ item, what }: { item: Item; what: 'decide' | 'defer' | 'remove' }) =>
      what === 'remove'
        ? api('POST', `${govBase(communityId)}/meetings/${m.id}/agenda/${item.proposalId}/remove`)
        : api<{ state: string; resolution: { number: string } | null }>('POST', `${govBase(communityId)}/meetings/${m.id}/proposals/${item.proposalId}/decide`, { defer: what === 'defer' }),
    onSuccess: (r) => {
      refresh();
      const out = r as { state?: string; resolution?: { number: string } | null } | undefined;
      if (out?.resolution) message.success(t(text.resolutionNo, { number: out.resolution.number }));
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const candidates = [...(submitted.data?.items ?? []), ...(deferred.data?.items ?? [])];
  const decided = (i: Item) => ['passed', 'rejected', 'deferred'].includes(i.state);
  return (
    <Card
      title={t(text.agenda)}
      style={{ marginBottom: 16 }}
      extra={
        canManage && (
          <Space.Compact className="gov-agenda-add">
            <Select
              style={{ minWidth: 220 }}
              value={pick}
              onChange={setPick}
              placeholder={t(text.chooseProposal)}
              options={candidates.map((p) => ({ value: p.id, label: p.title }))}
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t(text.chooseProposal)}
            />
            <Button type="primary" disabled={!pick} loading={add.isPending} onClick={() => pick && add.mutate(pick)}>
              {t(text.addToAgenda)}
            </Button>
          </Space.Compact>
        )
      }
    >
      {m.items.length === 0 ? (
        <Empty description={t(text.noAgenda)} />
      ) : (
        <ol className="gov-agenda">
          {m.items.map((i) => (
            <li key={i.proposalId} data-testid="gov-agenda-item">
              <div className="gov-agenda-head">
                <Link to={`/c/${communityId}/governance/proposals?open=${i.proposalId}`} className="gov-agenda-title">
                  {i.title}
                </Link>
                <Space size={6} wrap>
                  {i.major && <Tag color="red">{t(text.major)}</Tag>}
                  <StateTag state={i.state} />
                  {i.resolutionNumber && <Tag color="success">{i.resolutionNumber}</Tag>}
                </Space>
              </div>
              <Typography.Paragraph type="secondary" className="gov-agenda-bg" ellipsis={{ rows: 2, expandable: true }}>
                {label(SOURCE_LABELS, i.source, lang)} · {i.submitterName}
                {i.costEstimate !== null ? ` · ${t(text.cost)} ${i.costEstimate.toLocaleString()}` : ''} — {i.background}
              </Typography.Paragraph>
              {i.state !== 'on_agenda' && i.state !== 'deferred' && <TallyBar tally={i.tally} />}
              {canManage && !decided(i) && (
                <Space wrap className="gov-agenda-actions">
                  <Button onClick={() => setVoting(i)} disabled={!m.quorum.present}>
                    {t(text.vote)}
                  </Button>
                  {i.state === 'deliberated' && <PassMark passed={i.tally.passed} />}
                  <Popconfirm title={t(text.announceConfirm)} okText={t('confirm')} cancelText={t('cancel')} onConfirm={() => act.mutate({ item: i, what: 'decide' })}>
                    <Button type="primary" disabled={i.state !== 'deliberated'}>
                      {t(text.announce)}
                    </Button>
                  </Popconfirm>
                  <Popconfirm title={t(text.deferConfirm)} okText={t('confirm')} cancelText={t('cancel')} onConfirm={() => act.mutate({ item: i, what: 'defer' })}>
                    <Button icon={<PauseCircleOutlined />}>{t(text.defer)}</Button>
                  </Popconfirm>
                  <Button type="link" onClick={() => act.mutate({ item: i, what: 'remove' })}>
                    {t(text.removeFromAgenda)}
                  </Button>
                </Space>
              )}
            </li>
          ))}
        </ol>
      )}
      <VoteModal communityId={communityId} m={m} item={voting} onClose={() => setVoting(null)} />
    </Card>
  );
}

function Minutes({ communityId, m, canManage }: { communityId: string; m: MeetingDetail; canManage: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [value, setValue] = useState(m.minutes ?? '');
  useEffect(() => setValue(m.minutes ?? ''), [m.minutes]);
  const save = useMutation({
    mutationFn: () => api('PATCH', `${govBase(communityId)}/meetings/${m.id}`, { minutes: value || null }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: govKeys.meeting(communityId, m.id) });
      message.success(t(text.minutesSaved));
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Card
      title={t(text.minutes)}
      extra={
        <Space wrap>
          <Link to="print">
            <Button icon={<PrinterOutlined />}>{t(text.printMinutes)}</Button>
          </Link>
          {canManage && (
            <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate()}>
              {t(text.saveMinutes)}
            </Button>
          )}
        </Space>
      }
    >
      <Input.TextArea value={value} onChange={(e) => setValue(e.target.value)} autoSize={{ minRows: 6, maxRows: 20 }} readOnly={!canManage} maxLength={20000} aria-label={t(text.minutes)} />
    </Card>
  );
}

/** /c/:communityId/governance/meetings/:meetingId — attendance with the quorum, the agenda and its votes, the minutes. */
export function MeetingPage() {
  const { t } = useI18n();
  const { communityId = '', meetingId = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'governance.manage');
  const q = useMeeting(communityId, meetingId);
  const [editing, setEditing] = useState(false);
  const m = q.data;
  if (q.error) {
    if (q.error instanceof ApiError && q.error.status === 404) return <Result status="404" title={t(text.meetingNotFound)} extra={<Link to="../governance">{t(text.backToAssembly)}</Link>} />;
    return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  }
  if (!m) return <Skeleton active paragraph={{ rows: 12 }} />;
  return (
    <>
      <div className="linli-page-header">
        <div>
          <Link to={`/c/${communityId}/governance`} className="gov-back">
            <ArrowLeftOutlined /> {t(text.backToAssembly)}
          </Link>
          <Typography.Title level={3}>{m.title}</Typography.Title>
        </div>
        {canManage && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t(text.editMeeting)}
          </Button>
        )}
      </div>
      <MeetingModal communityId={communityId} open={editing} editing={m} onClose={() => setEditing(false)} />
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t(text.date)}>{m.date}</Descriptions.Item>
        <Descriptions.Item label={t(text.place)}>{m.place ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(text.chair)}>{m.chair ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(text.recorder)}>{m.recorder ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Alert
        data-testid="gov-quorum"
        style={{ marginBottom: 16 }}
        type={m.marked === 0 ? 'info' : m.quorum.met ? 'success' : 'warning'}
        showIcon
        title={m.marked === 0 ? t(text.firstAttendance) : `${t(m.quorum.met ? text.quorumMet : text.quorumNotMet)}：${t(text.quorumLine, { seats: m.quorum.seats, present: m.quorum.present, needed: m.quorum.needed })}`}
      />
      <div className="gov-meeting-grid">
        <div>
          <Agenda communityId={communityId} m={m} canManage={canManage} />
          <Minutes communityId={communityId} m={m} canManage={canManage} />
        </div>
        <div>
          <Attendance communityId={communityId} m={m} canManage={canManage} />
        </div>
      </div>
    </>
  );
}
