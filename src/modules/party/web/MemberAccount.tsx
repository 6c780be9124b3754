import { useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { KeyOutlined, StopOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../web/api.ts';
import { formatDateTime } from '../../../web/format.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { partyBase } from './api.ts';
import { text } from './text.ts';

interface Account {
  username: string;
  disabled: boolean;
  lastLoginAt: string | null;
}

/**
 * 本人账号: the office opens an account for a member so they can see their own records on a phone.
 * The initial password is shown once, to be copied onto a slip; the member chooses their own at first sign-in.
 */
export function MemberAccount({ communityId, memberId, memberLeft }: { communityId: string; memberId: string; memberLeft: boolean }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const key = ['party', communityId, 'member-account', memberId];
  const url = `${partyBase(communityId)}/members/${encodeURIComponent(memberId)}/account`;
  const account = useQuery({ queryKey: key, queryFn: () => api<Account | null>('GET', url) });
  const [made, setMade] = useState<{ username: string; initialPassword: string } | null>(null);
  const [form] = Form.useForm<{ username: string }>();
  const open = useMutation({
    mutationFn: (v: { username: string }) => api<{ username: string; initialPassword: string }>('POST', url, { username: v.username.trim() }),
    onSuccess: (r) => {
      setMade(r);
      message.success(t(text.accountMade));
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const close = useMutation({
    mutationFn: () => api<void>('DELETE', url),
    onSuccess: () => {
      setMade(null);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (e) => message.error(e.message),
  });

  if (account.isPending) return null;
  const a = account.data;
  return (
    <div data-testid="party-member-account">
      <Typography.Title level={5} className="party-drawer-section">
        {t(text.account)}
      </Typography.Title>
      {made && (
        <Alert
          type="success"
          showIcon
          icon={<KeyOutlined />}
          style={{ marginBottom: 12 }}
          title={t(text.accountSlip)}
          description={
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t(text.accountUsername)}>
                <Typography.Text copyable strong className="linli-mono" data-testid="party-account-username">
                  {made.username}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t(text.accountInitialPassword)}>
                <Typography.Text copyable strong className="linli-mono" style={{ fontSize: 18 }} data-testid="party-account-password">
                  {made.initialPassword}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          }
        />
      )}
      {a ? (
        <Space wrap>
          <Typography.Text className="linli-mono">{a.username}</Typography.Text>
          <Typography.Text type="secondary">{a.lastLoginAt ? t(text.accountLastLogin, { at: formatDateTime(a.lastLoginAt, lang) }) : t(text.accountNeverLoggedIn)}</Typography.Text>
          <Popconfirm title={t(text.accountCloseConfirm)} okText={t(text.accountClose)} okButtonProps={{ danger: true }} cancelText={t('cancel')} onConfirm={() => close.mutate()}>
            <Button danger icon={<StopOutlined />} loading={close.isPending}>
              {t(text.accountClose)}
            </Button>
          </Popconfirm>
        </Space>
      ) : memberLeft ? null : (
        <>
          <Typography.Paragraph type="secondary">{t(text.accountNone)}</Typography.Paragraph>
          <Form form={form} layout="inline" onFinish={(v) => open.mutate(v)}>
            <Form.Item name="username" rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t(text.accountUsernameHint) }]}>
              <Input placeholder={t(text.accountUsername)} aria-label={t(text.accountUsername)} autoComplete="off" style={{ width: 200 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<UserAddOutlined />} loading={open.isPending}>
                {t(text.accountOpen)}
              </Button>
            </Form.Item>
          </Form>
          {open.error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={open.error.message} />}
        </>
      )}
    </div>
  );
}
