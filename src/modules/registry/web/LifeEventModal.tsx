import { Alert, Cascader, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { communityBase, registryKeys, usePlaceTree, type ResidentDetail } from './api.ts';
import { dwellingOptions } from './labels.ts';
import { text } from './text.ts';

export type LifeEventKind = 'moved_out' | 'moved_within' | 'deceased';

const KIND_TEXT = { moved_out: text.moveOut, moved_within: text.moveWithin, deceased: text.deceased } as const;

interface Values {
  date: Dayjs;
  dwelling?: string[];
  note?: string;
}

/** 迁出 / 社区内搬迁 / 死亡: one date (and the new dwelling for a move), kept as history. */
export function LifeEventModal({
  communityId,
  resident,
  kind,
  onClose,
}: {
  communityId: string;
  resident: ResidentDetail;
  kind: LifeEventKind;
  onClose: (saved: boolean) => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const places = usePlaceTree(communityId);

  const save = useMutation({
    mutationFn: (v: Values) =>
      api<ResidentDetail>('POST', `${communityBase(communityId)}/residents/${encodeURIComponent(resident.id)}/events`, {
        kind,
        date: v.date.format('YYYY-MM-DD'),
        dwellingId: kind === 'moved_within' ? v.dwelling?.[v.dwelling.length - 1] : undefined,
        note: v.note?.trim() || null,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(registryKeys.resident(communityId, resident.id), saved);
      void queryClient.invalidateQueries({ queryKey: registryKeys.all(communityId) });
      onClose(true);
    },
  });

  const kindLabel = t(KIND_TEXT[kind]);
  return (
    <Modal
      open
      title={t(text.eventTitle, { kind: kindLabel, name: resident.name })}
      okText={t('confirm')}
      cancelText={t('cancel')}
      okButtonProps={{ size: 'large', danger: kind === 'deceased' }}
      cancelButtonProps={{ size: 'large' }}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ date: dayjs() }} onFinish={(v) => save.mutate(v)}>
        {kind !== 'moved_within' && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t(kind === 'deceased' ? text.eventWarnDeceased : text.eventWarnOut)} />
        )}
        {save.error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={save.error.message} />}
        <Form.Item name="date" label={t(text.eventDate)} rules={[{ required: true, message: t(text.eventDateRequired) }]}>
          <DatePicker size="large" style={{ width: '100%' }} format={['YYYY-MM-DD', 'YYYYMMDD']} allowClear={false} disabledDate={(d) => d.isAfter(dayjs())} autoFocus />
        </Form.Item>
        {kind === 'moved_within' && (
          <Form.Item name="dwelling" label={t(text.eventTo)} rules={[{ required: true, message: t(text.eventToRequired) }]} extra={t(text.eventToHint)}>
            <Cascader size="large" options={places.data ? dwellingOptions(places.data, lang) : []} loading={places.isPending} showSearch />
          </Form.Item>
        )}
        <Form.Item name="note" label={t(text.eventNote)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
