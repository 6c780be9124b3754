import crypto from 'node:crypto';
import { scopedDb, type ScopedDb } from '../../core/access';
import { uuidv7 } from '../../core/ids';
import type { DemoContext } from '../../core/module';
import { keyringFor } from '../registry';
import { addDays } from './calendar';
import {
  addObjection,
  addRepresentative,
  addToAgenda,
  answerObjection,
  closeNotice,
  createNotice,
  createProposal,
  decide,
  endTerm,
  publishNotice,
  recordVotes,
  sealPhone,
  setAttendance,
  type Cmd,
} from './commands';
import { meetingQuorum } from './queries';
import { tally, type Choice } from './rules';
import './tables';

/**
 * Self-governance in the two seed communities, deterministic (ctx.random), over the two years before
 * the seed day. The records go through the module's own commands on the day each step happened, so
 * quorums, results, resolution numbers and notice periods are computed exactly as in daily use:
 * 怡丽北园's assembly decides the six matters of the work report and notices each on the board;
 * 春晖 has its 11 partner units with plans, resources and joint meetings, a self-governance group per
 * compound, the trinity in the four compounds with a property company, and a preparation group.
 */

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

function monthsBefore(today: string, months: number, day = 15): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1 - months;
  const s = new Date(Date.UTC(y, m, day)).toISOString().slice(0, 10);
  return s > today ? today : s;
}
/** a command run on a past day, as staff did it then */
const on = (db: ScopedDb, community: { id: string; name: string }, day: string, userId: string | null = null): Cmd => ({
  db,
  now: new Date(`${day}T02:30:00.000Z`),
  today: day,
  userId,
  community,
});

const PHONE = (p: Pick) => `13${p.int(0, 9)}${String(p.int(0, 99_999_999)).padStart(8, '0')}`;

async function settings(db: ScopedDb, prefix: string, seal: string, at: string) {
  await db
    .insertInto('gov_settings', [
      { quorum_percent: 50, resolution_prefix: prefix, seal_name: seal, notice_days: 7, board_token: crypto.randomBytes(18).toString('base64url'), board_enabled: 1, updated_at: at },
    ])
    .execute();
}

/** Adults living in each building, oldest first, for choosing representatives and group members. */
async function adultsByBuilding(ctx: DemoContext, communityId: string, today: string) {
  const rows = await ctx.db.kysely
    .selectFrom('resident')
    .innerJoin('household', (j) => j.onRef('household.community_id', '=', 'resident.community_id').onRef('household.id', '=', 'resident.household_id'))
    .innerJoin('dwelling', (j) => j.onRef('dwelling.community_id', '=', 'household.community_id').onRef('dwelling.id', '=', 'household.dwelling_id'))
    .innerJoin('building', (j) => j.onRef('building.community_id', '=', 'dwelling.community_id').onRef('building.id', '=', 'dwelling.building_id'))
    .innerJoin('compound', (j) => j.onRef('compound.community_id', '=', 'building.community_id').onRef('compound.id', '=', 'building.compound_id'))
    .select(['resident.id', 'resident.name', 'resident.birth_date', 'building.id as buildingId', 'building.sort as bSort', 'compound.id as compoundId', 'compound.name as compoundName', 'compound.sort as cSort'])
    .where('resident.community_id', '=', communityId)
    .where('resident.status', '=', 'active')
    .where('resident.birth_date', '<=', `${Number(today.slice(0, 4)) - 30}${today.slice(4)}`)
    .where('resident.birth_date', '>=', `${Number(today.slice(0, 4)) - 76}${today.slice(4)}`)
    .orderBy('compound.sort')
    .orderBy('building.sort')
    .orderBy('resident.birth_date')
    .orderBy('resident.id')
    .execute();
  const byBuilding = new Map<string, typeof rows>();
  for (const r of rows) byBuilding.set(r.buildingId, [...(byBuilding.get(r.buildingId) ?? []), r]);
  return { rows, byBuilding };
}

async function residentsOf(ctx: DemoContext, communityId: string, compoundId: string) {
  return ctx.db.kysely
    .selectFrom('resident')
    .innerJoin('household', (j) => j.onRef('household.community_id', '=', 'resident.community_id').onRef('household.id', '=', 'resident.household_id'))
    .innerJoin('dwelling', (j) => j.onRef('dwelling.community_id', '=', 'household.community_id').onRef('dwelling.id', '=', 'household.dwelling_id'))
    .select(['resident.id', 'resident.name'])
    .where('resident.community_id', '=', communityId)
    .where('dwelling.compound_id', '=', compoundId)
    .where('resident.status', '=', 'active')
    .where('resident.relation_to_head', '=', 'head')
    .orderBy('resident.birth_date')
    .orderBy('resident.id')
    .limit(6)
    .execute();
}

interface Matter {
  title: string;
  background: string;
  cost: number | null;
  source: 'resident' | 'representative' | 'branch' | 'staff';
  submitter: string;
  major: boolean;
  /** passed (noticed), rejected or deferred */
  outcome: 'passed' | 'rejected' | 'deferred';
  remarks?: [string, string][];
  objections?: [string, string, string][];
}

/**
 * One meeting: who came (a quorum, as it happened), each matter put on the agenda, voted, decided;
 * each resolution noticed on the board a few days later and closed after its period.
 */
async function holdMeeting(
  c: (day: string) => Cmd,
  p: Pick,
  keyring: ReturnType<typeof keyringFor>,
  meeting: { title: string; date: string; place: string; chair: string; recorder: string },
  matters: Matter[],
  today: string,
) {
  const db = c(meeting.date).db;
  const id = uuidv7();
  const at = `${meeting.date}T01:00:00.000Z`;
  await db.insertInto('gov_meeting', [{ id, title: meeting.title, date: meeting.date, place: meeting.place, status: 'planned', chair: meeting.chair, recorder: meeting.recorder, minutes: null, created_at: at, updated_at: at }]).execute();
  const { seats } = await meetingQuorum(db, { id, date: meeting.date }, 50);
  const reasons = ['外出', '生病住院', '照看孙辈', '工作冲突', '请假'];
  const marks = seats.map((s) => ({ representativeId: s.id, present: p.chance(0.86), reason: null as string | null }));
  // the meeting was valid: more than half came
  for (const m of marks) if (marks.filter((x) => x.present).length <= seats.length / 2) m.present = true;
  for (const m of marks) if (!m.present) m.reason = p.one(reasons);
  await setAttendance(c(meeting.date), id, marks);
  const present = marks.filter((m) => m.present).map((m) => m.representativeId);
  const lines: string[] = [];
  for (const matter of matters) {
    const prop = await createProposal(c(addDays(meeting.date, -p.int(12, 30))), {
      title: matter.title,
      background: matter.background,
      costEstimate: matter.cost,
      source: matter.source,
      submitterName: matter.submitter,
      major: matter.major,
      channel: 'staff',
      submit: true,
    });
    await addToAgenda(c(addDays(meeting.date, -5)), id, prop.id);
    for (const [author, body] of matter.remarks ?? []) {
      await db.insertInto('gov_proposal_comment', [{ id: uuidv7(), proposal_id: prop.id, author, body, created_by: null, created_at: `${meeting.date}T02:00:00.000Z` }]).execute();
    }
    if (matter.outcome === 'deferred') {
      await decide(c(meeting.date), id, prop.id, { defer: true });
      lines.push(`${lines.length + 1}. ${matter.title}：经讨论，资金来源尚未落实，暂缓决定，待下次会议再议。`);
      continue;
    }
    const pFor = matter.outcome === 'passed' ? 0.9 : 0.35;
    let choices: Choice[] = present.map(() => (p.chance(pFor) ? 'for' : p.chance(0.5) ? 'abstain' : 'against'));
    // the demo follows the record: a matter the report says was decided did pass
    if (matter.outcome === 'passed' && !tally(present.length, choices, matter.major).passed) choices = present.map((_, i) => (i === 0 ? 'abstain' : 'for'));
    if (matter.outcome === 'rejected' && tally(present.length, choices, matter.major).passed) choices = present.map((_, i) => (i % 2 ? 'against' : 'for'));
    const t = await recordVotes(c(meeting.date), id, prop.id, present.map((r, i) => ({ representativeId: r, choice: choices[i] })));
    const d = await decide(c(meeting.date), id, prop.id, {});
    lines.push(
      `${lines.length + 1}. ${matter.title}：赞成${t.for}票，反对${t.against}票，弃权${t.abstain}票，${d.state === 'passed' ? `通过（${d.resolution!.number}）` : '未通过'}。`,
    );
    if (d.state !== 'passed' || !d.resolution) continue;
    // noticed on the board within a few days, for the community's 7 days
    const start = addDays(meeting.date, p.int(1, 3));
    const notice = await createNotice(c(start), {
      kind: 'resolution',
      title: `关于“${matter.title}”的决议公示`,
      body: [
        `${meeting.date.slice(0, 4)}年${Number(meeting.date.slice(5, 7))}月${Number(meeting.date.slice(8, 10))}日，社区召开${meeting.title}，应到代表${seats.length}人，实到${present.length}人，符合法定人数。`,
        `会议审议了“${matter.title}”。${matter.background}`,
        `表决结果：赞成${t.for}票，反对${t.against}票，弃权${t.abstain}票，${matter.major ? '达到实到代表三分之二以上' : '超过实到代表半数'}，形成决议${d.resolution.number}。`,
        `现予公示。公示期间如有异议，请到社区居委会或通过公示栏链接提出。`,
      ].join('\n'),
      resolutionId: d.resolution.id,
      periodRule: 'days',
    });
    const published = await publishNotice(c(start), notice.id);
    for (const [i, [name, content, answer]] of (matter.objections ?? []).entries()) {
      const day = addDays(start, i + 1);
      const o = await addObjection(c(day), keyring, notice.id, { name, phone: PHONE(p), content }, i % 2 ? 'desk' : 'public_link');
      await answerObjection(c(addDays(day, 1)), notice.id, o.id, answer);
    }
    const after = addDays(published.endDate, 1);
    if (after <= today) await closeNotice(c(after), notice.id);
  }
  await db
    .updateTable('gov_meeting')
    .set({ minutes: [`会议由${meeting.chair}主持，${meeting.recorder}记录。`, `应到代表${seats.length}人，实到${present.length}人，超过半数，会议有效。`, '会议议题及表决结果：', ...lines].join('\n') })
    .where('gov_meeting.id', '=', id)
    .execute();
  return id;
}

async function seedYili(ctx: DemoContext, p: Pick) {
  const community = { id: ctx.communities.yili.id, name: ctx.communities.yili.name };
  const db = scopedDb(ctx.db.kysely, community.id);
  const keyring = keyringFor(ctx.config.dataDir);
  const today = ctx.today.toISOString().slice(0, 10);
  const staff = await ctx.db.kysely.selectFrom('app_user').select('id').where('username', '=', 'yili_staff').executeTakeFirst();
  const c = (day: string) => on(db, community, day, staff?.id ?? null);
  await settings(db, '怡丽居代决', '怡丽北园社区居民委员会', ctx.today.toISOString());

  // three representatives per building, elected for the term that began two and a half years ago
  const termStart = monthsBefore(today, 30, 20);
  const { byBuilding } = await adultsByBuilding(ctx, community.id, today);
  const buildings = [...byBuilding.keys()];
  let replaced: string | null = null;
  for (const [i, b] of buildings.entries()) {
    const people = p.shuffle(byBuilding.get(b)!.slice(0, 40)).slice(0, 4);
    for (const r of people.slice(0, 3)) {
      const rep = await addRepresentative(c(termStart), { residentId: r.id, termStart });
      // one representative of 5号楼 stepped down mid-term; the building chose another
      if (i === 4 && !replaced) {
        replaced = rep.id;
        const end = monthsBefore(today, 14, 10);
        await endTerm(c(end), rep.id, end);
        await addRepresentative(c(addDays(end, 1)), { residentId: people[3].id, termStart: addDays(end, 1), notes: `接替${rep.name}（迁居外地）` });
      }
    }
  }

  const place = '社区居委会会议室';
  await holdMeeting(
    c,
    p,
    keyring,
    { title: '居民代表大会（第一次）', date: monthsBefore(today, 22, 18), place, chair: '吴主任', recorder: '王社工' },
    [
      {
        title: '盖房引进服务项目，成立社区服务站',
        background: '社区缺少为居民服务的场所。拟利用社区空地建房约40平方米，整合资源引进便民服务项目，成立社区服务站。',
        cost: 86000,
        source: 'branch',
        submitter: '社区党支部',
        major: true,
        outcome: 'passed',
        remarks: [
          ['李代表', '服务站要引进老人需要的项目，比如理发、送餐。'],
          ['王代表', '建房位置不要挡住3号楼的采光。'],
        ],
      },
      {
        title: '增设健身器材',
        background: '社区没有健身场地，老人只能在马路边活动。拟在中心绿地安装健身器材21件。',
        cost: 63000,
        source: 'representative',
        submitter: '张代表',
        major: false,
        outcome: 'passed',
      },
    ],
    today,
  );
  await holdMeeting(
    c,
    p,
    keyring,
    { title: '居民代表大会（第二次）', date: monthsBefore(today, 16, 12), place, chair: '吴主任', recorder: '王社工' },
    [
      {
        title: '统一安装信报箱',
        background: '各楼门没有信报箱，居民信件、报刊经常丢失。拟为各单元统一安装信报箱30组。',
        cost: 24000,
        source: 'resident',
        submitter: '刘大爷',
        major: false,
        outcome: 'passed',
      },
      {
        title: '建设自行车棚',
        background: '居民自行车无处停放，楼道、路边乱停乱放。拟在小区北侧建设自行车棚约400平方米。',
        cost: 158000,
        source: 'resident',
        submitter: '陈阿姨',
        major: true,
        outcome: 'passed',
        remarks: [['赵代表', '车棚要有照明，防止丢车。']],
      },
    ],
    today,
  );
  await holdMeeting(
    c,
    p,
    keyring,
    { title: '居民代表大会（第三次）', date: monthsBefore(today, 10, 20), place, chair: '吴主任', recorder: '王社工' },
    [
      {
        title: '自行车集中存放、收费管理',
        background: '车棚建成后，实行自行车集中存放、专人看管，按每车每月2元收取看管费，收支定期公示。',
        cost: null,
        source: 'staff',
        submitter: '社区居委会',
        major: true,
        outcome: 'passed',
        objections: [
          ['孙先生', '收费标准是否偏高？老人骑车少，能否按次收费？', '看车费用于看管人员补贴，标准低于周边小区；70岁以上老人减半收取，已在管理办法中写明。'],
          ['周女士', '收费收支由谁监督？', '收支每季度在宣传栏公示，由居民代表两人参与监督。'],
        ],
      },
      {
        title: '清理地下室',
        background: '地下室堆放杂物，存在消防隐患，群租现象居民反映强烈。拟统一清理地下室，清理后作为居民储物和活动用房。',
        cost: 18000,
        source: 'representative',
        submitter: '杨代表',
        major: true,
        outcome: 'passed',
        objections: [['郭先生', '我家存放在地下室的旧家具怎么处理？', '清理前逐户通知，居民可自行搬走；无人认领的物品统一登记保管一个月。']],
      },
    ],
    today,
  );
  await holdMeeting(
    c,
    p,
    keyring,
    { title: '居民代表大会（第四次）', date: monthsBefore(today, 4, 16), place, chair: '吴主任', recorder: '王社工' },
    [
      {
        title: '东侧围墙加高',
        background: '东侧围墙因道路垫高失去应有高度，存在安全隐患，拟加高围墙约120米。',
        cost: 96000,
        source: 'representative',
        submitter: '马代表',
        major: false,
        outcome: 'deferred',
      },
      {
        title: '统一加装电梯并按楼层分摊费用',
        background: '部分居民提出为6层住宅加装电梯，费用按楼层分摊。',
        cost: 1_200_000,
        source: 'resident',
        submitter: '胡先生',
        major: true,
        outcome: 'rejected',
        remarks: [['徐代表', '低层住户不同意分摊，建议先逐楼征求意见。']],
      },
    ],
    today,
  );

  // what is in progress now: the next meeting, a resident's proposal entered for her at the desk, one sent online
  const next = uuidv7();
  const nextDate = addDays(today, 12);
  await db
    .insertInto('gov_meeting', [
      { id: next, title: '居民代表大会（第五次）', date: nextDate, place, status: 'planned', chair: '吴主任', recorder: '王社工', minutes: null, created_at: ctx.today.toISOString(), updated_at: ctx.today.toISOString() },
    ])
    .execute();
  const assisted = await createProposal(
    c(addDays(today, -9)),
    { title: '单元门口加装扶手', background: '老人进出单元门台阶不便，冬天路滑，请求在各单元门口加装扶手。', costEstimate: 9000, source: 'resident', submitterName: '钱奶奶', channel: 'assisted', submit: true, phone: PHONE(p), address: '2号楼1单元101' },
    keyring,
  );
  await addToAgenda(c(addDays(today, -2)), next, assisted.id);
  await createProposal(
    on(db, community, addDays(today, -3)),
    { title: '小区增加休息座椅', background: '中心绿地散步的老人没有地方休息，建议增加几组座椅。', source: 'resident', submitterName: '李阿姨', channel: 'self', submit: true, phone: PHONE(p) },
    keyring,
  );
  await createProposal(c(addDays(today, -1)), { title: '楼道照明改为声控灯', background: '部分楼道灯长明，浪费电。', costEstimate: 5000, source: 'staff', submitterName: '王社工', channel: 'staff', submit: false });

  // a budget up on the board now, under the disclosure catalogue's 20-working-day rule
  const budget = await createNotice(c(addDays(today, -6)), {
    kind: 'budget',
    title: '社区公益事业专项资金使用情况公示',
    body: '根据居民代表大会决议，现将本年度社区公益事业专项资金使用情况公示如下：\n一、健身器材维护　3,200元\n二、自行车棚照明改造　5,800元\n三、信报箱维修　1,100元\n合计10,100元。\n如有异议，请在公示期内向社区居委会提出。',
    periodRule: 'working_days',
  });
  await publishNotice(c(addDays(today, -6)), budget.id);

  // co-building: the joint meeting the work report speaks of, with three units
  await partners(db, p, keyring, today, [
    ['曙光街道社区卫生服务中心', '医疗卫生', '赵医生', '副主任'],
    ['北京怡丽物业管理有限公司', '物业企业', '孙经理', '项目经理'],
    ['曙光中心小学', '学校', '郑老师', '德育主任'],
  ], 2);
}

/** Partner units with liaisons, agreements, plans for both years, shared resources and joint meetings. */
async function partners(db: ScopedDb, p: Pick, keyring: ReturnType<typeof keyringFor>, today: string, units: [string, string, string, string][], meetingsPerYear: number) {
  const year = Number(today.slice(0, 4));
  const joined = monthsBefore(today, 34, 1);
  const ids: string[] = [];
  const plans = ['每季度组织一次进社区服务活动', '结对帮扶社区困难家庭', '参与社区环境整治和志愿服务', '为社区居民开展政策宣讲和咨询'];
  const gifts: [string, string, number][] = [
    ['room', '会议室借给社区开展活动', 1],
    ['volunteers', '派出志愿者参加社区服务', 0],
    ['money', '资助社区文体活动', 0],
    ['materials', '捐赠图书和办公用品', 0],
  ];
  for (const [i, [name, kind, liaison, title]] of units.entries()) {
    const id = uuidv7();
    ids.push(id);
    const phone = sealPhone(PHONE(p), keyring);
    const at = `${joined}T02:00:00.000Z`;
    await db
      .insertInto('gov_partner_unit', [
        {
          id,
          name,
          kind,
          liaison_name: liaison,
          liaison_title: title,
          liaison_phone_enc: phone.phone_enc,
          liaison_phone_hash: phone.phone_hash,
          liaison_phone_tail: phone.phone_tail,
          joined_on: addDays(joined, i),
          agreement_start: `${year - 1}-01-01`,
          agreement_end: `${year + 1}-12-31`,
          agreement_file_id: null,
          left_on: null,
          created_at: at,
          updated_at: at,
        },
      ])
      .execute();
    for (const y of [year - 1, year]) {
      await db.insertInto('gov_partner_plan', [{ id: uuidv7(), unit_id: id, year: y, content: `${y}年：${plans[(i + y) % plans.length]}；${plans[(i + y + 1) % plans.length]}。`, created_at: at }]).execute();
    }
    for (let k = 0; k < p.int(2, 4); k++) {
      const [kindOf, desc] = p.one(gifts);
      const amount = kindOf === 'money' ? p.int(5, 30) * 1000 : kindOf === 'volunteers' ? p.int(4, 20) : kindOf === 'room' ? p.int(1, 4) : null;
      const date = monthsBefore(today, p.int(0, 22), p.int(1, 28));
      await db.insertInto('gov_partner_resource', [{ id: uuidv7(), unit_id: id, kind: kindOf, description: desc, amount, date, created_at: `${date}T02:00:00.000Z` }]).execute();
    }
  }
  const topics = ['共商社区建设年度计划', '共解社区难题：环境整治', '共建单位年中工作交流', '总结共建工作，部署来年任务'];
  for (let m = 0; m < meetingsPerYear * 2; m++) {
    const id = uuidv7();
    const date = monthsBefore(today, 22 - Math.round((m * 24) / (meetingsPerYear * 2)), 20);
    await db
      .insertInto('gov_joint_meeting', [
        { id, date, place: '社区党员活动室', topic: topics[m % topics.length], decisions: '各共建单位明确本阶段共建任务和联络员，定期参加社区活动。', created_at: `${date}T02:00:00.000Z` },
      ])
      .execute();
    const came = ids.filter(() => p.chance(0.85));
    await db.insertInto('gov_joint_meeting_unit', (came.length ? came : ids).map((u) => ({ meeting_id: id, unit_id: u }))).execute();
  }
}

async function seedChunhui(ctx: DemoContext, p: Pick) {
  const community = { id: ctx.communities.chunhui.id, name: ctx.communities.chunhui.name };
  const db = scopedDb(ctx.db.kysely, community.id);
  const keyring = keyringFor(ctx.config.dataDir);
  const today = ctx.today.toISOString().slice(0, 10);
  const staff = await ctx.db.kysely.selectFrom('app_user').select('id').where('username', '=', 'chunhui_staff').executeTakeFirst();
  const c = (day: string) => on(db, community, day, staff?.id ?? null);
  await settings(db, '春晖居代决', '春晖社区居民委员会', ctx.today.toISOString());

  // 居民代表大会: one representative per building
  const termStart = monthsBefore(today, 30, 10);
  const { byBuilding, rows } = await adultsByBuilding(ctx, community.id, today);
  for (const people of byBuilding.values()) {
    const r = p.one(people.slice(0, 30));
    await addRepresentative(c(termStart), { residentId: r.id, termStart });
  }
  await holdMeeting(
    c,
    p,
    keyring,
    { title: '春晖社区居民代表大会', date: monthsBefore(today, 8, 12), place: '春晖社区会议室', chair: '沈书记', recorder: '周社工' },
    [
      { title: '举办第三届“邻里节”', background: '总结前两届邻里节经验，从楼道到小区再到社区，开展第三届邻里节。', cost: 20000, source: 'branch', submitter: '社区党支部', major: false, outcome: 'passed' },
      { title: '创建绿色社区，开办“环保课堂”', background: '依托市民学校开办环保课堂，与德清一中等共建单位联合开展环保宣传。', cost: 8000, source: 'staff', submitter: '社区居委会', major: false, outcome: 'passed' },
    ],
    today,
  );

  // self-governance: a group per compound; the trinity where a property company runs the compound; a preparation group
  const compounds = await db.selectFrom('compound').select(['compound.id', 'compound.name', 'compound.property_company']).orderBy('compound.sort').execute();
  const founded = monthsBefore(today, 28, 1);
  const roles = ['组长', '副组长', '组员', '组员'];
  for (const cp of compounds) {
    let people: { id: string; name: string }[] = p.shuffle(rows.filter((r) => r.compoundId === cp.id).slice(0, 60)).slice(0, 6);
    // a compound of young families or of the very old still has its group: anyone who lives there
    if (people.length < 4) people = [...people, ...(await residentsOf(ctx, community.id, cp.id)).filter((r) => !people.some((x) => x.id === r.id))].slice(0, 6);
    // nobody registered lives there yet: no group to speak for them
    if (people.length === 0) continue;
    const g = uuidv7();
    await db
      .insertInto('gov_group', [{ id: g, kind: 'self_governance', name: `${cp.name}居民自治小组`, compound_id: cp.id, purpose: '收集居民意见，组织楼道自治，协助社区做好小区环境、安全和邻里互助。', founded_on: founded, created_at: `${founded}T02:00:00.000Z` }])
      .execute();
    if (people.length) {
      await db
        .insertInto('gov_group_member', people.slice(0, 4).map((r, i) => ({ id: uuidv7(), group_id: g, name: r.name, role: roles[i], organisation: null, resident_id: r.id, ...sealPhone(PHONE(p), keyring), sort: i })))
        .execute();
    }
    for (let k = 0; k < 2; k++) {
      const date = monthsBefore(today, 4 + k * 9, p.int(5, 25));
      await db.insertInto('gov_group_meeting', [{ id: uuidv7(), group_id: g, date, topic: k ? '楼道堆物清理' : '小区环境卫生自查', decisions: '分楼道包干，组员带头。', created_at: `${date}T02:00:00.000Z` }]).execute();
    }
    if (cp.property_company) {
      const t = uuidv7();
      await db
        .insertInto('gov_group', [
          { id: t, kind: 'trinity', name: `${cp.name}三位一体管理小组`, compound_id: cp.id, purpose: '社区、物业公司、业主委员会三方共管：每月碰头，共商小区服务和管理中的问题。', founded_on: monthsBefore(today, 26, 1), created_at: `${founded}T02:00:00.000Z` },
        ])
        .execute();
      const chair = people[4] ?? people[0] ?? { name: '业委会主任', id: null };
      await db
        .insertInto('gov_group_member', [
          { id: uuidv7(), group_id: t, name: '周社工', role: '社区', organisation: '春晖社区居民委员会', resident_id: null, ...sealPhone(null, keyring), sort: 0 },
          { id: uuidv7(), group_id: t, name: `${p.one(['陈', '徐', '沈', '朱'])}经理`, role: '物业公司', organisation: cp.property_company, resident_id: null, ...sealPhone(PHONE(p), keyring), sort: 1 },
          { id: uuidv7(), group_id: t, name: chair.name, role: '业主委员会', organisation: `${cp.name}业主委员会（主任）`, resident_id: chair.id, ...sealPhone(PHONE(p), keyring), sort: 2 },
        ])
        .execute();
      // 阳光花园's owners' committee is the busy one the report names
      const meetings = cp.name === '阳光花园' ? 8 : 3;
      const topics = ['物业服务质量评议', '小区停车秩序整治', '业主中秋联谊活动', '电动车充电桩选址', '绿化补种', '小区安防监控维护', '邻里节小区活动', '年度物业费收支公开'];
      for (let k = 0; k < meetings; k++) {
        const date = monthsBefore(today, Math.round((k * 22) / meetings) + 1, p.int(3, 26));
        await db.insertInto('gov_group_meeting', [{ id: uuidv7(), group_id: t, date, topic: topics[k % topics.length], decisions: '三方商定分工，物业限期落实，业委会监督，社区协调。', created_at: `${date}T02:00:00.000Z` }]).execute();
      }
    }
  }
  const beihu = compounds.find((x) => !x.property_company);
  if (beihu) {
    const g = uuidv7();
    await db
      .insertInto('gov_group', [
        { id: g, kind: 'owners_prep', name: `${beihu.name}业主大会筹备组`, compound_id: beihu.id, purpose: '筹备召开首次业主大会，选举业主委员会，为引入物业服务做准备。', founded_on: monthsBefore(today, 6, 1), created_at: `${founded}T02:00:00.000Z` },
      ])
      .execute();
    const people = rows.filter((r) => r.compoundId === beihu.id).slice(5, 10);
    if (people.length) await db
      .insertInto('gov_group_member', people.map((r, i) => ({ id: uuidv7(), group_id: g, name: r.name, role: i ? '成员' : '召集人', organisation: null, resident_id: r.id, ...sealPhone(PHONE(p), keyring), sort: i })))
      .execute();
    await db.insertInto('gov_group_meeting', [{ id: uuidv7(), group_id: g, date: monthsBefore(today, 3, 18), topic: '业主大会议事规则（草案）讨论', decisions: '征求业主意见两周后定稿。', created_at: ctx.today.toISOString() }]).execute();
  }

  // 社区党建共建联席会议: eleven units of the county's organs and schools, each with a liaison
  await partners(db, p, keyring, today, [
    ['德清县委组织部', '县级机关', '沈科长', '组织科科长'],
    ['德清县民政局', '县级机关', '王科长', '基层政权科科长'],
    ['德清县司法局', '县级机关', '金主任', '法律援助中心主任'],
    ['德清县公安局武康派出所', '县级机关', '蔡警官', '社区民警'],
    ['德清县人民医院', '医疗卫生', '朱医生', '党办主任'],
    ['德清县文化广电新闻出版局', '县级机关', '吴老师', '文化科科长'],
    ['德清县环境保护局', '县级机关', '钱科长', '宣教科科长'],
    ['德清县第一中学', '学校', '俞老师', '团委书记'],
    ['德清县供电局', '企业', '姚经理', '党建专职'],
    ['德清县住房和城乡建设局', '县级机关', '潘科长', '物业科科长'],
    ['德清县市场监督管理局', '县级机关', '许科长', '消保科科长'],
  ], 2);
}

export async function seedDemo(ctx: DemoContext): Promise<void> {
  const p = new Pick(ctx.random);
  if (ctx.communities.yili) await seedYili(ctx, p);
  if (ctx.communities.chunhui) await seedChunhui(ctx, p);
}

