import { z } from 'zod';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { isSystem, visibleCommunities, type AccessControl, type Actor } from '../access';
import type { Database } from '../db/schema';
import type { Services } from '../services';
import { xlsxFile } from '../files/xlsx';
import { isCalendarDay } from '../http/period';
import { globalRoute } from '../http/route';

const instant = z.iso.datetime({ offset: true });
/**
 * A day (2026-03-01, the whole of it) or an instant with its offset (2026-03-01T16:00:00.000Z, what the
 * audit page sends for the start of a Beijing day); 2026-02-30 or 2026-13-01 is refused by name.
 */
const dayOrInstant = z.stringFormat('date-or-instant', (v) => isCalendarDay(v) || instant.safeParse(v).success);

const Filters = z.object({
  actor: z.string().max(64).optional(),
  action: z.string().max(100).optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(100).optional(),
  communityId: z.string().max(100).optional(),
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
});

const AuditRow = z.object({
  seq: z.number(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  communityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  outcome: z.string(),
});

/** Audit rows an actor may read: all for the system admin, else those of the communities where they hold audit.read. */
async function auditQuery(db: Kysely<Database>, access: AccessControl, actor: Actor, f: z.infer<typeof Filters>) {
  let q = db.selectFrom('audit_log');
  if (!isSystem(actor)) {
    const communities = (await visibleCommunities(db, actor)).filter((c) => access.inCommunity(actor, c).has('audit.read'));
    const cIds = communities.map((c) => c.id);
    // a grant over a sub-district (a community grant's sub-district, if it names one, is not one)
    const sIds = actor.grants.filter((g) => g.subDistrictId && !g.communityId && access.rolePermissions(g.role).has('audit.read')).map((g) => g.subDistrictId!);
    q = q.where((eb) =>
      eb.or([
        ...(cIds.length ? [eb('community_id', 'in', cIds)] : []),
        ...(sIds.length ? [eb.and([eb('community_id', 'is', null), eb('sub_district_id', 'in', sIds)])] : []),
        sql<boolean>`1 = 0`,
      ]),
    );
  }
  if (f.actor) q = q.where('actor_username', '=', f.actor.toLowerCase());
  if (f.action) q = q.where('action', 'like', `${f.action}%`);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.communityId) q = q.where('community_id', '=', f.communityId);
  if (f.from) q = q.where('at', '>=', new Date(f.from).toISOString());
  if (f.to) q = q.where('at', '<', endOf(f.to));
  return q;
}

/** `to` is inclusive: a bare date means up to the end of that day. */
function endOf(to: string): string {
  const d = new Date(to);
  if (isCalendarDay(to)) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

const parse = (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown));

/**
 * A row's before/after values as this viewer may see them: every module's `redactAudit`, told the
 * viewer's permissions where the row was written, so the log shows no more of a record than the
 * module's own pages would (a sensitive care tag to those without registry.sensitive).
 */
async function auditValues(db: Kysely<Database>, services: Services, actor: Actor) {
  const hooks = services.modules.flatMap((m) => (m.redactAudit ? [m.redactAudit] : []));
  const communities = new Map((await visibleCommunities(db, actor)).map((c) => [c.id, c]));
  // rows filed under no community: what the viewer holds through system and sub-district grants
  const outside = new Set(actor.grants.filter((g) => !g.communityId).flatMap((g) => [...services.access.rolePermissions(g.role)]));
  const byCommunity = new Map<string, ReadonlySet<string>>();
  const permissionsIn = (communityId: string | null): ReadonlySet<string> => {
    if (communityId === null) return outside;
    let p = byCommunity.get(communityId);
    if (!p) {
      const c = communities.get(communityId);
      p = c ? services.access.inCommunity(actor, c) : new Set<string>();
      byCommunity.set(communityId, p);
    }
    return p;
  };
  return (communityId: string | null, json: string | null): unknown => {
    let value = parse(json);
    if (value === null) return null;
    const viewer = { permissions: permissionsIn(communityId) };
    for (const redact of hooks) value = redact(value, viewer);
    return value;
  };
}

export const auditRoutes = [
  globalRoute({
    method: 'GET',
    url: '/audit',
    summary: '审计日志 Read the audit log, newest first',
    tags: ['audit'],
    permission: 'audit.read',
    schema: {
      querystring: Filters.extend({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) }),
      response: z.object({ items: z.array(AuditRow), total: z.number(), page: z.number(), pageSize: z.number() }),
    },
    async handler({ actor, db, query, services }) {
      const q = await auditQuery(db, services.access, actor, query);
      const values = await auditValues(db, services, actor);
      const total = await q.select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      return {
        items: rows.map((r) => ({
          seq: r.seq,
          at: r.at,
          actorUsername: r.actor_username,
          ip: r.ip,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          communityId: r.community_id,
          before: values(r.community_id, r.before_json),
          after: values(r.community_id, r.after_json),
          outcome: r.outcome,
        })),
        total: Number(total.n),
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  }),

  globalRoute({
    method: 'GET',
    url: '/audit/export.xlsx',
    summary: '导出审计日志 Export the filtered audit log to Excel (at most 50,000 rows)',
    tags: ['audit'],
    permission: 'audit.read',
    schema: { querystring: Filters },
    async handler({ actor, db, query, services, lang }) {
      const q = await auditQuery(db, services.access, actor, query);
      const rows = await q.selectAll().orderBy('seq', 'desc').limit(50_000).execute();
      const values = await auditValues(db, services, actor);
      const shown = (communityId: string | null, json: string | null) => (json === null ? null : JSON.stringify(values(communityId, json)));
      const names = new Map((await db.selectFrom('community').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
      return xlsxFile({
        filename: lang === 'en' ? 'audit-log.xlsx' : '审计日志.xlsx',
        sheet: { zh: '审计日志', en: 'Audit log' },
        lang,
        rows,
        columns: [
          { header: { zh: '序号', en: 'Seq' }, width: 8, value: (r) => r.seq },
          { header: { zh: '时间（UTC）', en: 'Time (UTC)' }, width: 24, value: (r) => r.at },
          { header: { zh: '操作人', en: 'Who' }, value: (r) => r.actor_username },
          { header: { zh: 'IP 地址', en: 'IP' }, value: (r) => r.ip },
          { header: { zh: '操作', en: 'Action' }, width: 24, value: (r) => r.action },
          { header: { zh: '记录类型', en: 'Record type' }, value: (r) => r.entity_type },
          { header: { zh: '记录编号', en: 'Record id' }, width: 38, value: (r) => r.entity_id },
          { header: { zh: '社区', en: 'Community' }, value: (r) => (r.community_id ? (names.get(r.community_id) ?? r.community_id) : null) },
          { header: { zh: '结果', en: 'Outcome' }, value: (r) => r.outcome },
          { header: { zh: '修改前', en: 'Before' }, width: 40, value: (r) => shown(r.community_id, r.before_json) },
          { header: { zh: '修改后', en: 'After' }, width: 40, value: (r) => shown(r.community_id, r.after_json) },
        ],
      });
    },
  }),
];
