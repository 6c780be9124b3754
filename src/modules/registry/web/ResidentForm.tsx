import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Button, Card, Cascader, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../../web/i18n.tsx';
import { checkAgainstEntered, parseIdNumber, type Gender, type IdMismatch } from '../lib/id-number.ts';
import { EDUCATION, EMPLOYMENT, GENDERS, POLITICAL, REGISTRATION_TYPES, RELATIONS, RESIDENCE } from '../vocab.ts';
import type { PlaceTree, ResidentDetail } from './api.ts';
import { dwellingOptions, vocabLabel, vocabOptions } from './labels.ts';
import { text } from './text.ts';

// Loose on purpose, like the profile page: "010-62345678 转 8001" is a real phone. At least 5 digits.
const PHONE = /^(?=(?:\D*\d){5})[\d\s+\-()（）转#,，、]{5,40}$/;
const DATE_FORMATS = ['YYYY-MM-DD', 'YYYYMMDD', 'YYYY/MM/DD', 'YYYY.MM.DD'];

export interface ResidentFormValues {
  dwelling?: string[];
  name: string;
  gender?: Gender;
  birthDate?: Dayjs | null;
  idNumber?: string;
  phone?: string;
  phone2?: string;
  ethnicity?: string;
  education?: string;
  workUnit?: string;
  politicalStatus?: string;
  registrationType: string;
  residence: string;
  employmentStatus?: string;
  relationToHead?: string;
  movedInDate?: Dayjs | null;
  notes?: string;
}

/** What the API takes (ResidentInputSchema), from the form; unchanged secrets are left out on edit. */
export function toResidentInput(v: ResidentFormValues, editing: boolean): Record<string, unknown> {
  const s = (x: string | undefined) => {
    const y = (x ?? '').trim();
    return y === '' ? null : y;
  };
  const out: Record<string, unknown> = {
    name: v.name.trim(),
    gender: v.gender ?? null,
    birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : null,
    ethnicity: s(v.ethnicity),
    education: v.education ?? null,
    workUnit: s(v.workUnit),
    politicalStatus: v.politicalStatus ?? null,
    registrationType: v.registrationType,
    residence: v.residence,
    employmentStatus: v.employmentStatus ?? null,
    relationToHead: v.relationToHead ?? 'other',
    movedInDate: v.movedInDate ? v.movedInDate.format('YYYY-MM-DD') : null,
    notes: s(v.notes),
  };
  // The form never holds the stored ID number or phones in clear: empty on edit means "keep".
  for (const k of ['idNumber', 'phone', 'phone2'] as const) {
    const val = s(v[k]);
    if (val !== null || !editing) out[k] = val;
  }
  if (out.idNumber) {
    const parsed = parseIdNumber(String(out.idNumber));
    if (parsed.ok) out.idNumber = parsed.value;
  }
  return out;
}

export function initialFromResident(r: ResidentDetail): ResidentFormValues {
  const g = r.gender === 'male' || r.gender === 'female' ? r.gender : undefined;
  return {
    name: r.name,
    gender: g,
    birthDate: r.birthDate ? dayjs(r.birthDate) : null,
    ethnicity: r.ethnicity ?? undefined,
    education: r.education ?? undefined,
    workUnit: r.workUnit ?? undefined,
    politicalStatus: r.politicalStatus ?? undefined,
    registrationType: r.registrationType,
    residence: r.residence,
    employmentStatus: r.employmentStatus ?? undefined,
    relationToHead: r.relationToHead,
    movedInDate: r.movedInDate ? dayjs(r.movedInDate) : null,
    notes: r.notes ?? undefined,
  };
}

interface Props {
  initial: Partial<ResidentFormValues>;
  /** the resident being edited: their masked numbers are shown as placeholders */
  editing?: ResidentDetail;
  /** when set, the form asks for the dwelling where a new household starts */
  placeTree?: PlaceTree;
  saving: boolean;
  serverErrors: Record<string, string>;
  banner?: ReactNode;
  onSave: (v: ResidentFormValues) => void;
  onCancel: () => void;
}

/** 新增 / 编辑 居民: keyboard-first, checks the ID number as it is typed and fills birth date and gender from it. */
export function ResidentForm({ initial, editing, placeTree, saving, serverErrors, banner, onSave, onCancel }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<ResidentFormValues>();
  // Birth date and gender typed by hand are never overwritten; ones we filled in follow the ID.
  const autoFilled = useRef<{ birthDate: boolean; gender: boolean }>({ birthDate: false, gender: false });
  const idNumber = Form.useWatch('idNumber', form);
  const birthDate = Form.useWatch('birthDate', form);
  const gender = Form.useWatch('gender', form);

  const parsed = useMemo(() => {
    const v = (idNumber ?? '').trim();
    return v ? parseIdNumber(v) : null;
  }, [idNumber]);
  const disagreements = useMemo(
    () => (parsed?.ok ? checkAgainstEntered(parsed, { birthDate: birthDate ? birthDate.format('YYYY-MM-DD') : undefined, gender }) : []),
    [parsed, birthDate, gender],
  );
  const birthMismatch = disagreements.find((d) => d.code === 'ID_BIRTH_MISMATCH');
  const genderMismatch = disagreements.find((d) => d.code === 'ID_GENDER_MISMATCH');

  useEffect(() => {
    const entries = Object.entries(serverErrors);
    if (entries.length) form.setFields(entries.map(([name, msg]) => ({ name: name as keyof ResidentFormValues, errors: [msg] })));
  }, [serverErrors, form]);

  const onValuesChange = (changed: Partial<ResidentFormValues>) => {
    if ('birthDate' in changed) autoFilled.current.birthDate = false;
    if ('gender' in changed) autoFilled.current.gender = false;
    if (!('idNumber' in changed)) return;
    const p = changed.idNumber ? parseIdNumber(changed.idNumber) : null;
    if (!p?.ok) return;
    const cur = form.getFieldsValue(['birthDate', 'gender']);
    const patch: Partial<ResidentFormValues> = {};
    if (!cur.birthDate || autoFilled.current.birthDate) {
      patch.birthDate = dayjs(p.birthDate);
      autoFilled.current.birthDate = true;
    }
    if (!cur.gender || autoFilled.current.gender) {
      patch.gender = p.gender;
      autoFilled.current.gender = true;
    }
    if (Object.keys(patch).length) form.setFieldsValue(patch);
  };

  // A yellow warning, not an error: the card may be old and the roster right. Reads the form afresh.
  const idAgreement =
    (code: IdMismatch) =>
    ({ getFieldValue }: { getFieldValue: (name: keyof ResidentFormValues) => unknown }) => ({
      warningOnly: true,
      validator: async () => {
        const id = String(getFieldValue('idNumber') ?? '').trim();
        const p = id ? parseIdNumber(id) : null;
        if (!p?.ok) return;
        const bd = getFieldValue('birthDate');
        const g = getFieldValue('gender');
        const found = checkAgainstEntered(p, {
          birthDate: dayjs.isDayjs(bd) ? bd.format('YYYY-MM-DD') : undefined,
          gender: g === 'male' || g === 'female' ? g : undefined,
        }).find((d) => d.code === code);
        if (found) throw new Error(t(found.message));
      },
    });

  const idHelp = (() => {
    if (!parsed?.ok) return editing?.idNumberMasked && !parsed ? t(text.currentValue, { masked: editing.idNumberMasked }) : undefined;
    const genderText = vocabLabel(GENDERS, parsed.gender, lang);
    return (
      <Space orientation="vertical" size={0}>
        <Typography.Text type="success">
          <CheckCircleFilled /> {t(text.idOk, { birth: parsed.birthDate, gender: genderText })}
        </Typography.Text>
        {parsed.converted15 && <Typography.Text type="secondary">{t(text.idConverted, { v: parsed.value })}</Typography.Text>}
        {(autoFilled.current.birthDate || autoFilled.current.gender) && <Typography.Text type="secondary">{t(text.idFilled)}</Typography.Text>}
      </Space>
    );
  })();

  const half = { xs: 24, md: 12 };
  const third = { xs: 24, md: 12, xl: 8 };

  return (
    <Form<ResidentFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onSave}
      onValuesChange={onValuesChange}
      scrollToFirstError
      validateTrigger={['onChange', 'onBlur']}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          form.submit();
        }
      }}
    >
      {banner}
      {placeTree && (
        <Card title={t(text.address)} style={{ marginBottom: 16 }}>
          <Form.Item name="dwelling" label={t(text.dwelling)} validateTrigger="onChange" rules={[{ required: true, message: t(text.dwellingRequired) }]} extra={t(text.dwellingHint)}>
            <Cascader options={dwellingOptions(placeTree, lang)} showSearch autoFocus size="large" style={{ maxWidth: 520 }} />
          </Form.Item>
        </Card>
      )}
      <Card title={t(text.sectionBasic)} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item name="name" label={t(text.name)} rules={[{ required: true, whitespace: true, message: t(text.nameRequired) }, { max: 40 }]}>
              <Input size="large" autoFocus={!placeTree} autoComplete="off" maxLength={40} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              name="idNumber"
              label={t(text.idNumber)}
              extra={idHelp}
              rules={[
                {
                  validator: async (_, v: string | undefined) => {
                    const s = (v ?? '').trim();
                    if (!s) return;
                    const p = parseIdNumber(s);
                    if (!p.ok) throw new Error(t(p.message));
                  },
                },
              ]}
            >
              <Input
                size="large"
                className="linli-mono"
                autoComplete="off"
                maxLength={22}
                placeholder={editing?.idNumberMasked ? t(text.keepPlaceholder) : t(text.idPlaceholder)}
              />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="relationToHead" label={t(text.relationToHead)} rules={[{ required: true, message: t(text.required) }]}>
              <Select size="large" options={vocabOptions(RELATIONS, lang)} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              name="gender"
              label={t(text.gender)}
              dependencies={['idNumber']}
              rules={[idAgreement('ID_GENDER_MISMATCH')]}
              extra={
                genderMismatch && (
                  <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => {
                      form.setFieldsValue({ gender: genderMismatch.fromId as Gender });
                      void form.validateFields(['gender']);
                    }}>
                    {t(text.useFromId, { v: vocabLabel(GENDERS, genderMismatch.fromId, lang) })}
                  </Button>
                )
              }
            >
              <Radio.Group optionType="button" buttonStyle="solid" size="large" options={vocabOptions(GENDERS, lang)} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              name="birthDate"
              label={t(text.birthDate)}
              dependencies={['idNumber']}
              rules={[idAgreement('ID_BIRTH_MISMATCH')]}
              extra={
                birthMismatch && (
                  <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => {
                      form.setFieldsValue({ birthDate: dayjs(birthMismatch.fromId) });
                      void form.validateFields(['birthDate']);
                    }}>
                    {t(text.useFromId, { v: birthMismatch.fromId })}
                  </Button>
                )
              }
            >
              <DatePicker size="large" style={{ width: '100%' }} format={DATE_FORMATS} placeholder={t(text.datePlaceholder)} disabledDate={(d) => d.isAfter(dayjs())} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="ethnicity" label={t(text.ethnicity)}>
              <Input size="large" maxLength={20} placeholder={t(text.ethnicityPlaceholder)} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t(text.sectionContact)} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="phone" label={t(text.phone)} rules={[{ pattern: PHONE, message: t(text.phoneInvalid) }]} extra={editing?.phoneMasked && t(text.currentValue, { masked: editing.phoneMasked })}>
              <Input
                size="large"
                inputMode="tel"
                autoComplete="off"
                className="linli-mono"
                placeholder={editing?.phoneMasked ? t(text.keepPlaceholder) : t(text.phonePlaceholder)}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="phone2" label={t(text.phone2)} rules={[{ pattern: PHONE, message: t(text.phoneInvalid) }]} extra={editing?.phone2Masked && t(text.currentValue, { masked: editing.phone2Masked })}>
              <Input
                size="large"
                inputMode="tel"
                autoComplete="off"
                className="linli-mono"
                placeholder={editing?.phone2Masked ? t(text.keepPlaceholder) : t(text.phonePlaceholder)}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t(text.sectionStatus)} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item name="registrationType" label={t(text.registrationType)} rules={[{ required: true }]}>
              <Select size="large" options={vocabOptions(REGISTRATION_TYPES, lang)} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="residence" label={t(text.residence)} rules={[{ required: true }]}>
              <Select size="large" options={vocabOptions(RESIDENCE, lang)} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="movedInDate" label={t(text.movedInDate)}>
              <DatePicker size="large" style={{ width: '100%' }} format={DATE_FORMATS} placeholder={t(text.datePlaceholder)} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="employmentStatus" label={t(text.employmentStatus)}>
              <Select size="large" allowClear options={vocabOptions(EMPLOYMENT, lang)} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="politicalStatus" label={t(text.politicalStatus)}>
              <Select size="large" allowClear options={vocabOptions(POLITICAL, lang)} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="education" label={t(text.education)}>
              <Select size="large" allowClear options={vocabOptions(EDUCATION, lang)} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="workUnit" label={t(text.workUnit)}>
              <Input size="large" maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t(text.sectionOther)} style={{ marginBottom: 16 }}>
        <Form.Item name="notes" label={t(text.notes)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={1000} showCount />
        </Form.Item>
      </Card>
      <Space size="middle" wrap align="center">
        <Button type="primary" htmlType="submit" size="large" loading={saving}>
          {t('save')}
        </Button>
        <Button size="large" onClick={onCancel} disabled={saving}>
          {t('cancel')}
        </Button>
        <Typography.Text type="secondary">{t(text.keyboardHint)}</Typography.Text>
      </Space>
    </Form>
  );
}
