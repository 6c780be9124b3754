import { dayEnds, periodQuery } from '../../core/http/period';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { ScopedDb } from '../../core/access';
import { fieldError, notFound } from '../../core/errors';
import type { ReportSection } from '../../core/module';
import { maskedPhone, type keyringFor } from '../registry';
import type { Member, MemberFilters, Pledge } from './schema';
import './tables';

export type Keyring = ReturnType<typeof keyringFor>;

/** party_member joined to its group, team and (when it lives here) the registry resident. */
export function membersBase(db: ScopedDb) {
  return db
    .selectFrom('party_member')
    .leftJoin('party_group', (j) => j.onRef('party_group.community_id', '=', 'party_member.community_id').onRef('party_group.id', '=', 'party_member.group_id'))
    .leftJoin('volunteer_team', (j) => j.onRef('volunteer_team.community_id', '=', 'party_member.community_id').onRef('volunteer_team.id', '=', 'party_member.volunteer_team_id'))
    .leftJoin('resident', (j) => j.onRef('resident.community_id', '=', 'party_member.community_id').onRef('resident.id', '=', 'party_member.resident_id'))
    .select([
      'party_member.id as id',
      'party_member.resident_id as residentId',
      'resident.status as residentStatus',
      'party_member.name as name',
      'party_member.phone_enc as memberPhoneEnc',
      'resident.phone_enc as residentPhoneEnc',
      'party_member.kind as kind',
      'party_member.group_id as groupId',
      'party_group.name as groupName',
      'party_member.joined_date as joinedDate',
      'party_member.status as status',
      'party_member.volunteer_team_id as volunteerTeamId',
      'volunteer_team.name as volunteerTeamName',
      'party_member.left_date as leftDate',
      'party_member.notes as notes',
    ]);
}

type RawMember = Awaited<ReturnType<ReturnType<typeof membersBase>['executeTakeFirstOrThrow']>>;

export function presentMember(r: RawMember, keyring: Keyring): Member {
  const { memberPhoneEnc, residentPhoneEnc, ...rest } = r;
  return {
    ...rest,
    kind: r.kind as Member['kind'],
    status: r.status as Member['status'],
    // a resident's phone lives in the registry; a member living elsewhere keeps one here
    phoneMasked: maskedPhone(memberPhoneEnc ?? residentPhoneEnc, keyring),
  };
}

export async function listMembers(db: ScopedDb, keyring: Keyring, f: MemberFilters, opts: { all?: boolean } = {}) {
  let q = membersBase(db);
  if (f.groupId) q = q.where('party_member.group_id', '=', f.groupId);
  if (f.kind) q = q.where('party_member.kind', '=', f.kind);
  if (f.status) q = q.where('party_member.status', '=', f.status);
  if (f.volunteerTeamId) q = q.where('party_member.volunteer_team_id', '=', f.volunteerTeamId);
  if (f.q) q = q.where('party_member.name', 'like', `%${f.q.replace(/[%_]/g, '')}%`);
  if (f.includeLeft !== '1') q = q.where('party_member.left_date', 'is', null);
  const total = Number(
    (await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  let page = q.orderBy('party_group.sort').orderBy('party_member.name').orderBy('party_member.id');
  if (!opts.all) page = page.limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  const rows = await page.execute();
  return { items: rows.map((r) => presentMember(r, keyring)), total };
}

export async function loadMember(db: ScopedDb, keyring: Keyring, id: string): Promise<Member> {
  const r = await membersBase(db).where('party_member.id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  return presentMember(r, keyring);
}

/** A record named in a body must belong to this community; otherwise the field is refused. */
export async function assertMember(db: ScopedDb, id: string, field = 'memberId'): Promise<string> {
  const r = await db.selectFrom('party_member').select(['party_member.id', 'party_member.name']).where('party_member.id', '=', id).executeTakeFirst();
  if (!r) throw fieldError(field, 'PARTY_UNKNOWN_MEMBER');
  return r.name;
}
export async function assertGroup(db: ScopedDb, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const r = await db.selectFrom('party_group').select(['party_group.id', 'party_group.closed_on']).where('party_group.id', '=', id).executeTakeFirst();
  if (!r) throw fieldError('groupId', 'FIELD_INVALID');
  if (r.closed_on) throw fieldError('groupId', 'PARTY_GROUP_IS_CLOSED', { date: r.closed_on });
}
export async function assertTeam(db: ScopedDb, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const r = await db.selectFrom('volunteer_team').select('volunteer_team.id').where('volunteer_team.id', '=', id).executeTakeFirst();
  if (!r) throw fieldError('volunteerTeamId', 'FIELD_INVALID');
}

/** The branch of the community, created on first need (one per community). */
export async function ensureBranch(db: ScopedDb, community: { name: string }, now: Date) {
  const b = await db.selectFrom('party_branch').selectAll().executeTakeFirst();
  if (b) return b;
  const at = now.toISOString();
  const row = { id: crypto.randomUUID(), name: `${community.name}党支部`, board_token: null, board_enabled: 0, created_at: at, updated_at: at };
  await db.insertInto('party_branch', [row]).execute();
  return { ...row, community_id: db.communityId ?? '' };
}

/**
 * Checks an area of responsibility against the registry: every building (and entrance, which must
 * stand in that building) must be one of this community's.
 */
export async function checkAreas(db: ScopedDb, areas: { buildingId: string; entranceId?: string | null }[]): Promise<void> {
  for (const [i, a] of areas.entries()) {
    const b = await db.selectFrom('building').select('building.id').where('building.id', '=', a.buildingId).executeTakeFirst();
    if (!b) throw fieldError(`areas.${i}.buildingId`, 'PARTY_AREA_UNKNOWN');
    if (a.entranceId) {
      const e = await db.selectFrom('entrance').select('entrance.id').where('entrance.id', '=', a.entranceId).where('entrance.building_id', '=', a.buildingId).executeTakeFirst();
      if (!e) throw fieldError(`areas.${i}.entranceId`, 'PARTY_AREA_UNKNOWN');
    }
  }
}

export async function writeAreas(db: ScopedDb, pledgeId: string, areas: { buildingId: string; entranceId?: string | null }[]): Promise<void> {
  await db.deleteFrom('pledge_area').where('pledge_area.pledge_id', '=', pledgeId).execute();
  if (areas.length) {
    await db.insertInto('pledge_area', areas.map((a) => ({ id: crypto.randomUUID(), pledge_id: pledgeId, building_id: a.buildingId, entrance_id: a.entranceId ?? null }))).execute();
  }
}

/** Pledges with their member, areas (as 3号楼2单元) and progress notes. */
export async function loadPledges(db: ScopedDb, f: { year?: number; level?: string; status?: string; memberId?: string; id?: string }): Promise<Pledge[]> {
  let q = db
    .selectFrom('pledge')
    .leftJoin('party_member', (j) => j.onRef('party_member.community_id', '=', 'pledge.community_id').onRef('party_member.id', '=', 'pledge.member_id'))
    .select([
      'pledge.id',
      'pledge.level',
      'pledge.year',
      'pledge.member_id',
      'party_member.name as memberName',
      'pledge.title',
      'pledge.owner',
      'pledge.target',
      'pledge.status',
      'pledge.review_note',
    ]);
  if (f.id) q = q.where('pledge.id', '=', f.id);
  if (f.year) q = q.where('pledge.year', '=', f.year);
  if (f.level) q = q.where('pledge.level', '=', f.level);
  if (f.status) q = q.where('pledge.status', '=', f.status);
  if (f.memberId) q = q.where('pledge.member_id', '=', f.memberId);
  const rows = await q.orderBy('pledge.year', 'desc').orderBy('pledge.level').orderBy('party_member.name').orderBy('pledge.created_at').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const areas = await db
    .selectFrom('pledge_area')
    .innerJoin('building', (j) => j.onRef('building.community_id', '=', 'pledge_area.community_id').onRef('building.id', '=', 'pledge_area.building_id'))
    .leftJoin('entrance', (j) => j.onRef('entrance.community_id', '=', 'pledge_area.community_id').onRef('entrance.id', '=', 'pledge_area.entrance_id'))
    .leftJoin('compound', (j) => j.onRef('compound.community_id', '=', 'building.community_id').onRef('compound.id', '=', 'building.compound_id'))
    .select(['pledge_area.pledge_id', 'pledge_area.building_id', 'pledge_area.entrance_id', 'building.name as buildingName', 'entrance.number as entranceNumber', 'compound.name as compoundName'])
    .where('pledge_area.pledge_id', 'in', ids)
    .orderBy('building.sort')
    .orderBy('entrance.number')
    .execute();
  const progress = await db
    .selectFrom('pledge_progress')
    .select(['pledge_progress.id', 'pledge_progress.pledge_id', 'pledge_progress.date', 'pledge_progress.note'])
    .where('pledge_progress.pledge_id', 'in', ids)
    .orderBy('pledge_progress.date')
    .orderBy('pledge_progress.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    level: r.level as Pledge['level'],
    year: r.year,
    memberId: r.member_id,
    memberName: r.memberName,
    title: r.title,
    owner: r.owner,
    target: r.target,
    status: r.status as Pledge['status'],
    reviewNote: r.review_note,
    areas: areas
      .filter((a) => a.pledge_id === r.id)
      .map((a) => ({
        buildingId: a.building_id,
        entranceId: a.entrance_id,
        label: `${a.compoundName ?? ''}${a.buildingName}${a.entranceNumber ? `${a.entranceNumber}单元` : ''}`,
      })),
    progress: progress.filter((p) => p.pledge_id === r.id).map((p) => ({ id: p.id, date: p.date, note: p.note })),
  }));
}

export async function loadPledge(db: ScopedDb, id: string): Promise<Pledge> {
  const [p] = await loadPledges(db, { id });
  if (!p) throw notFound();
  return p;
}

/**
 * The newsletter's distribution list: members too old or ill to attend (status frail) and anyone
 * put on it by hand, as long as they are still on the branch's books.
 */
export async function recipients(db: ScopedDb) {
  const byHand = await db.selectFrom('newsletter_recipient').select('newsletter_recipient.member_id').execute();
  const handIds = new Set(byHand.map((r) => r.member_id));
  const rows = await db
    .selectFrom('party_member')
    .select(['party_member.id', 'party_member.name', 'party_member.status'])
    .where('party_member.left_date', 'is', null)
    .where((eb) => eb.or([eb('party_member.status', '=', 'frail'), ...(handIds.size ? [eb('party_member.id', 'in', [...handIds])] : [])]))
    .orderBy('party_member.name')
    .execute();
  return rows.map((r) => ({ memberId: r.id, name: r.name, status: r.status as 'normal' | 'mobile' | 'frail', byHand: handIds.has(r.id) }));
}

/** "N issues, M copies": issues dated in the period and copies delivered in it, counted from deliveries. */
export async function newsletterFigures(db: ScopedDb, from: string, to: string) {
  const issues = await db
    .selectFrom('newsletter_issue')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('newsletter_issue.date', '>=', from)
    .where('newsletter_issue.date', '<=', to)
    .executeTakeFirstOrThrow();
  const copies = await db
    .selectFrom('newsletter_delivery')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('newsletter_delivery.confirmed').as('confirmed')])
    .where('newsletter_delivery.delivered_at', '>=', from)
    .where('newsletter_delivery.delivered_at', '<=', to)
    .executeTakeFirstOrThrow();
  return { issues: Number(issues.n), copies: Number(copies.n), confirmed: Number(copies.confirmed ?? 0) };
}

/** Each member's attendance in a year: sessions present and absent. */
export async function attendanceTotals(db: ScopedDb, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const activities = await db
    .selectFrom('party_activity')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('party_activity.date', '>=', from)
    .where('party_activity.date', '<=', to)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('party_attendance')
    .innerJoin('party_activity', (j) => j.onRef('party_activity.community_id', '=', 'party_attendance.community_id').onRef('party_activity.id', '=', 'party_attendance.activity_id'))
    .innerJoin('party_member', (j) => j.onRef('party_member.community_id', '=', 'party_attendance.community_id').onRef('party_member.id', '=', 'party_attendance.member_id'))
    .select((eb) => [
      'party_member.id as memberId',
      'party_member.name as name',
      eb.fn.sum<number>('party_attendance.present').as('present'),
      eb.fn.countAll<number>().as('total'),
    ])
    .where('party_activity.date', '>=', from)
    .where('party_activity.date', '<=', to)
    .groupBy(['party_member.id', 'party_member.name'])
    .orderBy('party_member.name')
    .execute();
  return {
    year,
    activities: Number(activities.n),
    members: rows.map((r) => ({ memberId: r.memberId, name: r.name, present: Number(r.present), absent: Number(r.total) - Number(r.present) })),
  };
}

const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).n);

/** The page behind a party figure; figures of what happened in the period open that period's records. */
function figureLink(key: string, from: string, to: string): string {
  const year = to.slice(0, 4);
  if (key === 'members.registered') return 'party/members?kind=registered';
  if (key === 'members.reporting') return 'party/members?kind=reporting';
  if (key === 'volunteers' || key.startsWith('teams.')) return 'party/members';
  if (key === 'groups') return 'party?tab=groups';
  if (key === 'elections') return 'party?tab=committee';
  if (key === 'modelMembers' || key === 'honours') return 'party?tab=honours';
  if (key.startsWith('pledges.')) return key.startsWith('pledges.branch') ? `party/pledges?tab=branch&year=${year}` : `party/pledges?year=${year}`;
  if (key.startsWith('study.')) return `party/activities?${periodQuery(from, to)}`;
  if (key.startsWith('newsletter.')) return `party/newsletters?${periodQuery(from, to)}`;
  return 'party';
}

/**
 * 党建 in the work report: figures for a period, every one counted from the records. Membership,
 * groups and teams are as they stand at the period's end; pledges and model-member boards count by
 * the years the period touches; sessions, copies and honours by their dates.
 */
export async function partyFigures(db: ScopedDb, from: string, to: string): Promise<ReportSection> {
  const fromYear = Number(from.slice(0, 4));
  const toYear = Number(to.slice(0, 4));
  const onBooks = (kind: string) =>
    db
      .selectFrom('party_member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('party_member.kind', '=', kind)
      .where((eb) => eb.or([eb('party_member.joined_date', 'is', null), eb('party_member.joined_date', '<=', to)]))
      .where((eb) => eb.or([eb('party_member.left_date', 'is', null), eb('party_member.left_date', '>=', from)]));
  const registered = await count(onBooks('registered'));
  const reporting = await count(onBooks('reporting'));
  // groups as they stood at the period's end: set up by then and not closed by then
  const groups = await count(
    db
      .selectFrom('party_group')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('party_group.created_at', '<', dayEnds(to))
      .where((eb) => eb.or([eb('party_group.closed_on', 'is', null), eb('party_group.closed_on', '>', to)])),
  );
  const volunteers = await count(
    db
      .selectFrom('party_member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('party_member.volunteer_team_id', 'is not', null)
      // on the books in the period, as the members above: someone who joined the branch after it is not yet a volunteer of it
      .where((eb) => eb.or([eb('party_member.joined_date', 'is', null), eb('party_member.joined_date', '<=', to)]))
      .where((eb) => eb.or([eb('party_member.left_date', 'is', null), eb('party_member.left_date', '>=', from)])),
  );
  const teams = (kind: string) => count(db.selectFrom('volunteer_team').select((eb) => eb.fn.countAll<number>().as('n')).where('volunteer_team.kind', '=', kind));
  const pledges = (level: string) => db.selectFrom('pledge').where('pledge.level', '=', level).where('pledge.year', '>=', fromYear).where('pledge.year', '<=', toYear);
  const branchPledges = await count(pledges('branch').select((eb) => eb.fn.countAll<number>().as('n')));
  const branchDone = await count(pledges('branch').select((eb) => eb.fn.countAll<number>().as('n')).where('pledge.status', '=', 'done'));
  const memberPledges = await count(pledges('member').select((eb) => eb.fn.countAll<number>().as('n')));
  const memberDone = await count(pledges('member').select((eb) => eb.fn.countAll<number>().as('n')).where('pledge.status', '=', 'done'));
  const pledgingMembers = await count(pledges('member').select(sql<number>`count(distinct pledge.member_id)`.as('n')));
  const sessions = await count(
    db.selectFrom('party_activity').select((eb) => eb.fn.countAll<number>().as('n')).where('party_activity.date', '>=', from).where('party_activity.date', '<=', to),
  );
  const att = await db
    .selectFrom('party_attendance')
    .innerJoin('party_activity', (j) => j.onRef('party_activity.community_id', '=', 'party_attendance.community_id').onRef('party_activity.id', '=', 'party_attendance.activity_id'))
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('party_attendance.present').as('present')])
    .where('party_activity.date', '>=', from)
    .where('party_activity.date', '<=', to)
    .executeTakeFirstOrThrow();
  const attendanceRate = Number(att.n) ? Math.round((Number(att.present) / Number(att.n)) * 1000) / 10 : null;
  const news = await newsletterFigures(db, from, to);
  const models = await count(
    db.selectFrom('model_member').select(sql<number>`count(distinct model_member.member_id)`.as('n')).where('model_member.year', '>=', fromYear).where('model_member.year', '<=', toYear),
  );
  const honours = await count(db.selectFrom('party_honour').select((eb) => eb.fn.countAll<number>().as('n')).where('party_honour.date', '>=', from).where('party_honour.date', '<=', to));
  const elections = await count(db.selectFrom('party_election').select((eb) => eb.fn.countAll<number>().as('n')).where('party_election.date', '>=', from).where('party_election.date', '<=', to));

  const people = { zh: '人', en: 'people' };
  const items = { zh: '项', en: 'items' };
  const f = (key: string, zh: string, en: string, value: number | null, unit?: { zh: string; en: string }) => ({ key, label: { zh, en }, value, ...(unit ? { unit } : {}), link: figureLink(key, from, to) });
  return {
    title: { zh: '党建工作', en: 'Party building' },
    figures: [
      f('members.registered', '在册党员', 'Registered members', registered, people),
      f('members.reporting', '在职党员报到', 'Members reporting from work', reporting, people),
      f('groups', '党小组', 'Party groups', groups, { zh: '个', en: '' }),
      f('volunteers', '党员义工', 'Party volunteers', volunteers, people),
      f('teams.special', '特色服务队', 'Special teams', await teams('special'), { zh: '个', en: '' }),
      f('teams.service', '综合服务小组', 'Service groups', await teams('service'), { zh: '个', en: '' }),
      f('elections', '党员大会民主选举', 'Branch elections', elections, { zh: '次', en: '' }),
      f('pledges.branch', '支部承诺实事', 'Branch pledges', branchPledges, items),
      f('pledges.branch.done', '支部承诺已兑现', 'Branch pledges fulfilled', branchDone, items),
      f('pledges.member', '党员承诺', 'Member pledges', memberPledges, items),
      f('pledges.member.done', '党员承诺已兑现', 'Member pledges fulfilled', memberDone, items),
      f('pledges.members', '作出承诺的党员', 'Members who pledged', pledgingMembers, people),
      f('study.sessions', '学习和活动', 'Study sessions and activities', sessions, { zh: '次', en: '' }),
      f('study.attendanceRate', '出勤率', 'Attendance rate', attendanceRate, { zh: '%', en: '%' }),
      f('newsletter.issues', '支部工作简报', 'Newsletter issues', news.issues, { zh: '期', en: '' }),
      f('newsletter.copies', '简报送达', 'Newsletter copies delivered', news.copies, { zh: '份', en: 'copies' }),
      f('modelMembers', '先进党员（七一展板）', 'Model members', models, people),
      f('honours', '荣誉', 'Honours', honours, items),
    ],
  };
}
