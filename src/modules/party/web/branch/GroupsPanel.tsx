import { App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../../web/i18n.tsx';
import type { Branch } from '../api.ts';
import { exportHref, useBranchChange } from './api.ts';
import { applyServerErrors, FormAlert } from './forms.tsx';
import { MemberSelect } from './MemberSelect.tsx';
import { bt } from './text.ts';

type Group = Branch['groups'][number];
interface GroupValues {
  name: string;
  leaderMemberId?: string | null;
}

function GroupModal({ communityId, group, open, onClose }: { communityId: string; group: Group | null; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<GroupValues>();
  const [error, setError] = useState<string | null>(null);
  const save = useBranchChange<GroupValues>(communityId, (v) => {
    const body = { name: v.name.trim(), leaderMemberId: v.leaderMemberId ?? null };
    return group ? { method: 'PATCH', path: `/groups/${encodeURIComponent(group.id)}`, body } : { method: 'POST', path: '/groups', body };
  });
  return (
    <Modal
      open={open}
      title={group ? t(bt.editGroup) : t(bt.addGroup)}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(o) => !o && setError(null)}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={group ? { name: group.name, leaderMemberId: group.leaderMemberId } : {}}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => {
              message.success(t(bt.groupSaved));
              onClose();
            },
            onError: (e) => setError(applyServerErrors(form, e, ['name', 'leaderMemberId'])),
          })
        }
      >
        <Form.Item name="name" label={t(bt.groupName)} rules={[{ required: true, whitespace: true, message: t(bt.required) }, { max: 60 }]}>
          <Input placeholder={t(bt.groupNameHint)} maxLength={60} />
        </Form.Item>
        {group && (
          <Form.Item name="leaderMemberId" label={t(bt.groupLeader)} extra={t(bt.groupLeaderHint)}>
            <MemberSelect communityId={communityId} groupId={group.id} known={group.leaderMemberId && group.leaderName ? { [group.leaderMemberId]: group.leaderName } : {}} allowClear />
          </Form.Item>
        )}
        <FormAlert message={error} />
      </Form>
    </Modal>
  );
}

function CloseModal({ communityId, group, groups, onClose }: { communityId: string; group: Group | null; groups: Group[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ moveToGroupId?: string }>();
  const [error, setError] = useState<string | null>(null);
  const close = useBranchChange<{ moveToGroupId?: string }>(communityId, (v) => ({ method: 'POST', path: `/groups/${encodeURIComponent(group?.id ?? '')}/close`, body: { moveToGroupId: v.moveToGroupId ?? null } }));
  const others = groups.filter((g) => g.id !== group?.id);
  return (
    <Modal
      open={Boolean(group)}
      title={group ? t(bt.closeGroupTitle, { name: group.name }) : ''}
      okText={t(bt.closeGroup)}
      okButtonProps={{ danger: true }}
      cancelText={t('cancel')}
      confirmLoading={close.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(o) => !o && setError(null)}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          close.mutate(v, {
            onSuccess: () => {
              message.success(t(bt.groupClosed));
              onClose();
            },
            onError: (e) => setError(applyServerErrors(form, e, ['moveToGroupId'])),
          })
        }
      >
        {group && group.members > 0 ? (
          <Form.Item name="moveToGroupId" label={t(bt.closeGroupHint, { n: group.members })} rules={[{ required: true, message: t(bt.required) }]}>
            <Select placeholder={t(bt.moveTo)} options={others.map((g) => ({ value: g.id, label: `${g.name}（${g.members}）` }))} />
          </Form.Item>
        ) : (
          <Typography.Paragraph>{t(bt.closeGroupEmpty)}</Typography.Paragraph>
        )}
        <FormAlert message={error} />
      </Form>
    </Modal>
  );
}

type ClosedGroup = Branch['closedGroups'][number];

/** Groups closed in the past stay in the branch's history; one closed by mistake can be reopened. */
function ClosedGroups({ communityId, groups, canManage }: { communityId: string; groups: ClosedGroup[]; canManage: boolean }) {
  const { t } = useI18n();
  const { message, modal } = AntApp.useApp();
  const reopen = useBranchChange<string>(communityId, (id) => ({ method: 'POST', path: `/groups/${encodeURIComponent(id)}/reopen` }));
  const columns: TableColumnsType<ClosedGroup> = [
    { title: t(bt.groupName), dataIndex: 'name' },
    { title: t(bt.closedOn), dataIndex: 'closedOn', width: 130, render: (v: string) => <span className="linli-mono">{v}</span> },
    { title: t(bt.mergedInto), dataIndex: 'mergedInto', render: (v: string | null) => v ?? '—' },
    ...(canManage
      ? [
          {
            key: 'reopen',
            width: 90,
            render: (_: unknown, g: ClosedGroup) => (
              <Button
                size="small"
                icon={<UndoOutlined />}
                onClick={() =>
                  modal.confirm({
                    title: t(bt.reopenConfirm, { name: g.name }),
                    okText: t(bt.reopenGroup),
                    cancelText: t('cancel'),
                    onOk: () => reopen.mutateAsync(g.id).then(() => void message.success(t(bt.groupReopened))),
                  })
                }
              >
                {t(bt.reopenGroup)}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t(bt.closedGroups)}
      </Typography.Title>
      <Table<ClosedGroup> rowKey="id" size="small" columns={columns} dataSource={groups} pagination={false} scroll={{ x: 'max-content' }} data-testid="party-closed-groups" />
    </>
  );
}

/** 党小组 — create, rename, give a leader, close into another group. */
export function GroupsPanel({ communityId, branch, canManage }: { communityId: string; branch: Branch; canManage: boolean }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<Group | null>(null);
  const [adding, setAdding] = useState(false);
  const [closing, setClosing] = useState<Group | null>(null);
  const base = `/c/${communityId}/party`;
  const columns: TableColumnsType<Group> = [
    { title: t(bt.groupName), dataIndex: 'name', render: (n: string) => <span className="linli-row-name">{n}</span> },
    { title: t(bt.groupLeader), dataIndex: 'leaderName', render: (n: string | null) => n ?? <Typography.Text type="secondary">—</Typography.Text> },
    {
      title: t(bt.membersCount),
      dataIndex: 'members',
      align: 'right',
      width: 110,
      render: (n: number, g) => <Link to={`${base}/members?groupId=${g.id}`}>{n}</Link>,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('actions'),
      key: 'actions',
      width: 200,
      render: (_, g) => (
        <Space size={4} wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(g)}>
            {t('edit')}
          </Button>
          <Button size="small" danger icon={<StopOutlined />} onClick={() => setClosing(g)}>
            {t(bt.closeGroup)}
          </Button>
        </Space>
      ),
    });
  }
  return (
    <Card
      title={t(bt.tabGroups)}
      className="party-card"
      extra={
        <Space wrap>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t(bt.addGroup)}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={exportHref(communityId, 'groups')}>
            {t('exportExcel')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t(bt.groupsIntro)}</Typography.Paragraph>
      <Table<Group> rowKey="id" columns={columns} dataSource={branch.groups} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t(bt.noGroups) }} data-testid="party-groups" />
      {branch.closedGroups.length > 0 && <ClosedGroups communityId={communityId} groups={branch.closedGroups} canManage={canManage} />}
      <GroupModal communityId={communityId} group={editing} open={adding || Boolean(editing)} onClose={() => (setAdding(false), setEditing(null))} />
      <CloseModal communityId={communityId} group={closing} groups={branch.groups} onClose={() => setClosing(null)} />
    </Card>
  );
}
