import { App as AntApp, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { CARE_TAGS } from '../vocab.ts';
import { communityBase, registryKeys } from './api.ts';
import { text } from './text.ts';

interface Values {
  tag: string;
  grade?: string;
  date: Dayjs;
}

/** 添加标签 / 移除标签 for the residents chosen in the list. */
export function BulkTagModal({
  communityId,
  residentIds,
  action,
  withSensitive,
  onClose,
}: {
  communityId: string;
  residentIds: string[];
  action: 'add' | 'remove';
  withSensitive: boolean;
  onClose: (changed: boolean) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const chosen = Form.useWatch('tag', form);
  const graded = CARE_TAGS.some((x) => x.code === chosen && x.graded);

  const save = useMutation({
    mutationFn: (v: Values) =>
      api<{ changed: number }>('POST', `${communityBase(communityId)}/residents/tags`, {
        residentIds,
        tag: v.tag,
        action,
        grade: graded && v.grade?.trim() ? v.grade.trim() : null,
        date: v.date.format('YYYY-MM-DD'),
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: registryKeys.all(communityId) });
      if (r.changed > 0) message.success(t(text.bulkDone, { n: r.changed }));
      else message.info(t(text.bulkNone));
      onClose(true);
    },
  });

  const options = CARE_TAGS.filter((x) => withSensitive || !x.sensitive).map((x) => ({
    value: x.code,
    label: lang === 'en' ? x.label.en : x.label.zh,
  }));

  return (
    <Modal
      open
      title={t(action === 'add' ? text.bulkAddTitle : text.bulkRemoveTitle, { n: residentIds.length })}
      okText={t(action === 'add' ? text.addTag : text.removeTag)}
      okButtonProps={{ size: 'large', danger: action === 'remove' }}
      cancelButtonProps={{ size: 'large' }}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ date: dayjs() }} onFinish={(v) => save.mutate(v)}>
        {save.error && (
          <Form.Item>
            <span role="alert" style={{ color: '#a8071a' }}>
              {save.error instanceof ApiError ? save.error.message : String(save.error)}
            </span>
          </Form.Item>
        )}
        <Form.Item name="tag" label={t(text.tag)} rules={[{ required: true, message: t(text.tagRequired) }]}>
          <Select options={options} showSearch={{ optionFilterProp: 'label' }} autoFocus size="large" />
        </Form.Item>
        {graded && action === 'add' && (
          <Form.Item name="grade" label={t(text.grade)}>
            <Input placeholder={t(text.gradePlaceholder)} maxLength={10} />
          </Form.Item>
        )}
        <Form.Item name="date" label={t(action === 'add' ? text.fromDate : text.untilDate)} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
