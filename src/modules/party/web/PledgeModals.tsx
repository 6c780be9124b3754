import { Alert, App as AntApp, DatePicker, Form, Input, Modal, Radio, Segmented, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { AreaPicker, type Area } from './AreaPicker.tsx';
import { partyBase, partyKeys, useAllMembers, type Pledge } from './api.ts';
import { yearOptions } from './components.tsx';
import { PLEDGE_STATUS_LABELS, text } from './text.ts';

interface NewPledge {
  level: 'branch' | 'member';
  year: number;
  memberId?: string;
  title: string;
  owner?: string;
  target?: string;
  areas?: Area[];
}

/** 新增承诺: a branch pledge (实事) or a member's pledge of a task or an area. */
export function PledgeCreateModal({ communityId, open, year, level, onClose }: { communityId: string; open: boolean; year: number; level: 'branch' | 'member'; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewPledge>();
  const chosen = Form.useWatch('level', form) ?? level;
  const members = useAllMembers(communityId, open);

  const create = useMutation({
    mutationFn: (v: NewPledge) =>
      api<Pledge>('POST', `${partyBase(communityId)}/pledges`, {
        level: v.level,
        year: v.year,
        memberId: v.level === 'member' ? v.memberId : null,
        title: v.title.trim(),
        owner: v.level === 'branch' ? v.owner?.trim() || null : null,
        target: v.level === 'branch' ? v.target?.trim() || null : null,
        areas: v.level === 'member' ? (v.areas ?? []) : [],
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partyKeys.pledges(communityId) });
      message.success(t(text.pledgeCreated));
      onClose();
    },
  });

  return (
    <Modal
      open={open}
      title={t(text.addPledge)}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={{ level, year, areas: [] }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="level" label={t(text.level)}>
          <Segmented block options={[{ value: 'member', label: t(text.memberPledges) }, { value: 'branch', label: t(text.branchPledges) }]} />
        </Form.Item>
        <Form.Item name="year" label={t(text.year)}>
          <Select options={yearOptions(lang)} style={{ width: 160 }} />
        </Form.Item>
        {chosen === 'member' && (
          <Form.Item name="memberId" label={t(text.member)} rules={[{ required: true, message: t(text.pickMember) }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t(text.pickMemberHint)}
              loading={members.isPending}
              options={(members.data?.items ?? []).filter((m) => !m.leftDate).map((m) => ({ value: m.id, label: m.groupName ? `${m.name}（${m.groupName}）` : m.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="title" label={t(text.pledgeTitle)} rules={[{ required: true, whitespace: true, message: t(text.required) }, { max: 200 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} placeholder={t(chosen === 'branch' ? text.pledgeTitleBranch : text.pledgeTitleMember)} />
        </Form.Item>
        {chosen === 'branch' ? (
          <>
            <Form.Item name="owner" label={t(text.owner)}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="target" label={t(text.target)}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="areas" label={t(text.areas)} extra={t(text.areaHint)}>
            <AreaPicker />
          </Form.Item>
        )}
        {create.error && <Alert type="error" showIcon title={create.error.message} />}
      </Form>
    </Modal>
  );
}

/** 记进展: a dated note, shown on the board at once. */
export function ProgressModal({ communityId, pledge, onClose }: { communityId: string; pledge: Pledge | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ date: Dayjs; note: string }>();
  const save = useMutation({
    mutationFn: (v: { date: Dayjs; note: string }) => api<Pledge>('POST', `${partyBase(communityId)}/pledges/${encodeURIComponent(pledge?.id ?? '')}/progress`, { date: v.date.format('YYYY-MM-DD'), note: v.note.trim() }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partyKeys.pledges(communityId) });
      message.success(t(text.progressSaved));
      onClose();
    },
  });
  return (
    <Modal open={Boolean(pledge)} title={pledge ? t(text.progressTitle, { title: pledge.title }) : ''} okText={t('save')} cancelText={t('cancel')} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ date: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="date" label={t(text.progressDate)} rules={[{ required: true, message: t(text.required) }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="note" label={t(text.progressNote)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
          <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 6 }} maxLength={1000} showCount />
        </Form.Item>
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
    </Modal>
  );
}

/** 年终评议: fulfilled or not, with a note. */
export function ReviewModal({ communityId, pledge, onClose }: { communityId: string; pledge: Pledge | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ status: 'done' | 'not_done'; note?: string }>();
  const [status] = useState<'done' | 'not_done'>(pledge?.status === 'not_done' ? 'not_done' : 'done');
  const save = useMutation({
    mutationFn: (v: { status: 'done' | 'not_done'; note?: string }) =>
      api<Pledge>('POST', `${partyBase(communityId)}/pledges/${encodeURIComponent(pledge?.id ?? '')}/review`, { status: v.status, note: v.note?.trim() || null }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partyKeys.pledges(communityId) });
      message.success(t(text.reviewSaved));
      onClose();
    },
  });
  return (
    <Modal open={Boolean(pledge)} title={pledge ? t(text.reviewTitle, { title: pledge.title }) : ''} okText={t('save')} cancelText={t('cancel')} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ status, note: pledge?.reviewNote ?? '' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="status" label={t(text.reviewResult)}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['done', 'not_done'] as const).map((s) => ({ value: s, label: lang === 'en' ? PLEDGE_STATUS_LABELS[s].en : PLEDGE_STATUS_LABELS[s].zh }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t(text.reviewNote)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
    </Modal>
  );
}
