import { useEffect } from 'react';
import { Button, Col, Form, Input, InputNumber, Row, Space } from 'antd';
import { useI18n } from '../../../web/i18n.tsx';
import { text } from './text.ts';
import type { Profile, ProfileUpdate } from '../schema.ts';

// Loose on purpose: offices write "010-62345678 转 8001" or "62345678（值班）"; at least 5 digits.
const PHONE = /^(?=(?:\D*\d){5})[\d\s+\-()（）转#,，、a-zA-Z\u4e00-\u9fff]{5,40}$/;

interface Props {
  profile: Profile;
  saving: boolean;
  /** Field errors from the server, shown under their fields. */
  serverErrors: Record<string, string>;
  onSave: (update: ProfileUpdate) => void;
  onCancel: () => void;
}

function trimOrNull(s: string | null | undefined): string | null {
  const v = (s ?? '').trim();
  return v === '' ? null : v;
}

/** The 编辑 form: validates as the user types, PUTs only the editable fields. */
export function ProfileForm({ profile, saving, serverErrors, onSave, onCancel }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<ProfileUpdate>();
  const thisYear = new Date().getFullYear();

  useEffect(() => {
    const known = Object.entries(serverErrors).filter(([name]) => name in profile);
    if (known.length) form.setFields(known.map(([name, msg]) => ({ name: name as keyof ProfileUpdate, errors: [msg] })));
  }, [serverErrors, form, profile]);

  const finish = (v: ProfileUpdate) =>
    onSave({
      address: v.address.trim(),
      landArea: v.landArea ?? null,
      floorArea: v.floorArea ?? null,
      movedInYear: v.movedInYear ?? null,
      greeningCoverage: v.greeningCoverage ?? null,
      phone: trimOrNull(v.phone),
      introduction: trimOrNull(v.introduction),
    });

  const area = { type: 'number' as const, min: 0, message: t(text.areaInvalid) };

  return (
    <Form<ProfileUpdate>
      form={form}
      layout="vertical"
      initialValues={profile}
      onFinish={finish}
      scrollToFirstError
      validateTrigger={['onChange', 'onBlur']}
      aria-label={t(text.editTitle)}
    >
      <Form.Item
        name="address"
        label={t(text.address)}
        rules={[
          { required: true, whitespace: true, message: t(text.addressRequired) },
          { max: 200, message: t(text.addressTooLong) },
        ]}
      >
        <Input maxLength={200} showCount />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="landArea" label={t(text.landArea)} rules={[area]}>
            <InputNumber style={{ width: '100%' }} min={0} step={100} suffix="㎡" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="floorArea" label={t(text.floorArea)} rules={[area]}>
            <InputNumber style={{ width: '100%' }} min={0} step={100} suffix="㎡" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="movedInYear"
            label={t(text.movedInYear)}
            rules={[{ type: 'integer', min: 1900, max: thisYear, message: t(text.yearInvalid) }]}
          >
            <InputNumber style={{ width: '100%' }} min={1900} max={thisYear} precision={0} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="greeningCoverage"
            label={t(text.greeningCoverage)}
            rules={[{ type: 'number', min: 0, max: 100, message: t(text.coverageInvalid) }]}
          >
            <InputNumber style={{ width: '100%' }} min={0} max={100} suffix="%" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label={t(text.phone)} rules={[{ pattern: PHONE, message: t(text.phoneInvalid) }]}>
            <Input inputMode="tel" autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="introduction" label={t(text.introduction)} rules={[{ max: 5000, message: t(text.introTooLong) }]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
      </Form.Item>
      <Space size="middle" wrap>
        <Button type="primary" htmlType="submit" size="large" loading={saving}>
          {t('save')}
        </Button>
        <Button size="large" onClick={onCancel} disabled={saving}>
          {t('cancel')}
        </Button>
      </Space>
    </Form>
  );
}
