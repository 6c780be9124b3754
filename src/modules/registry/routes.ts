import crypto from 'node:crypto';
import { z } from 'zod';
import { AppError, notFound } from '../../core/errors';
import { checkPeriod, isoDate } from '../../core/http/period';
import { communityRoute, globalRoute } from '../../core/http/route';
import { scopedDb, visibleCommunities } from '../../core/access';
import {
  assertNotDuplicate,
  checkIdentity,
  closeIfEmpty,
  findHousehold,
  logEvent,
  newHousehold,
  sealedColumns,
  writeSearchKeys,
} from './commands';
import { exportResidents, householdRoster } from './export';
import { addBuilding, addCompound, addDwelling, addEntrance, placeTree, refreshPlaceOrder } from './places';
import { keyringFor, maskedPhone, open } from './pii';
import {
  applyFilters,
  eventsFor,
  formatAddress,
  listResidents,
  namesSensitiveTag,
  presentRows,
  residentsBase,
  selectRows,
  tagDetails,
  type RawResidentRow,
  type RegistryView,
} from './queries';
import {
  BuildingInput,
  BulkTagSchema,
  CompoundInput,
  DwellingInput,
  EntranceInput,
  GridSchema,
  HouseholdCardSchema,
  LifeEventInputSchema,
  PlaceTreeSchema,
  ResidentCreateSchema,
  ResidentDetailSchema,
  ResidentUpdateSchema,
  ResidentListQuery,
  ResidentPage,
  RevealSchema,
  SavedListInput,
  SavedListSchema,
  type ResidentDetail,
  type ResidentFilters,
} from './schema';
import { chinaDate, registryView } from './view';
import { CARE_TAGS } from './vocab';

const C = z.object({ communityId: z.string() });
const CId = C.extend({ id: z.string() });
const Created = z.object({ id: z.string() });
const tags = ['registry'];

async function loadDetail(v: RegistryView, id: string, canReveal: boolean): Promise<ResidentDetail> {
  const row = (await selectRows(residentsBase(v).where('resident.id', '=', id)).executeTakeFirst()) as RawResidentRow | undefined;
  if (!row) throw notFound();
  const extra = await v.db
    .selectFrom('resident')
    .select(['resident.ethnicity', 'resident.education', 'resident.work_unit', 'resident.moved_in_date', 'resident.notes', 'resident.phone2_enc', 'resident.updated_at'])
    .where('resident.id', '=', id)
    .executeTakeFirstOrThrow();
  const [present] = await presentRows(v, [row]);
  return {
    ...present,
    ethnicity: extra.ethnicity,
    education: extra.education,
    workUnit: extra.work_unit,
    movedInDate: extra.moved_in_date,
    notes: extra.notes,
    phone2Masked: maskedPhone(extra.phone2_enc, v.keyring),
    tagDetails: await tagDetails(v, { residentId: id, householdId: row.householdId }),
    events: await eventsFor(v, { residentId: id }),
    canReveal,
    updatedAt: extra.updated_at,
  };
}

/** Filters of a saved list, merged under the ones given explicitly. */
async function withSavedList(v: RegistryView, f: ResidentFilters): Promise<ResidentFilters> {
  if (!f.savedListId) return f;
  const list = await v.db.selectFrom('saved_list').select('saved_list.filters_json').where('saved_list.id', '=', f.savedListId).executeTakeFirst();
  if (!list) throw notFound();
  const saved = JSON.parse(list.filters_json) as Partial<ResidentFilters>;
  if (!v.sensitive && namesSensitiveTag(saved)) throw notFound();
  return { ...saved, ...Object.fromEntries(Object.entries(f).filter(([, x]) => x !== undefined)) } as ResidentFilters;
}

export const routes = [
  globalRoute({
    method: 'GET',
    url: '/sub-districts/:subDistrictId/residents',
    summary: '街道居民查询 Search residents across every community of a sub-district the caller may read',
    tags,
    permission: 'registry.read.all',
    schema: {
      params: z.object({ subDistrictId: z.string() }),
      // across a sub-district a search needs at least two characters: one letter matches tens of thousands
      querystring: ResidentListQuery.omit({ compoundId: true, buildingId: true, entranceId: true, dwellingId: true, savedListId: true }).extend({ q: z.string().trim().min(2).max(60) }),
      response: ResidentPage.extend({ capped: z.boolean(), communities: z.array(z.object({ id: z.string(), name: z.string() })) }),
    },
    async handler(ctx) {
      const communities = (await visibleCommunities(ctx.db, ctx.actor)).filter(
        (c) => c.subDistrictId === ctx.params.subDistrictId && ctx.services.access.inCommunity(ctx.actor, c).has('registry.read.all'),
      );
      if (communities.length === 0) throw notFound();
      const sensitive = communities.every((c) => ctx.services.access.inCommunity(ctx.actor, c).has('registry.sensitive'));
      const v: RegistryView = {
        db: scopedDb(ctx.db, communities.map((c) => c.id)),
        keyring: keyringFor(ctx.services.config.dataDir),
        today: chinaDate(ctx.now),
        buildingIds: null,
        sensitive,
      };
      const res = await listResidents(v, checkPeriod(ctx.query), { countCap: 1000 });
      return { ...res, page: ctx.query.page, pageSize: ctx.query.pageSize, communities: communities.map((c) => ({ id: c.id, name: c.name })) };
    },
  }),

  communityRoute({
    method: 'GET',
    url: '/communities/:communityId/registry/places',
    summary: '房屋树 Compounds → buildings → entrances → dwellings, with occupancy',
    tags,
    permission: 'registry.read',
    schema: { params: C, response: PlaceTreeSchema },
    async handler(ctx) {
      return placeTree(await registryView(ctx));
    },
  }),
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/registry/compounds',
    summary: '新增小区 Add a compound (or a street of single-storey houses)',
    tags,
    permission: 'registry.places',
    schema: { params: C, body: CompoundInput, response: Created },
    async handler(ctx) {
      const id = await addCompound(await registryView(ctx), ctx.body, ctx.now);
      await ctx.audit({ action: 'registry.add-compound', entityType: 'compound', entityId: id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/registry/buildings',
    summary: '新增楼栋 Add a building',
    tags,
    permission: 'registry.places',
    schema: { params: C, body: BuildingInput, response: Created },
    async handler(ctx) {
      const id = await addBuilding(await registryView(ctx), ctx.body, ctx.now);
      await ctx.audit({ action: 'registry.add-building', entityType: 'building', entityId: id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/registry/entrances',
    summary: '新增单元 Add an entrance',
    tags,
    permission: 'registry.places',
    schema: { params: C, body: EntranceInput, response: Created },
    async handler(ctx) {
      const id = await addEntrance(await registryView(ctx), ctx.body, ctx.now);
      await ctx.audit({ action: 'registry.add-entrance', entityType: 'entrance', entityId: id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/registry/dwellings',
    summary: '新增房屋 Add a dwelling',
    tags,
    permission: 'registry.places',
    schema: { params: C, body: DwellingInput, response: Created },
    async handler(ctx) {
      const id = await addDwelling(await registryView(ctx), ctx.body, ctx.now);
      await ctx.audit({ action: 'registry.add-dwelling', entityType: 'dwelling', entityId: id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: '/communities/:communityId/registry/buildings/:id/assignees',
    summary: '楼栋负责人 Who looks after a building, and the building leaders / grid workers who could',
    tags,
    permission: 'registry.places',
    schema: {
      params: CId,
      response: z.object({ userIds: z.array(z.string()), candidates: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string() })) }),
    },
    async handler(ctx) {
      const b = await ctx.db.selectFrom('building').select('building.id').where('building.id', '=', ctx.params.id).executeTakeFirst();
      if (!b) throw notFound();
      const assigned = await ctx.db.selectFrom('building_assignment').select('building_assignment.user_id').where('building_assignment.building_id', '=', b.id).execute();
      const candidates = await ctx.communityUsers('building_leader');
      return { userIds: assigned.map((a) => a.user_id), candidates };
    },
  }),
  communityRoute({
    method: 'PUT',
    url: '/communities/:communityId/registry/buildings/:id/assignees',
    summary: '楼栋负责人 Set the building leaders / grid workers who look after a building',
    tags,
    permission: 'registry.places',
    schema: { params: CId, body: z.object({ userIds: z.array(z.string()).max(50) }), response: z.object({ userIds: z.array(z.string()) }) },
    async handler(ctx) {
      const b = await ctx.db.selectFrom('building').select('building.id').where('building.id', '=', ctx.params.id).executeTakeFirst();
      if (!b) throw notFound();
      if (ctx.body.userIds.length) {
        const leaders = new Set((await ctx.communityUsers('building_leader')).map((u) => u.id));
        if (!ctx.body.userIds.every((id) => leaders.has(id))) throw new AppError(400, 'VALIDATION_FAILED', {}, { userIds: { code: 'FIELD_INVALID' } });
      }
      const before = await ctx.db.selectFrom('building_assignment').select('building_assignment.user_id').where('building_assignment.building_id', '=', b.id).execute();
      await ctx.db.deleteFrom('building_assignment').where('building_assignment.building_id', '=', b.id).execute();
      if (ctx.body.userIds.length) await ctx.db.insertInto('building_assignment', ctx.body.userIds.map((u) => ({ building_id: b.id, user_id: u }))).execute();
      await ctx.audit({ action: 'registry.assign-building', entityType: 'building', entityId: b.id, before: before.map((x) => x.user_id), after: ctx.body.userIds });
      return { userIds: ctx.body.userIds };
    },
  }),

  communityRoute({
    method: 'GET',
    url: '/communities/:communityId/residents',
    summary: '居民列表 Residents: one search box (name, pinyin, initials, ID/phone tail, address) and filters',
    tags,
    permission: 'registry.read',
    schema: { params: C, querystring: ResidentListQuery, response: ResidentPage },
    async handler(ctx) {
      const v = await registryView(ctx);
      const { items, total } = await listResidents(v, await withSavedList(v, checkPeriod(ctx.query)));
      return { items, total, page: ctx.query.page, pageSize: ctx.query.pageSize };
    },
  }),
  communityRoute({
    method: 'GET',
    url: '/communities/:communityId/residents/export.xlsx',
    summary: '导出居民 Export the filtered list to Excel (masked; full=1 unmasked with registry.reveal, logged)',
    tags,
    permission: 'registry.export',
    schema: { params: C, querystring: ResidentListQuery.omit({ page: true, pageSize: true }).extend({ full: z.enum(['0', '1']).optional() }) },
    async handler(ctx) {
      const full = ctx.query.full === '1';
      if (full && !ctx.permissions.has('registry.reveal')) throw new AppError(403, 'FORBIDDEN');
      const v = await registryView(ctx);
      const f = await withSavedList(v, { ...checkPeriod(ctx.query), page: 1, pageSize: 200 });
      const file = await exportResidents(v, applyFilters(v, residentsBase(v), f), { full, lang: ctx.lang, communityName: ctx.community.name });
      if (full) {
        // reading is not a change, but seeing personal data in full is always on record
        await ctx.audit({ action: 'registry.export-full', entityType: 'resident', after: { filters: f, rows: file.rows } });
      }
      return file.file;
    },
  }),
  communityRoute({
    method: 'GET',
    url: '/communities/:communityId/residents/:id',
    summary: '居民详情 One resident, masked, with tags and history',
    tags,
    permission: 'registry.read',
    schema: { params: CId, response: ResidentDetailSchema },
    async handler(ctx) {
      return loadDetail(await registryView(ctx), ctx.params.id, ctx.permissions.has('registry.reveal'));
    },
  }),
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/residents',
    summary: '登记居民 Register a resident in a household (or start a household in a dwelling)',
    tags,
    permission: 'registry.edit',
    action: 'registry.create-resident',
    schema: { params: C, body: ResidentCreateSchema, response: ResidentDetailSchema },
    async handler(ctx) {
      const v = await registryView(ctx);
      const { householdId, dwellingId, ...input } = ctx.body;
      const identity = checkIdentity(input, ctx.now);
      const sealed = sealedColumns(v, { idNumber: identity.idNumber, phone: input.phone ?? null, phone2: input.phone2 ?? null });
      await assertNotDuplicate(v, sealed.id_number_hash);
      let hh: string;
      if (householdId) hh = (await findHousehold(v, householdId)).id;
      else if (dwellingId) hh = await newHousehold(v, dwellingId, ctx.now);
      else throw new AppError(400, 'VALIDATION_FAILED', {}, { householdId: { code: 'FIELD_REQUIRED' } });
      const id = crypto.randomUUID();
      const at = ctx.now.toISOString();
      await ctx.db
        .insertInto('resident', [
          {
            id,
            household_id: hh,
            name: input.name,
            gender: identity.gender,
            birth_date: identity.birthDate,
            id_number_enc: sealed.id_number_enc,
            id_number_hash: sealed.id_number_hash,
            id_number_tail: sealed.id_number_tail,
            phone_enc: sealed.phone_enc,
            phone_hash: sealed.phone_hash,
            phone_tail: sealed.phone_tail,
            phone2_enc: sealed.phone2_enc,
            ethnicity: input.ethnicity ?? null,
            education: input.education ?? null,
            work_unit: input.workUnit ?? null,
            political_status: input.politicalStatus ?? null,
            registration_type: input.registrationType,
            residence: input.residence,
            employment_status: input.employmentStatus ?? null,
            relation_to_head: input.relationToHead,
            moved_in_date: input.movedInDate ?? null,
            status: 'active',
            notes: input.notes ?? null,
            created_at: at,
            updated_at: at,
          },
        ])
        .execute();
      await refreshPlaceOrder(ctx.db, [id]);
      await writeSearchKeys(v, id, input.name);
      await logEvent(v, { kind: 'moved_in', date: input.movedInDate ?? v.today, residentId: id, householdId: hh, by: ctx.actor.userId, now: ctx.now });
      const detail = await loadDetail(v, id, ctx.permissions.has('registry.reveal'));
      await ctx.audit({ action: 'registry.create-resident', entityType: 'resident', entityId: id, after: { ...input, idNumber: identity.idNumber } });
      return detail;
    },
  }),
  communityRoute({
    method: 'PATCH',
    url: '/communities/:communityId/residents/:id',
    summary: '修改居民 Correct a resident’s details (moves and deaths are life events, not edits)',
    tags,
    permission: 'registry.edit',
    action: 'registry.update-resident',
    schema: { params: CId, body: ResidentUpdateSchema, response: ResidentDetailSchema },
    async handler(ctx) {
      const v = await registryView(ctx);
      const before = await loadDetail(v, ctx.params.id, false);
      const input = ctx.body;
      const current = await ctx.db.selectFrom('resident').select(['resident.gender', 'resident.birth_date', 'resident.id_number_enc']).where('resident.id', '=', ctx.params.id).executeTakeFirstOrThrow();
      // Checked on the resident as edited. A new ID number brings its own birth date and gender: the
      // stored ones came from the old number, so only those sent with it are held against it.
      const newNumber = Boolean(input.idNumber);
      const identity = checkIdentity(
        {
          idNumber: input.idNumber !== undefined ? input.idNumber : open(current.id_number_enc, v.keyring),
          gender: input.gender !== undefined ? input.gender : newNumber ? null : current.gender,
          birthDate: input.birthDate !== undefined ? input.birthDate : newNumber ? null : current.birth_date,
        },
        ctx.now,
      );
      const sealed = sealedColumns(v, {
        ...(input.idNumber !== undefined ? { idNumber: identity.idNumber } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.phone2 !== undefined ? { phone2: input.phone2 } : {}),
      });
      if (sealed.id_number_hash) await assertNotDuplicate(v, sealed.id_number_hash, ctx.params.id);
      const set: Record<string, unknown> = { ...sealed, updated_at: ctx.now.toISOString() };
      const cols: [keyof typeof input, string][] = [
        ['name', 'name'],
        ['ethnicity', 'ethnicity'],
        ['education', 'education'],
        ['workUnit', 'work_unit'],
        ['politicalStatus', 'political_status'],
        ['registrationType', 'registration_type'],
        ['residence', 'residence'],
        ['employmentStatus', 'employment_status'],
        ['relationToHead', 'relation_to_head'],
        ['movedInDate', 'moved_in_date'],
        ['notes', 'notes'],
      ];
      for (const [k, col] of cols) if (input[k] !== undefined) set[col] = input[k];
      set.gender = identity.gender;
      set.birth_date = identity.birthDate;
      await ctx.db.updateTable('resident').set(set).where('resident.id', '=', ctx.params.id).execute();
      if (input.name !== undefined) await writeSearchKeys(v, ctx.params.id, input.name);
      const after = await loadDetail(v, ctx.params.id, ctx.permissions.has('registry.reveal'));
      await ctx.audit({ action: 'registry.update-resident', entityType: 'resident', entityId: ctx.params.id, before: strip(before), after: strip(after) });
      return after;
    },
  }),
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/residents/:id/reveal',
    summary: '显示完整 Show an ID number or phone in full (written to the audit log)',
    tags,
    permission: 'registry.reveal',
    action: 'registry.reveal',
    schema: { params: CId, body: RevealSchema, response: z.object({ value: z.string().nullable() }) },
    async handler(ctx) {
      const v = await registryView(ctx);
      const row = await residentsBase(v).select(['resident.id_number_enc', 'resident.phone_enc', 'resident.phone2_enc']).where('resident.id', '=', ctx.params.id).executeTakeFirst();
      if (!row) throw notFound();
      const enc = { idNumber: row.id_number_enc, phone: row.phone_enc, phone2: row.phone2_enc }[ctx.body.field];
      await ctx.audit({ action: 'registry.reveal', entityType: 'resident', entityId: ctx.params.id, after: { field: ctx.body.field } });
      return { value: open(enc, v.keyring) };
    },
  }),
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/residents/:id/events',
    summary: '迁出 / 搬迁 / 死亡 Record a move out, a move within the community, or a death',
    tags,
    permission: 'registry.edit',
    action: 'registry.life-event',
    schema: { params: CId, body: LifeEventInputSchema, response: ResidentDetailSchema },
    async handler(ctx) {
      const v = await registryView(ctx);
      const r = await residentsBase(v).select(['resident.id', 'resident.household_id', 'resident.status', 'resident.relation_to_head', 'dwelling.id as dwellingId']).where('resident.id', '=', ctx.params.id).executeTakeFirst();
      if (!r) throw notFound();
      if (r.status !== 'active') throw new AppError(409, 'RESIDENT_NOT_ACTIVE');
      const e = ctx.body;
      const details: Record<string, unknown> = { note: e.note ?? null };
      if (e.kind === 'moved_within') {
        const to = e.householdId ? (await findHousehold(v, e.householdId)).id : e.dwellingId ? await newHousehold(v, e.dwellingId, ctx.now) : null;
        if (!to) throw new AppError(400, 'VALIDATION_FAILED', {}, { dwellingId: { code: 'FIELD_REQUIRED' } });
        details.fromHouseholdId = r.household_id;
        details.toHouseholdId = to;
        // heads the household they start; joining one that has a head, they are no longer a head
        // (their relation to that head is for staff to set, as after a merge)
        const relation = e.householdId ? (r.relation_to_head === 'head' ? 'other' : r.relation_to_head) : 'head';
        await ctx.db.updateTable('resident').set({ household_id: to, relation_to_head: relation, updated_at: ctx.now.toISOString() }).where('resident.id', '=', r.id).execute();
        await refreshPlaceOrder(ctx.db, [r.id]);
      } else {
        await ctx.db.updateTable('resident').set({ status: e.kind, updated_at: ctx.now.toISOString() }).where('resident.id', '=', r.id).execute();
        // care tags end with the stay
        await ctx.db.updateTable('care_tag').set({ end_date: e.date }).where('care_tag.resident_id', '=', r.id).where('care_tag.end_date', 'is', null).execute();
      }
      await logEvent(v, { kind: e.kind, date: e.date, residentId: r.id, householdId: r.household_id, details, by: ctx.actor.userId, now: ctx.now });
      await closeIfEmpty(v, r.household_id, ctx.now);
      await ctx.audit({ action: `registry.${e.kind}`, entityType: 'resident', entityId: r.id, after: { ...e } });
      return loadDetail(v, r.id, ctx.permissions.has('registry.reveal'));
    },
  }),
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/residents/tags',
    summary: '批量标签 Add or remove a care tag on many residents at once',
    tags,
    permission: 'registry.edit',
    action: 'registry.bulk-tag',
    schema: { params: C, body: BulkTagSchema, response: z.object({ changed: z.number() }) },
    async handler(ctx) {
      const v = await registryView(ctx);
      const def = CARE_TAGS.find((t) => t.code === ctx.body.tag)!;
      if (def.sensitive && !v.sensitive) throw new AppError(403, 'FORBIDDEN');
      const date = ctx.body.date ?? v.today;
      const rows = await residentsBase(v).select(['resident.id', 'resident.household_id']).where('resident.id', 'in', ctx.body.residentIds).execute();
      if (rows.length !== new Set(ctx.body.residentIds).size) throw notFound();
      let changed = 0;
      for (const r of rows) {
        const target = def.household ? { col: 'care_tag.household_id' as const, id: r.household_id } : { col: 'care_tag.resident_id' as const, id: r.id };
        const holding = await ctx.db
          .selectFrom('care_tag')
          .select('care_tag.id')
          .where(target.col, '=', target.id)
          .where('care_tag.tag', '=', def.code)
          .where('care_tag.end_date', 'is', null)
          .executeTakeFirst();
        if (ctx.body.action === 'add' && !holding) {
          await ctx.db
            .insertInto('care_tag', [
              {
                id: crypto.randomUUID(),
                resident_id: def.household ? null : r.id,
                household_id: def.household ? r.household_id : null,
                tag: def.code,
                grade: ctx.body.grade ?? null,
                start_date: date,
                end_date: null,
                note: null,
                created_at: ctx.now.toISOString(),
              },
            ])
            .execute();
          changed++;
        } else if (ctx.body.action === 'remove' && holding) {
          // a tag that ends keeps its history: it gets an end date, it is not deleted
          await ctx.db.updateTable('care_tag').set({ end_date: date }).where('care_tag.id', '=', holding.id).execute();
          changed++;
        }
      }
      await ctx.audit({ action: 'registry.bulk-tag', entityType: 'care_tag', after: { ...ctx.body, changed } });
      return { changed };
    },
  }),

  communityRoute({
    method: 'GET',
    url: '/communities/:communityId/households/roster.xlsx',
    summary: '户籍花名册 The household roster in the usual 花名册 layout (masked)',
    tags,
    permission: 'registry.export',
    schema: { params: C },
    async handler(ctx) {
      return householdRoster(await registryView(ctx), { lang: ctx.lang, communityName: ctx.community.name });
    },
  }),
  communityRoute({
    method: 'GET',
    url: '/communities/:communityId/households/:id',
    summary: '户卡 A household: members, relations, tags, history, others in the same dwelling',
    tags,
    permission: 'registry.read',
    schema: { params: CId, response: HouseholdCardSchema },
    async handler(ctx) {
      const v = await registryView(ctx);
      const h = await findHousehold(v, ctx.params.id);
      const hh = await v.db.selectFrom('household').selectAll().where('household.id', '=', h.id).executeTakeFirstOrThrow();
      const rows = (await selectRows(residentsBase(v).where('resident.household_id', '=', h.id).where('resident.status', '=', 'active')).execute()) as RawResidentRow[];
      const members = await presentRows(v, rows);
      const place = await residentsBase(v).select(['compound.name as c', 'building.number as b', 'entrance.number as e', 'dwelling.room as r', 'dwelling.address as a']).where('household.id', '=', h.id).executeTakeFirst();
      const dw = await v.db
        .selectFrom('dwelling')
        .innerJoin('compound', (j) => j.onRef('compound.community_id', '=', 'dwelling.community_id').onRef('compound.id', '=', 'dwelling.compound_id'))
        .leftJoin('building', (j) => j.onRef('building.community_id', '=', 'dwelling.community_id').onRef('building.id', '=', 'dwelling.building_id'))
        .leftJoin('entrance', (j) => j.onRef('entrance.community_id', '=', 'dwelling.community_id').onRef('entrance.id', '=', 'dwelling.entrance_id'))
        .select(['compound.name as c', 'building.number as b', 'entrance.number as e', 'dwelling.room as r', 'dwelling.address as a'])
        .where('dwelling.id', '=', h.dwelling_id)
        .executeTakeFirstOrThrow();
      const p = place ?? dw;
      const others = await v.db
        .selectFrom('household')
        .leftJoin('resident', (j) => j.onRef('resident.community_id', '=', 'household.community_id').onRef('resident.household_id', '=', 'household.id').on('resident.status', '=', 'active'))
        .select(['household.id as id', (eb) => eb.fn.count<number>('resident.id').as('members'), (eb) => eb.fn.max(eb.case().when('resident.relation_to_head', '=', 'head').then(eb.ref('resident.name')).end()).as('head')])
        .where('household.dwelling_id', '=', h.dwelling_id)
        .where('household.id', '!=', h.id)
        .where('household.status', '=', 'active')
        .groupBy('household.id')
        .execute();
      return {
        id: hh.id,
        number: hh.number,
        status: hh.status,
        dwellingId: hh.dwelling_id,
        address: formatAddress({ compound: p.c, building: p.b, entrance: p.e, room: p.r, address: p.a }),
        members,
        tags: await tagDetails(v, { householdId: h.id }),
        events: await eventsFor(v, { householdId: h.id }),
        neighbours: others.map((o) => ({ id: o.id, head: (o.head as string | null) ?? null, members: Number(o.members) })),
      };
    },
  }),

  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/households/:id/split',
    summary: '分户 Split some members off into a new household in the same dwelling',
    tags,
    permission: 'registry.edit',
    action: 'registry.household-split',
    schema: {
      params: CId,
      body: z.object({ residentIds: z.array(z.string()).min(1).max(50), headId: z.string(), date: isoDate, note: z.string().trim().max(500).nullable().optional() }),
      response: HouseholdCardSchema.pick({ id: true }),
    },
    async handler(ctx) {
      const v = await registryView(ctx);
      const h = await findHousehold(v, ctx.params.id);
      const { residentIds, headId, date } = ctx.body;
      if (!residentIds.includes(headId)) throw new AppError(400, 'VALIDATION_FAILED', {}, { headId: { code: 'FIELD_INVALID' } });
      const members = await ctx.db.selectFrom('resident').select(['resident.id']).where('resident.household_id', '=', h.id).where('resident.status', '=', 'active').execute();
      const ids = new Set(members.map((m) => m.id));
      if (!residentIds.every((r) => ids.has(r))) throw notFound();
      if (residentIds.length === ids.size) throw new AppError(400, 'VALIDATION_FAILED', {}, { residentIds: { code: 'HOUSEHOLD_SPLIT_ALL' } });
      const to = await newHousehold(v, h.dwelling_id, ctx.now);
      await ctx.db.updateTable('resident').set({ household_id: to, updated_at: ctx.now.toISOString() }).where('resident.id', 'in', residentIds).execute();
      await ctx.db.updateTable('resident').set({ relation_to_head: 'head' }).where('resident.id', '=', headId).execute();
      for (const hh of [h.id, to]) {
        await logEvent(v, { kind: 'household_split', date, householdId: hh, details: { from: h.id, to, residentIds, note: ctx.body.note ?? null }, by: ctx.actor.userId, now: ctx.now });
      }
      await ctx.audit({ action: 'registry.household-split', entityType: 'household', entityId: h.id, after: { newHouseholdId: to, residentIds } });
      return { id: to };
    },
  }),
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/households/:id/merge',
    summary: '并户 Merge a household into another; the merged one ends, its history stays',
    tags,
    permission: 'registry.edit',
    action: 'registry.household-merge',
    schema: {
      params: CId,
      body: z.object({ intoHouseholdId: z.string(), date: isoDate, note: z.string().trim().max(500).nullable().optional() }),
      response: HouseholdCardSchema.pick({ id: true }),
    },
    async handler(ctx) {
      const v = await registryView(ctx);
      const from = await findHousehold(v, ctx.params.id);
      const into = await findHousehold(v, ctx.body.intoHouseholdId);
      if (from.id === into.id || into.status !== 'active') throw new AppError(400, 'VALIDATION_FAILED', {}, { intoHouseholdId: { code: 'FIELD_INVALID' } });
      const moved = await ctx.db.selectFrom('resident').select('resident.id').where('resident.household_id', '=', from.id).where('resident.status', '=', 'active').execute();
      // the merged household's head is no longer a head; their relation to the new head is for staff to set
      await ctx.db.updateTable('resident').set({ relation_to_head: 'other' }).where('resident.household_id', '=', from.id).where('resident.relation_to_head', '=', 'head').execute();
      await ctx.db.updateTable('resident').set({ household_id: into.id, updated_at: ctx.now.toISOString() }).where('resident.household_id', '=', from.id).where('resident.status', '=', 'active').execute();
      await refreshPlaceOrder(ctx.db, moved.map((m) => m.id));
      await ctx.db.updateTable('household').set({ status: 'ended', ended_at: ctx.now.toISOString() }).where('household.id', '=', from.id).execute();
      for (const hh of [from.id, into.id]) {
        await logEvent(v, { kind: 'household_merged', date: ctx.body.date, householdId: hh, details: { from: from.id, into: into.id, residentIds: moved.map((m) => m.id), note: ctx.body.note ?? null }, by: ctx.actor.userId, now: ctx.now });
      }
      await ctx.audit({ action: 'registry.household-merge', entityType: 'household', entityId: from.id, after: { into: into.id, residents: moved.length } });
      return { id: into.id };
    },
  }),

  communityRoute({
    method: 'GET',
    url: '/communities/:communityId/grids',
    summary: '网格 Grids and the buildings in each',
    tags,
    permission: 'registry.read',
    schema: { params: C, response: z.array(GridSchema) },
    async handler(ctx) {
      const grids = await ctx.db.selectFrom('grid').selectAll().orderBy('grid.name').execute();
      const buildings = await ctx.db.selectFrom('building').select(['building.id', 'building.grid_id']).where('building.grid_id', 'is not', null).execute();
      return grids.map((g) => ({ id: g.id, name: g.name, buildingIds: buildings.filter((b) => b.grid_id === g.id).map((b) => b.id) }));
    },
  }),
  communityRoute({
    method: 'PUT',
    url: '/communities/:communityId/grids/:id',
    summary: '设置网格 Create or rename a grid and set the buildings it groups',
    tags,
    permission: 'registry.places',
    action: 'registry.grid',
    schema: { params: CId, body: z.object({ name: z.string().trim().min(1).max(40), buildingIds: z.array(z.string()).max(500) }), response: GridSchema },
    async handler(ctx) {
      const exists = await ctx.db.selectFrom('grid').select('grid.id').where('grid.id', '=', ctx.params.id).executeTakeFirst();
      if (exists) await ctx.db.updateTable('grid').set({ name: ctx.body.name }).where('grid.id', '=', ctx.params.id).execute();
      else await ctx.db.insertInto('grid', [{ id: ctx.params.id, name: ctx.body.name, created_at: ctx.now.toISOString() }]).execute();
      const found = ctx.body.buildingIds.length
        ? await ctx.db.selectFrom('building').select('building.id').where('building.id', 'in', ctx.body.buildingIds).execute()
        : [];
      if (found.length !== new Set(ctx.body.buildingIds).size) throw notFound();
      await ctx.db.updateTable('building').set({ grid_id: null }).where('building.grid_id', '=', ctx.params.id).execute();
      if (ctx.body.buildingIds.length) await ctx.db.updateTable('building').set({ grid_id: ctx.params.id }).where('building.id', 'in', ctx.body.buildingIds).execute();
      await ctx.audit({ action: 'registry.grid', entityType: 'grid', entityId: ctx.params.id, after: ctx.body });
      return { id: ctx.params.id, name: ctx.body.name, buildingIds: ctx.body.buildingIds };
    },
  }),

  communityRoute({
    method: 'GET',
    url: '/communities/:communityId/saved-lists',
    summary: '常用名单 Saved lists (80岁以上, 空巢老人 …) with their current counts',
    tags,
    permission: 'registry.read',
    schema: { params: C, response: z.array(SavedListSchema) },
    async handler(ctx) {
      const v = await registryView(ctx);
      const lists = await ctx.db.selectFrom('saved_list').selectAll().orderBy('saved_list.created_at').execute();
      const out = [];
      for (const l of lists) {
        const filters = JSON.parse(l.filters_json) as Partial<ResidentFilters>;
        if (!v.sensitive && namesSensitiveTag(filters)) continue;
        const n = await applyFilters(v, residentsBase(v), filters).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        out.push({ id: l.id, name: l.name, filters, count: Number(n.n), createdAt: l.created_at });
      }
      return out;
    },
  }),
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/saved-lists',
    summary: '保存名单 Save the current filters as a named list other modules can use',
    tags,
    permission: 'registry.edit',
    action: 'registry.save-list',
    schema: { params: C, body: SavedListInput, response: SavedListSchema },
    async handler(ctx) {
      const v = await registryView(ctx);
      if (!v.sensitive && namesSensitiveTag(ctx.body.filters)) throw new AppError(403, 'FORBIDDEN', {}, { 'filters.tag': { code: 'FORBIDDEN' } });
      const dup = await ctx.db.selectFrom('saved_list').select('saved_list.id').where('saved_list.name', '=', ctx.body.name).executeTakeFirst();
      if (dup) throw new AppError(409, 'CONFLICT', {}, { name: { code: 'LIST_NAME_TAKEN' } });
      const id = crypto.randomUUID();
      await ctx.db.insertInto('saved_list', [{ id, name: ctx.body.name, filters_json: JSON.stringify(ctx.body.filters), created_by: ctx.actor.userId, created_at: ctx.now.toISOString() }]).execute();
      const n = await applyFilters(v, residentsBase(v), ctx.body.filters).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await ctx.audit({ action: 'registry.save-list', entityType: 'saved_list', entityId: id, after: ctx.body });
      return { id, name: ctx.body.name, filters: ctx.body.filters, count: Number(n.n), createdAt: ctx.now.toISOString() };
    },
  }),
  communityRoute({
    method: 'DELETE',
    url: '/communities/:communityId/saved-lists/:id',
    summary: '删除名单 Delete a saved list',
    tags,
    permission: 'registry.edit',
    action: 'registry.delete-list',
    schema: { params: CId },
    async handler(ctx) {
      const v = await registryView(ctx);
      const list = await ctx.db.selectFrom('saved_list').select('saved_list.filters_json').where('saved_list.id', '=', ctx.params.id).executeTakeFirst();
      if (!list || (!v.sensitive && namesSensitiveTag(JSON.parse(list.filters_json) as Partial<ResidentFilters>))) throw notFound();
      await ctx.db.deleteFrom('saved_list').where('saved_list.id', '=', ctx.params.id).execute();
      await ctx.audit({ action: 'registry.delete-list', entityType: 'saved_list', entityId: ctx.params.id });
    },
  }),
];

/** Before/after for the audit log without the parts that are not facts about the person. */
function strip(d: ResidentDetail) {
  const { events: _e, canReveal: _c, tagDetails: _t, ...rest } = d;
  return rest;
}
