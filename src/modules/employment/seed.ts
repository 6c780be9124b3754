import { scopedDb, type ScopedDb } from '../../core/access';
import type { DemoContext } from '../../core/module';
import { chinaDate, setEmploymentStatus } from '../registry';
import { closeCase, recordAction, registerCase, type Cmd } from './commands';
import { addMonths, isWorkingAge, zeroEmploymentHouseholds } from './queries';
import type { ActionInputT } from './schema';
import './tables';

/**
 * Demo re-employment work over the two years before the demo's today, run through the same commands
 * staff use, so the registry's employment statuses and the zero-employment records follow from it.
 * 怡丽北园: 9 unemployed residents placed, 6 of them from 5 zero-employment households (one household
 * had two members placed) — the seed report's "安置…9人，其中零就业家庭5户6人". 春晖 has a smaller book.
 */

interface Person {
  id: string;
  householdId: string;
  gender: string | null;
  birthDate: string | null;
  status: string | null;
}

type StepSpec = { ago: number; kind: ActionInputT['kind'] } & Record<string, string | number>;

/** A case as the demo tells it: days before today for each step. */
interface Story {
  register: number;
  skills: string;
  wishes: string;
  barriers: string | null;
  steps: StepSpec[];
  close?: { ago: number; reason: 'no_longer_seeking' | 'moved_away' };
  /** follow-ups recorded two days after they fall due (when that is before today) */
  followups?: boolean;
}

const SKILLS = ['驾驶（C1）', '电工证', '家政服务', '收银、理货', '计算机基本操作', '烹饪（中式烹调师五级）', '保安员证', '绿化养护', '仓储物流', '会计从业'];
const WISHES = ['就近上班，白天班', '社区公益性岗位', '商场、超市工作', '物业、保洁', '全日制，月薪3000元以上', '灵活就业，照顾家庭', '驾驶员'];
const BARRIERS = ['年龄偏大（“4050”人员）', '身体原因不能干重活', '需要照顾老人', '技能单一', '长期失业，缺少工作经验', null];

const t = (kind: 'training', course: string, provider: string) => ({ kind, course, provider }) as const;
const r = (kind: 'referral', employer: string, post: string) => ({ kind, employer, post }) as const;
const iv = (kind: 'interview', employer: string, post: string, result: 'passed' | 'pending' | 'failed') => ({ kind, employer, post, result }) as const;
const pl = (employer: string, post: string, placementKind: 'formal' | 'flexible' | 'public_welfare') => ({ kind: 'placement' as const, employer, post, placementKind });

function story(pickIndex: number, register: number, steps: Story['steps'], extra: Partial<Story> = {}): Story {
  return {
    register,
    skills: SKILLS[pickIndex % SKILLS.length],
    wishes: WISHES[pickIndex % WISHES.length],
    barriers: BARRIERS[pickIndex % BARRIERS.length],
    steps,
    followups: true,
    ...extra,
  };
}

const YILI = {
  /** five zero-employment households: the first with two members placed */
  zeroPlaced: [
    [
      story(0, 690, [
        { ago: 670, ...t('training', '保洁服务技能培训', '海淀区职业技能培训中心') },
        { ago: 650, ...r('referral', '海淀区环境卫生服务中心', '保洁员') },
        { ago: 645, ...iv('interview', '海淀区环境卫生服务中心', '保洁员', 'passed') },
        { ago: 640, ...pl('海淀区环境卫生服务中心', '保洁员', 'public_welfare') },
      ]),
      story(4, 688, [
        { ago: 600, ...r('referral', '金源时代购物中心', '理货员') },
        { ago: 560, ...pl('金源时代购物中心', '理货员', 'flexible') },
      ]),
    ],
    [story(6, 600, [{ ago: 580, ...r('referral', '北京银行世纪城支行', '保安') }, { ago: 575, ...iv('interview', '北京银行世纪城支行', '保安', 'passed') }, { ago: 570, ...pl('北京银行世纪城支行', '保安', 'formal') }])],
    [story(2, 480, [{ ago: 460, ...t('training', '家政服务员培训', '曙光街道社区服务中心') }, { ago: 430, ...pl('怡丽家政服务部', '家政服务员', 'flexible') }])],
    [story(7, 400, [{ ago: 390, ...r('referral', '颐和园管理处', '绿化工') }, { ago: 370, ...pl('颐和园管理处', '绿化工', 'formal') }])],
    [story(1, 250, [{ ago: 240, ...r('referral', '曙光街道社区服务中心', '社区协管员') }, { ago: 236, ...iv('interview', '曙光街道社区服务中心', '社区协管员', 'passed') }, { ago: 230, ...pl('曙光街道社区服务中心', '社区协管员', 'public_welfare') }])],
  ],
  /** certified recently and still counting down */
  zeroOpen: [[story(3, 40, [{ ago: 30, ...t('training', '中式烹调师（五级）培训', '海淀区职业技能培训中心') }, { ago: 12, ...r('referral', '怡丽北园社区食堂', '帮厨') }])]],
  ordinary: [
    story(4, 650, [{ ago: 630, ...r('referral', '中关村科技园物业中心', '仓库管理员') }, { ago: 620, ...pl('中关村科技园物业中心', '仓库管理员', 'formal') }]),
    story(2, 300, [{ ago: 290, ...t('training', '育婴员培训', '曙光街道社区服务中心') }, { ago: 260, ...pl('怡丽家政服务部', '育婴员', 'flexible') }]),
    // placed five weeks ago: the one-month follow-up is due
    story(8, 90, [{ ago: 70, ...r('referral', '北京怡丽物业管理有限公司', '维修电工') }, { ago: 65, ...iv('interview', '北京怡丽物业管理有限公司', '维修电工', 'passed') }, { ago: 35, ...pl('北京怡丽物业管理有限公司', '维修电工', 'formal') }], { followups: false }),
    story(5, 120, [{ ago: 100, ...t('training', '计算机操作培训', '海淀区职业技能培训中心') }, { ago: 30, ...r('referral', '金源时代购物中心', '收银员') }, { ago: 25, ...iv('interview', '金源时代购物中心', '收银员', 'pending') }]),
    story(6, 20, []),
    story(9, 500, [{ ago: 480, ...r('referral', '海淀区教委后勤中心', '会计') }], { close: { ago: 400, reason: 'no_longer_seeking' } }),
  ],
};

const CHUNHUI = {
  zeroPlaced: [
    [story(2, 620, [{ ago: 600, ...t('training', '家政服务员培训', '德清县人力资源和社会保障局') }, { ago: 560, ...pl('德清阳光物业有限公司', '保洁员', 'flexible') }])],
    [story(6, 420, [{ ago: 410, ...r('referral', '德清县人民医院', '护工') }, { ago: 400, ...pl('德清县人民医院', '护工', 'formal') }])],
    [story(1, 200, [{ ago: 190, ...r('referral', '武康街道综合服务中心', '公益岗位协管员') }, { ago: 185, ...pl('武康街道综合服务中心', '公益岗位协管员', 'public_welfare') }])],
  ],
  zeroOpen: [[story(0, 70, [{ ago: 60, ...r('referral', '湖州银行德清支行', '大堂引导员') }])]],
  ordinary: [
    story(3, 540, [{ ago: 520, ...pl('德清一中', '食堂厨师', 'formal') }]),
    story(5, 330, [{ ago: 320, ...t('training', '电子商务培训', '德清县职业技能培训中心') }, { ago: 300, ...pl('德清县电商产业园', '客服专员', 'flexible') }]),
    story(7, 150, [{ ago: 140, ...r('referral', '英溪家园物业服务中心', '绿化工') }, { ago: 130, ...pl('浙江英溪物业管理有限公司', '绿化工', 'formal') }]),
    story(8, 45, [{ ago: 30, ...r('referral', '德清春晖物业服务有限公司', '维修工') }]),
  ],
};

export async function seedDemo(ctx: DemoContext): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (tx) => {
    await seedCommunity(ctx, scopedDb(tx, ctx.communities.yili.id), YILI);
    await seedCommunity(ctx, scopedDb(tx, ctx.communities.chunhui.id), CHUNHUI);
  });
}

async function seedCommunity(ctx: DemoContext, db: ScopedDb, plan: typeof YILI): Promise<void> {
  const today = chinaDate(ctx.today);
  const ago = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const cmdAt = (date: string): Cmd => ({ db, userId: null, now: new Date(`${date}T02:00:00Z`), today, audit: async () => {} });

  const people = (await db
    .selectFrom('resident')
    .innerJoin('household', (j) => j.onRef('household.community_id', '=', 'resident.community_id').onRef('household.id', '=', 'resident.household_id'))
    .select(['resident.id', 'resident.household_id as householdId', 'resident.gender', 'resident.birth_date as birthDate', 'resident.employment_status as status'])
    .where('resident.status', '=', 'active')
    .where('household.status', '=', 'active')
    .orderBy('household.number')
    .orderBy('resident.id')
    .execute()) as Person[];
  const byHousehold = new Map<string, Person[]>();
  for (const p of people) byHousehold.set(p.householdId, [...(byHousehold.get(p.householdId) ?? []), p]);
  const labour = (p: Person) => isWorkingAge(p.gender, p.birthDate, today) && !['student', 'unable', 'retired', 'preschool'].includes(p.status ?? '');

  const computed = [...(await zeroEmploymentHouseholds(db, today))].sort();
  // a household of two working-age adults for the household with two members placed
  const couples = [...byHousehold.entries()].filter(([hid, ps]) => !computed.includes(hid) && ps.filter(labour).length === 2 && !ps.some((p) => !labour(p) && p.status === 'employed'));
  const pickCouple = couples[Math.floor(ctx.random() * couples.length)];
  const needed = plan.zeroPlaced.length + plan.zeroOpen.length;
  // should the registry hold too few, households of one working adult are made zero-employment too
  const singles = [...byHousehold.entries()]
    .filter(([hid, ps]) => hid !== pickCouple[0] && !computed.includes(hid) && ps.filter(labour).length === 1 && !ps.some((p) => !labour(p) && p.status === 'employed'))
    .map(([hid]) => hid);
  const zeroHouseholds = [pickCouple[0], ...computed, ...singles.slice(0, Math.max(0, needed + 1 - (computed.length + 1)))];

  const stories: { residentId: string; s: Story }[] = [];
  const zeroPlans = [...plan.zeroPlaced, ...plan.zeroOpen];
  for (let i = 0; i < needed; i++) {
    const hid = zeroHouseholds[i];
    const members = byHousehold.get(hid)!.filter(labour);
    // everyone of working age in the household is out of work when the story begins
    for (const m of members) if (m.status !== 'unemployed') await setEmploymentStatus(db, { residentId: m.id, status: 'unemployed', reason: '演示数据', now: ctx.today, audit: async () => {} });
    zeroPlans[i].forEach((s, j) => stories.push({ residentId: members[j].id, s }));
  }
  // one household is left for staff to certify: found by the registry, no case yet
  for (const m of byHousehold.get(zeroHouseholds[needed])!.filter(labour)) {
    if (m.status !== 'unemployed') await setEmploymentStatus(db, { residentId: m.id, status: 'unemployed', reason: '演示数据', now: ctx.today, audit: async () => {} });
  }
  // the registry's other zero-employment households: one is left for staff to certify; in the rest
  // someone has since found work of their own
  const leftover = zeroHouseholds.slice(needed + 1);
  for (const hid of leftover) {
    const m = byHousehold.get(hid)!.find(labour)!;
    await setEmploymentStatus(db, { residentId: m.id, status: 'employed', workUnit: '个体经营', reason: '演示数据', now: ctx.today, audit: async () => {} });
  }
  const zeroSet = new Set(zeroHouseholds);
  const unemployed = people.filter((p) => p.status === 'unemployed' && !zeroSet.has(p.householdId) && labour(p));
  plan.ordinary.forEach((s, i) => stories.push({ residentId: unemployed[i].id, s }));

  // every step of every story, in the order they happened
  type Step = { date: string; order: number; run: () => Promise<void> };
  const steps: Step[] = [];
  const caseOf = new Map<string, string>();
  stories.forEach(({ residentId, s }, n) => {
    const reg = ago(s.register);
    steps.push({
      date: reg,
      order: n,
      run: async () => {
        caseOf.set(residentId, await registerCase(cmdAt(reg), { residentId, registeredOn: reg, skills: s.skills, wishes: s.wishes, barriers: s.barriers }));
      },
    });
    for (const st of s.steps) {
      const { ago: a, ...action } = st;
      const date = ago(a);
      steps.push({ date, order: n, run: async () => void (await recordAction(cmdAt(date), caseOf.get(residentId)!, { ...action, date } as ActionInputT)) });
      if (action.kind === 'placement' && s.followups) {
        for (const stage of [1, 3] as const) {
          const due = addMonths(date, stage);
          const on = new Date(Date.parse(`${due}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
          if (on >= today) continue;
          steps.push({ date: on, order: n, run: async () => void (await recordAction(cmdAt(on), caseOf.get(residentId)!, { kind: 'followup', date: on, stage, outcome: 'still_employed', note: stage === 1 ? '电话回访，工作适应' : '上门回访，工作稳定' })) });
        }
      }
    }
    if (s.close) {
      const date = ago(s.close.ago);
      steps.push({ date, order: n, run: () => closeCase(cmdAt(date), caseOf.get(residentId)!, { date, reason: s.close!.reason, note: '本人表示暂不就业' }) });
    }
  });
  steps.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);
  for (const s of steps) await s.run();
}
