import crypto from 'node:crypto';
import { z } from 'zod';
import { isSystem, visibleCommunities } from '../access';
import { ROLES } from '../access/roles';
import { AppError, notFound } from '../errors';
import { globalRoute, signedInRoute } from '../http/route';

const CommunityOut = z.object({ id: z.string(), name: z.string(), subDistrictId: z.string(), subDistrictName: z.string() });
const SubDistrictOut = z.object({ id: z.string(), name: z.string(), district: z.string(), city: z.string(), province: z.string() });

/** Tenants: sub-districts (街道) and the communities (社区) under them. */
export const orgRoutes = [
  signedInRoute({
    method: 'GET',
    url: '/roles',
    summary: '角色 The roles a user can be given, with the scope each is held over',
    tags: ['org'],
    schema: {
      response: z.array(z.object({ role: z.string(), label: z.object({ zh: z.string(), en: z.string() }), scopes: z.array(z.string()) })),
    },
    async handler() {
      return ROLES.map((r) => ({ role: r.role, label: r.label, scopes: r.scopes }));
    },
  }),

  signedInRoute({
    method: 'GET',
    url: '/communities',
    summary: '社区列表 The communities the caller can see (for the community switcher)',
    tags: ['org'],
    schema: { response: z.array(CommunityOut) },
    async handler({ actor, db }) {
      return visibleCommunities(db, actor);
    },
  }),

  signedInRoute({
    method: 'GET',
    url: '/sub-districts',
    summary: '街道列表 The sub-districts the caller can see',
    tags: ['org'],
    schema: { response: z.array(SubDistrictOut) },
    async handler({ actor, db }) {
      let q = db.selectFrom('sub_district').select(['id', 'name', 'district', 'city', 'province']).orderBy('name');
      if (!isSystem(actor)) {
        const ids = new Set((await visibleCommunities(db, actor)).map((c) => c.subDistrictId));
        for (const g of actor.grants) if (g.subDistrictId) ids.add(g.subDistrictId);
        if (ids.size === 0) return [];
        q = q.where('id', 'in', [...ids]);
      }
      return q.execute();
    },
  }),

  globalRoute({
    method: 'POST',
    url: '/sub-districts',
    summary: '新建街道 Create a sub-district (system administrator)',
    tags: ['org'],
    permission: 'org.manage',
    action: 'org.create-sub-district',
    schema: {
      body: z.object({ name: z.string().trim().min(1).max(60), district: z.string().trim().min(1).max(60), city: z.string().trim().min(1).max(60), province: z.string().trim().min(1).max(60) }),
      response: SubDistrictOut,
    },
    async handler({ actor, db, body, now, audit }) {
      if (!isSystem(actor)) throw new AppError(403, 'FORBIDDEN');
      const row = { id: crypto.randomUUID(), ...body, created_at: now.toISOString() };
      await db.insertInto('sub_district').values(row).execute();
      await audit({ action: 'org.create-sub-district', entityType: 'sub_district', entityId: row.id, after: body, subDistrictId: row.id });
      return { id: row.id, ...body };
    },
  }),

  globalRoute({
    method: 'POST',
    url: '/sub-districts/:subDistrictId/communities',
    summary: '新建社区 Create a community under a sub-district',
    tags: ['org'],
    permission: 'org.manage',
    action: 'org.create-community',
    schema: { params: z.object({ subDistrictId: z.string() }), body: z.object({ name: z.string().trim().min(1).max(60) }), response: CommunityOut },
    async handler({ actor, db, body, params, now, audit }) {
      const sd = await db.selectFrom('sub_district').select(['id', 'name']).where('id', '=', params.subDistrictId).executeTakeFirst();
      const mine = isSystem(actor) || actor.grants.some((g) => g.role === 'subdistrict_admin' && g.subDistrictId === params.subDistrictId);
      if (!sd || !mine) throw notFound();
      const dup = await db.selectFrom('community').select('id').where('sub_district_id', '=', sd.id).where('name', '=', body.name).executeTakeFirst();
      if (dup) throw new AppError(409, 'CONFLICT');
      const id = crypto.randomUUID();
      await db.insertInto('community').values({ id, sub_district_id: sd.id, name: body.name, created_at: now.toISOString() }).execute();
      await audit({ action: 'org.create-community', entityType: 'community', entityId: id, after: body, communityId: id, subDistrictId: sd.id });
      return { id, name: body.name, subDistrictId: sd.id, subDistrictName: sd.name };
    },
  }),
];
