import { Button, Card, Col, Empty, List, Progress, Row, Skeleton, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { ArrowRightOutlined, TrophyOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { useActivities, useBranch, useHonours, useModelMembers, useNewsletterFigures, usePledges, type Branch, type Pledge } from './api.ts';
import { CommitteePanel } from './branch/CommitteePanel.tsx';
import { GroupsPanel } from './branch/GroupsPanel.tsx';
import { HonoursPanel } from './branch/HonoursPanel.tsx';
import { bt } from './branch/text.ts';
import './branch/branch.css';
import { label, thisYear, today } from './components.tsx';
import { ACTIVITY_LABELS, ROLE_LABELS, text } from './text.ts';

const ROLE_ORDER = { secretary: 0, deputy: 1, member: 2 } as const;

function doneOf(pledges: Pledge[]) {
  const done = pledges.filter((p) => p.status === 'done').length;
  return { done, total: pledges.length, percent: pledges.length ? Math.round((done / pledges.length) * 100) : 0 };
}

/** /c/:communityId/party — the branch at a glance. */
export function BranchPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'party.manage');
  const [params, setParams] = useSearchParams();
  const tab = ['committee', 'groups', 'honours'].includes(params.get('tab') ?? '') ? (params.get('tab') as string) : 'overview';
  const year = thisYear();
  const to = today();
  const from = dayjs(to).subtract(2, 'year').format('YYYY-MM-DD');

  const branch = useBranch(communityId);
  const pledges = usePledges(communityId, year);
  const figures = useNewsletterFigures(communityId, from, to);
  const activities = useActivities(communityId, year);
  const honours = useHonours(communityId);
  const models = useModelMembers(communityId);

  if (branch.error) return <LoadError error={branch.error} onRetry={() => void branch.refetch()} />;
  const b = branch.data;
  const base = `/c/${communityId}/party`;

  const branchPledges = doneOf((pledges.data ?? []).filter((p) => p.level === 'branch'));
  const memberList = (pledges.data ?? []).filter((p) => p.level === 'member');
  const memberPledges = doneOf(memberList);
  const pledgers = new Set(memberList.map((p) => p.memberId)).size;

  const leaders = [...(b?.leaders ?? [])].sort((x, y) => ROLE_ORDER[x.role] - ROLE_ORDER[y.role] || x.name.localeCompare(y.name, 'zh-CN'));
  const election = b?.history.elections[0];
  const modelYear = models.data?.[0]?.year;
  const latestModels = (models.data ?? []).filter((m) => m.year === modelYear);

  const stats = b
    ? [
        { key: 'registered', title: t(text.registered), value: b.members.registered },
        { key: 'reporting', title: t(text.reporting), value: b.members.reporting },
        { key: 'mobile', title: t(text.mobile), value: b.members.mobile },
        { key: 'frail', title: t(text.frail), value: b.members.frail },
        { key: 'volunteers', title: t(text.volunteers), value: b.members.volunteers },
      ]
    : [];

  const overview = (b: Branch) => (
    <>
          <Row gutter={[16, 16]} className="party-stats" data-testid="party-member-stats">
            {stats.map((s) => (
              <Col key={s.key} xs={12} sm={8} lg={24 / 5} flex="1 1 0">
                <Card>
                  <Statistic title={s.title} value={s.value} suffix={lang === 'en' ? undefined : '人'} />
                </Card>
              </Col>
            ))}
          </Row>

          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}>
              <Card title={t(text.committee)} className="party-card">
                {leaders.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noCommittee)} />
                ) : (
                  <List
                    dataSource={leaders}
                    renderItem={(l) => (
                      <List.Item>
                        <Space size={12} wrap>
                          <Tag color={l.role === 'secretary' ? 'red' : l.role === 'deputy' ? 'volcano' : 'default'} className="party-role">
                            {label(ROLE_LABELS, l.role, lang)}
                          </Tag>
                          <Link to={`${base}/members?member=${l.memberId}`} className="linli-row-name">
                            {l.name}
                          </Link>
                        </Space>
                        <Typography.Text type="secondary" className="linli-mono">
                          {l.termEnd ? t(text.term, { from: l.termStart, to: l.termEnd }) : t(text.termOpen, { from: l.termStart })}
                        </Typography.Text>
                      </List.Item>
                    )}
                  />
                )}
                {election && (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                    {t(text.lastElection, { date: election.date, seats: election.seats })}
                  </Typography.Paragraph>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t(text.groups)} className="party-card">
                {b.groups.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noGroups)} />
                ) : (
                  <List
                    dataSource={b.groups}
                    renderItem={(g) => (
                      <List.Item>
                        <Space orientation="vertical" size={0}>
                          <Link to={`${base}/members?groupId=${g.id}`} className="linli-row-name">
                            {g.name}
                          </Link>
                          {g.leaderName && <Typography.Text type="secondary">{t(text.groupLeader, { name: g.leaderName })}</Typography.Text>}
                        </Space>
                        <Typography.Text strong className="party-count">
                          {t(text.peopleN, { n: g.members })}
                        </Typography.Text>
                      </List.Item>
                    )}
                  />
                )}
              </Card>
            </Col>

            <Col xs={24} lg={12}>
              <Card
                title={t(text.pledgesThisYear, { year })}
                className="party-card"
                extra={
                  <Link to={`${base}/pledges`}>
                    {t(text.openPledges)} <ArrowRightOutlined />
                  </Link>
                }
              >
                {pledges.isPending ? (
                  <Skeleton active />
                ) : (
                  <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="party-pledge-progress">
                    <div>
                      <div className="party-progress-label">
                        <Typography.Text strong>{t(text.branchPledgesShort)}</Typography.Text>
                        <Typography.Text>{t(text.doneOf, branchPledges)}</Typography.Text>
                      </div>
                      <Progress percent={branchPledges.percent} strokeColor="#c41d1d" />
                    </div>
                    <div>
                      <div className="party-progress-label">
                        <Typography.Text strong>{t(text.memberPledgesShort)}</Typography.Text>
                        <Typography.Text>{t(text.doneOf, memberPledges)}</Typography.Text>
                      </div>
                      <Progress percent={memberPledges.percent} strokeColor="#c41d1d" />
                      <Typography.Text type="secondary">{t(text.pledgingMembers, { n: pledgers })}</Typography.Text>
                    </div>
                  </Space>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card
                title={t(text.newsletterTwoYears)}
                className="party-card"
                extra={
                  <Link to={`${base}/newsletters`}>
                    {t(text.openNewsletters)} <ArrowRightOutlined />
                  </Link>
                }
              >
                <Row gutter={16}>
                  <Col span={8}>
                    <Statistic title={t(text.issues)} value={figures.data?.issues ?? '—'} loading={figures.isPending} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t(text.copies)} value={figures.data?.copies ?? '—'} loading={figures.isPending} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t(text.confirmed)} value={figures.data?.confirmed ?? '—'} loading={figures.isPending} />
                  </Col>
                </Row>
                <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} className="linli-mono">
                  {t(text.figuresPeriod, { from, to })}
                </Typography.Paragraph>
              </Card>
            </Col>

            <Col xs={24} lg={12}>
              <Card title={t(text.recentActivities)} className="party-card">
                <List
                  loading={activities.isPending}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noActivities)} /> }}
                  dataSource={(activities.data ?? []).slice(0, 6)}
                  renderItem={(a) => (
                    <List.Item>
                      <Space orientation="vertical" size={0}>
                        <Space size={8} wrap>
                          <Typography.Text type="secondary" className="linli-mono">
                            {a.date}
                          </Typography.Text>
                          <Tag>{label(ACTIVITY_LABELS, a.kind, lang)}</Tag>
                        </Space>
                        <Typography.Text strong>{a.topic}</Typography.Text>
                      </Space>
                      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                        {t(text.attendance, { present: a.present, absent: a.absent })}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t(text.honours)} className="party-card">
                <List
                  loading={honours.isPending}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noHonours)} /> }}
                  dataSource={(honours.data ?? []).slice(0, 5)}
                  renderItem={(h) => (
                    <List.Item>
                      <Space orientation="vertical" size={0}>
                        <Typography.Text strong>
                          <TrophyOutlined style={{ color: '#d48806', marginInlineEnd: 6 }} />
                          {h.title}
                        </Typography.Text>
                        <Typography.Text type="secondary">
                          {h.memberName ?? t(text.branchHonour)} · {h.awardedBy}
                        </Typography.Text>
                      </Space>
                      <Typography.Text type="secondary" className="linli-mono">
                        {h.date}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t(text.modelMembers, { year: modelYear ?? year })}
                </Typography.Title>
                {latestModels.length === 0 ? (
                  <Typography.Text type="secondary">{t(text.noModelMembers)}</Typography.Text>
                ) : (
                  <div className="linli-chips">
                    {latestModels.map((m) => (
                      <Link key={m.id} to={`${base}/members?member=${m.memberId}`} title={m.deeds}>
                        <Tag color="red" className="party-model-tag">
                          {m.name}
                        </Tag>
                      </Link>
                    ))}
                  </div>
                )}
              </Card>
            </Col>
          </Row>
    </>
  );

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{b ? (b.name ?? t(text.noBranch)) : t(text.branchTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.branchIntro, { community: community?.name ?? '', year })}</Typography.Text>
        </div>
        <Space wrap>
          <Link to={`${base}/members`}>
            <Button size="large">{t(text.navMembers)}</Button>
          </Link>
          <Link to={`${base}/pledges`}>
            <Button size="large" type="primary">
              {t(text.openPledges)}
            </Button>
          </Link>
        </Space>
      </div>

      {!b ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Tabs
          className="party-branch-tabs"
          activeKey={tab}
          onChange={(k) => setParams(k === 'overview' ? {} : { tab: k }, { replace: true })}
          items={[
            { key: 'overview', label: t(bt.tabOverview), children: overview(b) },
            { key: 'committee', label: t(bt.tabCommittee), children: <CommitteePanel communityId={communityId} branch={b} canManage={canManage} /> },
            { key: 'groups', label: t(bt.tabGroups), children: <GroupsPanel communityId={communityId} branch={b} canManage={canManage} /> },
            { key: 'honours', label: t(bt.tabHonours), children: <HonoursPanel communityId={communityId} canManage={canManage} /> },
          ]}
        />
      )}
    </>
  );
}
