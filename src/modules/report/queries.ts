import type { Selectable } from 'kysely';
import type { ScopedDb } from '../../core/access';
import { AppError, fieldError, notFound } from '../../core/errors';
import { uuidv7 } from '../../core/ids';
import { draftNarrative } from './compose';
import type { Composition, HighlightEdits, Narrative, WorkReport, WorkReportRow } from './schema';
import type { WorkReportTable } from './tables';
import './tables';

function present(r: Selectable<WorkReportTable>): WorkReport {
  return {
    id: r.id,
    communityId: r.community_id,
    title: r.title,
    from: r.period_from,
    to: r.period_to,
    status: r.status === 'signed' ? 'signed' : 'draft',
    composition: JSON.parse(r.snapshot_json) as Composition,
    narrative: JSON.parse(r.narrative_json) as Narrative,
    highlightEdits: JSON.parse(r.highlight_edits_json) as HighlightEdits,
    refreshedAt: r.refreshed_at,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    signedByName: r.signed_by_name,
    signedAt: r.signed_at,
  };
}

/** A period the report can cover: in order, and at most ten years. */
export function checkPeriod(from: string, to: string): void {
  if (from > to) throw fieldError('to', 'REPORT_PERIOD_ORDER');
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10) throw fieldError('from', 'REPORT_PERIOD_TOO_LONG');
}

export async function getReport(db: ScopedDb, id: string): Promise<WorkReport> {
  const r = await db.selectFrom('work_report').selectAll().where('work_report.id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  return present(r);
}

export async function listReports(db: ScopedDb, page: number, pageSize: number): Promise<{ items: WorkReportRow[]; total: number }> {
  const total = await db.selectFrom('work_report').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('work_report')
    .select(['id', 'title', 'period_from', 'period_to', 'status', 'refreshed_at', 'created_by_name', 'created_at', 'signed_by_name', 'signed_at'])
    .orderBy('work_report.period_to', 'desc')
    .orderBy('work_report.created_at', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      from: r.period_from,
      to: r.period_to,
      status: r.status === 'signed' ? 'signed' : 'draft',
      refreshedAt: r.refreshed_at,
      createdByName: r.created_by_name,
      createdAt: r.created_at,
      signedByName: r.signed_by_name,
      signedAt: r.signed_at,
    })),
  };
}

/** The default title: 怡丽北园社区工作汇报（2024-11-25至2026-11-25） */
export const defaultTitle = (communityName: string) => `${communityName}工作汇报`;

export async function createReport(
  db: ScopedDb,
  input: { title: string; composition: Composition; actor: { userId: string; displayName: string } | null; now: Date },
): Promise<WorkReport> {
  const id = uuidv7();
  const at = input.now.toISOString();
  await db
    .insertInto('work_report', [
      {
        id,
        title: input.title,
        period_from: input.composition.from,
        period_to: input.composition.to,
        status: 'draft',
        snapshot_json: JSON.stringify(input.composition),
        narrative_json: JSON.stringify(draftNarrative(input.composition)),
        highlight_edits_json: '{}',
        refreshed_at: at,
        created_by: input.actor?.userId ?? null,
        created_by_name: input.actor?.displayName ?? null,
        created_at: at,
        updated_at: at,
        signed_by: null,
        signed_by_name: null,
        signed_at: null,
      },
    ])
    .execute();
  return getReport(db, id);
}

/** A draft, for a change; a signed report answers 409 and stays as signed. */
export async function draftForChange(db: ScopedDb, id: string): Promise<WorkReport> {
  const r = await getReport(db, id);
  if (r.status === 'signed') throw new AppError(409, 'REPORT_SIGNED', { name: r.signedByName ?? '', at: (r.signedAt ?? '').slice(0, 10) });
  return r;
}

export async function saveWords(db: ScopedDb, id: string, body: { title: string; narrative: Narrative; highlightEdits: HighlightEdits }, now: Date): Promise<void> {
  await db
    .updateTable('work_report')
    .set({ title: body.title, narrative_json: JSON.stringify(body.narrative), highlight_edits_json: JSON.stringify(body.highlightEdits), updated_at: now.toISOString() })
    .where('work_report.id', '=', id)
    .where('work_report.status', '=', 'draft')
    .execute();
}

/** New figures from the records; the secretary's words are kept, and a chapter new since then gets its draft paragraph. */
export async function saveRefresh(db: ScopedDb, r: WorkReport, composition: Composition, now: Date): Promise<void> {
  const fresh = draftNarrative(composition);
  const chapters = { ...r.narrative.chapters };
  for (const [k, v] of Object.entries(fresh.chapters)) if (!(k in chapters)) chapters[k] = v;
  await db
    .updateTable('work_report')
    .set({
      snapshot_json: JSON.stringify(composition),
      narrative_json: JSON.stringify({ ...r.narrative, chapters }),
      refreshed_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .where('work_report.id', '=', r.id)
    .where('work_report.status', '=', 'draft')
    .execute();
}

export async function sign(db: ScopedDb, id: string, actor: { userId: string; displayName: string }, now: Date): Promise<void> {
  await db
    .updateTable('work_report')
    .set({ status: 'signed', signed_by: actor.userId, signed_by_name: actor.displayName, signed_at: now.toISOString(), updated_at: now.toISOString() })
    .where('work_report.id', '=', id)
    .where('work_report.status', '=', 'draft')
    .execute();
}

/** The signed reports of exactly this period across several communities (one statement), the newest of each by community. */
export async function signedForMany(db: ScopedDb, from: string, to: string): Promise<Map<string, WorkReport>> {
  const rows = await db
    .selectFrom('work_report')
    .selectAll()
    .where('work_report.period_to', '=', to)
    .where('work_report.period_from', '=', from)
    .where('work_report.status', '=', 'signed')
    .orderBy('work_report.signed_at', 'asc')
    .execute();
  return new Map(rows.map((r) => [r.community_id, present(r)]));
}

/** The signed report of exactly this period, newest first — what the roll-up uses instead of live figures. */
export async function signedFor(db: ScopedDb, from: string, to: string): Promise<WorkReport | null> {
  const r = await db
    .selectFrom('work_report')
    .selectAll()
    .where('work_report.period_to', '=', to)
    .where('work_report.period_from', '=', from)
    .where('work_report.status', '=', 'signed')
    .orderBy('work_report.signed_at', 'desc')
    .executeTakeFirst();
  return r ? present(r) : null;
}
