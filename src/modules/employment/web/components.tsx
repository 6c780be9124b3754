import { useState } from 'react';
import { Alert, App as AntApp, DatePicker, Form, Input, Modal, Select, Spin, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api } from '../../../web/api.ts';
import type { Bilingual, Lang } from '../../../web/i18n.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { employmentBase, employmentKeys, searchResidents, type ResidentHit } from './api.ts';
import { EMPLOYMENT_LABELS, text } from './text.ts';

/** The label of a vocabulary code, or the code itself when unknown. */
export function label(labels: Record<string, Bilingual>, code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const l = labels[code];
  return l ? (lang === 'en' ? l.en : l.zh) : code;
}

/** "还有 12 天" / "超期 3 天", coloured by urgency. */
export function Countdown({ days }: { days: number }) {
  const { t } = useI18n();
  if (days < 0)
    return (
      <Tag color="error" className="emp-countdown">
        {t(text.daysOver, { n: -days })}
      </Tag>
    );
  if (days === 0)
    return (
      <Tag color="warning" className="emp-countdown">
        {t(text.dueToday)}
      </Tag>
    );
  return (
    <Tag color={days <= 14 ? 'warning' : 'processing'} className="emp-countdown">
      {t(text.daysLeft, { n: days })}
    </Tag>
  );
}

/** 失业登记: pick a resident from the registry (or come with one) and say what they can do and want. */
export function RegisterModal({
  communityId,
  open,
  onClose,
  resident,
}: {
  communityId: string;
  open: boolean;
  onClose: () => void;
  resident?: { id: string; name: string } | null;
}) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ residentId: string; registeredOn: Dayjs; skills?: string; wishes?: string; barriers?: string; notes?: string }>();
  const [hits, setHits] = useState<ResidentHit[]>([]);
  const [searching, setSearching] = useState(false);
  const save = useMutation({
    mutationFn: (v: { residentId: string; registeredOn: Dayjs; skills?: string; wishes?: string; barriers?: string; notes?: string }) =>
      api<{ id: string }>('POST', `${employmentBase(communityId)}/cases`, {
        residentId: v.residentId,
        registeredOn: v.registeredOn.format('YYYY-MM-DD'),
        skills: v.skills?.trim() || null,
        wishes: v.wishes?.trim() || null,
        barriers: v.barriers?.trim() || null,
        notes: v.notes?.trim() || null,
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: employmentKeys.all(communityId) });
      message.success(t(text.registered));
      onClose();
      void navigate(`/c/${communityId}/employment/cases/${r.id}`);
    },
  });
  const search = async (q: string) => {
    if (q.trim().length < 1) return;
    setSearching(true);
    try {
      setHits(await searchResidents(communityId, q.trim()));
    } finally {
      setSearching(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t(text.registerTitle)}
      okText={t(text.register)}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Form
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ registeredOn: dayjs(), residentId: resident?.id }}
        onFinish={(v) => save.mutate(v)}
        preserve={false}
      >
        <Form.Item name="residentId" label={t(text.resident)} extra={t(text.residentHint)} rules={[{ required: true, message: t(text.required) }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
            aria-label={t(text.resident)}
            disabled={Boolean(resident)}
            notFoundContent={searching ? <Spin size="small" /> : null}
            options={
              resident
                ? [{ value: resident.id, label: resident.name }]
                : hits.map((h) => ({
                    value: h.id,
                    label: `${h.name}（${h.age ?? '?'}岁 · ${h.address} · ${label(EMPLOYMENT_LABELS, h.employmentStatus, lang) || '—'}）`,
                  }))
            }
          />
        </Form.Item>
        <Form.Item name="registeredOn" label={t(text.registeredOn)} rules={[{ required: true, message: t(text.required) }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="skills" label={t(text.skills)}>
          <Input maxLength={300} placeholder="如：驾驶（C1）、电工证、家政服务" />
        </Form.Item>
        <Form.Item name="wishes" label={t(text.wishes)}>
          <Input maxLength={300} placeholder="如：就近上班，白天班" />
        </Form.Item>
        <Form.Item name="barriers" label={t(text.barriers)}>
          <Input maxLength={300} placeholder="如：年龄偏大、需照顾老人" />
        </Form.Item>
        <Form.Item name="notes" label={t(text.notes)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t(text.registerHint)}</Typography.Paragraph>
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
    </Modal>
  );
}
