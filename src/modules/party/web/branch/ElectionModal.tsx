import { App as AntApp, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../../web/i18n.tsx';
import { LEADER_ROLES, electionResult } from '../../schema.ts';
import { label } from '../components.tsx';
import { ROLE_LABELS } from '../text.ts';
import { useBranchChange, type Election, type ElectionRecord } from './api.ts';
import { applyServerErrors, day, FormAlert } from './forms.tsx';
import { MemberSelect } from './MemberSelect.tsx';
import { bt } from './text.ts';

interface Values {
  date: Dayjs;
  seats: number;
  voters: number;
  termEnd?: Dayjs | null;
  notes?: string;
  candidates: { memberId?: string | null; votes?: number | null; role?: (typeof LEADER_ROLES)[number] | null }[];
}

/** Records an election, or corrects one: the result is shown as the votes are typed, never typed itself. */
export function ElectionModal({ communityId, open, election, onClose }: { communityId: string; open: boolean; election: Election | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const known = Object.fromEntries((election?.candidates ?? []).map((c) => [c.memberId, c.name]));
  const save = useBranchChange<ElectionRecord>(communityId, (body) =>
    election ? { method: 'PUT', path: `/elections/${encodeURIComponent(election.id)}`, body } : { method: 'POST', path: '/elections', body },
  );

  const seats = Form.useWatch('seats', form) ?? 0;
  const voters = Form.useWatch('voters', form) ?? 0;
  const cands = Form.useWatch('candidates', form) ?? [];
  const typed = cands.filter((c): c is { memberId: string; votes: number } => Boolean(c?.memberId) && typeof c?.votes === 'number');
  const result = seats > 0 && voters > 0 ? electionResult(typed, seats, voters) : null;
  const outcome = (memberId: string | null | undefined) =>
    !result || !memberId ? null : result.elected.includes(memberId) ? 'elected' : result.tie.includes(memberId) ? 'tie' : 'out';

  const initial: Partial<Values> = election
    ? {
        date: dayjs(election.date),
        seats: election.seats,
        voters: election.voters ?? undefined,
        termEnd: election.termEnd ? dayjs(election.termEnd) : null,
        notes: election.notes ?? '',
        candidates: election.candidates.map((c) => ({ memberId: c.memberId, votes: c.votes, role: (c.role as Values['candidates'][number]['role']) ?? null })),
      }
    : { date: dayjs(), seats: 5, candidates: [{}, {}, {}, {}, {}, {}] };

  const submit = (v: Values) => {
    setError(null);
    const body: ElectionRecord = {
      date: v.date.format('YYYY-MM-DD'),
      seats: v.seats,
      voters: v.voters,
      notes: v.notes?.trim() || null,
      termEnd: day(v.termEnd),
      candidates: v.candidates
        .filter((c) => c.memberId)
        .map((c) => ({ memberId: c.memberId as string, votes: c.votes ?? 0, role: outcome(c.memberId) === 'elected' ? (c.role ?? 'member') : null })),
    };
    save.mutate(body, {
      onSuccess: () => {
        message.success(t(election ? bt.electionCorrected : bt.electionSaved));
        onClose();
      },
      onError: (e) => setError(applyServerErrors(form, e, ['date', 'seats', 'voters', 'termEnd', 'notes', 'candidates'])),
    });
  };

  return (
    <Modal
      open={open}
      title={election ? t(bt.correctElection, { date: election.date }) : t(bt.newElection)}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={760}
      afterOpenChange={(o) => !o && setError(null)}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} className="party-election-form" data-testid="party-election-form">
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="date" label={t(bt.electionDate)} rules={[{ required: true, message: t(bt.required) }]}>
              <DatePicker allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={5}>
            <Form.Item name="seats" label={t(bt.seats)} rules={[{ required: true, message: t(bt.required) }]}>
              <InputNumber min={1} max={15} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item name="voters" label={t(bt.voters)} tooltip={t(bt.votersHint)} rules={[{ required: true, message: t(bt.required) }]}>
              <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="termEnd" label={t(bt.termEndElection)} tooltip={t(bt.termEndElectionHint)}>
              <DatePicker style={{ width: '100%' }} placeholder={t(bt.termEndElectionHint)} />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t(bt.candidates)}
        </Typography.Title>
        {result && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t(bt.ruleHint, { n: result.threshold, seats })}
          </Typography.Paragraph>
        )}
        <Form.List name="candidates">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => {
                const o = outcome(cands[i]?.memberId);
                return (
                  <div key={f.key} className="party-candidate-row" data-testid="party-candidate-row">
                    <Form.Item name={[f.name, 'memberId']} className="party-candidate-name" label={i === 0 ? t(bt.candidate) : undefined}>
                      <MemberSelect communityId={communityId} known={known} aria-label={`${t(bt.candidate)} ${i + 1}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'votes']} className="party-candidate-votes" label={i === 0 ? t(bt.votes) : undefined}>
                      <InputNumber min={0} max={10000} precision={0} aria-label={`${t(bt.votes)} ${i + 1}`} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item className="party-candidate-result" label={i === 0 ? t(bt.result) : undefined}>
                      {o === 'elected' ? <Tag color="red">{t(bt.elected)}</Tag> : o === 'tie' ? <Tag color="orange">{t(bt.tied)}</Tag> : o === 'out' ? <Tag>{t(bt.notElected)}</Tag> : <span className="party-muted">—</span>}
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} className="party-candidate-role" label={i === 0 ? t(bt.roleFor) : undefined}>
                      <Select
                        disabled={o !== 'elected'}
                        placeholder={o === 'elected' ? label(ROLE_LABELS, 'member', lang) : t(bt.rolePending)}
                        options={LEADER_ROLES.map((r) => ({ value: r, label: label(ROLE_LABELS, r, lang) }))}
                        aria-label={`${t(bt.roleFor)} ${i + 1}`}
                        allowClear
                      />
                    </Form.Item>
                    <Form.Item className="party-candidate-remove" label={i === 0 ? ' ' : undefined}>
                      <Button type="text" icon={<DeleteOutlined />} aria-label={`${t(bt.remove)} ${i + 1}`} onClick={() => remove(f.name)} disabled={fields.length <= 1} />
                    </Form.Item>
                  </div>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block style={{ marginBottom: 12 }}>
                {t(bt.addCandidate)}
              </Button>
            </>
          )}
        </Form.List>
        {result && (result.tie.length > 0 || result.vacant > 0) && (
          <Space orientation="vertical" style={{ marginBottom: 12 }}>
            {result.tie.length > 0 && <Typography.Text type="warning">{t(bt.tieWarn)}</Typography.Text>}
            {result.vacant > 0 && typed.length > 0 && <Typography.Text type="warning">{t(bt.vacantWarn, { n: result.vacant })}</Typography.Text>}
          </Space>
        )}
        <Form.Item name="notes" label={t(bt.notes)}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        <FormAlert message={error} />
      </Form>
    </Modal>
  );
}
