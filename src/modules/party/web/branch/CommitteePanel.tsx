import { App as AntApp, Button, Card, Col, DatePicker, Empty, Form, Modal, Popconfirm, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, SwapOutlined, TrophyOutlined } from '@ant-design/icons';
import { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../../web/i18n.tsx';
import { LEADER_ROLES } from '../../schema.ts';
import type { Branch } from '../api.ts';
import { label, today } from '../components.tsx';
import { ROLE_LABELS } from '../text.ts';
import { exportHref, useBranchChange, useElections, type Election } from './api.ts';
import { ElectionModal } from './ElectionModal.tsx';
import { applyServerErrors, day, FormAlert, toDay } from './forms.tsx';
import { MemberSelect } from './MemberSelect.tsx';
import { bt } from './text.ts';

type Leader = Branch['leaders'][number];
type Role = (typeof LEADER_ROLES)[number];
const ROLE_ORDER: Record<Role, number> = { secretary: 0, deputy: 1, member: 2 };
const ROLE_COLOURS: Record<Role, string> = { secretary: 'red', deputy: 'volcano', member: 'default' };

function RoleTag({ role }: { role: Role }) {
  const { lang } = useI18n();
  return (
    <Tag color={ROLE_COLOURS[role]} className="party-role">
      {label(ROLE_LABELS, role, lang)}
    </Tag>
  );
}

interface LeaderValues {
  memberId: string;
  role: Role;
  termStart: Dayjs;
  termEnd?: Dayjs | null;
}
/** Adds a seat by hand, or corrects one (a seat an election filled keeps its member and start). */
function LeaderModal({ communityId, leader, open, onClose }: { communityId: string; leader: Leader | null; open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<LeaderValues>();
  const [error, setError] = useState<string | null>(null);
  const save = useBranchChange<LeaderValues>(communityId, (v) => {
    const body = { memberId: v.memberId, role: v.role, termStart: v.termStart.format('YYYY-MM-DD'), termEnd: day(v.termEnd) };
    return leader ? { method: 'PUT', path: `/leaders/${encodeURIComponent(leader.id)}`, body } : { method: 'POST', path: '/leaders', body };
  });
  const elected = Boolean(leader?.electionId);
  return (
    <Modal
      open={open}
      title={leader ? t(bt.correctLeaderTitle, { name: leader.name }) : t(bt.addLeaderTitle)}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(o) => !o && setError(null)}
    >
      {elected && <Typography.Paragraph type="secondary">{t(bt.electedSeatHint)}</Typography.Paragraph>}
      <Form
        form={form}
        layout="vertical"
        initialValues={leader ? { memberId: leader.memberId, role: leader.role, termStart: toDay(leader.termStart), termEnd: toDay(leader.termEnd) } : { role: 'member', termStart: toDay(today()) }}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => {
              message.success(t(bt.leaderSaved));
              onClose();
            },
            onError: (e) => setError(applyServerErrors(form, e, ['memberId', 'role', 'termStart', 'termEnd'])),
          })
        }
      >
        <Form.Item name="memberId" label={t(bt.member)} rules={[{ required: true, message: t(bt.required) }]}>
          <MemberSelect communityId={communityId} known={leader ? { [leader.memberId]: leader.name } : {}} />
        </Form.Item>
        <Form.Item name="role" label={t(bt.role)} rules={[{ required: true, message: t(bt.required) }]}>
          <Select options={LEADER_ROLES.map((r) => ({ value: r, label: label(ROLE_LABELS, r, lang) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="termStart" label={t(bt.termStart)} rules={[{ required: true, message: t(bt.required) }]}>
              <DatePicker allowClear={false} disabled={elected} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="termEnd" label={t(bt.termEnd)} tooltip={t(bt.termEndHint)}>
              <DatePicker style={{ width: '100%' }} placeholder={t(bt.termEndHint)} />
            </Form.Item>
          </Col>
        </Row>
        <FormAlert message={error} />
      </Form>
    </Modal>
  );
}

interface ReplaceValues {
  memberId: string;
  date: Dayjs;
  termEnd?: Dayjs | null;
}
/** Someone else takes the seat: the old term ends the day before and stays in the history. */
function ReplaceModal({ communityId, leader, onClose }: { communityId: string; leader: Leader | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ReplaceValues>();
  const [error, setError] = useState<string | null>(null);
  const save = useBranchChange<ReplaceValues>(communityId, (v) => ({
    method: 'POST',
    path: `/leaders/${encodeURIComponent(leader?.id ?? '')}/replace`,
    body: { memberId: v.memberId, date: v.date.format('YYYY-MM-DD'), ...(v.termEnd ? { termEnd: day(v.termEnd) } : {}) },
  }));
  return (
    <Modal
      open={Boolean(leader)}
      title={leader ? t(bt.replaceTitle, { role: label(ROLE_LABELS, leader.role, lang), name: leader.name }) : ''}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(o) => !o && setError(null)}
    >
      {leader && <Typography.Paragraph type="secondary">{t(bt.replaceHint, { name: leader.name })}</Typography.Paragraph>}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ date: toDay(today()) }}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => {
              message.success(t(bt.leaderSaved));
              onClose();
            },
            onError: (e) => setError(applyServerErrors(form, e, ['memberId', 'date', 'termEnd'])),
          })
        }
      >
        <Form.Item name="memberId" label={t(bt.successor)} rules={[{ required: true, message: t(bt.required) }]}>
          <MemberSelect communityId={communityId} exclude={leader ? [leader.memberId] : []} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="date" label={t(bt.replaceDate)} rules={[{ required: true, message: t(bt.required) }]}>
              <DatePicker allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="termEnd" label={t(bt.newTermEnd)} tooltip={t(bt.newTermEndHint)}>
              <DatePicker style={{ width: '100%' }} placeholder={leader?.termEnd ?? t(bt.newTermEndHint)} />
            </Form.Item>
          </Col>
        </Row>
        <FormAlert message={error} />
      </Form>
    </Modal>
  );
}

function ElectionCard({ e, canManage, onEdit, onRemove, removing }: { e: Election; canManage: boolean; onEdit: () => void; onRemove: () => void; removing: boolean }) {
  const { t, lang } = useI18n();
  const elected = e.candidates.filter((c) => c.elected);
  return (
    <Card
      size="small"
      className="party-election"
      data-testid="party-election"
      title={
        <Space wrap size={8}>
          <TrophyOutlined style={{ color: '#c41d1d' }} />
          <span className="linli-mono">{e.date}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t(bt.seatsN, { n: e.seats })}
          </Typography.Text>
        </Space>
      }
      extra={
        canManage && (
          <Space size={4}>
            <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
              {t(bt.correct)}
            </Button>
            <Popconfirm title={t(bt.removeElectionConfirm, { date: e.date })} okText={t(bt.remove)} cancelText={t('cancel')} okButtonProps={{ danger: true, loading: removing }} onConfirm={onRemove}>
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t(bt.remove)} />
            </Popconfirm>
          </Space>
        )
      }
    >
      {e.voters !== null && e.turnout !== null && (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          {t(bt.turnout, { eligible: e.eligible, voters: e.voters, rate: e.turnout })}
          {e.turnout <= 80 && (
            <Typography.Text type="warning" style={{ marginInlineStart: 8 }}>
              {t(bt.turnoutLow)}
            </Typography.Text>
          )}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph strong style={{ marginBottom: 8 }}>
        {t(bt.electedNames, { names: elected.map((c) => c.name).join('、') || '—' })}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="memberId"
        pagination={false}
        dataSource={e.candidates}
        columns={[
          { title: t(bt.candidate), dataIndex: 'name' },
          { title: t(bt.votes), dataIndex: 'votes', align: 'right', width: 80 },
          {
            title: t(bt.result),
            key: 'r',
            width: 150,
            render: (_, c) =>
              c.elected ? (
                <Space size={4}>
                  <Tag color="red">{t(bt.elected)}</Tag>
                  {c.role && c.role !== 'member' && <Typography.Text>{label(ROLE_LABELS, c.role, lang)}</Typography.Text>}
                </Space>
              ) : (
                <Tag>{t(bt.notElected)}</Tag>
              ),
          },
        ]}
      />
      {e.notes && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {e.notes}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** 班子与选举 — the committee in office, every term before it, and the elections that made them. */
export function CommitteePanel({ communityId, branch, canManage }: { communityId: string; branch: Branch; canManage: boolean }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const elections = useElections(communityId);
  const [editLeader, setEditLeader] = useState<Leader | null>(null);
  const [adding, setAdding] = useState(false);
  const [replacing, setReplacing] = useState<Leader | null>(null);
  const [election, setElection] = useState<Election | null | 'new'>(null);
  const removeLeader = useBranchChange<string>(communityId, (id) => ({ method: 'DELETE', path: `/leaders/${encodeURIComponent(id)}` }));
  const removeElection = useBranchChange<string>(communityId, (id) => ({ method: 'DELETE', path: `/elections/${encodeURIComponent(id)}` }));
  const done = { onSuccess: () => message.success(t(bt.removed)), onError: (e: Error) => message.error(e.message) };

  const now = today();
  const current = [...branch.leaders].sort((x, y) => ROLE_ORDER[x.role] - ROLE_ORDER[y.role] || x.name.localeCompare(y.name, 'zh-CN'));
  const electionDates = new Map((elections.data ?? []).map((e) => [e.id, e.date]));
  const open = (l: Leader) => l.termEnd === null || l.termEnd >= now;
  const actions = (l: Leader) =>
    canManage && (
      <Space size={4} wrap>
        {open(l) && (
          <Button size="small" icon={<SwapOutlined />} onClick={() => setReplacing(l)}>
            {t(bt.replace)}
          </Button>
        )}
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditLeader(l)}>
          {t(bt.correct)}
        </Button>
        {!l.electionId && (
          <Popconfirm title={t(bt.removeLeaderConfirm, { role: label(ROLE_LABELS, l.role, lang), name: l.name })} okText={t(bt.remove)} cancelText={t('cancel')} okButtonProps={{ danger: true }} onConfirm={() => removeLeader.mutate(l.id, done)}>
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t(bt.remove)} />
          </Popconfirm>
        )}
      </Space>
    );
  const source = (l: Leader) => (l.electionId ? t(bt.fromElection, { date: electionDates.get(l.electionId) ?? '' }) : t(bt.byHand));
  const term = (l: Leader) => `${l.termStart} — ${l.termEnd ?? '…'}`;

  const historyColumns: TableColumnsType<Leader> = [
    { title: t(bt.role), dataIndex: 'role', width: 100, render: (r: Role) => <RoleTag role={r} /> },
    { title: t(bt.member), dataIndex: 'name', render: (n: string) => <span className="linli-row-name">{n}</span> },
    { title: t(bt.term), key: 'term', render: (_, l) => <span className="linli-mono">{term(l)}</span> },
    {
      title: '',
      key: 'state',
      width: 90,
      render: (_, l) =>
        l.termStart > now ? <Tag>{t(bt.upcoming)}</Tag> : l.termEnd === null || l.termEnd >= now ? <Tag color="green">{t(bt.inOffice)}</Tag> : <Tag>{t(bt.ended)}</Tag>,
    },
    { title: t(bt.source), key: 'source', responsive: ['md'], render: (_, l) => <Typography.Text type="secondary">{source(l)}</Typography.Text> },
  ];
  if (canManage) historyColumns.push({ title: t('actions'), key: 'actions', render: (_, l) => actions(l) });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t(bt.committeeNow)}
        className="party-card"
        extra={
          canManage && (
            <Space wrap>
              <Button type="primary" icon={<TrophyOutlined />} onClick={() => setElection('new')}>
                {t(bt.recordElection)}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t(bt.addLeader)}
              </Button>
            </Space>
          )
        }
      >
        {canManage && <Typography.Paragraph type="secondary">{t(bt.committeeHint)}</Typography.Paragraph>}
        {current.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(bt.noTerms)} />
        ) : (
          <div className="party-committee" data-testid="party-committee">
            {current.map((l) => (
              <div key={l.id} className="party-committee-row">
                <Space size={12} wrap>
                  <RoleTag role={l.role} />
                  <span className="linli-row-name party-committee-name">{l.name}</span>
                  <Typography.Text type="secondary" className="linli-mono">
                    {term(l)}
                  </Typography.Text>
                  <Typography.Text type="secondary">{source(l)}</Typography.Text>
                </Space>
                {actions(l)}
              </div>
            ))}
          </div>
        )}
      </Card>

      <Card
        title={t(bt.termHistory)}
        className="party-card"
        extra={
          <Button icon={<DownloadOutlined />} href={exportHref(communityId, 'leaders')}>
            {t('exportExcel')}
          </Button>
        }
      >
        <Table<Leader>
          rowKey="id"
          size="middle"
          columns={historyColumns}
          dataSource={branch.history.leaders}
          pagination={branch.history.leaders.length > 10 ? { pageSize: 10 } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t(bt.noTerms) }}
          data-testid="party-term-history"
        />
      </Card>

      <Card
        title={t(bt.elections)}
        className="party-card"
        extra={
          <Button icon={<DownloadOutlined />} href={exportHref(communityId, 'elections')}>
            {t('exportExcel')}
          </Button>
        }
      >
        {(elections.data ?? []).length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(bt.noElections)} />
        ) : (
          <Row gutter={[16, 16]}>
            {(elections.data ?? []).map((e) => (
              <Col key={e.id} xs={24} xl={12}>
                <ElectionCard
                  e={e}
                  canManage={canManage}
                  onEdit={() => setElection(e)}
                  onRemove={() => removeElection.mutate(e.id, done)}
                  removing={removeElection.isPending}
                />
              </Col>
            ))}
          </Row>
        )}
      </Card>

      <LeaderModal communityId={communityId} leader={editLeader} open={adding || Boolean(editLeader)} onClose={() => (setAdding(false), setEditLeader(null))} />
      <ReplaceModal communityId={communityId} leader={replacing} onClose={() => setReplacing(null)} />
      <ElectionModal communityId={communityId} open={election !== null} election={election === 'new' ? null : election} onClose={() => setElection(null)} />
    </Space>
  );
}
