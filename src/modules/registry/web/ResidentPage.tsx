import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Dropdown, Empty, Grid, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownOutlined, EditOutlined, HomeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../../web/api.ts';
import { formatDateTime } from '../../../web/format.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { EDUCATION, EMPLOYMENT, GENDERS, POLITICAL, REGISTRATION_TYPES, RELATIONS, RESIDENCE, RESIDENT_STATUS } from '../vocab.ts';
import { communityBase, registryKeys, useResident, type ResidentDetail } from './api.ts';
import { RevealValue, TagList } from './components.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { LifeEventModal, type LifeEventKind } from './LifeEventModal.tsx';
import { isSensitiveTag, tagColour, tagLabel, vocabLabel } from './labels.ts';
import { initialFromResident, ResidentForm, toResidentInput, type ResidentFormValues } from './ResidentForm.tsx';
import { text } from './text.ts';

/** /c/:communityId/residents/:id — one resident: every field, tags with dates, history, life events. */
export function ResidentPage() {
  const { t, lang } = useI18n();
  const { communityId = '', id = '' } = useParams();
  const community = useCurrentCommunity();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState(false);
  const [event, setEvent] = useState<LifeEventKind | null>(null);
  const canEdit = canInCommunity(community, 'registry.edit');
  const query = useResident(communityId, id);

  const save = useMutation({
    mutationFn: (v: ResidentFormValues) => api<ResidentDetail>('PATCH', `${communityBase(communityId)}/residents/${encodeURIComponent(id)}`, toResidentInput(v, true)),
    onSuccess: (saved) => {
      queryClient.setQueryData(registryKeys.resident(communityId, id), saved);
      void queryClient.invalidateQueries({ queryKey: registryKeys.residents(communityId) });
      setEditing(false);
      message.success(t(text.saved));
    },
  });
  const serverError = save.error instanceof ApiError ? save.error : null;

  const r = query.data;
  const empty = <Typography.Text type="secondary">{t('notSet')}</Typography.Text>;
  const or = (v: string | null | undefined) => (v ? v : empty);

  return (
    <>
      <div className="linli-page-header">
        <Space orientation="vertical" size={4}>
          <Link to={`/c/${communityId}/residents`}>
            <ArrowLeftOutlined /> {t(text.backToList)}
          </Link>
          <Space wrap align="center">
            <Typography.Title level={3}>{r ? r.name : t(text.residentTitle)}</Typography.Title>
            {r && r.status !== 'active' && <Tag color={r.status === 'deceased' ? 'default' : 'orange'}>{vocabLabel(RESIDENT_STATUS, r.status, lang)}</Tag>}
            {r && <TagList tags={r.tags} />}
          </Space>
        </Space>
        {r && !editing && (
          <Space wrap>
            <Button size="large" icon={<HomeOutlined />} onClick={() => navigate(`/c/${communityId}/households/${r.householdId}`)}>
              {t(text.openHousehold)}
            </Button>
            {canEdit && r.status === 'active' && (
              <>
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: [
                      { key: 'moved_within', label: t(text.moveWithin) },
                      { key: 'moved_out', label: t(text.moveOut) },
                      { type: 'divider' },
                      { key: 'deceased', label: t(text.deceased), danger: true },
                    ],
                    onClick: ({ key }) => setEvent(key as LifeEventKind),
                  }}
                >
                  <Button size="large">
                    {t(text.moreActions)} <DownOutlined />
                  </Button>
                </Dropdown>
                <Button type="primary" size="large" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('edit')}
                </Button>
              </>
            )}
          </Space>
        )}
      </div>

      {query.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      )}
      {query.error && <LoadError error={query.error} onRetry={() => void query.refetch()} />}

      {r && editing && (
        <>
          <Typography.Title level={4}>{t(text.editTitle)}</Typography.Title>
          <ResidentForm
            key={r.updatedAt}
            initial={initialFromResident(r)}
            editing={r}
            saving={save.isPending}
            serverErrors={serverError?.fields ?? {}}
            banner={
              serverError && (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  style={{ marginBottom: 16 }}
                  title={Object.keys(serverError.fields).length ? t(text.fixErrors) : serverError.message}
                />
              )
            }
            onSave={(v) => save.mutate(v)}
            onCancel={() => {
              save.reset();
              setEditing(false);
            }}
          />
        </>
      )}

      {r && !editing && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Descriptions
              bordered
              layout={phone ? 'vertical' : 'horizontal'}
              column={{ xs: 1, sm: 1, md: 2 }}
              styles={{ label: phone ? {} : { width: 130, whiteSpace: 'nowrap' }, content: { minWidth: 160, background: '#fff' } }}
              items={[
                { key: 'name', label: t(text.name), children: r.name },
                { key: 'gender', label: t(text.gender), children: or(vocabLabel(GENDERS, r.gender, lang)) },
                {
                  key: 'birth',
                  label: t(text.birthDate),
                  children: r.birthDate ? `${r.birthDate}${r.age === null ? '' : `（${t(text.ageYears, { n: r.age })}）`}` : empty,
                },
                { key: 'ethnicity', label: t(text.ethnicity), children: or(r.ethnicity) },
                {
                  key: 'id',
                  label: t(text.idNumber),
                  span: 'filled',
                  children: <RevealValue communityId={communityId} residentId={r.id} field="idNumber" masked={r.idNumberMasked} canReveal={r.canReveal} />,
                },
                {
                  key: 'phone',
                  label: t(text.phone),
                  children: <RevealValue communityId={communityId} residentId={r.id} field="phone" masked={r.phoneMasked} canReveal={r.canReveal} />,
                },
                {
                  key: 'phone2',
                  label: t(text.phone2),
                  children: <RevealValue communityId={communityId} residentId={r.id} field="phone2" masked={r.phone2Masked} canReveal={r.canReveal} />,
                },
                {
                  key: 'address',
                  label: t(text.address),
                  span: 'filled',
                  children: (
                    <Space wrap>
                      {r.address || '—'}
                      <Link to={`/c/${communityId}/households/${r.householdId}`}>{t(text.openHousehold)}</Link>
                    </Space>
                  ),
                },
                { key: 'relation', label: t(text.relationToHead), children: vocabLabel(RELATIONS, r.relationToHead, lang) },
                { key: 'movedIn', label: t(text.movedInDate), children: or(r.movedInDate) },
                { key: 'reg', label: t(text.registrationType), children: vocabLabel(REGISTRATION_TYPES, r.registrationType, lang) },
                { key: 'residence', label: t(text.residence), children: vocabLabel(RESIDENCE, r.residence, lang) },
                { key: 'employment', label: t(text.employmentStatus), children: or(vocabLabel(EMPLOYMENT, r.employmentStatus, lang)) },
                { key: 'political', label: t(text.politicalStatus), children: or(vocabLabel(POLITICAL, r.politicalStatus, lang)) },
                { key: 'education', label: t(text.education), children: or(vocabLabel(EDUCATION, r.education, lang)) },
                { key: 'work', label: t(text.workUnit), children: or(r.workUnit) },
                {
                  key: 'notes',
                  label: t(text.notes),
                  span: 'filled',
                  children: r.notes ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.notes}</Typography.Paragraph> : empty,
                },
                { key: 'updated', label: t(text.updatedAt), span: 'filled', children: formatDateTime(r.updatedAt, lang) },
              ]}
            />
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t(text.tagsTitle)} style={{ marginBottom: 16 }}>
              {r.tagDetails.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noTags)} />
              ) : (
                <Space orientation="vertical" size={10} style={{ width: '100%' }}>
                  {r.tagDetails.map((tg) => (
                    <div key={tg.id} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                      <span>
                        <Tag color={tagColour(tg.tag)}>
                          {tagLabel(tg.tag, lang)}
                          {tg.grade ? ` · ${tg.grade}` : ''}
                        </Tag>
                        {tg.household && <Typography.Text type="secondary">（{t(text.householdTag)}）</Typography.Text>}
                        {isSensitiveTag(tg.tag) && <Typography.Text type="secondary"> 🔒</Typography.Text>}
                      </span>
                      <Typography.Text type="secondary">
                        {tg.endDate ? t(text.tagRange, { a: tg.startDate, b: tg.endDate }) : t(text.tagSince, { d: tg.startDate })}
                      </Typography.Text>
                    </div>
                  ))}
                </Space>
              )}
            </Card>
            <Card title={t(text.historyTitle)}>
              <HistoryTimeline events={r.events} communityId={communityId} />
            </Card>
          </Col>
        </Row>
      )}

      {r && event && (
        <LifeEventModal
          communityId={communityId}
          resident={r}
          kind={event}
          onClose={(saved) => {
            setEvent(null);
            if (saved) message.success(t(text.eventSaved));
          }}
        />
      )}
    </>
  );
}

