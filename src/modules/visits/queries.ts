import { sql } from 'kysely';
import type { ScopedDb } from '../../core/access';
import { notFound } from '../../core/errors';
import type { Message } from '../../core/i18n';
import { periodQuery } from '../../core/http/period';
import type { ReportFigure, ReportHighlight, ReportSection } from '../../core/module';
import { maskedPhone, type keyringFor } from '../registry';
import { OCCASIONS, type Ledger, type LedgerFilter, type Occasion, type Plan, type PlanDetail, type Target } from './schema';
import './tables';

type Keyring = ReturnType<typeof keyringFor>;

export const OCCASION_LABELS: Record<Occasion, Message> = {
  spring_festival: { zh: '春节', en: 'Spring Festival' },
  new_year: { zh: '元旦', en: 'New Year' },
  july_first: { zh: '七一', en: 'July 1' },
  august_first: { zh: '八一', en: 'August 1' },
  mid_autumn: { zh: '中秋节', en: 'Mid-Autumn' },
  double_ninth: { zh: '重阳节', en: 'Double Ninth' },
  other: { zh: '其他', en: 'Other' },
};

const count = (n: unknown) => Number(n ?? 0);

/** Targets, visits and money of some plans, by plan id. */
export async function progressOf(db: ScopedDb, planIds: string[]): Promise<Map<string, Plan['progress']>> {
  const out = new Map<string, Plan['progress']>();
  if (planIds.length === 0) return out;
  const rows = await db
    .selectFrom('visit_target')
    .leftJoin('visit_record', (j) => j.onRef('visit_record.community_id', '=', 'visit_target.community_id').onRef('visit_record.target_id', '=', 'visit_target.id'))
    .select([
      'visit_target.plan_id as planId',
      (eb) => eb.fn.countAll<number>().as('targets'),
      (eb) => eb.fn.count<number>('visit_record.id').as('visited'),
      sql<number>`count(distinct visit_target.household_id)`.as('households'),
      sql<number>`count(distinct case when visit_record.id is not null then visit_target.household_id end)`.as('householdsVisited'),
      sql<number>`coalesce(sum(visit_record.money), 0)`.as('money'),
      sql<number>`sum(case when visit_record.gifts is not null and visit_record.gifts <> '' then 1 else 0 end)`.as('giftVisits'),
    ])
    .where('visit_target.plan_id', 'in', planIds)
    .groupBy('visit_target.plan_id')
    .execute();
  for (const id of planIds) out.set(id, { targets: 0, visited: 0, households: 0, householdsVisited: 0, money: 0, giftVisits: 0 });
  for (const r of rows) {
    out.set(r.planId, {
      targets: count(r.targets),
      visited: count(r.visited),
      households: count(r.households),
      householdsVisited: count(r.householdsVisited),
      money: count(r.money),
      giftVisits: count(r.giftVisits),
    });
  }
  return out;
}

type PlanRow = Awaited<ReturnType<ReturnType<typeof plansBase>['executeTakeFirstOrThrow']>>;
/**
 * The plans a viewer may see: one drawn from a list built on a sensitive tag only with
 * registry.sensitive (`seesSensitive`), as the list itself — its name and people say who holds the tag.
 */
const plansBase = (db: ScopedDb, seesSensitive: boolean) =>
  db
    .selectFrom('visit_plan')
    .selectAll()
    .$if(!seesSensitive, (q) => q.where('visit_plan.sensitive', '=', 0));

/** 404 unless the viewer may see the plan: the check of every change to one plan and its visits. */
export async function visiblePlan(db: ScopedDb, id: string, seesSensitive: boolean): Promise<void> {
  const p = await plansBase(db, seesSensitive).where('visit_plan.id', '=', id).executeTakeFirst();
  if (!p) throw notFound();
}

function presentPlan(p: PlanRow, progress: Plan['progress']): Plan {
  return {
    id: p.id,
    occasion: p.occasion as Occasion,
    year: Number(p.year),
    title: p.title,
    savedListId: p.saved_list_id,
    listName: p.list_name,
    perHousehold: Number(p.per_household) === 1,
    plannedFrom: p.planned_from,
    plannedTo: p.planned_to,
    money: Number(p.money),
    gifts: p.gifts,
    notes: p.notes,
    progress,
  };
}

export async function listPlans(db: ScopedDb, f: { year?: number; occasion?: string }, seesSensitive: boolean): Promise<Plan[]> {
  let q = plansBase(db, seesSensitive).orderBy('visit_plan.planned_from', 'desc').orderBy('visit_plan.id');
  if (f.year) q = q.where('visit_plan.year', '=', f.year);
  if (f.occasion) q = q.where('visit_plan.occasion', '=', f.occasion);
  const rows = await q.execute();
  const progress = await progressOf(db, rows.map((r) => r.id));
  return rows.map((r) => presentPlan(r, progress.get(r.id)!));
}

export async function loadPlan(db: ScopedDb, keyring: Keyring, id: string, seesSensitive: boolean): Promise<PlanDetail> {
  const p = await plansBase(db, seesSensitive).where('visit_plan.id', '=', id).executeTakeFirst();
  if (!p) throw notFound();
  const targets = await db
    .selectFrom('visit_target')
    .leftJoin('visit_record', (j) => j.onRef('visit_record.community_id', '=', 'visit_target.community_id').onRef('visit_record.target_id', '=', 'visit_target.id'))
    .leftJoin('resident', (j) => j.onRef('resident.community_id', '=', 'visit_target.community_id').onRef('resident.id', '=', 'visit_target.resident_id'))
    .leftJoin('app_user', 'app_user.id', 'visit_target.assignee_user_id')
    .select([
      'visit_target.id as id',
      'visit_target.resident_id as residentId',
      'visit_target.household_id as householdId',
      'visit_target.name as name',
      'visit_target.address as address',
      'resident.phone_enc as phoneEnc',
      'visit_target.assignee_user_id as assigneeUserId',
      sql<string | null>`coalesce(app_user.display_name, visit_target.assignee_name)`.as('assigneeName'),
      'visit_record.id as recordId',
      'visit_record.date as date',
      'visit_record.visitors as visitors',
      'visit_record.money as money',
      'visit_record.gifts as gifts',
      'visit_record.notes as notes',
      'visit_record.photo_file as photoFile',
    ])
    .where('visit_target.plan_id', '=', id)
    .orderBy('visit_target.sort')
    .execute();
  const progress = (await progressOf(db, [id])).get(id)!;
  return {
    ...presentPlan(p, progress),
    targets: targets.map(
      (t): Target => ({
        id: t.id,
        residentId: t.residentId,
        householdId: t.householdId,
        name: t.name,
        address: t.address,
        phoneMasked: maskedPhone(t.phoneEnc, keyring),
        assigneeUserId: t.assigneeUserId,
        assigneeName: t.assigneeName,
        visit: t.recordId
          ? { id: t.recordId, date: t.date!, visitors: t.visitors!, money: Number(t.money), gifts: t.gifts, notes: t.notes, hasPhoto: t.photoFile !== null }
          : null,
      }),
    ),
  };
}

/**
 * 走访慰问台账 — the visits made for an occasion's plans of a year (every occasion when none is named),
 * or within a period by the visit's date, across plans, in the order they were made.
 */
export async function ledger(db: ScopedDb, f: LedgerFilter, seesSensitive: boolean): Promise<Ledger> {
  let q = db
    .selectFrom('visit_record')
    .innerJoin('visit_target', (j) => j.onRef('visit_target.community_id', '=', 'visit_record.community_id').onRef('visit_target.id', '=', 'visit_record.target_id'))
    .innerJoin('visit_plan', (j) => j.onRef('visit_plan.community_id', '=', 'visit_record.community_id').onRef('visit_plan.id', '=', 'visit_record.plan_id'))
    .select([
      'visit_record.id as recordId',
      'visit_plan.occasion as occasion',
      'visit_plan.title as planTitle',
      'visit_plan.list_name as listName',
      'visit_target.name as name',
      'visit_target.address as address',
      'visit_target.household_id as householdId',
      'visit_record.date as date',
      'visit_record.visitors as visitors',
      'visit_record.money as money',
      'visit_record.gifts as gifts',
      'visit_record.notes as notes',
    ])
    .orderBy('visit_record.date')
    .orderBy('visit_target.sort');
  if (!seesSensitive) q = q.where('visit_plan.sensitive', '=', 0);
  if (f.occasion) q = q.where('visit_plan.occasion', '=', f.occasion);
  if (f.year) q = q.where('visit_plan.year', '=', f.year);
  if (f.from) q = q.where('visit_record.date', '>=', f.from);
  if (f.to) q = q.where('visit_record.date', '<=', f.to);
  const rows = await q.execute();
  const out = rows.map(({ householdId: _h, ...r }) => ({ ...r, occasion: r.occasion as Occasion, money: Number(r.money) }));
  return {
    occasion: f.occasion ?? null,
    year: f.year ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    rows: out,
    totals: {
      visits: rows.length,
      households: new Set(rows.map((r) => r.householdId)).size,
      money: out.reduce((a, r) => a + r.money, 0),
      giftVisits: out.filter((r) => r.gifts).length,
    },
  };
}

/**
 * The visits part of the work report over [from, to]: visits made, households, money and gifts, by
 * occasion. Without `seesSensitive` the visits of plans drawn from a list built on a sensitive tag are
 * left out, as from that viewer's ledger; with it they are counted, but the sentences, written for a
 * report every reader of the community sees, never name such a list.
 */
export async function visitsSection(db: ScopedDb, from: string, to: string, seesSensitive: boolean): Promise<ReportSection> {
  const rows = await db
    .selectFrom('visit_record')
    .innerJoin('visit_target', (j) => j.onRef('visit_target.community_id', '=', 'visit_record.community_id').onRef('visit_target.id', '=', 'visit_record.target_id'))
    .innerJoin('visit_plan', (j) => j.onRef('visit_plan.community_id', '=', 'visit_record.community_id').onRef('visit_plan.id', '=', 'visit_record.plan_id'))
    .select([
      'visit_plan.occasion',
      'visit_plan.id as planId',
      'visit_plan.year',
      'visit_plan.title',
      'visit_plan.list_name as listName',
      'visit_plan.sensitive',
      'visit_target.household_id as householdId',
      'visit_record.money',
      'visit_record.gifts',
    ])
    .where('visit_record.date', '>=', from)
    .where('visit_record.date', '<=', to)
    .$if(!seesSensitive, (q) => q.where('visit_plan.sensitive', '=', 0))
    .execute();
  const times = { zh: '次', en: 'visits' };
  const households = { zh: '户', en: 'households' };
  const yuan = { zh: '元', en: 'yuan' };
  const money = rows.reduce((a, r) => a + Number(r.money), 0);
  // every figure counts the visits made in the period: the ledger of that period lists them, with the same totals
  const all = `visits/ledger?${periodQuery(from, to)}`;
  const figures: ReportFigure[] = [
    { key: 'visits', label: { zh: '走访慰问', en: 'Visits made' }, value: rows.length, unit: times, link: all },
    { key: 'households', label: { zh: '走访户数', en: 'Households visited' }, value: new Set(rows.map((r) => r.householdId)).size, unit: households, link: all },
    { key: 'money', label: { zh: '发放慰问金', en: 'Money given' }, value: money, unit: yuan, link: all },
    { key: 'gifts', label: { zh: '送慰问品', en: 'Visits with gifts' }, value: rows.filter((r) => r.gifts).length, unit: times, link: all },
  ];
  for (const o of OCCASIONS) {
    const mine = rows.filter((r) => r.occasion === o);
    if (mine.length === 0) continue;
    const link = `visits/ledger?occasion=${o}&${periodQuery(from, to)}`;
    const l = OCCASION_LABELS[o];
    figures.push(
      { key: `occasion.${o}.visits`, label: { zh: `${l.zh}走访`, en: `${l.en} visits` }, value: mine.length, unit: times, link },
      { key: `occasion.${o}.households`, label: { zh: `${l.zh}走访户数`, en: `${l.en} households` }, value: new Set(mine.map((r) => r.householdId)).size, unit: households, link },
      { key: `occasion.${o}.money`, label: { zh: `${l.zh}慰问金`, en: `${l.en} money` }, value: mine.reduce((a, r) => a + Number(r.money), 0), unit: yuan, link },
    );
  }
  // one sentence per occasion and year, naming whom it reached (the lists), newest first
  const byOccasion = new Map<string, typeof rows>();
  for (const r of rows) byOccasion.set(`${r.year}:${r.occasion}`, [...(byOccasion.get(`${r.year}:${r.occasion}`) ?? []), r]);
  const highlights: ReportHighlight[] = [...byOccasion.entries()]
    .sort((a, b) => b[0].localeCompare(a[0]))
    .map(([key, rs]) => {
      const { year, occasion } = rs[0];
      const l = OCCASION_LABELS[occasion as Occasion];
      const lists = [...new Set(rs.filter((r) => Number(r.sensitive) === 0).map((r) => r.listName))];
      const hh = new Set(rs.map((r) => r.householdId)).size;
      const m = rs.reduce((a, r) => a + Number(r.money), 0);
      const moneyZh = m > 0 ? `，发放慰问金${m.toLocaleString('zh-CN')}元` : '';
      const moneyEn = m > 0 ? `, giving ¥${m.toLocaleString('en')}` : '';
      return {
        key: `occasion.${key}`,
        text: { zh: `${year}年${l.zh}走访慰问${lists.join('、')}${hh}户${moneyZh}。`, en: `${l.en} ${year}: visited ${hh} households${lists.length ? ` (${lists.join(', ')})` : ''}${moneyEn}.` },
        link: `visits/ledger?occasion=${occasion}&year=${year}`,
      };
    });
  return { title: { zh: '走访慰问', en: 'Holiday visits' }, figures, highlights };
}
