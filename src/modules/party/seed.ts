import crypto from 'node:crypto';
import { scopedDb, type ScopedDb } from '../../core/access';
import type { DemoContext } from '../../core/module';
import { keyringFor, phoneDigits, seal } from '../registry';
import './tables';

/**
 * Party building in the two seed communities, deterministic (ctx.random), over the two years before
 * the seed day. The work reports' figures are not typed in anywhere: they come out of these records
 * through the report section (17 pledging members, 6 issues and 90+ copies, 12 model members;
 * 3 groups, 50 registered members, 211 volunteers in 2 special teams and 12 service groups).
 */
const uuid = () => crypto.randomUUID();

class Pick {
  constructor(private readonly r: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  one<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.r() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** `months` months before a YYYY-MM-DD date, on the given day of the month. */
function monthsBefore(today: string, months: number, day = 15): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1 - months;
  const d = new Date(Date.UTC(y, m, day));
  const s = d.toISOString().slice(0, 10);
  return s > today ? today : s;
}
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface SeedMember {
  id: string;
  name: string;
  birth: string | null;
}

async function partyResidents(ctx: DemoContext, communityId: string) {
  return ctx.db.kysely
    .selectFrom('resident')
    .select(['id', 'name', 'birth_date'])
    .where('community_id', '=', communityId)
    .where('political_status', '=', 'cpc_member')
    .where('status', '=', 'active')
    .orderBy('birth_date')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

function joinedDate(p: Pick, birth: string | null, today: string): string {
  const by = birth ? Number(birth.slice(0, 4)) : 1960;
  const y = Math.min(Number(today.slice(0, 4)) - 3, by + p.int(20, 40));
  return `${y}-0${p.int(1, 9)}-${String(p.int(1, 28)).padStart(2, '0')}`;
}

async function branch(db: ScopedDb, name: string, at: string, published: boolean) {
  await db
    .insertInto('party_branch', [
      { id: uuid(), name, board_token: published ? crypto.randomBytes(18).toString('base64url') : null, board_enabled: published ? 1 : 0, created_at: at, updated_at: at },
    ])
    .execute();
}

async function groups(db: ScopedDb, names: string[], at: string): Promise<string[]> {
  const rows = names.map((name, i) => ({ id: uuid(), name, leader_member_id: null, sort: i, created_at: at }));
  await db.insertInto('party_group', rows).execute();
  return rows.map((r) => r.id);
}

async function activities(db: ScopedDb, p: Pick, today: string, members: (SeedMember & { status: string })[], at: string) {
  const topics: [string, string][] = [
    ['activity_day', '双月活动日：学习党章，重温入党誓词'],
    ['study', '定期学习：学习党的路线方针政策'],
    ['lecture', '党课：保持共产党员先进性长效机制'],
    ['activity_day', '双月活动日：远程教育学习'],
    ['forum', '座谈：为社区建设建言献策'],
    ['study', '定期学习：社会主义荣辱观'],
    ['visit', '外出参观：抗日战争纪念馆'],
    ['activity_day', '双月活动日：党员承诺践诺交流'],
    ['lecture', '党课：构建和谐社区，党员走在前'],
    ['study', '定期学习：学习十七大精神'],
    ['visit', '外出参观：纪念红军长征胜利展览'],
    ['forum', '座谈：年终承诺兑现评议'],
  ];
  // one a bi-monthly day, with lectures, forums and visits between, over the two years
  for (let i = 0; i < 24; i += 2) {
    const [kind, topic] = topics[(i / 2) % topics.length];
    const id = uuid();
    await db.insertInto('party_activity', [{ id, date: monthsBefore(today, 23 - i, p.int(8, 26)), kind, topic, place: kind === 'visit' ? null : '社区党员活动室', created_at: at }]).execute();
    await db
      .insertInto(
        'party_attendance',
        members.map((m) => {
          const present = m.status === 'normal' && p.chance(0.88);
          const reason = present ? null : m.status === 'frail' ? '年老体弱，送学上门' : m.status === 'mobile' ? '外出流动' : p.one(['请假', '工作冲突', '生病']);
          return { activity_id: id, member_id: m.id, present: present ? 1 : 0, reason };
        }),
      )
      .execute();
  }
}

async function seedYili(ctx: DemoContext, p: Pick) {
  const communityId = ctx.communities.yili.id;
  const db = scopedDb(ctx.db.kysely, communityId);
  const at = ctx.today.toISOString();
  const today = at.slice(0, 10);
  const year = Number(today.slice(0, 4));
  await branch(db, '怡丽北园社区党支部', at, true);
  const [g1, g2] = await groups(db, ['第一党小组', '第二党小组'], at);

  // ~40 members drawn from the registry's party members; the oldest sixteen cannot attend
  const chosen = p.shuffle(await partyResidents(ctx, communityId)).slice(0, 40);
  chosen.sort((a, b) => (a.birth_date ?? '').localeCompare(b.birth_date ?? '') || a.name.localeCompare(b.name));
  const members = chosen.map((r, i) => ({
    id: uuid(),
    name: r.name,
    birth: r.birth_date,
    residentId: r.id,
    status: i < 16 ? 'frail' : i === 20 || i === 33 ? 'mobile' : 'normal',
  }));
  await db
    .insertInto(
      'party_member',
      members.map((m, i) => ({
        id: m.id,
        resident_id: m.residentId,
        name: m.name,
        phone_enc: null,
        phone_hash: null,
        phone_tail: null,
        kind: 'registered',
        group_id: i % 2 === 0 ? g1 : g2,
        joined_date: joinedDate(p, m.birth, today),
        status: m.status,
        volunteer_team_id: null,
        left_date: null,
        notes: null,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
  const active = members.filter((m) => m.status === 'normal');

  // 201*年3月 党员大会民主选举: seven candidates for five seats
  const electionId = uuid();
  const electionDate = `${year - 1}-03-18`;
  const candidates = active.slice(0, 7);
  const roles = ['secretary', 'deputy', 'member', 'member', 'member'];
  await db.insertInto('party_election', [{ id: electionId, date: electionDate, seats: 5, voters: 36, notes: '党员大会民主选举新一届支部委员会', created_at: at }]).execute();
  await db
    .insertInto(
      'party_election_candidate',
      candidates.map((c, i) => ({ id: uuid(), election_id: electionId, member_id: c.id, votes: i < 5 ? 35 - i * 2 : 14 - i, elected: i < 5 ? 1 : 0, role: i < 5 ? roles[i] : null })),
    )
    .execute();
  await db
    .insertInto(
      'party_leader',
      candidates.slice(0, 5).map((c, i) => ({ id: uuid(), member_id: c.id, role: roles[i], term_start: electionDate, term_end: `${year + 4}-03-17`, election_id: electionId, created_at: at })),
    )
    .execute();
  await db.updateTable('party_group').set({ leader_member_id: candidates[2].id }).where('party_group.id', '=', g1).execute();
  await db.updateTable('party_group').set({ leader_member_id: candidates[3].id }).where('party_group.id', '=', g2).execute();

  // the branch's practical things for each year
  const branchPledges: [number, string, string, string][] = [
    [year - 1, '协调安装健身器材，建成健身场地', '支部书记', '安装健身器材21件及休闲椅'],
    [year - 1, '建成自行车棚，解决乱停乱放和丢车', '居委会主任', '建成400平米自行车棚'],
    [year - 1, '为空巢老人立冬包饺子、重阳节过集体生日', '组织委员', '覆盖全部80岁以上老人'],
    [year - 1, '组织党员冬季义务扫雪', '宣传委员', '主要道路雪停即清'],
    [year, '安装不锈钢信箱，实现直通邮路', '支部书记', '安装信箱30套'],
    [year, '建立便民菜站、理发室、水站', '居委会主任', '引进服务商10余项服务'],
    [year, '为年老体弱党员定期送学上门', '组织委员', '每期简报送到每位年老体弱党员'],
    [year, '党员治安巡逻，建设平安社区', '纪检委员', '每周巡逻两次'],
  ];
  for (const [y, title, owner, target] of branchPledges) {
    const id = uuid();
    const past = y < year;
    const status = past ? (title.includes('扫雪') ? 'not_done' : 'done') : 'open';
    await db
      .insertInto('pledge', [
        { id, level: 'branch', year: y, member_id: null, title, owner, target, status, review_note: past ? (status === 'done' ? '年终评议：已兑现' : '年终评议：雪少，部分路段未组织') : null, reviewed_at: past ? `${y}-12-28T08:00:00.000Z` : null, created_at: at, updated_at: at },
      ])
      .execute();
    await db.insertInto('pledge_progress', [{ id: uuid(), pledge_id: id, date: `${y}-0${p.int(4, 9)}-${String(p.int(1, 28)).padStart(2, '0')}`, note: past ? '已完成，居民反映良好' : '正在推进，已落实资金和地点', created_by: null, created_at: at }]).execute();
  }

  // 17 members pledge a task or an area of buildings this year; most of them did so last year too
  const buildings = await db.selectFrom('building').select(['building.id']).orderBy('building.sort').execute();
  const entrances = await db.selectFrom('entrance').select(['entrance.id', 'entrance.building_id']).orderBy('entrance.number').execute();
  const tasks = ['负责社区宣传栏更新', '义务为居民量血压', '为青少年义务辅导功课', '组织老年合唱队活动', '维护健身场地和器材', '收集居民意见建议', '为困难户代购生活用品', '义务调解邻里纠纷'];
  const pledgers = active.slice(0, 17);
  for (const [i, m] of pledgers.entries()) {
    for (const y of i < 14 ? [year - 1, year] : [year]) {
      const id = uuid();
      const area = i % 2 === 0;
      const b = buildings[i % buildings.length];
      const title = area ? '责任区：负责楼门卫生、安全和邻里互助' : tasks[i % tasks.length];
      const past = y < year;
      await db
        .insertInto('pledge', [
          { id, level: 'member', year: y, member_id: m.id, title, owner: null, target: area ? '楼道整洁、无安全隐患' : null, status: past ? 'done' : 'open', review_note: past ? '年终评议：已兑现' : null, reviewed_at: past ? `${y}-12-28T08:00:00.000Z` : null, created_at: at, updated_at: at },
        ])
        .execute();
      if (area && b) {
        const own = entrances.filter((e) => e.building_id === b.id);
        const rows = i % 4 === 0 ? [{ building_id: b.id, entrance_id: null }] : own.slice(0, 2).map((e) => ({ building_id: b.id, entrance_id: e.id }));
        await db.insertInto('pledge_area', rows.map((r) => ({ id: uuid(), pledge_id: id, ...r }))).execute();
      }
      if (p.chance(0.7)) await db.insertInto('pledge_progress', [{ id: uuid(), pledge_id: id, date: monthsBefore(today, y < year ? 14 : 2, p.int(1, 28)), note: '按承诺开展，居民认可', created_by: null, created_at: at }]).execute();
    }
  }
  await db
    .insertInto('pledge_feedback', [
      { id: uuid(), pledge_id: null, comment: '党员亮身份、做实事，我们看得见', rating: 5, answer: '感谢监督，我们会继续努力', answered_by: null, answered_at: at, created_at: at },
    ])
    .execute();

  // the demo member account (yili_member) is the first pledging member, with a resident's word on her pledge
  const account = await ctx.db.kysely.selectFrom('app_user').select('id').where('username', '=', 'yili_member').executeTakeFirst();
  if (account && pledgers[0]) {
    await db.updateTable('party_member').set({ user_id: account.id }).where('party_member.id', '=', pledgers[0].id).execute();
    await ctx.db.kysely.updateTable('app_user').set({ display_name: pledgers[0].name }).where('id', '=', account.id).execute();
    const own = await db.selectFrom('pledge').select('pledge.id').where('pledge.member_id', '=', pledgers[0].id).where('pledge.year', '=', year).executeTakeFirst();
    if (own) {
      await db
        .insertInto('pledge_feedback', [
          { id: uuid(), pledge_id: own.id, comment: '楼道比以前干净多了，谢谢！', rating: 5, answer: null, answered_by: null, answered_at: null, created_at: at },
        ])
        .execute();
    }
  }

  await activities(db, p, today, members, at);

  // 支部工作简报: six issues in two years, each copy taken to the members who cannot attend
  const frail = members.filter((m) => m.status === 'frail');
  const issueTitles = ['学习贯彻保持先进性长效机制', '党员二级承诺公示', '七一党的生日专刊', '和谐社区建设进展', '社区民心工程通报', '年终承诺兑现评议'];
  for (let n = 0; n < 6; n++) {
    const id = uuid();
    const date = monthsBefore(today, 22 - n * 4, 10);
    await db.insertInto('newsletter_issue', [{ id, number: n + 1, date, title: issueTitles[n], content: `支部工作简报第${n + 1}期：${issueTitles[n]}。`, created_at: at }]).execute();
    await db
      .insertInto(
        'newsletter_delivery',
        frail.map((m, i) => ({ id: uuid(), issue_id: id, member_id: m.id, delivered_by: candidates[i % 3].name, delivered_at: addDays(date, p.int(1, 6)), confirmed: p.chance(0.9) ? 1 : 0, confirmed_at: null })),
      )
      .execute();
  }

  // the July-1 board of this year: twelve members and their deeds
  const deeds = ['坚持义务巡逻', '照顾空巢老人', '义务辅导青少年', '带头参加义务劳动', '调解邻里纠纷', '维护健身器材', '为灾区捐款捐物', '组织文艺活动'];
  await db
    .insertInto(
      'model_member',
      [...active.slice(0, 8), ...frail.slice(-4)].map((m, i) => ({ id: uuid(), year, member_id: m.id, deeds: `${m.name}同志${deeds[i % deeds.length]}，在社区树立了党员形象`, created_at: at })),
    )
    .execute();

  const honours: [string, string, number][] = [
    ['先进基层党组织', '中共海淀区委', 17],
    ['海淀区和谐示范党支部', '中共海淀区委', 5],
    ['五好党支部', '中共曙光街道工委', 11],
    ['创新聚力工程最佳活动', '中共曙光街道工委', 4],
  ];
  await db.insertInto('party_honour', honours.map(([title, awardedBy, m]) => ({ id: uuid(), member_id: null, title, awarded_by: awardedBy, date: monthsBefore(today, m, 28), created_at: at }))).execute();
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭沈姚钱蒋蔡俞';
const GIVEN = '伟刚勇毅俊峰强军平东文辉明永健志兴良海国胜学祥华慧巧美娜静淑惠芳燕红霞丽英敏洁琳建军民涛斌';

async function seedChunhui(ctx: DemoContext, p: Pick) {
  const communityId = ctx.communities.chunhui.id;
  const db = scopedDb(ctx.db.kysely, communityId);
  const keyring = keyringFor(ctx.config.dataDir);
  const at = ctx.today.toISOString();
  const today = at.slice(0, 10);
  const year = Number(today.slice(0, 4));
  await branch(db, '春晖社区党支部', at, false);
  const groupIds = await groups(db, ['第一党小组', '第二党小组', '第三党小组'], at);

  // 阳光服务驿站: party volunteers sorted by skill into special teams and by residence into service groups
  const special = [
    { id: uuid(), name: '法律咨询特色服务队', kind: 'special', created_at: at },
    { id: uuid(), name: '医疗保健特色服务队', kind: 'special', created_at: at },
  ];
  const CN = '一二三四五六七八九十';
  const service = Array.from({ length: 12 }, (_, i) => ({ id: uuid(), name: `综合服务第${i < 10 ? CN[i] : `十${CN[i - 10]}`}小组`, kind: 'service', created_at: at }));
  await db.insertInto('volunteer_team', [...special, ...service]).execute();

  // 50 registered members from the registry's party members, 40 of them volunteers
  const registered = p.shuffle(await partyResidents(ctx, communityId)).slice(0, 50);
  const members: (SeedMember & { status: string })[] = [];
  await db
    .insertInto(
      'party_member',
      registered.map((r, i) => {
        const m = { id: uuid(), name: r.name, birth: r.birth_date, status: i % 10 === 9 ? 'frail' : i % 17 === 5 ? 'mobile' : 'normal' };
        members.push(m);
        return {
          id: m.id,
          resident_id: r.id,
          name: r.name,
          phone_enc: null,
          phone_hash: null,
          phone_tail: null,
          kind: 'registered',
          group_id: groupIds[i % 3],
          joined_date: joinedDate(p, r.birth_date, today),
          status: m.status,
          volunteer_team_id: i < 40 ? (i < 12 ? special[i % 2].id : service[i % 12].id) : null,
          left_date: null,
          notes: null,
          created_at: at,
          updated_at: at,
        };
      }),
    )
    .execute();

  // 171 members working in the county's units report to the community (在职党员报到) and volunteer
  const units = ['德清县人民医院', '德清县司法局', '德清一中', '湖州银行德清支行', '德清县供电公司', '武康街道办事处', '德清县建设局', '德清县教育局'];
  const reporting = Array.from({ length: 171 }, (_, i) => {
    const unit = units[i % units.length];
    const team = unit === '德清县人民医院' && i < 60 ? special[1].id : unit === '德清县司法局' && i < 60 ? special[0].id : service[i % 12].id;
    const phone = `13${p.int(5, 9)}${String(p.int(0, 99_999_999)).padStart(8, '0')}`;
    const s = seal(phone, keyring, phoneDigits(phone));
    const name = SURNAMES[p.int(0, SURNAMES.length - 1)] + GIVEN[p.int(0, GIVEN.length - 1)] + (p.chance(0.6) ? GIVEN[p.int(0, GIVEN.length - 1)] : '');
    return {
      id: uuid(),
      resident_id: null,
      name,
      phone_enc: s.enc,
      phone_hash: s.hash,
      phone_tail: s.tail,
      kind: 'reporting',
      group_id: null,
      joined_date: `${p.int(1985, year - 3)}-0${p.int(1, 9)}-01`,
      status: 'normal',
      volunteer_team_id: team,
      left_date: null,
      notes: unit,
      created_at: at,
      updated_at: at,
    };
  });
  await db.insertInto('party_member', reporting).execute();

  const [secretary, deputy, committee] = members.filter((m) => m.status === 'normal');
  await db
    .insertInto(
      'party_leader',
      [
        [secretary, 'secretary'],
        [deputy, 'deputy'],
        [committee, 'member'],
      ].map(([m, role]) => ({ id: uuid(), member_id: (m as SeedMember).id, role: role as string, term_start: `${year - 3}-04-10`, term_end: `${year + 2}-04-09`, election_id: null, created_at: at })),
    )
    .execute();

  await activities(db, p, today, members, at);

  const honours: [string, string, number][] = [
    ['城市社区党建工作示范社区', '中共浙江省委组织部', 8],
    ['五好社区党组织', '中共湖州市委组织部', 7],
    ['先进基层党组织', '中共德清县委', 6],
  ];
  await db.insertInto('party_honour', honours.map(([title, awardedBy, m]) => ({ id: uuid(), member_id: null, title, awarded_by: awardedBy, date: monthsBefore(today, m, 20), created_at: at }))).execute();
}

export async function seedDemo(ctx: DemoContext): Promise<void> {
  const p = new Pick(ctx.random);
  await seedYili(ctx, p);
  await seedChunhui(ctx, p);
}
