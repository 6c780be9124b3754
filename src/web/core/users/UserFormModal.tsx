import { useEffect } from 'react';
import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api.ts';
import { useT } from '../../i18n.tsx';
import { GrantsEditor } from './GrantsEditor.tsx';
import { toGrant, toRow, type GrantRow } from './grants.ts';
import { text } from './text.ts';
import type { User, UserCreate, UserPatch } from './types.ts';

interface Values {
  username: string;
  displayName: string;
  password: string;
  grants: GrantRow[];
}

const USERNAME = /^[a-z0-9_.-]{3,32}$/;

type FieldName = 'username' | 'displayName' | 'password' | ['grants', number, 'role' | 'place'];

/** Server field paths → form fields (`grants.0.communityId` → grants[0].place); null when the form has no such field. */
function formField(path: string): FieldName | null {
  const [head, index, leaf] = path.split('.');
  if (head === 'username' || head === 'displayName' || head === 'password') return head;
  if (head === 'grants' && /^\d+$/.test(index ?? '')) return ['grants', Number(index), leaf === 'role' ? 'role' : 'place'];
  return null;
}

/** Create a user (no `user`) or edit one: name and grants; usernames never change. */
export function UserFormModal({ user, open, onClose }: { user: User | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const creating = user === null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      user
        ? { username: user.username, displayName: user.displayName, grants: user.grants.map(toRow) }
        : { grants: [{}] },
    );
  }, [open, user, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const grants = (v.grants ?? []).map(toGrant);
      if (creating) {
        const body: UserCreate = { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password, grants };
        return api<User>('POST', '/api/v1/users', body);
      }
      const body: UserPatch = { displayName: v.displayName.trim(), grants };
      return api<User>('PATCH', `/api/v1/users/${encodeURIComponent(user.id)}`, body);
    },
    onSuccess: () => {
      message.success(creating ? t(text.created) : t(text.updated));
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (e) => {
      if (!(e instanceof ApiError)) return;
      const fields = Object.entries(e.fields).flatMap(([path, msg]) => {
        const name = formField(path);
        return name === null ? [] : [{ name, errors: [msg] }];
      });
      if (fields.length) form.setFields(fields);
    },
  });

  // Errors the form cannot place under a field are shown above it.
  const error =
    save.error instanceof ApiError && !Object.keys(save.error.fields).some((p) => formField(p) !== null) ? save.error : null;

  return (
    <Modal
      open={open}
      title={creating ? t(text.newUser) : t(text.editUser)}
      okText={t('save')}
      cancelText={t('cancel')}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={720}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} role="alert" />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark="optional">
        <Form.Item
          name="username"
          label={t(text.username)}
          extra={creating ? t(text.usernameHelp) : undefined}
          rules={
            creating
              ? [
                  { required: true, message: t(text.usernameRequired) },
                  { pattern: USERNAME, message: t(text.usernameInvalid) },
                ]
              : []
          }
        >
          <Input disabled={!creating} autoComplete="off" autoCapitalize="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="displayName" label={t(text.displayName)} rules={[{ required: true, whitespace: true, message: t(text.displayNameRequired) }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        {creating && (
          <Form.Item
            name="password"
            label={t(text.initialPassword)}
            extra={t(text.initialPasswordHelp)}
            rules={[
              { required: true, message: t(text.passwordTooShort) },
              { min: 10, message: t(text.passwordTooShort) },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item label={t(text.roles)} required>
          <GrantsEditor />
        </Form.Item>
      </Form>
    </Modal>
  );
}
