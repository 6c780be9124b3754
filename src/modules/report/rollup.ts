import { isSystem, scopedDb, visibleCommunities, type Actor, type CommunityRef } from '../../core/access';
import type { AccessControl } from '../../core/access';
import type { Database } from '../../core/db/schema';
import { notFound } from '../../core/errors';
import type { Kysely } from 'kysely';
import { composeReport, draftNarrative, figureSeriesSum, figureValue, keyFigures, monthPeriod, yearPeriod, type ComposeDeps } from './compose';
import { signedForMany } from './queries';
import type { Compare, Rollup } from './schema';

/**
 * The communities of a sub-district whose reports the actor may read. Only a grant over the whole
 * sub-district (or the system) opens its roll-up; anyone else gets 404, as for an unseen community.
 */
export async function subDistrictScope(db: Kysely<Database>, access: AccessControl, actor: Actor, subDistrictId: string): Promise<{ id: string; name: string; communities: CommunityRef[] }> {
  const whole = isSystem(actor) || actor.grants.some((g) => g.subDistrictId === subDistrictId && !g.communityId);
  if (!whole) throw notFound();
  const sd = await db.selectFrom('sub_district').select(['id', 'name']).where('id', '=', subDistrictId).executeTakeFirst();
  if (!sd) throw notFound();
  const communities = (await visibleCommunities(db, actor)).filter((c) => c.subDistrictId === subDistrictId && access.inCommunity(actor, c).has('report.read'));
  return { ...sd, communities };
}

/** The sub-district's sub-districts the actor can roll up: every one they hold a sub-district (or system) grant over. */
export async function rollupSubDistricts(db: Kysely<Database>, actor: Actor): Promise<{ id: string; name: string }[]> {
  let q = db.selectFrom('sub_district').select(['id', 'name']).orderBy('name');
  if (!isSystem(actor)) {
    const ids = actor.grants.flatMap((g) => (g.subDistrictId && !g.communityId ? [g.subDistrictId] : []));
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  return q.execute();
}

/**
 * The roll-up: each community's report for the period — its signed report of exactly that period
 * when there is one (frozen figures and the secretary's words), otherwise the live figures — and a
 * table comparing the key figures across communities.
 */
export async function composeRollup(deps: ComposeDeps, sd: { id: string; name: string; communities: CommunityRef[] }, from: string, to: string, now: Date): Promise<Rollup> {
  const communities: Rollup['communities'] = [];
  const signedReports = await signedForMany(scopedDb(deps.db.kysely, sd.communities.map((c) => c.id)), from, to);
  for (const c of sd.communities) {
    const signed = signedReports.get(c.id);
    const composition = signed?.composition ?? (await composeReport(deps, c, from, to, now));
    communities.push({
      communityId: c.id,
      communityName: c.name,
      signed: signed ? { reportId: signed.id, signedByName: signed.signedByName, signedAt: signed.signedAt } : null,
      composition,
      narrative: signed?.narrative ?? draftNarrative(composition),
      highlightEdits: signed?.highlightEdits ?? {},
    });
  }
  const columns = new Map<string, Rollup['columns'][number]>();
  const rows: Rollup['rows'] = [];
  for (const c of communities) {
    const values: Record<string, number | string | null> = {};
    for (const f of keyFigures(c.composition)) {
      if (!columns.has(f.id)) columns.set(f.id, { id: f.id, key: f.key, label: f.label, ...(f.unit ? { unit: f.unit } : {}) });
      values[f.id] = f.value;
    }
    rows.push({ communityId: c.communityId, communityName: c.communityName, values, signedReportId: c.signed?.reportId ?? null });
  }
  return { subDistrictId: sd.id, subDistrictName: sd.name, from, to, columns: [...columns.values()], rows, communities };
}

/**
 * One figure community against community: this year (to today) against last, or — given a month — that
 * month of this year against the same month of last year.
 */
export async function compareCommunities(deps: ComposeDeps, communities: CommunityRef[], figureId: string, year: number, today: string, month?: number): Promise<Compare | null> {
  let figure: Compare['figure'] | null = null;
  const out: Compare['communities'] = [];
  const period = (y: number) => (month ? monthPeriod(y, month, today) : yearPeriod(y, today));
  const thisPeriod = period(year);
  const lastPeriod = period(year - 1);
  for (const c of communities) {
    // a month not begun yet still names the figure, with no value
    const now = await figureValue(deps, c.id, figureId, ...(thisPeriod ?? yearPeriod(year, today)));
    const before = lastPeriod ? await figureValue(deps, c.id, figureId, ...lastPeriod) : null;
    if (now && !figure) {
      const { value: _v, ...f } = now.figure;
      figure = f;
    }
    out.push({ communityId: c.id, communityName: c.name, thisYear: thisPeriod ? (now?.value ?? null) : null, lastYear: before?.value ?? null, link: now?.figure.link ?? null });
  }
  return figure ? { figure, year, ...(month ? { month } : {}), communities: out } : null;
}

/** A figure of the sub-district by month and year: its communities' values summed. */
export async function subDistrictSeries(deps: ComposeDeps, communities: CommunityRef[], figureId: string, year: number, today: string) {
  return figureSeriesSum(
    deps,
    communities.map((c) => c.id),
    figureId,
    year,
    today,
  );
}
