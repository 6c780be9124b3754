import { Alert, Checkbox, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { communityBase, registryKeys } from './api.ts';
import type { HouseholdCard } from '../schema.ts';
import { text } from './text.ts';

export type HouseholdChange = 'split' | 'merge';

interface Values {
  date: Dayjs;
  residentIds?: string[];
  headId?: string;
  intoHouseholdId?: string;
  note?: string;
}

/**
 * 分户: some members start their own household at the same dwelling (one of them its head).
 * 并户: this household joins another at the same dwelling and ends. Both are kept as history.
 */
export function HouseholdChangeModal({ communityId, household, kind, onClose }: { communityId: string; household: HouseholdCard; kind: HouseholdChange; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const chosen = Form.useWatch('residentIds', form) ?? [];
  const members = household.members.filter((m) => m.status === 'active');

  const save = useMutation({
    mutationFn: (v: Values) =>
      api<{ id: string }>('POST', `${communityBase(communityId)}/households/${encodeURIComponent(household.id)}/${kind}`, {
        date: v.date.format('YYYY-MM-DD'),
        note: v.note?.trim() || null,
        ...(kind === 'split' ? { residentIds: v.residentIds, headId: v.headId } : { intoHouseholdId: v.intoHouseholdId }),
      }),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: registryKeys.all(communityId) });
      onClose();
      navigate(`/c/${communityId}/households/${res.id}`);
    },
  });

  return (
    <Modal
      open
      title={t(kind === 'split' ? text.splitTitle : text.mergeTitle)}
      okText={t('confirm')}
      cancelText={t('cancel')}
      okButtonProps={{ size: 'large', loading: save.isPending }}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" size="large" initialValues={{ date: dayjs() }}>
        {kind === 'split' ? (
          <>
            <Form.Item name="residentIds" label={t(text.splitWho)} rules={[{ required: true, message: t(text.splitWhoRequired) }]}>
              <Checkbox.Group options={members.map((m) => ({ value: m.id, label: m.name }))} />
            </Form.Item>
            <Form.Item name="headId" label={t(text.splitHead)} rules={[{ required: true, message: t(text.splitHeadRequired) }]}>
              <Radio.Group options={members.filter((m) => chosen.includes(m.id)).map((m) => ({ value: m.id, label: m.name }))} />
            </Form.Item>
          </>
        ) : household.neighbours.length === 0 ? (
          <Alert type="info" showIcon message={t(text.mergeNone)} style={{ marginBottom: 16 }} />
        ) : (
          <Form.Item name="intoHouseholdId" label={t(text.mergeInto)} rules={[{ required: true, message: t(text.mergeIntoRequired) }]}>
            <Select options={household.neighbours.map((n) => ({ value: n.id, label: `${n.head ?? '—'}（${t(text.memberCount, { n: n.members })}）` }))} />
          </Form.Item>
        )}
        <Form.Item name="date" label={t(text.eventDate)} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t(text.changeNote)}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {save.error && <Alert type="error" showIcon message={save.error.message} />}
      </Form>
    </Modal>
  );
}
