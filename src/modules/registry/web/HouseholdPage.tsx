import { Button, Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, HomeOutlined, MergeCellsOutlined, SplitCellsOutlined, UserAddOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { HouseholdChangeModal, type HouseholdChange } from './HouseholdChangeModal.tsx';
import { Link, useNavigate, useParams } from 'react-router';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { RELATIONS, RESIDENT_STATUS } from '../vocab.ts';
import { useHousehold, type ResidentRow } from './api.ts';
import { genderAge, TagList } from './components.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { tagColour, tagLabel, vocabLabel } from './labels.ts';
import { text } from './text.ts';

const RELATION_ORDER = RELATIONS.map((r) => r.code);

/** /c/:communityId/households/:id — 户: members and their relations, household tags, history, neighbours. */
export function HouseholdPage() {
  const { t, lang } = useI18n();
  const { communityId = '', id = '' } = useParams();
  const community = useCurrentCommunity();
  const navigate = useNavigate();
  const query = useHousehold(communityId, id);
  const h = query.data;
  const canEdit = canInCommunity(community, 'registry.edit');
  const [change, setChange] = useState<HouseholdChange | null>(null);

  const members = h ? [...h.members].sort((a, b) => RELATION_ORDER.indexOf(a.relationToHead) - RELATION_ORDER.indexOf(b.relationToHead)) : [];
  const head = members.find((m) => m.relationToHead === 'head');

  const columns: TableColumnsType<ResidentRow> = [
    {
      title: t(text.relationToHead),
      dataIndex: 'relationToHead',
      width: 130,
      render: (v: string) => (v === 'head' ? <Tag color="blue">{vocabLabel(RELATIONS, v, lang)}</Tag> : vocabLabel(RELATIONS, v, lang)),
    },
    {
      title: t(text.name),
      key: 'name',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/c/${communityId}/residents/${r.id}`} className="linli-row-name" onClick={(e) => e.stopPropagation()}>
            {r.name}
          </Link>
          <Typography.Text type="secondary">{genderAge(r.gender, r.age, lang, (n) => t(text.ageYears, { n }))}</Typography.Text>
        </Space>
      ),
    },
    { title: t(text.idNumber), dataIndex: 'idNumberMasked', render: (v: string | null) => <span className="linli-mono">{v ?? '—'}</span> },
    { title: t(text.phone), dataIndex: 'phoneMasked', render: (v: string | null) => <span className="linli-mono">{v ?? '—'}</span> },
    { title: t(text.tags), dataIndex: 'tags', render: (v: string[]) => <TagList tags={v} /> },
  ];
  // Members who moved out or died stay on the card, marked; the column appears only then.
  if (members.some((m) => m.status !== 'active'))
    columns.push({
      title: t(text.status),
      dataIndex: 'status',
      width: 90,
      render: (v: string) => (v === 'active' ? vocabLabel(RESIDENT_STATUS, v, lang) : <Tag color="orange">{vocabLabel(RESIDENT_STATUS, v, lang)}</Tag>),
    });

  return (
    <>
      <div className="linli-page-header">
        <Space orientation="vertical" size={4}>
          <Link to={`/c/${communityId}/residents`}>
            <ArrowLeftOutlined /> {t(text.backToList)}
          </Link>
          <Typography.Title level={3}>
            <HomeOutlined /> {h ? h.address : t(text.householdTitle)}
          </Typography.Title>
        </Space>
        {h && (
          <Space wrap>
            {canEdit && h.status === 'active' && (
              <>
                <Button size="large" icon={<SplitCellsOutlined />} onClick={() => setChange('split')} disabled={h.members.filter((m) => m.status === 'active').length < 2}>
                  {t(text.splitAction)}
                </Button>
                <Button size="large" icon={<MergeCellsOutlined />} onClick={() => setChange('merge')}>
                  {t(text.mergeAction)}
                </Button>
              </>
            )}
            {canEdit && (
              <Button type="primary" size="large" icon={<UserAddOutlined />} onClick={() => navigate(`/c/${communityId}/residents/new?householdId=${encodeURIComponent(h.id)}`)}>
                {t(text.addMember)}
              </Button>
            )}
          </Space>
        )}
      </div>
      {h && change && <HouseholdChangeModal communityId={communityId} household={h} kind={change} onClose={() => setChange(null)} />}
      {query.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      )}
      {query.error && <LoadError error={query.error} onRetry={() => void query.refetch()} />}
      {h && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={17}>
            <Descriptions
              bordered
              size="middle"
              column={{ xs: 1, md: 3 }}
              styles={{ content: { background: '#fff' } }}
              style={{ marginBottom: 16 }}
              items={[
                { key: 'head', label: t(text.head), children: head ? head.name : <Typography.Text type="secondary">{t(text.noHead)}</Typography.Text> },
                { key: 'count', label: t(text.members), children: t(text.memberCount, { n: members.filter((m) => m.status === 'active').length }) },
                { key: 'number', label: t(text.householdNumber), children: h.number ?? <Typography.Text type="secondary">{t('notSet')}</Typography.Text> },
                {
                  key: 'tags',
                  label: t(text.householdTags),
                  span: 'filled',
                  children: h.tags.length ? (
                    <Space wrap>
                      {h.tags.map((tg) => (
                        <Tag key={tg.id} color={tagColour(tg.tag)}>
                          {tagLabel(tg.tag, lang)}
                          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: '0.9em' }}>
                            {tg.endDate ? t(text.tagRange, { a: tg.startDate, b: tg.endDate }) : t(text.tagSince, { d: tg.startDate })}
                          </Typography.Text>
                        </Tag>
                      ))}
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">{t(text.noTags)}</Typography.Text>
                  ),
                },
              ]}
            />
            <Card title={t(text.members)} styles={{ body: { padding: 0 } }}>
              <Table<ResidentRow>
                className="linli-clickable-rows"
                rowKey="id"
                columns={columns}
                dataSource={members}
                pagination={false}
                scroll={{ x: 'max-content' }}
                onRow={(r) => ({ onClick: () => navigate(`/c/${communityId}/residents/${r.id}`) })}
              />
            </Card>
          </Col>
          <Col xs={24} xl={7}>
            <Card title={t(text.neighbours)} style={{ marginBottom: 16 }}>
              {h.neighbours.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noNeighbours)} />
              ) : (
                <List
                  dataSource={h.neighbours}
                  renderItem={(n) => (
                    <List.Item>
                      <Link to={`/c/${communityId}/households/${n.id}`}>{n.head ? t(text.headOf, { name: n.head }) : t(text.noHead)}</Link>
                      <Typography.Text type="secondary">{t(text.memberCount, { n: n.members })}</Typography.Text>
                    </List.Item>
                  )}
                />
              )}
            </Card>
            <Card title={t(text.historyTitle)}>
              <HistoryTimeline events={h.events} communityId={communityId} showNames />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
