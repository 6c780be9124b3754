import { useEffect } from 'react';
import { Alert, App as AntApp, Form, Input, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api.ts';
import { useT } from '../../i18n.tsx';
import { text } from './text.ts';
import type { User } from './types.ts';

/** Sets a new password for someone; they must change it when they next sign in. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ password: string }>();

  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const reset = useMutation({
    mutationFn: (password: string) => api<void>('POST', `/api/v1/users/${encodeURIComponent(user?.id ?? '')}/reset-password`, { password }),
    onSuccess: () => {
      message.success(t(text.passwordReset));
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.fields.password) form.setFields([{ name: 'password', errors: [e.fields.password] }]);
    },
  });
  const error = reset.error instanceof ApiError && !reset.error.fields.password ? reset.error : null;

  return (
    <Modal
      open={user !== null}
      title={t(text.resetPasswordTitle, { name: user?.displayName ?? '' })}
      okText={t(text.resetPassword)}
      cancelText={t('cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        reset.reset();
        onClose();
      }}
      confirmLoading={reset.isPending}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t(text.resetPasswordHelp)}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v.password)}>
        <Form.Item
          name="password"
          label={t('newPassword')}
          rules={[
            { required: true, message: t(text.passwordTooShort) },
            { min: 10, message: t(text.passwordTooShort) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
