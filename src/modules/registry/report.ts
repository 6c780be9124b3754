import { sql } from 'kysely';
import type { ScopedDb } from '../../core/access';
import { periodQuery } from '../../core/http/period';
import type { ReportFigure, ReportSection } from '../../core/module';

/** `2026-11-25` minus whole years, as a birth-date bound (born on or before it = at least that old on the day). */
function yearsBefore(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
}

const n = (v: unknown) => Number(v ?? 0);
const CARE = ['empty_nest', 'disabled', 'dibao'] as const;
const MOVES = ['moved_in', 'moved_out'] as const;
const LEAVINGS = ['moved_out', 'deceased'];

/**
 * 社区概况 in figures: households and residents on the register at the end of the period (those who
 * moved out or died after it included; and of them those who live here), the places, the groups the
 * community cares for, and the moves of the period. Sensitive tags are never counted here. Five
 * statements: the report of a sub-district's 300 communities runs this 300 times.
 */
export async function registryFigures(db: ScopedDb, from: string, to: string): Promise<ReportSection> {
  const people = await db
    .selectFrom('resident')
    .select([
      sql<number>`count(*)`.as('residents'),
      // a household counts from the day its first member on the register moved in (its row is only as old as its registration)
      sql<number>`count(distinct resident.household_id)`.as('households'),
      // 户在人不在 are on the register but live elsewhere
      sql<number>`sum(case when resident.residence <> 'registered_only' then 1 else 0 end)`.as('livingHere'),
      sql<number>`sum(case when resident.birth_date <= ${yearsBefore(to, 80)} then 1 else 0 end)`.as('aged80'),
    ])
    .where((eb) =>
      eb.or([
        eb('resident.status', '=', 'active'),
        // moved out or died after the period: still on the register at its end
        eb.exists(
          eb
            .selectFrom('life_event')
            .select('life_event.id')
            .whereRef('life_event.community_id', '=', 'resident.community_id')
            .whereRef('life_event.resident_id', '=', 'resident.id')
            .where('life_event.kind', 'in', LEAVINGS)
            .where('life_event.date', '>', to),
        ),
      ]),
    )
    .where((eb) => eb.or([eb('resident.moved_in_date', 'is', null), eb('resident.moved_in_date', '<=', to)]))
    .executeTakeFirstOrThrow();
  const count = async (table: 'compound' | 'building') => n((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const compounds = await count('compound');
  const buildings = await count('building');
  const tags = await db
    .selectFrom('care_tag')
    .select(['care_tag.tag', sql<number>`count(*)`.as('n')])
    .where('care_tag.tag', 'in', [...CARE])
    .where('care_tag.start_date', '<=', to)
    .where((eb) => eb.or([eb('care_tag.end_date', 'is', null), eb('care_tag.end_date', '>=', to)]))
    .groupBy('care_tag.tag')
    .execute();
  const events = await db
    .selectFrom('life_event')
    // people: someone who moved in twice in the period is one person who moved in
    .select(['life_event.kind', sql<number>`count(distinct life_event.resident_id)`.as('n')])
    .where('life_event.kind', 'in', [...MOVES])
    .where('life_event.date', '>=', from)
    .where('life_event.date', '<=', to)
    .groupBy('life_event.kind')
    .execute();
  const tagged = (tag: string) => n(tags.find((x) => x.tag === tag)?.n);
  const moved = (kind: string) => n(events.find((x) => x.kind === kind)?.n);

  const persons = { zh: '人', en: 'people' };
  const f = (key: string, zh: string, en: string, value: number, unit: { zh: string; en: string }, link: string): ReportFigure => ({ key, label: { zh, en }, value, unit, link });
  return {
    title: { zh: '人口与房屋', en: 'Households and residents' },
    figures: [
      f('households', '总户数', 'Households', n(people.households), { zh: '户', en: 'households' }, 'places'),
      f('residents', '居民', 'Residents on the register', n(people.residents), persons, 'residents'),
      f('livingHere', '实际居住', 'Living here', n(people.livingHere), persons, 'residents'),
      f('compounds', '小区', 'Compounds', compounds, { zh: '个', en: '' }, 'places'),
      f('buildings', '楼栋', 'Buildings', buildings, { zh: '栋', en: '' }, 'places'),
      f('aged80', '80岁以上老人', 'Residents aged 80+', n(people.aged80), persons, 'residents?tag=age_80'),
      f('emptyNest', '空巢老人', 'Empty-nest elders', tagged('empty_nest'), persons, 'residents?tag=empty_nest'),
      f('disabled', '残疾人', 'People with disabilities', tagged('disabled'), persons, 'residents?tag=disabled'),
      f('dibao', '低保户', 'Minimum-allowance households', tagged('dibao'), persons, 'residents?tag=dibao'),
      // everyone who moved, whether they still live here or not
      f('movedIn', '本期迁入', 'Moved in during the period', moved('moved_in'), persons, `residents?moved=moved_in&status=any&${periodQuery(from, to)}`),
      f('movedOut', '本期迁出', 'Moved out during the period', moved('moved_out'), persons, `residents?moved=moved_out&status=any&${periodQuery(from, to)}`),
    ],
  };
}
