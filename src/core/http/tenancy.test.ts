import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../access/roles';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, upload, type Client, type TestLinli } from '../testing';

/**
 * Tenancy across every module. Two communities in two sub-districts, each holding one real record of
 * every kind a route addresses. A user of community A — whatever their role — gets 404 (never the
 * data, never even a 403) for every community route aimed at community B, and for every route of
 * their own community aimed at one of B's records; the same request with A's own record is served,
 * which shows that the 404 came from the tenancy check and not from a missing record. The global
 * routes scoped to a sub-district refuse the other sub-district the same way.
 */

/** The kinds of record the routes' path parameters name. */
type Kind =
  | 'building'
  | 'resident'
  | 'household'
  | 'grid'
  | 'savedList'
  | 'importJob'
  | 'partyGroup'
  | 'leader'
  | 'election'
  | 'member'
  | 'pledge'
  | 'feedback'
  | 'activity'
  | 'newsletter'
  | 'newsletterDelivery'
  | 'modelMember'
  | 'honour'
  | 'representative'
  | 'meeting'
  | 'proposal'
  | 'proposalFile'
  | 'notice'
  | 'objection'
  | 'govGroup'
  | 'partner'
  | 'partnerFile'
  | 'case'
  | 'zeroHousehold'
  | 'plan'
  | 'target'
  | 'visitRecord'
  | 'item'
  | 'provider'
  | 'doorProvider'
  | 'client'
  | 'need'
  | 'doorDelivery'
  | 'ticket'
  | 'drive'
  | 'gift'
  | 'report';
type Ids = Record<Kind, string> & { self: string; compound: string; dwelling: string; household2: string; lodger: string; resident2: string; staffUserId: string; staffUsername: string };

/** Which kind a path parameter names, read from the path before it. */
const PARAM_KINDS: [RegExp, Kind][] = [
  [/\/registry\/buildings\/$/, 'building'],
  [/\/residents\/$/, 'resident'],
  [/\/households\/$/, 'household'],
  [/\/grids\/$/, 'grid'],
  [/\/saved-lists\/$/, 'savedList'],
  [/\/registry\/imports\/$/, 'importJob'],
  [/\/party\/groups\/$/, 'partyGroup'],
  [/\/party\/leaders\/$/, 'leader'],
  [/\/party\/elections\/$/, 'election'],
  [/\/party\/members\/$/, 'member'],
  [/\/party\/pledges\/$/, 'pledge'],
  [/\/party\/feedback\/$/, 'feedback'],
  [/\/party\/activities\/$/, 'activity'],
  [/\/party\/(me\/)?newsletters\/$/, 'newsletter'],
  [/\/party\/newsletters\/:id\/deliveries\/$/, 'newsletterDelivery'],
  [/\/party\/model-members\/$/, 'modelMember'],
  [/\/party\/honours\/$/, 'honour'],
  [/\/governance\/representatives\/$/, 'representative'],
  [/\/governance\/meetings\/$/, 'meeting'],
  [/\/governance\/meetings\/:id\/(agenda|proposals)\/$/, 'proposal'],
  [/\/governance\/proposals\/$/, 'proposal'],
  [/\/governance\/proposals\/:id\/files\/$/, 'proposalFile'],
  [/\/governance\/notices\/$/, 'notice'],
  [/\/governance\/notices\/:id\/objections\/$/, 'objection'],
  [/\/governance\/groups\/$/, 'govGroup'],
  [/\/governance\/partners\/$/, 'partner'],
  [/\/governance\/partners\/:id\/files\/$/, 'partnerFile'],
  [/\/employment\/cases\/$/, 'case'],
  [/\/employment\/zero-households\/$/, 'zeroHousehold'],
  [/\/visits\/plans\/$/, 'plan'],
  [/\/visits\/plans\/:id\/targets\/$/, 'target'],
  [/\/visits\/records\/$/, 'visitRecord'],
  [/\/services\/items\/$/, 'item'],
  [/\/services\/providers\/$/, 'provider'],
  [/\/services\/door\/providers\/$/, 'doorProvider'],
  [/\/services\/door\/clients\/$/, 'client'],
  [/\/services\/door\/needs\/$/, 'need'],
  [/\/services\/door\/deliveries\/$/, 'doorDelivery'],
  [/\/services\/tickets\/$/, 'ticket'],
  [/\/donations\/drives\/$/, 'drive'],
  [/\/donations\/drives\/:id\/gifts\/$/, 'gift'],
  [/\/reports\/$/, 'report'],
];

/** The route's url with the community and every record id filled in. */
function fill(url: string, communityId: string, ids: Ids): string {
  return url.replace(/:(\w+)/g, (m, name: string, at: number) => {
    if (name === 'communityId') return communityId;
    const before = url.slice(0, at);
    const kind = PARAM_KINDS.find(([re]) => re.test(before))?.[1];
    if (!kind) throw new Error(`no record kind for ${m} in ${url}: add one to PARAM_KINDS and to the records made below`);
    return ids[kind];
  });
}

const PDF = Buffer.from('%PDF-1.4\n% a test document\n%%EOF\n');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
const ROSTER = Buffer.from('姓名,性别,公民身份号码,楼号,单元,房号,与户主关系\n张三,男,,1号楼,1单元,101,户主\n');
/** What each upload route takes. */
const UPLOADS: Record<string, { name: string; data: Buffer }> = {
  'registry/imports': { name: 'roster.csv', data: ROSTER },
  'party/members/import': { name: 'members.csv', data: Buffer.from('姓名,类别\n李四,在册\n') },
  'party/newsletters/:id/file': { name: '简报.pdf', data: PDF },
  'governance/proposals/:id/files': { name: '方案.pdf', data: PDF },
  'governance/partners/:id/agreement': { name: '协议.pdf', data: PDF },
  'visits/records/:id/photo': { name: 'photo.jpg', data: JPEG },
};

/**
 * A valid body for each change, naming the records of the community the url names, so that the
 * handler — not the validation — answers. Changes missing here are sent `{}`.
 */
const BODIES: Record<string, (o: Ids) => unknown> = {
  'PUT profile': () => ({ address: '测试路1号', landArea: 1000, floorArea: 2000, movedInYear: 2000, greeningCoverage: 30, phone: '', introduction: '' }),
  'POST registry/compounds': () => ({ name: `小区${Math.random()}` }),
  'POST registry/buildings': (o) => ({ compoundId: o.compound, number: `${Math.floor(Math.random() * 1e6)}号楼` }),
  'POST registry/entrances': (o) => ({ buildingId: o.building, number: `${Math.floor(Math.random() * 1e6)}单元` }),
  'POST registry/dwellings': (o) => ({ compoundId: o.compound, room: `${Math.floor(Math.random() * 1e6)}` }),
  'PUT registry/buildings/:id/assignees': () => ({ userIds: [] }),
  'POST residents': (o) => ({ name: '王五', dwellingId: o.dwelling }),
  'PATCH residents/:id': () => ({ notes: '已核对' }),
  'POST residents/:id/reveal': () => ({ field: 'phone' }),
  'POST residents/:id/events': (o) => ({ kind: 'moved_within', date: '2026-11-20', dwellingId: o.dwelling }),
  'POST residents/tags': (o) => ({ residentIds: [o.resident], tag: 'empty_nest', action: 'add' }),
  'POST households/:id/split': (o) => ({ residentIds: [o.lodger], headId: o.lodger, date: '2026-11-20' }),
  'POST households/:id/merge': (o) => ({ intoHouseholdId: o.household2, date: '2026-11-20' }),
  'PUT grids/:id': (o) => ({ name: '第一网格', buildingIds: [o.building] }),
  'POST saved-lists': () => ({ name: `名单${Math.random()}`, filters: {} }),
  'PUT party/branch': () => ({ name: '测试党支部' }),
  'POST party/groups': () => ({ name: `党小组${Math.random()}` }),
  'PATCH party/groups/:id': () => ({ sort: 2 }),
  'POST party/leaders': (o) => ({ memberId: o.member, role: 'member', termStart: '2026-01-01' }),
  'PATCH party/leaders/:id': () => ({ termEnd: '2026-12-31' }),
  'PUT party/leaders/:id': (o) => ({ memberId: o.member, role: 'secretary', termStart: '2024-01-01', termEnd: '2028-12-31' }),
  'POST party/leaders/:id/replace': (o) => ({ memberId: o.member, date: '2026-11-01' }),
  'POST party/elections': (o) => ({ date: '2026-11-02', seats: 1, voters: 3, candidates: [{ memberId: o.member, votes: 3, role: 'secretary' }] }),
  'PUT party/elections/:id': (o) => ({ date: '2024-03-01', seats: 1, voters: 3, candidates: [{ memberId: o.member, votes: 3, role: 'secretary' }] }),
  'POST party/volunteer-teams': () => ({ name: `服务队${Math.random()}`, kind: 'service' }),
  'POST party/members': () => ({ kind: 'registered', name: '赵六', joinedDate: '2020-07-01' }),
  'PATCH party/members/:id': () => ({ notes: '已核对' }),
  'POST party/pledges': () => ({ level: 'branch', year: 2026, title: '修缮信箱' }),
  'PATCH party/pledges/:id': () => ({ target: '30套' }),
  'POST party/pledges/:id/progress': () => ({ date: '2026-11-20', note: '已完成一半' }),
  'POST party/pledges/:id/review': () => ({ status: 'done' }),
  'PUT party/board': () => ({ enabled: true }),
  'POST party/feedback/:id/answer': () => ({ answer: '谢谢' }),
  'POST party/feedback/:id/hide': () => ({ hidden: false }),
  'POST party/activities': () => ({ date: '2026-11-20', kind: 'study', topic: '学习' }),
  'PUT party/activities/:id/attendance': (o) => ({ entries: [{ memberId: o.member, present: true }] }),
  'POST party/newsletters': () => ({ number: 2 + Math.floor(Math.random() * 9e4), date: '2026-11-20', title: '简报', content: '……' }),
  'PUT party/newsletter-recipients': (o) => ({ memberIds: [o.member] }),
  'POST party/newsletters/:id/deliveries': (o) => ({ memberIds: [o.member], deliveredBy: '王社工', deliveredAt: '2026-11-21' }),
  'POST party/model-members': (o) => ({ year: 2025, memberId: o.member, deeds: '义务巡逻' }),
  'PATCH party/model-members/:id': () => ({ deeds: '义务巡逻十年' }),
  'POST party/honours': () => ({ title: '先进党支部', awardedBy: '街道工委', date: '2026-06-30' }),
  'PATCH party/honours/:id': () => ({ awardedBy: '街道党工委' }),
  'POST party/members/:id/account': () => ({ username: `member_${Math.floor(Math.random() * 1e9)}` }),
  'POST party/groups/:id/close': () => ({}),
  'PUT governance/settings': () => ({ quorumPercent: 50, resolutionPrefix: '测居', sealName: '测试社区居委会', noticeDays: 7 }),
  'PUT governance/board': () => ({ enabled: true }),
  'POST governance/representatives': (o) => ({ residentId: o.resident2, termStart: '2026-01-01' }),
  'POST governance/representatives/:id/end-term': () => ({ termEnd: '2026-12-31' }),
  'POST governance/meetings': () => ({ title: '居民代表大会', date: '2026-11-20' }),
  'PATCH governance/meetings/:id': () => ({ place: '会议室' }),
  'PUT governance/meetings/:id/attendance': (o) => ({ marks: [{ representativeId: o.representative, present: true }] }),
  'POST governance/meetings/:id/agenda': (o) => ({ proposalId: o.proposal }),
  'PUT governance/meetings/:id/proposals/:proposalId/votes': (o) => ({ votes: [{ representativeId: o.representative, choice: 'for' }] }),
  'POST governance/meetings/:id/proposals/:proposalId/decide': () => ({}),
  'POST governance/proposals': () => ({ title: '加装路灯', background: '夜里太黑', source: 'staff', submitterName: '王社工' }),
  'PATCH governance/proposals/:id': () => ({ background: '夜里很黑' }),
  'POST governance/proposals/:id/comments': () => ({ author: '王社工', body: '同意' }),
  'POST governance/notices': () => ({ kind: 'other', title: '公示', body: '内容', periodRule: 'days' }),
  'PUT governance/notices/:id': () => ({ kind: 'other', title: '公示', body: '内容', periodRule: 'days' }),
  'POST governance/notices/:id/publish': () => ({}),
  'POST governance/notices/:id/objections': () => ({ name: '孙先生', content: '有意见' }),
  'POST governance/notices/:id/objections/:objectionId/answer': () => ({ answer: '已答复' }),
  'POST governance/groups': () => ({ kind: 'self_governance', name: `自治小组${Math.random()}` }),
  'POST governance/groups/:id/members': () => ({ name: '钱七', role: '组员' }),
  'POST governance/groups/:id/meetings': () => ({ date: '2026-11-20', topic: '议事' }),
  'POST governance/partners': () => ({ name: `共建单位${Math.random()}`, kind: '企业', liaisonName: '周主任', joinedOn: '2025-01-01' }),
  'PUT governance/partners/:id': () => ({ name: '共建单位甲', kind: '企业', liaisonName: '周主任', joinedOn: '2025-01-01' }),
  'PUT governance/partners/:id/plan': () => ({ year: 2026, content: '共建计划' }),
  'POST governance/partners/:id/resources': () => ({ kind: 'money', description: '出资', amount: 1000, date: '2026-11-20' }),
  'POST governance/joint-meetings': (o) => ({ date: '2026-11-20', topic: '联席会议', unitIds: [o.partner] }),
  'POST employment/cases': (o) => ({ residentId: o.resident2, registeredOn: '2026-11-01' }),
  'PATCH employment/cases/:id': () => ({ skills: '会计' }),
  'POST employment/cases/:id/actions': () => ({ kind: 'training', date: '2026-11-20', course: '家政' }),
  'POST employment/cases/:id/close': () => ({ date: '2026-11-21', reason: 'other' }),
  'POST employment/zero-households': (o) => ({ householdId: o.household, identifiedOn: '2026-11-01' }),
  'POST employment/zero-households/:id/resolve': () => ({ date: '2026-11-21', note: '有人就业' }),
  'POST visits/plans': (o) => ({ occasion: 'other', year: 2026, title: '走访', savedListId: o.savedList, plannedFrom: '2026-11-01', plannedTo: '2026-11-30' }),
  'PATCH visits/plans/:id': () => ({ gifts: '米、油' }),
  'POST visits/plans/:id/assign': (o) => ({ targetIds: [o.target], assigneeName: '王社工' }),
  'PUT visits/plans/:id/targets/:targetId/visit': () => ({ date: '2026-11-20', visitors: '王社工' }),
  'POST services/items': () => ({ area: 'hall', name: `服务${Math.random()}`, timeLimitHours: 24 }),
  'PUT services/items/:id': () => ({ area: 'station', name: '理发', timeLimitHours: 48, door: true }),
  'POST services/providers': (o) => ({ name: `服务商${Math.random()}`, joinedDate: '2026-01-01', itemIds: [o.item] }),
  'PUT services/providers/:id': (o) => ({ name: '理发店', joinedDate: '2026-01-01', itemIds: [o.item] }),
  'POST services/door/providers': () => ({ kind: 'staff', name: '李社工' }),
  'PUT services/door/providers/:id': () => ({ kind: 'staff', name: '王社工' }),
  'POST services/door/clients': (o) => ({ residentId: o.resident2, registeredDate: '2026-11-01' }),
  'PUT services/door/clients/:id': () => ({ note: '独居' }),
  'POST services/door/clients/:id/end': () => ({ endedDate: '2026-11-24', reason: '搬走' }),
  'POST services/door/clients/:id/needs': (o) => ({ itemId: o.item, freq: 'on_request', startDate: '2026-11-01' }),
  'PUT services/door/needs/:id': (o) => ({ itemId: o.item, freq: 'weekly', weekdays: [1], startDate: '2026-11-01' }),
  'POST services/door/needs/:id/reschedule': (o) => ({ itemId: o.item, freq: 'weekly', weekdays: [2], startDate: '2026-11-25' }),
  'POST services/door/deliveries': (o) => ({ needId: o.need, date: '2026-11-24', outcome: 'done' }),
  'POST services/tickets': (o) => ({ channel: 'desk', callerName: '匿名', itemId: o.item, description: '咨询' }),
  'POST services/tickets/:id/assign': (o) => ({ userId: o.staffUserId }),
  'POST services/tickets/:id/start': () => ({}),
  'POST services/tickets/:id/done': () => ({ result: '已办结' }),
  'POST services/tickets/:id/follow-up': () => ({ satisfaction: 5 }),
  'POST services/tickets/:id/close': () => ({ reason: '无法办理' }),
  'POST services/tickets/:id/reopen': () => ({ reason: '再次来电' }),
  'POST services/tickets/:id/notes': () => ({ note: '已联系' }),
  'POST donations/drives': () => ({ title: '募捐', startDate: '2026-11-01' }),
  'PATCH donations/drives/:id': () => ({ purpose: '帮扶' }),
  'POST donations/drives/:id/gifts': () => ({ donorKind: 'anonymous', kind: 'money', amount: '10', givenOn: '2026-11-20' }),
  'POST reports': () => ({ from: '2026-01-01', to: '2026-06-30' }),
  'PUT reports/:reportId': () => ({ title: '工作汇报', narrative: { intro: '', chapters: {}, closing: '' }, highlightEdits: {} }),
};

/** The query each list or file needs to answer (a period, a year, a figure). */
const QUERIES: Record<string, string> = {
  'party/attendance': 'year=2026',
  'party/pledges/export.xlsx': 'year=2026',
  'party/newsletters/deliveries.xlsx': 'from=2026-01-01&to=2026-12-31',
  'report/dashboard': 'year=2026',
  'party/attendance/export.xlsx': 'year=2026',
  'party/newsletter-figures': 'from=2026-01-01&to=2026-12-31',
  'party/report': 'from=2026-01-01&to=2026-12-31',
  'governance/report': 'from=2026-01-01&to=2026-12-31',
  'employment/report': 'from=2026-01-01&to=2026-12-31',
  'visits/report': 'from=2026-01-01&to=2026-12-31',
  'services/report': 'from=2026-01-01&to=2026-12-31',
  'visits/ledger': 'year=2026',
  'visits/ledger/export.xlsx': 'year=2026',
  'services/callers': 'q=张三',
  'report/live': 'from=2026-01-01&to=2026-12-31',
  'report/series': 'figure=registry.residents&year=2026',
};
const suffix = (url: string) => url.replace(/^\/api\/v1\/communities\/:communityId\//, '').replace(/^\/api\/v1\//, '');

let l: TestLinli;
let a: { id: string; subDistrictId: string };
let b: { id: string; subDistrictId: string };
let own: Ids;
let foreign: Ids;
/** the people of community A and its sub-district, each signed in */
let users: { role: Role; c: Client; userId: string }[];

async function post(c: Client, url: string, body: unknown): Promise<{ id: string } & Record<string, unknown>> {
  const res = await c.send('POST', url, body);
  if (res.statusCode >= 300) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}
async function put(c: Client, url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await c.send('PUT', url, body);
  if (res.statusCode >= 300) throw new Error(`PUT ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}
async function get<T>(c: Client, url: string): Promise<T> {
  const res = await c.get(url);
  if (res.statusCode >= 300) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** One real record of every kind the routes address, made the way the office makes them. */
async function oneOfEach(community: { id: string; subDistrictId: string }): Promise<Ids> {
  const sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: community.id })).username);
  const staffUser = await makeUser(l, 'staff', { communityId: community.id });
  const staffUserId = staffUser.id;
  const c = `/api/v1/communities/${community.id}`;
  const compound = (await post(sec, `${c}/registry/compounds`, { name: '一区' })).id;
  const building = (await post(sec, `${c}/registry/buildings`, { compoundId: compound, number: '1号楼' })).id;
  const entrance = (await post(sec, `${c}/registry/entrances`, { buildingId: building, number: '1单元' })).id;
  const dwelling = (await post(sec, `${c}/registry/dwellings`, { compoundId: compound, entranceId: entrance, room: '101' })).id;
  const dwelling2 = (await post(sec, `${c}/registry/dwellings`, { compoundId: compound, entranceId: entrance, room: '102' })).id;
  // a working-age man out of work with his schoolboy son: a zero-employment household
  const head = await post(sec, `${c}/residents`, { name: '张三', gender: 'male', birthDate: '1980-05-01', phone: '13800001111', employmentStatus: 'unemployed', dwellingId: dwelling });
  const son = await post(sec, `${c}/residents`, { name: '张小三', gender: 'male', birthDate: '2012-05-01', employmentStatus: 'student', relationToHead: 'son', householdId: head.householdId });
  const other = await post(sec, `${c}/residents`, { name: '李四', gender: 'female', birthDate: '1950-05-01', dwellingId: dwelling2 });
  // a household of its own for the household routes (split, merge), so they leave the others as they are
  const dwelling3 = (await post(sec, `${c}/registry/dwellings`, { compoundId: compound, entranceId: entrance, room: '103' })).id;
  const family = await post(sec, `${c}/residents`, { name: '王大', gender: 'male', birthDate: '1960-05-01', employmentStatus: 'retired', dwellingId: dwelling3 });
  const lodger = await post(sec, `${c}/residents`, { name: '王小', gender: 'male', birthDate: '1990-05-01', employmentStatus: 'employed', relationToHead: 'other', householdId: family.householdId });
  const grid = crypto.randomUUID();
  await put(sec, `${c}/grids/${grid}`, { name: '网格', buildingIds: [building] });
  const savedList = (await post(sec, `${c}/saved-lists`, { name: '全部居民', filters: {} })).id;
  const importJob = (await upload(l, sec, `${c}/registry/imports`, 'roster.csv', ROSTER)).json().id as string;

  const partyGroup = (await post(sec, `${c}/party/groups`, { name: '第一党小组' })).id;
  const team = (await post(sec, `${c}/party/volunteer-teams`, { name: '服务队', kind: 'special' })).id;
  const member = (await post(sec, `${c}/party/members`, { kind: 'registered', residentId: other.id, joinedDate: '1980-07-01', groupId: partyGroup, volunteerTeamId: team })).id;
  const leader = (await post(sec, `${c}/party/leaders`, { memberId: member, role: 'secretary', termStart: '2024-01-01' })).id;
  const election = (await post(sec, `${c}/party/elections`, { date: '2021-03-01', seats: 1, voters: 3, candidates: [{ memberId: member, votes: 3, role: 'secretary' }], termEnd: '2023-12-31' })).id;
  const pledge = (await post(sec, `${c}/party/pledges`, { level: 'member', year: 2026, memberId: member, title: '义务量血压' })).id;
  const board = (await put(sec, `${c}/party/board`, { enabled: true })) as { token: string };
  const fb = await l.app.inject({ method: 'POST', url: `/api/v1/public/pledge-boards/${board.token}/feedback`, headers: { 'content-type': 'application/json', origin: 'http://localhost', host: 'localhost' }, payload: JSON.stringify({ pledgeId: pledge, comment: '很好', rating: 5 }) });
  if (fb.statusCode !== 200) throw new Error(`feedback: ${fb.statusCode} ${fb.body}`);
  const feedback = (await get<{ id: string }[]>(sec, `${c}/party/feedback`))[0].id;
  const activity = (await post(sec, `${c}/party/activities`, { date: '2026-03-01', kind: 'study', topic: '学习党章' })).id;
  const newsletter = (await post(sec, `${c}/party/newsletters`, { number: 1, date: '2026-04-01', title: '简报第1期', content: '……' })).id;
  await upload(l, sec, `${c}/party/newsletters/${newsletter}/file`, '简报.pdf', PDF);
  const issue = await post(sec, `${c}/party/newsletters/${newsletter}/deliveries`, { memberIds: [member], deliveredBy: '王社工', deliveredAt: '2026-04-02' });
  const newsletterDelivery = (issue.deliveries as { id: string }[])[0].id;
  // a member who signs in for herself (the resident role), brought the same issue
  const self = (await post(sec, `${c}/party/members`, { kind: 'registered', name: '赵秀英', joinedDate: '1975-07-01', status: 'frail' })).id;
  await post(sec, `${c}/party/newsletters/${newsletter}/deliveries`, { memberIds: [self], deliveredBy: '王社工', deliveredAt: '2026-04-02' });
  await post(sec, `${c}/party/members/${member}/account`, { username: `member_${community.id.slice(0, 8)}` });
  const modelMember = (await post(sec, `${c}/party/model-members`, { year: 2026, memberId: member, deeds: '照顾老人' })).id;
  const honour = (await post(sec, `${c}/party/honours`, { title: '五好党支部', awardedBy: '街道工委', date: '2026-06-30' })).id;

  const representative = (await post(sec, `${c}/governance/representatives`, { residentId: other.id, termStart: '2025-01-01' })).id;
  const meeting = (await post(sec, `${c}/governance/meetings`, { title: '居民代表大会', date: '2026-11-10' })).id;
  const proposal = (await post(sec, `${c}/governance/proposals`, { title: '加装路灯', background: '夜里太黑', source: 'staff', submitterName: '王社工', submit: true })).id;
  const proposalFile = (await upload(l, sec, `${c}/governance/proposals/${proposal}/files`, '方案.pdf', PDF)).json().id as string;
  const notice = (await post(sec, `${c}/governance/notices`, { kind: 'other', title: '公示', body: '内容', periodRule: 'days' })).id;
  await post(sec, `${c}/governance/notices/${notice}/publish`, {});
  const objection = (await post(sec, `${c}/governance/notices/${notice}/objections`, { name: '孙先生', content: '有意见' })).id;
  const govGroup = (await post(sec, `${c}/governance/groups`, { kind: 'self_governance', name: '自治小组' })).id;
  const partner = (await post(sec, `${c}/governance/partners`, { name: '共建单位甲', kind: '企业', liaisonName: '周主任', joinedOn: '2025-01-01' })).id;
  const partnerFile = (await upload(l, sec, `${c}/governance/partners/${partner}/agreement`, '协议.pdf', PDF)).json().id as string;

  const employmentCase = (await post(sec, `${c}/employment/cases`, { residentId: head.id, registeredOn: '2026-10-01' })).id;
  const zeroHousehold = (await post(sec, `${c}/employment/zero-households`, { householdId: head.householdId, identifiedOn: '2026-10-01' })).id;

  const plan = (await post(sec, `${c}/visits/plans`, { occasion: 'other', year: 2026, title: '走访', savedListId: savedList, plannedFrom: '2026-11-01', plannedTo: '2026-11-30' })).id;
  const target = (await get<{ targets: { id: string }[] }>(sec, `${c}/visits/plans/${plan}`)).targets[0].id;
  const visitRecord = (await put(sec, `${c}/visits/plans/${plan}/targets/${target}/visit`, { date: '2026-11-20', visitors: '王社工' })).id as string;
  await upload(l, sec, `${c}/visits/records/${visitRecord}/photo`, 'photo.jpg', JPEG);

  const item = (await post(sec, `${c}/services/items`, { area: 'station', name: '理发', timeLimitHours: 48, door: true })).id;
  const provider = (await post(sec, `${c}/services/providers`, { name: '理发店', joinedDate: '2026-01-01', itemIds: [item] })).id;
  const doorProvider = (await post(sec, `${c}/services/door/providers`, { kind: 'staff', name: '王社工', userId: staffUserId })).id;
  const client = (await post(sec, `${c}/services/door/clients`, { residentId: other.id, registeredDate: '2026-11-01' })).id;
  const need = ((await post(sec, `${c}/services/door/clients/${client}/needs`, { itemId: item, providerId: doorProvider, freq: 'weekly', weekdays: [3], startDate: '2026-11-01' })).needs as { id: string }[])[0].id;
  const doorDelivery = (await post(sec, `${c}/services/door/deliveries`, { needId: need, date: '2026-11-18', outcome: 'done' })).id;
  const ticket = (await post(sec, `${c}/services/tickets`, { channel: 'desk', residentId: other.id, itemId: item, description: '上门理发' })).id;

  const drive = (await post(sec, `${c}/donations/drives`, { title: '募捐', startDate: '2026-11-01' })).id;
  const gift = (await post(sec, `${c}/donations/drives/${drive}/gifts`, { donorKind: 'anonymous', kind: 'money', amount: '100', givenOn: '2026-11-02' })).id;
  const report = (await post(sec, `${c}/reports`, { from: '2026-01-01', to: '2026-10-31' })).id;

  return {
    compound, dwelling, household2: other.householdId as string, lodger: lodger.id, resident2: son.id, self, staffUserId, staffUsername: staffUser.username,
    building, resident: head.id, household: family.householdId as string, grid, savedList, importJob,
    partyGroup, leader, election, member, pledge, feedback, activity, newsletter, newsletterDelivery, modelMember, honour,
    representative, meeting, proposal, proposalFile, notice, objection, govGroup, partner, partnerFile,
    case: employmentCase, zeroHousehold, plan, target, visitRecord,
    item, provider, doorProvider, client, need, doorDelivery, ticket,
    drive, gift, report,
  };
}

beforeAll(async () => {
  l = await createTestLinli();
  const sdA = await makeSubDistrict(l);
  const sdB = await makeSubDistrict(l);
  a = await makeCommunity(l, sdA.id);
  b = await makeCommunity(l, sdB.id);
  own = await oneOfEach(a);
  foreign = await oneOfEach(b);
  // the building leader looks after the building A's records stand in; the resident is the party member
  const leader = await makeUser(l, 'building_leader', { communityId: a.id });
  const resident = await makeUser(l, 'resident', { communityId: a.id });
  await l.services.db.kysely.updateTable('party_member').set({ user_id: resident.id }).where('id', '=', own.self).execute();
  const community = (['secretary', 'staff', 'auditor'] as const).map(async (role) => ({ role, u: await makeUser(l, role, { communityId: a.id }) }));
  const street = (['subdistrict_admin', 'subdistrict_officer'] as const).map(async (role) => ({ role, u: await makeUser(l, role, { subDistrictId: a.subDistrictId }) }));
  const people = [...(await Promise.all([...community, ...street])), { role: 'building_leader' as const, u: leader }, { role: 'resident' as const, u: resident }];
  users = await Promise.all(people.map(async ({ role, u }) => ({ role, c: await signIn(l, u.username), userId: u.id })));
  await put(users[0].c, `/api/v1/communities/${a.id}/registry/buildings/${own.building}/assignees`, { userIds: [leader.id] });
}, 120_000);
afterAll(() => l.close());

/** Sends the route's request as the office would: a valid body, a file where it takes one, the query it needs. */
async function request(c: Client, route: { method: string; url: string; upload?: boolean }, url: string, bodyIds: Ids): Promise<LightMyRequestResponse> {
  const key = suffix(route.url);
  const q = QUERIES[key];
  const full = q ? `${url}?${q}` : url;
  if (route.method === 'GET') return c.get(full);
  const file = UPLOADS[key];
  if (file) return upload(l, c, full, file.name, file.data);
  const body = BODIES[`${route.method} ${key}`]?.(bodyIds) ?? (route.method === 'DELETE' ? undefined : {});
  return c.send(route.method as 'POST', full, body);
}

const holds = (role: Role, permission: string) => l.services.access.rolePermissions(role).has(permission);

describe('tenancy of community routes', () => {

  it('answers 404 to every role of community A on every community route aimed at community B, and on A’s routes aimed at B’s records', async () => {
    const routes = l.app.linliRoutes.filter((r) => r.access === 'community');
    expect(routes.length).toBeGreaterThan(200);
    const problems: string[] = [];
    for (const { role, c } of users) {
      for (const r of routes) {
        const there = await request(c, r, fill(r.url, b.id, foreign), foreign);
        if (there.statusCode !== 404 || there.json().error.code !== 'NOT_FOUND') problems.push(`${role} ${r.method} ${r.url} in B: ${there.statusCode}`);
        if (!/:(?!communityId)\w+/.test(r.url)) continue;
        // A's own route, B's record: only a role that may use the route reaches the record, and finds none
        // a grid is set up under an id the page chooses: B's id in A's url makes a grid of A's own (B's is checked below)
        const expected = !holds(role, r.permission!) ? 403 : r.url.endsWith('/grids/:id') ? 200 : 404;
        const mixed = await request(c, r, fill(r.url, a.id, foreign), own);
        if (mixed.statusCode !== expected) problems.push(`${role} ${r.method} ${r.url} in A with B's record: ${mixed.statusCode} ${mixed.body.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
    const grids = await l.services.db.kysely.selectFrom('grid').select(['community_id', 'name']).where('id', '=', foreign.grid).orderBy('community_id').execute();
    expect(grids).toContainEqual({ community_id: b.id, name: '网格' });
    const building = await l.services.db.kysely.selectFrom('building').select('grid_id').where('id', '=', foreign.building).executeTakeFirstOrThrow();
    expect(building.grid_id).toBe(foreign.grid);
  }, 600_000);

  it('serves the same requests with A’s own records to the roles that hold the permission, and refuses the others with 403', async () => {
    const routes = l.app.linliRoutes.filter((r) => r.access === 'community');
    const problems: string[] = [];
    // reading first, every role; then each change once, by the first role that may make it (deletions last)
    for (const { role, c } of users) {
      for (const r of routes.filter((x) => x.method === 'GET')) {
        const res = await request(c, r, fill(r.url, a.id, own), own);
        const ok = holds(role, r.permission!) ? res.statusCode >= 200 && res.statusCode < 300 : res.statusCode === 403;
        if (!ok) problems.push(`${role} GET ${r.url}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    // changes: first the roles that may not make them (nothing changes), then each change once, by the first
    // role that may make it, deletions last (a deleted account signs its holder out)
    const changes = routes.filter((x) => x.method !== 'GET').sort((x, y) => Number(x.method === 'DELETE') - Number(y.method === 'DELETE'));
    for (const r of changes) {
      for (const { role, c } of users.filter((u) => !holds(u.role, r.permission!))) {
        const res = await request(c, r, fill(r.url, a.id, own), own);
        if (res.statusCode !== 403) problems.push(`${role} ${r.method} ${r.url}: ${res.statusCode}, not 403`);
      }
    }
    for (const r of changes) {
      const allowed = users.find((u) => holds(u.role, r.permission!));
      if (!allowed) continue;
      const res = await request(allowed.c, r, fill(r.url, a.id, own), own);
      // the handler ran: done, or refused for the state the record is in (409) or the body (400)
      if (![200, 201, 204, 400, 409].includes(res.statusCode)) problems.push(`${allowed.role} ${r.method} ${r.url}: ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    expect(problems).toEqual([]);
  }, 600_000);
});

describe('tenancy of global routes', () => {
  /** What a global route is asked, for one sub-district (or one user) at a time. */
  const GLOBAL: Record<string, { body?: (sd: string) => unknown; query?: string }> = {
    'POST sub-districts': { body: () => ({ name: `街道${Math.random()}`, district: '海淀区', city: '北京市', province: '北京市' }) },
    'POST sub-districts/:subDistrictId/communities': { body: () => ({ name: `社区${Math.random()}` }) },
    'PATCH users/:id': { body: () => ({ displayName: '王社工' }) },
    'POST users/:id/reset-password': { body: () => ({ password: 'Another-Horse-77' }) },
    'POST users': { body: (sd) => ({ username: `u${Math.floor(Math.random() * 1e9)}`, displayName: '新同事', password: 'Another-Horse-77', grants: [{ role: 'subdistrict_officer', subDistrictId: sd, communityId: null }] }) },
    'GET sub-districts/:subDistrictId/residents': { query: 'q=张三' },
    'GET sub-districts/:subDistrictId/report': { query: 'from=2026-01-01&to=2026-10-31' },
    'GET sub-districts/:subDistrictId/report.docx': { query: 'from=2026-01-01&to=2026-10-31' },
    'GET sub-districts/:subDistrictId/report.xlsx': { query: 'from=2026-01-01&to=2026-10-31' },
    'GET sub-districts/:subDistrictId/report/compare': { query: 'figure=registry.residents&year=2026' },
    'GET sub-districts/:subDistrictId/report/series': { query: 'figure=registry.residents&year=2026' },
  };
  const globalRoutes = () => l.app.linliRoutes.filter((r) => r.access === 'global');
  const send = (c: Client, r: { method: string; url: string }, sd: string, userId: string) => {
    const key = `${r.method} ${suffix(r.url)}`;
    const url = r.url.replace(':subDistrictId', sd).replace(':id', userId);
    const q = GLOBAL[key]?.query;
    const full = q ? `${url}?${q}` : url;
    return r.method === 'GET' ? c.get(full) : c.send(r.method as 'POST', full, GLOBAL[key]?.body?.(sd) ?? (r.method === 'DELETE' ? undefined : {}));
  };

  it('refuses every role of A’s community and sub-district the other sub-district and its users: 404, or 403 without the permission', async () => {
    expect(globalRoutes()).toHaveLength(17);
    const problems: string[] = [];
    for (const { role, c } of users) {
      for (const r of globalRoutes().filter((x) => /:subDistrictId|:id|users$/.test(x.url) && x.method !== 'GET' ? true : /:subDistrictId|:id/.test(x.url))) {
        const res = await send(c, r, b.subDistrictId, foreign.staffUserId);
        // a new account with a role over B is refused as a whole (403); B's sub-district and users are not there (404)
        const expected = holds(role, r.permission!) && !r.url.endsWith('/users') ? 404 : 403;
        if (res.statusCode !== expected) problems.push(`${role} ${r.method} ${r.url}: ${res.statusCode}, not ${expected} ${res.body.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
    // nothing of B's was changed on the way
    const staffB = await l.services.db.kysely.selectFrom('app_user').select(['display_name', 'disabled']).where('id', '=', foreign.staffUserId).executeTakeFirstOrThrow();
    expect(staffB).toEqual({ display_name: foreign.staffUsername, disabled: 0 });
    expect(await l.services.db.kysely.selectFrom('community').select('id').where('sub_district_id', '=', b.subDistrictId).execute()).toHaveLength(1);
  }, 300_000);

  it('serves the same requests for A’s own sub-district and users to those who hold it, lists nothing of B’s, and refuses the rest', async () => {
    const problems: string[] = [];
    // reading the whole sub-district needs a grant over it; a community's people see their community only
    const wholeSubDistrict = (role: Role) => role === 'subdistrict_admin' || role === 'subdistrict_officer';
    for (const { role, c } of users) {
      for (const r of globalRoutes()) {
        const key = `${r.method} ${suffix(r.url)}`;
        const res = await send(c, r, a.subDistrictId, own.staffUserId);
        let expected: number[] = [200, 201, 204];
        if (!holds(role, r.permission!)) expected = [403];
        else if (key === 'POST sub-districts') expected = [403]; // the system administrator's alone
        else if (/^GET sub-districts\/:subDistrictId\/report/.test(key) && !wholeSubDistrict(role)) expected = [404];
        else if (key === 'POST users' && !wholeSubDistrict(role)) expected = [403]; // a secretary hands out roles of her community only
        if (!expected.includes(res.statusCode)) problems.push(`${role} ${key}: ${res.statusCode}, not ${expected.join('/')} ${res.body.slice(0, 160)}`);
      }
    }
    expect(problems).toEqual([]);

    for (const { role, c } of users) {
      if (holds(role, 'users.manage')) {
        expect((await c.get(`/api/v1/users?q=${own.staffUsername}`)).json().total, role).toBe(1);
        expect((await c.get(`/api/v1/users?q=${foreign.staffUsername}`)).json().total, role).toBe(0);
      }
      if (holds(role, 'audit.read')) {
        expect((await c.get(`/api/v1/audit?communityId=${a.id}`)).json().total, role).toBeGreaterThan(0);
        expect((await c.get(`/api/v1/audit?communityId=${b.id}`)).json().total, role).toBe(0);
      }
      if (holds(role, 'registry.read.all')) {
        const found = (await c.get(`/api/v1/sub-districts/${a.subDistrictId}/residents?q=张三`)).json() as { items: { id: string }[]; communities: { id: string }[] };
        expect(found.communities.map((x) => x.id), role).toContain(a.id);
        expect(found.communities.map((x) => x.id), role).not.toContain(b.id);
        expect(found.items.map((x) => x.id), role).toContain(own.resident);
        expect(found.items.map((x) => x.id), role).not.toContain(foreign.resident);
      }
      if (holds(role, 'report.rollup')) {
        const mine = ((await c.get('/api/v1/report/sub-districts')).json() as { id: string }[]).map((x) => x.id);
        expect(mine, role).toEqual(wholeSubDistrict(role) ? [a.subDistrictId] : []);
      }
    }
  }, 300_000);

  it('exports the sub-district’s comparison table as an Excel workbook of its own communities', async () => {
    const officer = users.find((u) => u.role === 'subdistrict_officer')!.c;
    const res = await officer.get(`/api/v1/sub-districts/${a.subDistrictId}/report.xlsx?from=2026-01-01&to=2026-10-31`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join(' ');
    const names = await l.services.db.kysely.selectFrom('community').select(['id', 'name']).execute();
    expect(text).toContain(names.find((x) => x.id === a.id)!.name);
    expect(text).not.toContain(names.find((x) => x.id === b.id)!.name);
    expect((await officer.get(`/api/v1/sub-districts/${b.subDistrictId}/report.xlsx?from=2026-01-01&to=2026-10-31`)).statusCode).toBe(404);
  });
});
