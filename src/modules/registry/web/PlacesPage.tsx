import { parseAddressQuery } from '../lib/address.ts';
import { BuildingAssignees } from './BuildingAssignees.tsx';
import { useMemo, useState, type Key } from 'react';
import { Button, Card, Col, Descriptions, Empty, Input, List, Row, Skeleton, Space, Tree, Typography, type TreeDataNode } from 'antd';
import { ApartmentOutlined, BankOutlined, EnvironmentOutlined, HomeOutlined, PlusOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useI18n, type Lang, type Translate } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { usePlaceTree, useResidents, type ListFilters, type PlaceTree } from './api.ts';
import { buildingName, entranceName } from './labels.ts';
import { PlaceFormModal, type PlaceKind, type PlaceParent } from './PlaceFormModal.tsx';
import { text } from './text.ts';

type Compound = PlaceTree['compounds'][number];
type Building = Compound['buildings'][number];
type Entrance = Building['entrances'][number];
type Dwelling = Entrance['dwellings'][number];

/** What the right-hand panel shows: the chosen node and the path to it. */
interface Chosen {
  kind: PlaceKind;
  compound: Compound;
  building?: Building;
  entrance?: Entrance;
  dwelling?: Dwelling;
  households: number;
  residents: number;
}

const sum = (ds: Dwelling[], k: 'households' | 'residents') => ds.reduce((n, d) => n + d[k], 0);

function entranceCounts(e: Entrance) {
  return { households: sum(e.dwellings, 'households'), residents: sum(e.dwellings, 'residents') };
}

/** Builds the antd tree and an index from key to node; `filter` keeps matches and the way to them. */
function buildTree(tree: PlaceTree, lang: Lang, t: Translate, filter: string) {
  const index = new Map<string, Chosen>();
  const f = filter.trim().toLowerCase();
  // "3-2-401" or "3号楼2单元401" finds that dwelling; anything else matches names as text
  const addr = parseAddressQuery(filter);
  const hit = (s: string) => !addr && (!f || s.toLowerCase().includes(f));
  const atBuilding = (b: Building) => Boolean(addr) && (addr!.building === undefined || addr!.building === b.number);
  const atEntrance = (e: Entrance) => Boolean(addr) && (addr!.entrance === undefined || addr!.entrance === e.number);
  const atRoom = (d: Dwelling) => Boolean(addr) && (addr!.room === undefined || addr!.room === d.room);
  const count = (h: number, r: number) => <span className="linli-place-count">{t(text.occupancy, { h, r })}</span>;

  const dwellingNode = (d: Dwelling, c: Compound, b?: Building, e?: Entrance): TreeDataNode => {
    const key = `d:${d.id}`;
    index.set(key, { kind: 'dwelling', compound: c, building: b, entrance: e, dwelling: d, households: d.households, residents: d.residents });
    return {
      key,
      isLeaf: true,
      icon: <HomeOutlined />,
      title: (
        <span>
          {d.address || d.room}
          {d.households > 0 ? count(d.households, d.residents) : <span className="linli-place-count">—</span>}
        </span>
      ),
    };
  };

  const nodes: TreeDataNode[] = [];
  for (const c of tree.compounds) {
    const cKey = `c:${c.id}`;
    index.set(cKey, { kind: 'compound', compound: c, households: c.households, residents: c.residents });
    const cHit = hit(c.name);
    const children: TreeDataNode[] = [];
    for (const b of c.buildings) {
      const bKey = `b:${b.id}`;
      const bName = buildingName(b.number, b.name, lang);
      index.set(bKey, { kind: 'building', compound: c, building: b, households: b.households, residents: b.residents });
      const bHit = cHit || hit(bName) || hit(b.number);
      const bChildren: TreeDataNode[] = [];
      for (const e of b.entrances) {
        const eKey = `e:${e.id}`;
        const ec = entranceCounts(e);
        index.set(eKey, { kind: 'entrance', compound: c, building: b, entrance: e, ...ec });
        const eHit = bHit || hit(entranceName(e.number, lang));
        const rooms = e.dwellings
          .filter((d) => eHit || hit(d.room) || hit(d.address ?? '') || (atBuilding(b) && atEntrance(e) && atRoom(d)))
          .map((d) => dwellingNode(d, c, b, e));
        if (eHit || rooms.length)
          bChildren.push({ key: eKey, icon: <ApartmentOutlined />, title: <span>{entranceName(e.number, lang)}{count(ec.households, ec.residents)}</span>, children: rooms });
      }
      bChildren.push(...b.dwellings.filter((d) => bHit || hit(d.room) || (atBuilding(b) && addr?.entrance === undefined && atRoom(d))).map((d) => dwellingNode(d, c, b)));
      if (bHit || bChildren.length)
        children.push({ key: bKey, icon: <BankOutlined />, title: <span><strong>{bName}</strong>{count(b.households, b.residents)}</span>, children: bChildren });
    }
    children.push(...c.dwellings.filter((d) => cHit || hit(d.room) || hit(d.address ?? '')).map((d) => dwellingNode(d, c)));
    if (cHit || children.length)
      nodes.push({ key: cKey, icon: <EnvironmentOutlined />, title: <span><strong>{c.name}</strong>{count(c.households, c.residents)}</span>, children });
  }
  return { nodes, index };
}

function pathLabel(ch: Chosen, lang: Lang): string {
  const parts = [ch.compound.name];
  if (ch.building) parts.push(buildingName(ch.building.number, ch.building.name, lang));
  if (ch.entrance) parts.push(entranceName(ch.entrance.number, lang));
  if (ch.dwelling) parts.push(ch.dwelling.address || ch.dwelling.room);
  return parts.join(' ');
}

/** The households of one dwelling: its residents, grouped by household. */
function DwellingHouseholds({ communityId, chosen }: { communityId: string; chosen: Chosen }) {
  const { t } = useI18n();
  const d = chosen.dwelling;
  const filters: ListFilters = { dwellingId: d?.id };
  const list = useResidents(communityId, filters, 1, 200, Boolean(d && d.households > 0));
  if (!d) return null;
  if (d.households === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noHouseholdsHere)} />;
  if (list.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data.items;
  const byHousehold = new Map<string, { head: string | null; names: string[] }>();
  for (const r of rows) {
    const h = byHousehold.get(r.householdId) ?? { head: null, names: [] };
    if (r.relationToHead === 'head') h.head = r.name;
    h.names.push(r.name);
    byHousehold.set(r.householdId, h);
  }
  if (byHousehold.size === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noHouseholdsHere)} />;
  return (
    <List
      bordered
      dataSource={[...byHousehold.entries()]}
      renderItem={([id, h]) => (
        <List.Item actions={[<Link key="open" to={`/c/${communityId}/households/${id}`}>{t(text.openHousehold)}</Link>]}>
          <List.Item.Meta
            title={<Link to={`/c/${communityId}/households/${id}`}>{h.head ? t(text.headOf, { name: h.head }) : t(text.noHead)}</Link>}
            description={`${h.names.join('、')}（${t(text.memberCount, { n: h.names.length })}）`}
          />
        </List.Item>
      )}
    />
  );
}

/** /c/:communityId/places — 小区 → 楼栋 → 单元 → 房屋 with how many households and people live in each. */
export function PlacesPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const navigate = useNavigate();
  const places = usePlaceTree(communityId);
  const [filter, setFilter] = useState('');
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const [adding, setAdding] = useState<{ kind: PlaceKind; parent: PlaceParent } | null>(null);
  const canPlaces = canInCommunity(community, 'registry.places');
  const canEdit = canInCommunity(community, 'registry.edit');

  const built = useMemo(() => (places.data ? buildTree(places.data, lang, t, filter) : null), [places.data, lang, t, filter]);
  const chosen = selectedKey && built ? (built.index.get(selectedKey) ?? null) : null;
  // Compounds open at first; while filtering, everything that matched is open.
  const defaultExpanded = built ? (filter.trim() ? [...built.index.keys()].filter((k) => !k.startsWith('d:')) : built.nodes.map((n) => n.key)) : [];

  const residentsLink = (ch: Chosen) => {
    const qs = new URLSearchParams({ compoundId: ch.compound.id });
    if (ch.building) qs.set('buildingId', ch.building.id);
    if (ch.entrance) qs.set('entranceId', ch.entrance.id);
    if (ch.dwelling) qs.set('dwellingId', ch.dwelling.id);
    return `/c/${communityId}/residents?${qs.toString()}`;
  };

  const addButtons = (ch: Chosen) => {
    if (!canPlaces) return null;
    const label = pathLabel(ch, lang);
    const street = ch.compound.kind === 'street';
    const btn = (kind: PlaceKind, parent: PlaceParent, words: { zh: string; en: string }) => (
      <Button key={kind} icon={<PlusOutlined />} onClick={() => setAdding({ kind, parent: { ...parent, label } })}>
        {t(words)}
      </Button>
    );
    if (ch.kind === 'compound')
      return street ? [btn('dwelling', { compoundId: ch.compound.id, street: true }, text.addDwelling)] : [btn('building', { compoundId: ch.compound.id }, text.addBuilding)];
    if (ch.kind === 'building' && ch.building)
      return [
        btn('entrance', { compoundId: ch.compound.id, buildingId: ch.building.id }, text.addEntrance),
        ...(ch.building.entrances.length === 0 ? [btn('dwelling', { compoundId: ch.compound.id, buildingId: ch.building.id }, text.addDwelling)] : []),
      ];
    if (ch.kind === 'entrance' && ch.building && ch.entrance)
      return [btn('dwelling', { compoundId: ch.compound.id, buildingId: ch.building.id, entranceId: ch.entrance.id }, text.addDwelling)];
    return null;
  };

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.placesTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.placesIntro)}</Typography.Text>
        </div>
        <Space wrap>
          {places.data && (
            <Typography.Text strong style={{ fontSize: '1.1em' }}>
              {t(text.occupancy, { h: places.data.households, r: places.data.residents })}
            </Typography.Text>
          )}
          {canPlaces && (
            <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setAdding({ kind: 'compound', parent: {} })}>
              {t(text.addCompound)}
            </Button>
          )}
        </Space>
      </div>
      {places.error && <LoadError error={places.error} onRetry={() => void places.refetch()} />}
      {places.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      )}
      {built && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12} xl={10}>
            <Card>
              <Input.Search allowClear size="large" placeholder={t(text.findPlace)} aria-label={t(text.findPlace)} value={filter} onChange={(e) => setFilter(e.target.value)} style={{ marginBottom: 12 }} />
              {built.nodes.length === 0 ? (
                <Empty description={filter ? t(text.noPlacesMatch) : t(text.noPlaces)} />
              ) : (
                <Tree
                  className="linli-place-tree"
                  showIcon
                  blockNode
                  height={640}
                  treeData={built.nodes}
                  expandedKeys={filter.trim() || expanded === null ? defaultExpanded : expanded}
                  onExpand={(keys) => setExpanded(keys)}
                  selectedKeys={selectedKey ? [selectedKey] : []}
                  onSelect={(keys) => setSelectedKey(keys.length ? String(keys[0]) : null)}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12} xl={14}>
            <Card
              title={chosen ? pathLabel(chosen, lang) : t(text.placesTitle)}
              extra={chosen && <Space wrap>{addButtons(chosen)}</Space>}
            >
              {!chosen && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.chooseNode)} />}
              {chosen && (
                <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                  <Descriptions
                    bordered
                    size="middle"
                    column={{ xs: 1, md: 2 }}
                    styles={{ content: { background: '#fff' } }}
                    items={[
                      { key: 'h', label: t(text.householdTitle), children: chosen.households },
                      { key: 'r', label: t(text.residentsTitle), children: chosen.residents },
                      ...(chosen.kind === 'compound' && chosen.compound.propertyCompany
                        ? [{ key: 'pc', label: t(text.propertyCompany), children: chosen.compound.propertyCompany, span: 'filled' as const }]
                        : []),
                    ]}
                  />
                  {chosen.kind === 'building' && chosen.building && canPlaces && <BuildingAssignees communityId={communityId} buildingId={chosen.building.id} />}
                  {chosen.kind === 'dwelling' && (
                    <>
                      <Typography.Title level={5} style={{ margin: 0 }}>
                        {t(text.householdsHere)}
                      </Typography.Title>
                      <DwellingHouseholds communityId={communityId} chosen={chosen} />
                    </>
                  )}
                  <Space wrap>
                    {chosen.residents > 0 && (
                      <Button icon={<TeamOutlined />} onClick={() => navigate(residentsLink(chosen))}>
                        {t(text.listResidentsHere)}
                      </Button>
                    )}
                    {chosen.kind === 'dwelling' && chosen.dwelling && canEdit && (
                      <Button type="primary" icon={<UserAddOutlined />} onClick={() => navigate(`/c/${communityId}/residents/new?dwellingId=${encodeURIComponent(chosen.dwelling?.id ?? '')}`)}>
                        {t(text.newHouseholdHere)}
                      </Button>
                    )}
                  </Space>
                </Space>
              )}
            </Card>
          </Col>
        </Row>
      )}
      {adding && <PlaceFormModal communityId={communityId} kind={adding.kind} parent={adding.parent} onClose={() => setAdding(null)} />}
    </>
  );
}
