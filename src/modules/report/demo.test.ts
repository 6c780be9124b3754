import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, signIn, type TestLinli } from '../../core/testing';
import type { WorkReport } from './schema';

/**
 * Signing in to the demo and opening 怡丽北园's report for the two years ending today shows the
 * seed's figures, computed from the demo records by the modules that provide them.
 */
let l: TestLinli;
let today: string;
let from: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  l = await createTestLinli({ demo: true });
  today = l.clock.now().toISOString().slice(0, 10);
  from = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
  for (const c of await l.services.db.kysely.selectFrom('community').select(['id', 'name']).execute()) ids[c.name] = c.id;
}, 120_000);
afterAll(() => l.close());

describe('the demo’s work report', () => {
  it('怡丽北园 over the two years ending today: 410 households, 1,200+ residents, 17 members pledged, 6 newsletter issues with 90-odd copies, 12 model members', async () => {
    const sec = await signIn(l, 'yili_secretary', 'Linli-demo-2026');
    const res = await sec.send('POST', `/api/v1/communities/${ids['怡丽北园社区']}/reports`, { from, to: today });
    expect(res.statusCode).toBe(200);
    const r = res.json() as WorkReport;
    const f: Record<string, unknown> = {};
    for (const ch of r.composition.chapters) for (const s of ch.sections) for (const x of s.figures) f[`${s.module}.${x.key}`] = x.value;
    expect(f['registry.households']).toBe(410);
    expect(f['registry.residents']).toBeGreaterThanOrEqual(1200);
    expect(f['registry.residents']).toBeLessThan(1300);
    expect(f['party.pledges.members']).toBe(17);
    expect(f['party.newsletter.issues']).toBe(6);
    expect(f['party.newsletter.copies']).toBeGreaterThanOrEqual(90);
    expect(f['party.newsletter.copies']).toBeLessThanOrEqual(99);
    expect(f['party.modelMembers']).toBe(12);
    expect(r.composition.profile).toMatchObject({ address: '北京市海淀区北四环西路88-2号', landArea: 37000, floorArea: 51000, movedInYear: 1999 });
    expect(r.narrative.intro).toContain('总户数410户');
    expect(r.narrative.intro).toContain('占地面积3.7万平方米');
    // the programmes built beside this report: when their module is there, the report carries the seed's figure
    const has = (m: string) => l.services.modules.some((x) => x.name === m && x.reportSection);
    if (has('employment')) {
      expect(f['employment.placed']).toBe(9);
      expect(f['employment.placed.zero.households']).toBe(5);
      expect(f['employment.placed.zero.people']).toBe(6);
    }
    if (has('services')) {
      // “520余户/次”
      expect(f['services.door.householdTimes']).toBeGreaterThanOrEqual(520);
      expect(f['services.door.householdTimes']).toBeLessThanOrEqual(529);
    }
    // the seed's order: 概况, then 一、党建 first
    expect(r.composition.chapters.map((c) => c.key).slice(0, 2)).toEqual(['profile', 'party']);
  });

  it('the 曙光街道 officer’s roll-up holds 怡丽北园 with the same figures', async () => {
    const officer = await signIn(l, 'shuguang_officer', 'Linli-demo-2026');
    const sds = (await officer.get('/api/v1/report/sub-districts')).json() as { id: string; name: string }[];
    expect(sds.map((s) => s.name)).toEqual(['曙光街道']);
    const r = (await officer.get(`/api/v1/sub-districts/${sds[0].id}/report?from=${from}&to=${today}`)).json();
    const yili = r.rows.find((x: { communityName: string }) => x.communityName === '怡丽北园社区');
    expect(yili.values['registry.households']).toBe(410);
    expect(yili.values['party.pledges.members']).toBe(17);
  });
});
