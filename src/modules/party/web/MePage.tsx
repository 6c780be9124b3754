import { Alert, Card, Empty, List, Progress, Rate, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, FilePdfOutlined, TrophyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import type { MemberSelf } from '../schema.ts';
import { partyBase } from './api.ts';
import { label, PledgeStatusTag, ProgressTimeline } from './components.tsx';
import { ACTIVITY_LABELS, KIND_LABELS, MEMBER_STATUS_LABELS, PLEDGE_STATUS_LABELS, text } from './text.ts';

/**
 * 我的党员之家 — what a member sees of themselves on their own phone: the pledge they made and how it
 * goes, what residents said about it, the study sessions they attended, the newsletters brought to them.
 * Large type and one column: many members are old.
 */
export function MePage() {
  const { communityId = '' } = useParams();
  const { t, lang } = useI18n();
  const q = useQuery({ queryKey: ['party', communityId, 'me'], queryFn: () => api<MemberSelf>('GET', `${partyBase(communityId)}/me`) });
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const me = q.data;
  if (!me) return <Skeleton active />;
  const year = Number(me.today.slice(0, 4));
  const pledges = me.pledges.filter((p) => p.year === year);
  const earlier = me.pledges.filter((p) => p.year !== year);
  const thisYear = me.attendanceByYear.find((y) => y.year === year) ?? { year, sessions: 0, present: 0 };
  const sessions = me.attendance.filter((a) => a.date.startsWith(String(year)));

  return (
    <div className="party-me" data-testid="party-me">
      <Card className="party-me-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {me.name}
        </Typography.Title>
        <Space wrap size={[8, 8]} style={{ marginTop: 8 }}>
          <Tag color="red">{label(KIND_LABELS, me.kind, lang)}</Tag>
          {me.groupName && <Tag>{me.groupName}</Tag>}
          {me.status !== 'normal' && <Tag color="orange">{label(MEMBER_STATUS_LABELS, me.status, lang)}</Tag>}
          {me.joinedDate && <Typography.Text type="secondary">{t(text.meJoined, { date: me.joinedDate })}</Typography.Text>}
        </Space>
      </Card>

      <Card title={t(text.mePledges, { year })} className="party-me-card">
        {pledges.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.meNoPledge)} />
        ) : (
          pledges.map((p) => (
            <div key={p.id} className="party-me-pledge" data-testid="party-me-pledge">
              <Space align="start" style={{ justifyContent: 'space-between', width: '100%' }}>
                <Typography.Text strong style={{ fontSize: '1.15em' }}>
                  {p.title}
                </Typography.Text>
                <PledgeStatusTag status={p.status} />
              </Space>
              {p.areas.length > 0 && <div className="party-me-areas">{t(text.meArea, { areas: p.areas.map((a) => a.label).join('、') })}</div>}
              {p.target && <div className="party-me-areas">{t(text.meTarget, { target: p.target })}</div>}
              <div className="party-me-progress">
                <ProgressTimeline progress={p.progress} />
              </div>
              <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
                {t(text.meResidentsSay)}
              </Typography.Text>
              {p.feedback.length === 0 ? (
                <Typography.Paragraph type="secondary">{t(text.meNoFeedback)}</Typography.Paragraph>
              ) : (
                <List
                  size="small"
                  dataSource={p.feedback}
                  renderItem={(f) => (
                    <List.Item>
                      <div>
                        <Rate disabled value={f.rating} style={{ fontSize: 14 }} />
                        <div>{f.comment}</div>
                        {f.answer && (
                          <div className="party-answer">
                            <Typography.Text strong>{t(text.ourAnswer)}：</Typography.Text>
                            {f.answer}
                          </div>
                        )}
                      </div>
                    </List.Item>
                  )}
                />
              )}
            </div>
          ))
        )}
        {earlier.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t(text.meEarlier)}
            {earlier.map((p) => `${lang === 'en' ? p.year : `${p.year}年`}：${p.title}（${label(PLEDGE_STATUS_LABELS, p.status, lang)}）`).join('；')}
          </Typography.Paragraph>
        )}
      </Card>

      <Card title={t(text.meStudy, { year })} className="party-me-card">
        <Space size={16} align="center" wrap>
          <Progress type="circle" size={84} percent={thisYear.sessions ? Math.round((100 * thisYear.present) / thisYear.sessions) : 0} format={() => `${thisYear.present}/${thisYear.sessions}`} />
          <Typography.Text style={{ fontSize: '1.1em' }}>{t(text.meAttended, { present: thisYear.present, sessions: thisYear.sessions })}</Typography.Text>
        </Space>
        <List
          style={{ marginTop: 12 }}
          dataSource={sessions}
          locale={{ emptyText: t(text.meNoSessions) }}
          renderItem={(a) => (
            <List.Item>
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text>{a.topic}</Typography.Text>
                  {a.present ? (
                    <Tag color="success" icon={<CheckCircleOutlined />}>
                      {t(text.mePresent)}
                    </Tag>
                  ) : (
                    <Tag icon={<CloseCircleOutlined />}>{t(text.meAbsent)}</Tag>
                  )}
                </Space>
                <Typography.Text type="secondary">
                  {a.date}
                  {a.topic.startsWith(ACTIVITY_LABELS[a.kind as keyof typeof ACTIVITY_LABELS]?.zh ?? '\u0000') ? '' : ` · ${label(ACTIVITY_LABELS, a.kind, lang)}`}
                  {!a.present && a.reason ? ` · ${a.reason}` : ''}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>

      <Card title={t(text.meNewsletters)} className="party-me-card">
        <List
          dataSource={me.newsletters}
          locale={{ emptyText: t(text.meNoNewsletters) }}
          renderItem={(n) => (
            <List.Item
              actions={
                n.hasFile
                  ? [
                      <a key="file" href={`${partyBase(communityId)}/me/newsletters/${encodeURIComponent(n.issueId)}/file`}>
                        <FilePdfOutlined /> {t(text.meRead)}
                      </a>,
                    ]
                  : []
              }
            >
              <List.Item.Meta title={`${t(text.issueN, { n: n.number })} · ${n.title}`} description={t(text.meDelivered, { date: n.deliveredAt })} />
            </List.Item>
          )}
        />
      </Card>

      {me.honours.length > 0 && (
        <Card title={t(text.meHonours)} className="party-me-card">
          {me.honours.map((h) => (
            <div key={`${h.date}-${h.title}`} style={{ padding: '4px 0' }}>
              <TrophyOutlined style={{ color: '#d4380d' }} /> {h.title} <Typography.Text type="secondary">{h.date.slice(0, 4)}</Typography.Text>
            </div>
          ))}
        </Card>
      )}
      <Alert type="info" showIcon title={t(text.meHelp)} style={{ marginTop: 16 }} />
    </div>
  );
}
