import crypto from 'node:crypto';
import type { Db } from './db';
import type { Config } from './config';
import type { LinliModule, DemoContext } from './module';
import { hashPassword } from './auth/password';
import { insertUser } from './users/commands';
import type { Role } from './access/roles';

/** Shared password of the demo accounts (printed by `npm start` in demo mode only). */
export const DEMO_PASSWORD = 'Linli-demo-2026';

/** A small deterministic random source (mulberry32), so every demo database is the same. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  scope: 'system' | 'shuguang' | 'wukang' | 'yili' | 'chunhui';
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '平台管理员', role: 'system_admin', scope: 'system' },
  { username: 'shuguang_admin', displayName: '曙光街道管理员', role: 'subdistrict_admin', scope: 'shuguang' },
  { username: 'shuguang_officer', displayName: '李干事', role: 'subdistrict_officer', scope: 'shuguang' },
  { username: 'yili_secretary', displayName: '吴主任', role: 'secretary', scope: 'yili' },
  { username: 'yili_staff', displayName: '王社工', role: 'staff', scope: 'yili' },
  { username: 'yili_leader', displayName: '赵楼长', role: 'building_leader', scope: 'yili' },
  { username: 'yili_auditor', displayName: '审计员', role: 'auditor', scope: 'yili' },
  /** a party member signing in for herself; the party module's demo links her to a pledging member */
  { username: 'yili_member', displayName: '党员', role: 'resident', scope: 'yili' },
  { username: 'wukang_officer', displayName: '陈干事', role: 'subdistrict_officer', scope: 'wukang' },
  { username: 'chunhui_secretary', displayName: '沈书记', role: 'secretary', scope: 'chunhui' },
  { username: 'chunhui_staff', displayName: '周社工', role: 'staff', scope: 'chunhui' },
];

/**
 * Seeds the two communities of the work reports, their sub-districts and demo accounts, then lets
 * every module add its records. Running it twice changes nothing.
 */
export async function seedDemo(db: Db, config: Config, modules: LinliModule[], today = new Date()): Promise<{ created: boolean }> {
  const k = db.kysely;
  const existing = await k.selectFrom('community').select('id').where('name', '=', '怡丽北园社区').executeTakeFirst();
  if (existing) return { created: false };
  const at = today.toISOString();
  const sd = {
    shuguang: { id: crypto.randomUUID(), name: '曙光街道', district: '海淀区', city: '北京市', province: '北京市' },
    wukang: { id: crypto.randomUUID(), name: '武康街道', district: '德清县', city: '湖州市', province: '浙江省' },
  };
  const communities = {
    yili: { id: crypto.randomUUID(), subDistrictId: sd.shuguang.id, name: '怡丽北园社区' },
    chunhui: { id: crypto.randomUUID(), subDistrictId: sd.wukang.id, name: '春晖社区' },
  };
  const hash = await hashPassword(DEMO_PASSWORD);
  await k.transaction().execute(async (tx) => {
    await tx.insertInto('sub_district').values(Object.values(sd).map((s) => ({ ...s, created_at: at }))).execute();
    await tx
      .insertInto('community')
      .values(Object.values(communities).map((c) => ({ id: c.id, sub_district_id: c.subDistrictId, name: c.name, created_at: at })))
      .execute();
    for (const u of DEMO_USERS) {
      const taken = await tx.selectFrom('app_user').select('id').where('username', '=', u.username).executeTakeFirst();
      if (taken) continue;
      const grant =
        u.scope === 'system'
          ? { subDistrictId: null, communityId: null }
          : u.scope === 'shuguang' || u.scope === 'wukang'
            ? { subDistrictId: sd[u.scope].id, communityId: null }
            : { subDistrictId: null, communityId: communities[u.scope].id };
      await insertUser(tx, { username: u.username, displayName: u.displayName, passwordHash: hash, mustChangePassword: false, grants: [{ role: u.role, ...grant }] }, today);
    }
  });
  const ctx: DemoContext = { db, config, communities, today, random: seededRandom(20261125) };
  for (const m of modules) if (m.seedDemo) await m.seedDemo(ctx);
  return { created: true };
}
