import { z } from 'zod';
import { uuidv7 } from '../../core/ids';
import { AppError, fieldError, notFound } from '../../core/errors';
import { sent } from '../../core/http/edit';
import { communityRoute } from '../../core/http/route';
import type { CommunityCtx, RouteSchemas } from '../../core/http/route';
import { employmentSummary, zeroEmploymentHouseholds } from '../employment';
import { chinaDate, findResidents, keyringFor, openSealed, registryView } from '../registry';
import { assignTicket, dueAt, logVisit, moveTicket, nextTicketNumber, resolveAssignee, scheduleColumns, sealPhone, ticketEvent, ticketRow, type Doer } from './commands';
import { exportClients, exportDayList, exportDeliveries, exportItems, exportProviders, exportTickets } from './export';
import {
  candidates,
  dayList,
  findItem,
  listClients,
  listDeliveries,
  listDoorProviders,
  listItems,
  listProviders,
  listTickets,
  loadClient,
  loadProvider,
  loadTicket,
  overview,
  providersOfUser,
  recentTicketsOf,
  servicesFigures,
} from './queries';
import {
  AssignInput,
  AssigneesSchema,
  CallerQuery,
  CallerSchema,
  CandidateSchema,
  ClientEndInput,
  ClientInput,
  ClientListQuery,
  ClientPage,
  ClientSchema,
  ClientUpdateInput,
  CloseInput,
  Created,
  DayListSchema,
  DayQuery,
  DeliveryListQuery,
  DeliveryPage,
  DoneInput,
  DoorProviderInput,
  DoorProviderSchema,
  FollowUpInput,
  ItemInput,
  ItemSchema,
  LogInput,
  NoteInput,
  OverviewSchema,
  PeriodQuery,
  ProviderInput,
  ProviderListQuery,
  ProviderSchema,
  ReportFiguresSchema,
  ScheduleInput,
  TicketCreateInput,
  TicketDetailSchema,
  TicketListQuery,
  TicketPage,
} from './schema';

const C = z.object({ communityId: z.string() });
const CId = C.extend({ id: z.string() });
const tags = ['services'];
const P = '/communities/:communityId/services';

type Ctx = CommunityCtx<RouteSchemas>;
const keyring = (ctx: Ctx) => keyringFor(ctx.services.config.dataDir);
const today = (ctx: Ctx) => chinaDate(ctx.now);
const doer = (ctx: Ctx): Doer => ({ userId: ctx.actor.userId, name: ctx.actor.displayName });
const c = <S extends RouteSchemas>(x: CommunityCtx<S>) => x as unknown as Ctx;

/** Staff and the secretary: those a ticket or a hall service can be given to. */
async function staffUsers(ctx: Ctx) {
  const all = [...(await ctx.communityUsers('secretary')), ...(await ctx.communityUsers('staff'))];
  return [...new Map(all.map((u) => [u.id, u])).values()];
}
/** Accounts a door provider may be linked to: staff, and building leaders who volunteer. */
async function providerAccounts(ctx: Ctx) {
  const all = [...(await staffUsers(ctx)), ...(await ctx.communityUsers('building_leader'))];
  return [...new Map(all.map((u) => [u.id, u])).values()];
}
/** Null for those who run the service; a volunteer's own providers otherwise. */
async function deliveryLimit(ctx: Ctx): Promise<string[] | null> {
  return ctx.permissions.has('services.manage') ? null : providersOfUser(ctx.db, ctx.actor.userId);
}

async function assertStaffUser(ctx: Ctx, userId: string | null | undefined, field: string) {
  if (!userId) return null;
  const u = (await staffUsers(ctx)).find((x) => x.id === userId);
  if (!u) throw fieldError(field, 'SERVICES_UNKNOWN_USER');
  return u;
}

async function itemIdsExist(ctx: Ctx, ids: string[]) {
  for (const [i, id] of ids.entries()) {
    const it = await findItem(ctx.db, id);
    if (!it || it.area !== 'station') throw fieldError(`itemIds.${i}`, 'SERVICES_NOT_STATION_SERVICE');
  }
}

async function writeProviderItems(ctx: Ctx, providerId: string, itemIds: string[]) {
  await ctx.db.deleteFrom('service_provider_item').where('service_provider_item.provider_id', '=', providerId).execute();
  const uniq = [...new Set(itemIds)];
  if (uniq.length) await ctx.db.insertInto('service_provider_item', uniq.map((item_id) => ({ provider_id: providerId, item_id }))).execute();
}

const providerColumns = (b: z.infer<typeof ProviderInput>) => ({
  name: b.name,
  contact_name: b.contactName ?? null,
  address: b.address ?? null,
  agreement_no: b.agreementNo ?? null,
  agreement_start: b.agreementStart ?? null,
  agreement_end: b.agreementEnd ?? null,
  hours: b.hours ?? null,
  prices: b.prices ?? null,
  joined_date: b.joinedDate,
  left_date: b.leftDate ?? null,
  notes: b.notes ?? null,
});

async function uniqueName(ctx: Ctx, table: 'service_item' | 'service_provider', name: string, exceptId: string | null, area?: string) {
  let q = ctx.db.selectFrom(table).select(`${table}.id` as 'service_item.id').where(`${table}.name` as 'service_item.name', '=', name);
  if (area) q = q.where('service_item.area', '=', area);
  const hit = await q.executeTakeFirst();
  if (hit && hit.id !== exceptId) throw fieldError('name', 'SERVICES_NAME_TAKEN', { name });
}

export const routes = [
  // ---- overview and report ----
  communityRoute({
    method: 'GET',
    url: `${P}/overview`,
    summary: '民生服务总览 Open and overdue tickets, today’s door-to-door visits, the register and the catalogue',
    tags,
    permission: 'services.read',
    schema: { params: C, response: OverviewSchema },
    async handler(ctx) {
      const day = today(c(ctx));
      const o = await overview(ctx.db, keyring(c(ctx)), day, ctx.now.toISOString());
      if (!ctx.permissions.has('employment.read')) return { ...o, employment: null };
      const e = await employmentSummary(ctx.db, day, day, day);
      return { ...o, employment: { openCases: e.openCases, zeroHouseholds: (await zeroEmploymentHouseholds(ctx.db, day)).size, followupsDue: e.followupsDue } };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/report`,
    summary: '报告数据 The work report’s services chapter for a period, computed from the records',
    tags,
    permission: 'services.read',
    schema: { params: C, querystring: PeriodQuery, response: ReportFiguresSchema },
    async handler(ctx) {
      return servicesFigures(ctx.db, ctx.query.from, ctx.query.to);
    },
  }),

  // ---- catalogue ----
  communityRoute({
    method: 'GET',
    url: `${P}/items`,
    summary: '服务目录 Hall and station services with the staff responsible, duties, time limits and providers',
    tags,
    permission: 'services.read',
    schema: { params: C, response: z.array(ItemSchema) },
    async handler(ctx) {
      return listItems(ctx.db);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/items/export.xlsx`,
    summary: '导出服务目录 The catalogue (with the duty board) as Excel',
    tags,
    permission: 'services.read',
    schema: { params: C },
    async handler(ctx) {
      return exportItems(await listItems(ctx.db), ctx.lang, ctx.community.name);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/items`,
    summary: '新增服务项目 Add a hall or station service',
    tags,
    permission: 'services.manage',
    schema: { params: C, body: ItemInput, response: Created },
    async handler(ctx) {
      const b = ctx.body;
      await uniqueName(c(ctx), 'service_item', b.name, null, b.area);
      const staff = await assertStaffUser(c(ctx), b.staffUserId, 'staffUserId');
      const at = ctx.now.toISOString();
      const id = uuidv7();
      const row = {
        id,
        area: b.area,
        name: b.name,
        code: null,
        duties: b.duties ?? null,
        staff_user_id: staff?.id ?? null,
        staff_name: b.staffName ?? staff?.displayName ?? null,
        location: b.location ?? null,
        door: b.door ? 1 : 0,
        time_limit_hours: b.timeLimitHours,
        active: b.active === false ? 0 : 1,
        sort: b.sort ?? 100,
        created_at: at,
        updated_at: at,
      };
      await ctx.db.insertInto('service_item', [row]).execute();
      await ctx.audit({ action: 'services.item-create', entityType: 'service_item', entityId: id, after: row });
      return { id };
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/items/:id`,
    summary: '修改服务项目 Change a service: name, duties, the staff member responsible, time limit',
    tags,
    permission: 'services.manage',
    schema: { params: CId, body: ItemInput, response: Created },
    async handler(ctx) {
      const before = await findItem(ctx.db, ctx.params.id);
      if (!before) throw notFound();
      const b = ctx.body;
      if (b.area !== before.area) throw fieldError('area', 'SERVICES_AREA_FIXED');
      await uniqueName(c(ctx), 'service_item', b.name, before.id, b.area);
      // what is left out stays as it was; a staff member newly chosen puts their name on the board unless one is typed
      const staff = b.staffUserId !== undefined ? await assertStaffUser(c(ctx), b.staffUserId, 'staffUserId') : null;
      const set = {
        name: b.name,
        ...(b.duties !== undefined ? { duties: b.duties } : {}),
        ...(b.staffUserId !== undefined ? { staff_user_id: staff?.id ?? null } : {}),
        ...(b.staffName !== undefined || b.staffUserId !== undefined ? { staff_name: b.staffName ?? staff?.displayName ?? null } : {}),
        ...(b.location !== undefined ? { location: b.location } : {}),
        ...(b.door !== undefined ? { door: b.door ? 1 : 0 } : {}),
        time_limit_hours: b.timeLimitHours,
        ...(b.active !== undefined ? { active: b.active ? 1 : 0 } : {}),
        ...(b.sort !== undefined ? { sort: b.sort } : {}),
        updated_at: ctx.now.toISOString(),
      };
      await ctx.db.updateTable('service_item').set(set).where('service_item.id', '=', before.id).execute();
      await ctx.audit({ action: 'services.item-update', entityType: 'service_item', entityId: before.id, before, after: set });
      return { id: before.id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/providers`,
    summary: '加盟服务商 Providers that joined the station (phones masked)',
    tags,
    permission: 'services.read',
    schema: { params: C, querystring: ProviderListQuery, response: z.array(ProviderSchema) },
    async handler(ctx) {
      return listProviders(ctx.db, keyring(c(ctx)), { includeLeft: ctx.query.includeLeft === '1' });
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/providers/export.xlsx`,
    summary: '导出服务商 The providers as Excel (phones masked)',
    tags,
    permission: 'services.read',
    schema: { params: C, querystring: ProviderListQuery },
    async handler(ctx) {
      return exportProviders(await listProviders(ctx.db, keyring(c(ctx)), { includeLeft: ctx.query.includeLeft === '1' }), ctx.lang, ctx.community.name);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/providers`,
    summary: '服务商加盟 Record a provider joining: contact, agreement, hours, prices, services',
    tags,
    permission: 'services.manage',
    schema: { params: C, body: ProviderInput, response: ProviderSchema },
    async handler(ctx) {
      const b = ctx.body;
      await uniqueName(c(ctx), 'service_provider', b.name, null);
      await itemIdsExist(c(ctx), b.itemIds);
      const at = ctx.now.toISOString();
      const id = uuidv7();
      const row = { id, ...providerColumns(b), ...sealPhone(b.phone, keyring(c(ctx))), created_at: at, updated_at: at };
      await ctx.db.insertInto('service_provider', [row]).execute();
      await writeProviderItems(c(ctx), id, b.itemIds);
      const out = await loadProvider(ctx.db, keyring(c(ctx)), id);
      await ctx.audit({ action: 'services.provider-create', entityType: 'service_provider', entityId: id, after: out });
      return out;
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/providers/:id`,
    summary: '修改服务商 Change a provider (a phone left out stays as it was; leftDate records leaving)',
    tags,
    permission: 'services.manage',
    schema: { params: CId, body: ProviderInput, response: ProviderSchema },
    async handler(ctx) {
      const before = await loadProvider(ctx.db, keyring(c(ctx)), ctx.params.id);
      const b = ctx.body;
      await uniqueName(c(ctx), 'service_provider', b.name, before.id);
      await itemIdsExist(c(ctx), b.itemIds);
      const phone = b.phone === undefined ? {} : sealPhone(b.phone, keyring(c(ctx)));
      // the provider as edited: what is left out stays as it was
      const edited = providerColumns({ ...before, ...sent(b), itemIds: b.itemIds });
      await ctx.db.updateTable('service_provider').set({ ...edited, ...phone, updated_at: ctx.now.toISOString() }).where('service_provider.id', '=', before.id).execute();
      await writeProviderItems(c(ctx), before.id, b.itemIds);
      const out = await loadProvider(ctx.db, keyring(c(ctx)), before.id);
      await ctx.audit({ action: 'services.provider-update', entityType: 'service_provider', entityId: before.id, before, after: out });
      return out;
    },
  }),

  // ---- door-to-door ----
  communityRoute({
    method: 'GET',
    url: `${P}/door/providers`,
    summary: '上门服务人员 Staff, volunteers and providers who bring services home',
    tags,
    permission: 'services.read',
    schema: { params: C, response: z.array(DoorProviderSchema) },
    async handler(ctx) {
      const users = new Map((await providerAccounts(c(ctx))).map((u) => [u.id, u.displayName]));
      return listDoorProviders(ctx.db, keyring(c(ctx)), users);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/door/accounts`,
    summary: '可关联账号 Accounts a door provider can be linked to (staff and building leaders)',
    tags,
    permission: 'services.manage',
    schema: { params: C, response: z.array(z.object({ id: z.string(), name: z.string() })) },
    async handler(ctx) {
      return (await providerAccounts(c(ctx))).map((u) => ({ id: u.id, name: u.displayName }));
    },
  }),
  ...(['POST', 'PUT'] as const).map((method) =>
    communityRoute({
      method,
      url: method === 'POST' ? `${P}/door/providers` : `${P}/door/providers/:id`,
      summary: method === 'POST' ? '新增上门服务人员 Add a staff member, volunteer or provider who visits' : '修改上门服务人员 Change a door provider',
      tags,
      permission: 'services.manage',
      action: method === 'POST' ? 'services.door-provider-create' : 'services.door-provider-update',
      schema: { params: method === 'POST' ? C : CId, body: DoorProviderInput, response: Created },
      async handler(ctx) {
        const params = ctx.params as { id?: string };
        const before = params.id ? await ctx.db.selectFrom('door_provider').selectAll().where('door_provider.id', '=', params.id).executeTakeFirst() : undefined;
        if (params.id && !before) throw notFound();
        // a change is checked on the provider as edited: what is left out stays as it was
        const b = before
          ? { userId: before.user_id, serviceProviderId: before.service_provider_id, active: before.active === 1, ...sent(ctx.body), kind: ctx.body.kind, name: ctx.body.name }
          : ctx.body;
        if (ctx.body.userId && !(await providerAccounts(c(ctx))).some((u) => u.id === ctx.body.userId)) throw fieldError('userId', 'SERVICES_UNKNOWN_USER');
        if (b.kind === 'provider') {
          if (!b.serviceProviderId) throw fieldError('serviceProviderId', 'FIELD_REQUIRED');
          const sp = await ctx.db.selectFrom('service_provider').select('service_provider.id').where('service_provider.id', '=', b.serviceProviderId).executeTakeFirst();
          if (!sp) throw fieldError('serviceProviderId', 'FIELD_INVALID');
        }
        const at = ctx.now.toISOString();
        const cols = {
          kind: b.kind,
          name: b.name,
          user_id: b.userId ?? null,
          service_provider_id: b.kind === 'provider' ? (b.serviceProviderId ?? null) : null,
          active: b.active === false ? 0 : 1,
          updated_at: at,
          ...(b.phone === undefined ? {} : sealPhone(b.phone, keyring(c(ctx)))),
        };
        if (before) {
          await ctx.db.updateTable('door_provider').set(cols).where('door_provider.id', '=', before.id).execute();
          await ctx.audit({ action: 'services.door-provider-update', entityType: 'door_provider', entityId: before.id, before, after: cols });
          return { id: before.id };
        }
        const id = uuidv7();
        await ctx.db.insertInto('door_provider', [{ phone_enc: null, phone_hash: null, phone_tail: null, ...cols, id, created_at: at }]).execute();
        await ctx.audit({ action: 'services.door-provider-create', entityType: 'door_provider', entityId: id, after: cols });
        return { id };
      },
    }),
  ),
  communityRoute({
    method: 'GET',
    url: `${P}/door/clients`,
    summary: '上门服务对象 The register of residents served at home, with their services and schedules',
    tags,
    permission: 'services.read',
    schema: { params: C, querystring: ClientListQuery, response: ClientPage },
    async handler(ctx) {
      const r = await listClients(ctx.db, keyring(c(ctx)), ctx.query, today(c(ctx)));
      return { ...r, page: ctx.query.page, pageSize: ctx.query.pageSize };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/door/clients/export.xlsx`,
    summary: '导出上门服务对象 The register as Excel (phones masked)',
    tags,
    permission: 'services.read',
    schema: { params: C, querystring: ClientListQuery.omit({ page: true, pageSize: true }) },
    async handler(ctx) {
      const r = await listClients(ctx.db, keyring(c(ctx)), { ...ctx.query, page: 1, pageSize: 200 }, today(c(ctx)), { all: true });
      return exportClients(r.items, ctx.lang, ctx.community.name);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/door/candidates`,
    summary: '待登记对象 Residents whose care tags (独居, 空巢, 残疾, 特困) suggest services at home, not yet on the register',
    tags,
    permission: 'services.read',
    schema: { params: C, response: z.array(CandidateSchema) },
    async handler(ctx) {
      return candidates(ctx.db, today(c(ctx)));
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/door/clients/:id`,
    summary: '服务对象详情 One client with their services',
    tags,
    permission: 'services.read',
    schema: { params: CId, response: ClientSchema },
    async handler(ctx) {
      return loadClient(ctx.db, keyring(c(ctx)), ctx.params.id, today(c(ctx)));
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/door/clients`,
    summary: '登记上门服务对象 Put a registry resident on the register, with what they need and when',
    tags,
    permission: 'services.manage',
    schema: { params: C, body: ClientInput, response: ClientSchema },
    async handler(ctx) {
      const b = ctx.body;
      const res = await ctx.db.selectFrom('resident').select(['resident.id', 'resident.name', 'resident.status']).where('resident.id', '=', b.residentId).executeTakeFirst();
      if (!res || res.status !== 'active') throw fieldError('residentId', 'DOOR_UNKNOWN_RESIDENT');
      const existing = await ctx.db.selectFrom('door_client').selectAll().where('door_client.resident_id', '=', b.residentId).executeTakeFirst();
      if (existing && existing.ended_date === null) throw fieldError('residentId', 'DOOR_ALREADY_CLIENT', { name: res.name });
      const at = ctx.now.toISOString();
      let id: string;
      if (existing) {
        // back on the register: the same record, history kept
        id = existing.id;
        await ctx.db
          .updateTable('door_client')
          .set({ registered_date: b.registeredDate, ended_date: null, end_reason: null, note: b.note ?? existing.note, updated_at: at })
          .where('door_client.id', '=', id)
          .execute();
      } else {
        id = uuidv7();
        await ctx.db.insertInto('door_client', [{ id, resident_id: b.residentId, registered_date: b.registeredDate, ended_date: null, end_reason: null, note: b.note ?? null, created_at: at, updated_at: at }]).execute();
      }
      for (const [i, s] of (b.needs ?? []).entries()) {
        const cols = await scheduleColumns(ctx.db, s, `needs.${i}`);
        await ctx.db.insertInto('door_need', [{ id: uuidv7(), client_id: id, ...cols, created_at: at, updated_at: at }]).execute();
      }
      const out = await loadClient(ctx.db, keyring(c(ctx)), id, today(c(ctx)));
      await ctx.audit({ action: 'services.door-client-create', entityType: 'door_client', entityId: id, after: { residentId: b.residentId, registeredDate: b.registeredDate, needs: out.needs } });
      return out;
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/door/clients/:id`,
    summary: '修改服务对象 Change a client’s note or registration date',
    tags,
    permission: 'services.manage',
    schema: { params: CId, body: ClientUpdateInput, response: ClientSchema },
    async handler(ctx) {
      const before = await ctx.db.selectFrom('door_client').selectAll().where('door_client.id', '=', ctx.params.id).executeTakeFirst();
      if (!before) throw notFound();
      const set = { note: ctx.body.note === undefined ? before.note : ctx.body.note, registered_date: ctx.body.registeredDate ?? before.registered_date, updated_at: ctx.now.toISOString() };
      await ctx.db.updateTable('door_client').set(set).where('door_client.id', '=', before.id).execute();
      await ctx.audit({ action: 'services.door-client-update', entityType: 'door_client', entityId: before.id, before, after: set });
      return loadClient(ctx.db, keyring(c(ctx)), before.id, today(c(ctx)));
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/door/clients/:id/end`,
    summary: '停止服务 Take a client off the register from a day, with the reason (schedules end the day before)',
    tags,
    permission: 'services.manage',
    schema: { params: CId, body: ClientEndInput, response: ClientSchema },
    async handler(ctx) {
      const before = await ctx.db.selectFrom('door_client').selectAll().where('door_client.id', '=', ctx.params.id).executeTakeFirst();
      if (!before) throw notFound();
      if (before.ended_date) throw fieldError('endedDate', 'DOOR_ALREADY_ENDED');
      if (ctx.body.endedDate < before.registered_date) throw fieldError('endedDate', 'DOOR_END_BEFORE_START');
      const at = ctx.now.toISOString();
      await ctx.db.updateTable('door_client').set({ ended_date: ctx.body.endedDate, end_reason: ctx.body.reason, updated_at: at }).where('door_client.id', '=', before.id).execute();
      const lastDay = new Date(Date.parse(`${ctx.body.endedDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      await ctx.db
        .updateTable('door_need')
        .set({ end_date: lastDay, updated_at: at })
        .where('door_need.client_id', '=', before.id)
        .where((eb) => eb.or([eb('door_need.end_date', 'is', null), eb('door_need.end_date', '>', lastDay)]))
        .execute();
      await ctx.audit({ action: 'services.door-client-end', entityType: 'door_client', entityId: before.id, before, after: ctx.body });
      return loadClient(ctx.db, keyring(c(ctx)), before.id, today(c(ctx)));
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/door/clients/:id/needs`,
    summary: '新增服务安排 Add a service with its provider and recurring schedule to a client',
    tags,
    permission: 'services.manage',
    schema: { params: CId, body: ScheduleInput, response: ClientSchema },
    async handler(ctx) {
      const client = await ctx.db.selectFrom('door_client').selectAll().where('door_client.id', '=', ctx.params.id).executeTakeFirst();
      if (!client) throw notFound();
      if (client.ended_date) throw fieldError('startDate', 'DOOR_ALREADY_ENDED');
      const cols = await scheduleColumns(ctx.db, ctx.body, 'schedule');
      const at = ctx.now.toISOString();
      const id = uuidv7();
      await ctx.db.insertInto('door_need', [{ id, client_id: client.id, ...cols, created_at: at, updated_at: at }]).execute();
      await ctx.audit({ action: 'services.door-need-create', entityType: 'door_need', entityId: id, after: cols });
      return loadClient(ctx.db, keyring(c(ctx)), client.id, today(c(ctx)));
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/door/needs/:id`,
    summary: '修改服务安排 Change a service’s provider or schedule (to stop it, give an end date)',
    tags,
    permission: 'services.manage',
    schema: { params: CId, body: ScheduleInput, response: ClientSchema },
    async handler(ctx) {
      const before = await ctx.db.selectFrom('door_need').selectAll().where('door_need.id', '=', ctx.params.id).executeTakeFirst();
      if (!before) throw notFound();
      // the schedule as edited, checked whole: what is left out stays as it was
      const stored = {
        providerId: before.provider_id,
        weekdays: before.weekdays ? before.weekdays.split(',').map(Number) : [],
        monthDay: before.month_day,
        endDate: before.end_date,
        timeSlot: before.time_slot,
        note: before.note,
      };
      const cols = await scheduleColumns(ctx.db, { ...stored, ...sent(ctx.body), itemId: ctx.body.itemId, freq: ctx.body.freq, startDate: ctx.body.startDate }, 'schedule');
      await ctx.db.updateTable('door_need').set({ ...cols, updated_at: ctx.now.toISOString() }).where('door_need.id', '=', before.id).execute();
      await ctx.audit({ action: 'services.door-need-update', entityType: 'door_need', entityId: before.id, before, after: cols });
      return loadClient(ctx.db, keyring(c(ctx)), before.client_id, today(c(ctx)));
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/door/needs/:id/reschedule`,
    summary: '改服务安排 Change a service’s schedule from today on: the old one ends yesterday, so past days still read as they were',
    tags,
    permission: 'services.manage',
    schema: { params: CId, body: ScheduleInput.omit({ endDate: true }), response: ClientSchema },
    async handler(ctx) {
      const before = await ctx.db.selectFrom('door_need').selectAll().where('door_need.id', '=', ctx.params.id).executeTakeFirst();
      if (!before) throw notFound();
      const day = today(c(ctx));
      if (before.end_date && before.end_date < day) throw fieldError('startDate', 'DOOR_NEED_ENDED');
      const at = ctx.now.toISOString();
      // who brings it, when in the day and the note carry over unless the new schedule says otherwise
      const b = ctx.body;
      const schedule = { ...b, providerId: b.providerId !== undefined ? b.providerId : before.provider_id, timeSlot: b.timeSlot !== undefined ? b.timeSlot : before.time_slot, note: b.note !== undefined ? b.note : before.note };
      if (before.start_date >= day) {
        // not started yet: nothing past to keep
        const cols = await scheduleColumns(ctx.db, { ...schedule, endDate: before.end_date }, 'schedule');
        await ctx.db.updateTable('door_need').set({ ...cols, updated_at: at }).where('door_need.id', '=', before.id).execute();
        await ctx.audit({ action: 'services.door-need-update', entityType: 'door_need', entityId: before.id, before, after: cols });
      } else {
        // the day lists are computed from the schedules: the old one keeps the days it covered
        const startDate = schedule.startDate > day ? schedule.startDate : day;
        const cols = await scheduleColumns(ctx.db, { ...schedule, startDate, endDate: before.end_date }, 'schedule');
        const yesterday = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        await ctx.db.updateTable('door_need').set({ end_date: yesterday, updated_at: at }).where('door_need.id', '=', before.id).execute();
        const id = uuidv7();
        await ctx.db.insertInto('door_need', [{ id, client_id: before.client_id, ...cols, created_at: at, updated_at: at }]).execute();
        await ctx.audit({ action: 'services.door-need-reschedule', entityType: 'door_need', entityId: id, before, after: { ...cols, replaces: before.id } });
      }
      return loadClient(ctx.db, keyring(c(ctx)), before.client_id, day);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/door/day`,
    summary: '当日服务清单 The day’s visits per provider, with what was logged (a volunteer sees only their own list)',
    tags,
    permission: 'services.deliver',
    schema: { params: C, querystring: DayQuery, response: DayListSchema },
    async handler(ctx) {
      const limit = await deliveryLimit(c(ctx));
      const mine = await providersOfUser(ctx.db, ctx.actor.userId);
      const wanted = ctx.query.providerId ? [ctx.query.providerId] : null;
      const providerIds = limit ? (wanted ?? limit).filter((p) => limit.includes(p)) : wanted;
      const list = await dayList(ctx.db, keyring(c(ctx)), ctx.query.date ?? today(c(ctx)), { providerIds });
      return { ...list, mine };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/door/day/export.xlsx`,
    summary: '导出当日清单 The day’s delivery list as Excel, one block per provider',
    tags,
    permission: 'services.deliver',
    schema: { params: C, querystring: DayQuery },
    async handler(ctx) {
      const limit = await deliveryLimit(c(ctx));
      const wanted = ctx.query.providerId ? [ctx.query.providerId] : null;
      const providerIds = limit ? (wanted ?? limit).filter((p) => limit.includes(p)) : wanted;
      const list = await dayList(ctx.db, keyring(c(ctx)), ctx.query.date ?? today(c(ctx)), { providerIds });
      return exportDayList(list, ctx.lang, ctx.community.name);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/door/deliveries`,
    summary: '登记上门服务 Log a visit: done, not home or refused (ticking a scheduled visit again corrects it)',
    tags,
    permission: 'services.deliver',
    schema: { params: C, body: LogInput, response: Created },
    async handler(ctx) {
      if (ctx.body.date > today(c(ctx))) throw fieldError('date', 'DOOR_FUTURE');
      const at = ctx.now.toISOString();
      const r = await logVisit(ctx.db, ctx.body, at, doer(c(ctx)), await deliveryLimit(c(ctx)));
      await ctx.audit({ action: 'services.door-log', entityType: 'door_delivery', entityId: r.id, before: r.before, after: ctx.body });
      return { id: r.id };
    },
  }),
  communityRoute({
    method: 'DELETE',
    url: `${P}/door/deliveries/:id`,
    summary: '撤销记录 Take back a visit logged by mistake',
    tags,
    permission: 'services.deliver',
    schema: { params: CId },
    async handler(ctx) {
      const d = await ctx.db.selectFrom('door_delivery').selectAll().where('door_delivery.id', '=', ctx.params.id).executeTakeFirst();
      if (!d) throw notFound();
      const limit = await deliveryLimit(c(ctx));
      if (limit && (!d.provider_id || !limit.includes(d.provider_id))) throw new AppError(403, 'DOOR_NOT_YOUR_LIST');
      await ctx.db.deleteFrom('door_delivery').where('door_delivery.id', '=', d.id).execute();
      await ctx.audit({ action: 'services.door-log-undo', entityType: 'door_delivery', entityId: d.id, before: d });
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/door/deliveries`,
    summary: '上门服务记录 The delivery log with household-times (户/次) of the done visits',
    tags,
    permission: 'services.read',
    schema: { params: C, querystring: DeliveryListQuery, response: DeliveryPage },
    async handler(ctx) {
      const r = await listDeliveries(ctx.db, ctx.query);
      return { ...r, page: ctx.query.page, pageSize: ctx.query.pageSize };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/door/deliveries/export.xlsx`,
    summary: '导出服务记录 The filtered delivery log as Excel',
    tags,
    permission: 'services.read',
    schema: { params: C, querystring: DeliveryListQuery.omit({ page: true, pageSize: true }) },
    async handler(ctx) {
      const r = await listDeliveries(ctx.db, { ...ctx.query, page: 1, pageSize: 500 }, { all: true });
      return exportDeliveries(r.items, r.householdTimes, ctx.lang, ctx.community.name);
    },
  }),

  // ---- tickets ----
  communityRoute({
    method: 'GET',
    url: `${P}/tickets`,
    summary: '服务工单 Tickets, overdue first; filters: status (several by comma, or open), channel, service, overdue, period, caller',
    tags,
    permission: 'services.read',
    schema: { params: C, querystring: TicketListQuery, response: TicketPage },
    async handler(ctx) {
      const r = await listTickets(ctx.db, keyring(c(ctx)), ctx.query, ctx.now.toISOString());
      return { ...r, page: ctx.query.page, pageSize: ctx.query.pageSize };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/tickets/export.xlsx`,
    summary: '导出工单 The filtered tickets as Excel (phones masked)',
    tags,
    permission: 'services.read',
    schema: { params: C, querystring: TicketListQuery.omit({ page: true, pageSize: true }) },
    async handler(ctx) {
      const r = await listTickets(ctx.db, keyring(c(ctx)), { ...ctx.query, page: 1, pageSize: 200 }, ctx.now.toISOString(), { all: true });
      return exportTickets(r.items, ctx.lang, ctx.community.name);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/tickets/:id`,
    summary: '工单详情 A ticket with its history and notes',
    tags,
    permission: 'services.read',
    schema: { params: CId, response: TicketDetailSchema },
    async handler(ctx) {
      return loadTicket(ctx.db, keyring(c(ctx)), ctx.params.id, ctx.now.toISOString());
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/callers`,
    summary: '来电查询 Find a caller in the registry: a whole phone number through its blind index, or a name (characters or pinyin)',
    tags,
    permission: 'services.manage',
    schema: { params: C, querystring: CallerQuery, response: z.array(CallerSchema) },
    async handler(ctx) {
      const v = await registryView(c(ctx));
      const rows = await findResidents(v, ctx.query.q, 10);
      const ids = rows.map((r) => r.id);
      const clients = ids.length
        ? await ctx.db.selectFrom('door_client').select('door_client.resident_id').where('door_client.resident_id', 'in', ids).where('door_client.ended_date', 'is', null).execute()
        : [];
      const recent = await recentTicketsOf(ctx.db, ids);
      return rows.map((r) => ({
        residentId: r.id,
        name: r.name,
        gender: r.gender,
        age: r.age,
        address: r.address,
        phoneMasked: r.phoneMasked,
        tags: r.tags,
        byPhone: r.byPhone,
        doorClient: clients.some((x) => x.resident_id === r.id),
        recentTickets: recent
          .filter((t) => t.resident_id === r.id)
          .slice(0, 5)
          .map((t) => ({ id: t.id, number: t.number, itemName: t.itemName, status: t.status as 'accepted', acceptedAt: t.accepted_at })),
      }));
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/assignees`,
    summary: '可派单对象 Staff and providers a ticket can be assigned to',
    tags,
    permission: 'services.manage',
    schema: { params: C, response: AssigneesSchema },
    async handler(ctx) {
      const users = (await staffUsers(c(ctx))).map((u) => ({ id: u.id, name: u.displayName }));
      const providers = (await listProviders(ctx.db, keyring(c(ctx)))).map((p) => ({ id: p.id, name: p.name, itemIds: p.items.map((i) => i.id) }));
      return { users, providers };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/tickets`,
    summary: '受理工单 Open a ticket from the desk, the hotline or online (optionally assigned at once)',
    tags,
    permission: 'services.manage',
    schema: { params: C, body: TicketCreateInput, response: TicketDetailSchema },
    async handler(ctx) {
      const b = ctx.body;
      const item = await findItem(ctx.db, b.itemId);
      if (!item || item.active !== 1) throw fieldError('itemId', 'TICKET_UNKNOWN_SERVICE');
      let callerName = b.callerName ?? null;
      let address = b.address ?? null;
      if (b.residentId) {
        const r = await findResidentRow(ctx.db, b.residentId);
        if (!r) throw fieldError('residentId', 'DOOR_UNKNOWN_RESIDENT');
        callerName = callerName ?? r.name;
      }
      if (!callerName) throw fieldError('callerName', 'FIELD_REQUIRED');
      if (!b.residentId && !b.phone && !address) throw fieldError('phone', 'TICKET_NO_CONTACT');
      address = address ?? null;
      const at = ctx.now.toISOString();
      const id = uuidv7();
      const by = doer(c(ctx));
      const row = {
        id,
        number: await nextTicketNumber(ctx.db, chinaDate(ctx.now).slice(0, 4)),
        channel: b.channel,
        resident_id: b.residentId ?? null,
        caller_name: callerName,
        ...sealPhone(b.phone, keyring(c(ctx))),
        address,
        item_id: item.id,
        description: b.description,
        status: 'accepted',
        assignee_user_id: null,
        assignee_provider_id: null,
        assignee_name: null,
        accepted_at: at,
        due_at: dueAt(at, item.time_limit_hours),
        assigned_at: null,
        started_at: null,
        done_at: null,
        result: null,
        followed_up_at: null,
        satisfaction: null,
        follow_up_comment: null,
        closed_at: null,
        close_reason: null,
        created_by: by.userId,
        created_by_name: by.name,
        updated_at: at,
      };
      await ctx.db.insertInto('service_ticket', [row]).execute();
      await ticketEvent(ctx.db, { ticketId: id, at, kind: 'created', to: 'accepted', note: b.description, by });
      if (b.assignUserId || b.assignProviderId) {
        const a = await resolveAssignee(ctx.db, await staffUsers(c(ctx)), { userId: b.assignUserId, providerId: b.assignProviderId }, 'assignUserId');
        await assignTicket(ctx.db, id, a, at, by);
      }
      const out = await loadTicket(ctx.db, keyring(c(ctx)), id, at);
      await ctx.audit({ action: 'services.ticket-create', entityType: 'service_ticket', entityId: id, after: { ...out, events: undefined } });
      return out;
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/tickets/:id/assign`,
    summary: '派单 Assign (or reassign) a ticket to a staff member or a provider',
    tags,
    permission: 'services.manage',
    schema: { params: CId, body: AssignInput, response: TicketDetailSchema },
    async handler(ctx) {
      const a = await resolveAssignee(ctx.db, await staffUsers(c(ctx)), ctx.body);
      const r = await assignTicket(ctx.db, ctx.params.id, a, ctx.now.toISOString(), doer(c(ctx)), ctx.body.note);
      await ctx.audit({ action: 'services.ticket-assign', entityType: 'service_ticket', entityId: ctx.params.id, before: { status: r.before.status, assignee: r.before.assignee_name }, after: { status: r.to, assignee: a.name } });
      return loadTicket(ctx.db, keyring(c(ctx)), ctx.params.id, ctx.now.toISOString());
    },
  }),
  ...(
    [
      ['start', 'start', '开始办理 Start working on an assigned ticket', z.object({})],
      ['done', 'done', '办结 Mark a ticket done, with what was done', DoneInput],
      ['follow-up', 'follow_up', '回访 Record the follow-up call: satisfaction 1–5 and comment', FollowUpInput],
      ['close', 'close', '关闭（未解决） Close a ticket unresolved, with the reason', CloseInput],
      ['reopen', 'reopen', '重新办理 Reopen a finished or closed ticket when the resident calls back, with the reason; it goes back to its assignee', CloseInput],
    ] as const
  ).map(([path, action, summary, body]) =>
    communityRoute({
      method: 'POST',
      url: `${P}/tickets/:id/${path}`,
      summary,
      tags,
      permission: 'services.manage',
      action: `services.ticket-${path}`,
      schema: { params: CId, body: body as z.ZodType<Record<string, unknown>>, response: TicketDetailSchema },
      async handler(ctx) {
        const data = ctx.body as { result?: string; satisfaction?: number; comment?: string | null; reason?: string };
        const r = await moveTicket(ctx.db, ctx.params.id, action, ctx.now.toISOString(), doer(c(ctx)), data);
        await ctx.audit({ action: `services.ticket-${path}`, entityType: 'service_ticket', entityId: ctx.params.id, before: { status: r.before.status }, after: { status: r.to, ...data } });
        return loadTicket(ctx.db, keyring(c(ctx)), ctx.params.id, ctx.now.toISOString());
      },
    }),
  ),
  communityRoute({
    method: 'POST',
    url: `${P}/tickets/:id/notes`,
    summary: '备注 Add a note to a ticket’s history (any state)',
    tags,
    permission: 'services.manage',
    schema: { params: CId, body: NoteInput, response: TicketDetailSchema },
    async handler(ctx) {
      const t = await ticketRow(ctx.db, ctx.params.id);
      const at = ctx.now.toISOString();
      await ticketEvent(ctx.db, { ticketId: t.id, at, kind: 'note', note: ctx.body.note, by: doer(c(ctx)) });
      await ctx.db.updateTable('service_ticket').set({ updated_at: at }).where('service_ticket.id', '=', t.id).execute();
      await ctx.audit({ action: 'services.ticket-note', entityType: 'service_ticket', entityId: t.id, after: ctx.body });
      return loadTicket(ctx.db, keyring(c(ctx)), t.id, at);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/tickets/:id/reveal`,
    summary: '显示完整电话 Show a caller’s phone in full (written to the audit log)',
    tags,
    permission: 'services.reveal',
    action: 'services.reveal',
    schema: { params: CId, response: z.object({ value: z.string().nullable() }) },
    async handler(ctx) {
      const t = await ticketRow(ctx.db, ctx.params.id);
      let enc = t.phone_enc;
      if (!enc && t.resident_id) enc = (await ctx.db.selectFrom('resident').select('resident.phone_enc').where('resident.id', '=', t.resident_id).executeTakeFirst())?.phone_enc ?? null;
      await ctx.audit({ action: 'services.reveal', entityType: 'service_ticket', entityId: t.id, after: { field: 'phone' } });
      return { value: openSealed(enc, keyring(c(ctx))) };
    },
  }),
];

async function findResidentRow(db: CommunityCtx<RouteSchemas>['db'], id: string) {
  return db.selectFrom('resident').select(['resident.id', 'resident.name']).where('resident.id', '=', id).where('resident.status', '=', 'active').executeTakeFirst();
}
