import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../api.ts';
import { useT } from '../i18n.tsx';
import { meKey } from '../session.ts';
import type { Me } from '../types.ts';
import { AuthFrame, safeNext } from './AuthFrame.tsx';

interface Credentials {
  username: string;
  password: string;
}

/** /login — username, password, one big button; the server's own message on failure. */
export function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [form] = Form.useForm<Credentials>();
  const [failure, setFailure] = useState<ApiError | null>(null);

  const login = useMutation({
    mutationFn: (c: Credentials) => api<{ user: Me }>('POST', '/api/v1/auth/login', c),
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(meKey, user);
      if (user.mustChangePassword) {
        navigate(next === '/' ? '/change-password' : `/change-password?next=${encodeURIComponent(next)}`, {
          replace: true,
        });
        return;
      }
      navigate(next, { replace: true });
    },
    onError: (e) => {
      setFailure(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e)));
      form.setFieldValue('password', '');
    },
  });

  return (
    <AuthFrame title={t('loginTitle')}>
      {failure && <LoginFailure error={failure} />}
      <Form<Credentials>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={(v) => {
          setFailure(null);
          login.mutate(v);
        }}
        onValuesChange={() => failure?.code === 'AUTH_INVALID' && setFailure(null)}
      >
        <Form.Item name="username" label={t('username')} rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus autoCapitalize="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} className="linli-big-button">
          {login.isPending ? t('loggingIn') : t('login')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        {t('loginHelp')}
      </Typography.Paragraph>
    </AuthFrame>
  );
}

function LoginFailure({ error }: { error: ApiError }) {
  const type = error.code === 'RATE_LIMITED' ? 'warning' : 'error';
  return <Alert type={type} showIcon title={error.message} style={{ marginBottom: 16 }} role="alert" />;
}
