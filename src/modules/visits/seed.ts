import { scopedDb, type ScopedDb } from '../../core/access';
import { lunarFestivalDay, type LunarFestival } from '../../core/calendar';
import type { DemoContext } from '../../core/module';
import { chinaDate, ensureSavedList, keyringFor } from '../registry';
import { assign, createPlan, recordVisit, type Cmd } from './commands';
import type { Occasion } from './schema';
import './tables';

/**
 * Demo holiday visits over the two years before the demo's today, made through the same commands
 * staff use: saved lists of the registry (离退休干部, 老职工, 困难户, 低保户, 80岁以上老人, 80岁以上老党员),
 * a plan per list and occasion (春节, 七一, 重阳节), every visit recorded with who went and what was
 * given; and one plan under way today. The seed report gives no visit figures; these are the
 * committee's usual standards.
 */

const LISTS = [
  { key: 'cadre', name: '离退休干部', filters: { tag: 'retired_cadre' } },
  { key: 'worker', name: '老职工', filters: { tag: 'old_worker' } },
  { key: 'hardship', name: '困难户', filters: { tag: 'hardship' } },
  { key: 'dibao', name: '低保户', filters: { tag: 'dibao' } },
  { key: 'age80', name: '80岁以上老人', filters: { tag: 'age_80' } },
  { key: 'oldParty', name: '80岁以上老党员', filters: { tag: 'party_member,age_80' } },
] as const;
type ListKey = (typeof LISTS)[number]['key'];

/** What each plan gives: money per person (yuan) and gifts. */
const PLANS: { occasion: Occasion; list: ListKey; title: string; money: number; gifts: string | null; perHousehold?: boolean }[] = [
  { occasion: 'spring_festival', list: 'cadre', title: '春节走访慰问离退休干部', money: 500, gifts: '米、油各一份' },
  { occasion: 'spring_festival', list: 'worker', title: '春节走访慰问老职工', money: 300, gifts: '米、油各一份' },
  { occasion: 'spring_festival', list: 'hardship', title: '春节走访慰问困难户', money: 800, gifts: '米、面、油各一份', perHousehold: true },
  { occasion: 'spring_festival', list: 'dibao', title: '春节走访慰问低保户', money: 800, gifts: '米、面、油各一份', perHousehold: true },
  { occasion: 'july_first', list: 'oldParty', title: '七一走访慰问老党员', money: 500, gifts: '慰问信' },
  { occasion: 'double_ninth', list: 'age80', title: '重阳节走访慰问高龄老人', money: 200, gifts: '长寿面、蛋糕' },
];

const VISITORS = {
  yili: ['吴主任、王社工', '王社工、楼门组长', '吴主任、党员志愿者', '王社工'],
  chunhui: ['沈书记、周社工', '周社工、党员义工', '沈书记', '周社工、楼道长'],
};
const NOTES = [null, null, null, '老人身体硬朗，感谢党和政府的关怀', '反映楼道灯不亮，已转物业', '家中只有老人一人，叮嘱注意用电安全', '孩子在外地工作，老人希望多来看看'];

export async function seedDemo(ctx: DemoContext): Promise<void> {
  const keyring = keyringFor(ctx.config.dataDir);
  await ctx.db.kysely.transaction().execute(async (tx) => {
    for (const key of ['yili', 'chunhui'] as const) {
      const db = scopedDb(tx, ctx.communities[key].id);
      const users = await tx
        .selectFrom('app_user')
        .innerJoin('user_grant', 'user_grant.user_id', 'app_user.id')
        .select(['app_user.id', 'app_user.username'])
        .where('user_grant.community_id', '=', ctx.communities[key].id)
        .where('user_grant.role', 'in', ['secretary', 'staff'])
        .orderBy('app_user.username')
        .execute();
      await seedCommunity(ctx, db, keyring, users, VISITORS[key]);
    }
  });
}

async function seedCommunity(ctx: DemoContext, db: ScopedDb, keyring: ReturnType<typeof keyringFor>, users: { id: string }[], visitors: string[]): Promise<void> {
  const today = chinaDate(ctx.today);
  const start = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
  const shift = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const cmdAt = (date: string): Cmd => ({ db, userId: users[0]?.id ?? null, now: new Date(`${date}T02:00:00Z`), today, keyring, sensitive: true, audit: async () => {}, assignable: async () => users });

  const lists = {} as Record<ListKey, string>;
  for (const l of LISTS) lists[l.key] = await ensureSavedList(db, { name: l.name, filters: l.filters, by: null, now: ctx.today });

  const firstYear = Number(start.slice(0, 4));
  const lastYear = Number(today.slice(0, 4));
  const runs: { plan: (typeof PLANS)[number]; year: number; day: string }[] = [];
  for (let year = firstYear; year <= lastYear + 1; year++) {
    for (const plan of PLANS) {
      const day = plan.occasion === 'july_first' ? `${year}-07-01` : lunarFestivalDay(plan.occasion as LunarFestival, year);
      // visits are made in the fortnight before the day; only plans finished within the two years
      if (!day || shift(day, -15) < start || day > today) continue;
      runs.push({ plan, year, day });
    }
  }
  runs.sort((a, b) => a.day.localeCompare(b.day));
  for (const { plan, year, day } of runs) {
    const from = shift(day, -15);
    const to = shift(day, -1);
    const c = cmdAt(from);
    const id = await createPlan(c, { occasion: plan.occasion, year, title: `${year}年${plan.title}`, savedListId: lists[plan.list], plannedFrom: from, plannedTo: to, money: plan.money, gifts: plan.gifts, notes: null, perHousehold: plan.perHousehold ?? false });
    await visitAll(ctx, db, id, users, visitors, from, to, 1, cmdAt);
  }

  // under way today: the quarter's visits to households in difficulty, a little over half done
  const from = shift(today, -14);
  const id = await createPlan(cmdAt(from), {
    occasion: 'other',
    year: Number(today.slice(0, 4)),
    title: `${today.slice(0, 4)}年第${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}季度走访困难家庭`,
    savedListId: lists.dibao,
    plannedFrom: from,
    plannedTo: shift(today, 16),
    money: 0,
    gifts: '米、油各一份',
    notes: '了解生活近况，核对低保家庭人口和收入变化',
    perHousehold: true,
  });
  await visitAll(ctx, db, id, users, visitors, from, shift(today, -1), 0.6, cmdAt);
}

/** Shares the plan's people between the staff and records a visit for the first `share` of them. */
async function visitAll(
  ctx: DemoContext,
  db: ScopedDb,
  planId: string,
  users: { id: string }[],
  visitors: string[],
  from: string,
  to: string,
  share: number,
  cmdAt: (d: string) => Cmd,
): Promise<void> {
  const plan = await db.selectFrom('visit_plan').select(['visit_plan.money', 'visit_plan.gifts']).where('visit_plan.id', '=', planId).executeTakeFirstOrThrow();
  const targets = await db.selectFrom('visit_target').select('visit_target.id').where('visit_target.plan_id', '=', planId).orderBy('visit_target.sort').execute();
  {
    for (const [i, u] of users.entries()) {
      const mine = targets.filter((_, j) => j % users.length === i).map((t) => t.id);
      if (mine.length) await assign(cmdAt(from), planId, { targetIds: mine, assigneeUserId: u.id });
    }
  }
  const span = Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
  const n = Math.floor(targets.length * share);
  for (const [i, t] of targets.slice(0, n).entries()) {
    const date = new Date(Date.parse(`${from}T00:00:00Z`) + Math.floor((i / Math.max(1, n)) * (span + 1)) * 86_400_000).toISOString().slice(0, 10);
    await recordVisit(cmdAt(date), planId, t.id, {
      date,
      visitors: visitors[Math.floor(ctx.random() * visitors.length)],
      money: Number(plan.money),
      gifts: plan.gifts,
      notes: NOTES[Math.floor(ctx.random() * NOTES.length)],
    });
  }
}
