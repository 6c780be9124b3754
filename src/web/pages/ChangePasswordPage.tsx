import { Alert, App as AntApp, Button, Form, Input, Space, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../api.ts';
import { useT } from '../i18n.tsx';
import { meKey, useMe } from '../session.ts';
import { AuthFrame, safeNext } from './AuthFrame.tsx';
import { useSignOut } from '../layout/useSignOut.ts';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const MIN_LENGTH = 10;

/** /change-password — forced after a reset or first sign-in, or chosen from the user menu. */
export function ChangePasswordPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const { data: me } = useMe();
  const signOut = useSignOut();
  const [form] = Form.useForm<PasswordForm>();
  const forced = me?.mustChangePassword ?? false;
  const username = me?.username.toLowerCase() ?? '';

  const change = useMutation({
    mutationFn: (v: PasswordForm) =>
      api<void>('POST', '/api/v1/auth/change-password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: async () => {
      message.success(t('passwordChanged'));
      await queryClient.invalidateQueries({ queryKey: meKey });
      navigate(next, { replace: true });
    },
    onError: (e) => {
      if (!(e instanceof ApiError)) return;
      const named = Object.entries(e.fields).filter(([name]) => name === 'currentPassword' || name === 'newPassword');
      if (named.length > 0) {
        form.setFields(named.map(([name, msg]) => ({ name: name as keyof PasswordForm, errors: [msg] })));
      }
    },
  });

  const fieldless = change.error instanceof ApiError && Object.keys(change.error.fields).length === 0 ? change.error : null;

  return (
    <AuthFrame title={t('changePassword')}>
      {forced && <Alert type="info" showIcon title={t('changePasswordForced')} style={{ marginBottom: 16 }} />}
      {fieldless && <Alert type="error" showIcon title={fieldless.message} style={{ marginBottom: 16 }} role="alert" />}
      <div className="linli-rules" aria-label={t('passwordRules')}>
        <Typography.Text strong>{t('passwordRules')}</Typography.Text>
        <ul>
          <li><CheckCircleOutlined /> {t('ruleLength')}</li>
          <li><CheckCircleOutlined /> {t('ruleCommon')}</li>
          <li><CheckCircleOutlined /> {t('ruleUsername')}</li>
        </ul>
      </div>
      <Form<PasswordForm> form={form} layout="vertical" size="large" requiredMark={false} onFinish={(v) => change.mutate(v)}>
        <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true, message: t('passwordRequired') }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('newPassword')}
          hasFeedback
          rules={[
            { required: true, message: t('passwordRequired') },
            { min: MIN_LENGTH, message: t('passwordTooShort') },
            {
              validator: (_, value: string | undefined) =>
                username && value && value.toLowerCase().includes(username)
                  ? Promise.reject(new Error(t('passwordIsUsername')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('confirmPassword')}
          dependencies={['newPassword']}
          hasFeedback
          rules={[
            { required: true, message: t('passwordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }} size="middle">
          <Button type="primary" htmlType="submit" block loading={change.isPending} className="linli-big-button">
            {t('changePassword')}
          </Button>
          {forced ? (
            <Button block onClick={signOut}>
              {t('signOut')}
            </Button>
          ) : (
            <Button block onClick={() => navigate(-1)}>
              {t('back')}
            </Button>
          )}
        </Space>
      </Form>
    </AuthFrame>
  );
}
