import { useState } from 'react';
import { App as AntApp, Button, Dropdown, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, LockOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { LoadError } from '../../pages/ResultPages.tsx';
import type { Paged } from '../../types.ts';
import { formatDateTime } from '../../format.ts';
import { useCommunities, useRoles, useSubDistricts } from '../lookups.ts';
import { describeGrant } from './grants.ts';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { text } from './text.ts';
import type { User } from './types.ts';
import { UserFormModal } from './UserFormModal.tsx';

/** /users — accounts, their roles, and the switches an administrator needs. */
export function UsersPage() {
  const { t, lang } = useI18n();
  const { message, modal } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<User | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const roles = useRoles();
  const subDistricts = useSubDistricts();
  const communities = useCommunities();

  const list = useQuery({
    queryKey: ['users', q, page, pageSize],
    queryFn: () => api<Paged<User>>('GET', withQuery('/api/v1/users', { q, page, pageSize })),
    placeholderData: keepPreviousData,
  });

  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['users'] });

  const setDisabled = useMutation({
    mutationFn: ({ user, disabled }: { user: User; disabled: boolean }) =>
      api<User>('PATCH', `/api/v1/users/${encodeURIComponent(user.id)}`, { disabled }),
    onSuccess: () => {
      message.success(t(text.updated));
      refresh();
    },
    onError: (e) => message.error(e.message),
  });

  const endSessions = useMutation({
    mutationFn: (user: User) => api<{ ended: number }>('DELETE', `/api/v1/users/${encodeURIComponent(user.id)}/sessions`),
    onSuccess: ({ ended }) => {
      message.success(t(text.sessionsEnded, { n: ended }));
      refresh();
    },
    onError: (e) => message.error(e.message),
  });

  const more = (user: User) => ({
    items: [
      { key: 'toggle', label: user.disabled ? t(text.enable) : t(text.disable), danger: !user.disabled },
      { key: 'sessions', label: t(text.endSessions), disabled: user.activeSessions === 0 },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'toggle' && user.disabled) setDisabled.mutate({ user, disabled: false });
      if (key === 'toggle' && !user.disabled) {
        modal.confirm({
          title: `${t(text.disable)} ${user.displayName}`,
          content: t(text.disableConfirm),
          okText: t(text.disable),
          okButtonProps: { danger: true },
          cancelText: t('cancel'),
          onOk: () => setDisabled.mutateAsync({ user, disabled: true }),
        });
      }
      if (key === 'sessions') {
        modal.confirm({
          title: `${t(text.endSessions)} ${user.displayName}`,
          content: t(text.endSessionsConfirm),
          okText: t(text.endSessions),
          cancelText: t('cancel'),
          onOk: () => endSessions.mutateAsync(user),
        });
      }
    },
  });

  const columns: TableColumnsType<User> = [
    {
      title: t(text.displayName),
      key: 'name',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, u) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{u.displayName}</Typography.Text>
          <Typography.Text type="secondary">{u.username}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t(text.roles),
      key: 'grants',
      render: (_, u) =>
        u.grants.length === 0 ? (
          <Typography.Text type="secondary">{t('none')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {u.grants.map((g, i) => (
              <Tag key={i} color="blue">
                {describeGrant(g, roles.data, subDistricts.data, communities.data, t, t(text.wholeSystem))}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t(text.status),
      key: 'status',
      width: 140,
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.disabled ? <Tag color="default">{t(text.disabled)}</Tag> : <Tag color="green">{t(text.active)}</Tag>}
          {u.mustChangePassword && <Tag color="orange">{t(text.mustChange)}</Tag>}
          {u.activeSessions > 0 && <Tag color="blue">{t(text.online, { n: u.activeSessions })}</Tag>}
        </Space>
      ),
    },
    {
      title: t(text.lastLogin),
      dataIndex: 'lastLoginAt',
      width: 180,
      responsive: ['lg'],
      render: (v: string | null) => (v ? formatDateTime(v, lang) : <Typography.Text type="secondary">{t(text.never)}</Typography.Text>),
    },
    {
      title: t('actions'),
      key: 'actions',
      width: 290,
      render: (_, u) => (
        <Space size={4}>
          <Button icon={<EditOutlined />} onClick={() => { setEditing(u); setFormOpen(true); }}>
            {t('edit')}
          </Button>
          <Button icon={<LockOutlined />} onClick={() => setResetting(u)}>
            {t(text.resetPassword)}
          </Button>
          <Dropdown menu={more(u)} trigger={['click']}>
            <Button icon={<MoreOutlined />} aria-label={t(text.more)} title={t(text.more)} />
          </Dropdown>
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="linli-page-header">
        <Typography.Title level={3}>{t(text.title)}</Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={withQuery('/api/v1/users/export.xlsx', { q })}>
            {t('exportExcel')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }}>
            {t(text.newUser)}
          </Button>
        </Space>
      </div>
      <Input.Search
        placeholder={t(text.searchPlaceholder)}
        aria-label={t(text.searchPlaceholder)}
        allowClear
        enterButton={t('search')}
        style={{ maxWidth: 480, marginBottom: 16 }}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
      />
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 960 }}
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
      <UserFormModal user={editing} open={formOpen} onClose={() => setFormOpen(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
