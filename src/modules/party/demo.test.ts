import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, signIn, type TestLinli } from '../../core/testing';
import type { ReportSection } from '../../core/module';
import { partyModule } from '.';

/** The seed report's party figures come out of the demo's records through the report section. */
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

const figures = async (name: string) => {
  const s: ReportSection = await partyModule.reportSection!({ db: l.services.db, communityId: ids[name], from, to: today });
  return Object.fromEntries(s.figures.map((f) => [f.key, f.value]));
};

describe('demo party figures over the two years ending on the seed day', () => {
  it('怡丽北园: 17 members pledged, 6 newsletter issues with 90-odd copies, 12 model members, 4 honours, an election', async () => {
    const f = await figures('怡丽北园社区');
    expect(f['pledges.members']).toBe(17);
    expect(f['newsletter.issues']).toBe(6);
    // “90余份”: each issue brought to the sixteen members who cannot attend
    expect(f['newsletter.copies']).toBeGreaterThanOrEqual(90);
    expect(f['newsletter.copies']).toBeLessThanOrEqual(99);
    expect(f['modelMembers']).toBe(12);
    expect(f['honours']).toBe(4);
    expect(f['elections']).toBe(1);
    expect(f['members.registered']).toBe(40);
    expect(f['study.sessions']).toBe(12);
  });

  it('春晖: 3 groups, 50 registered members, 211 volunteers in 2 special teams and 12 service groups', async () => {
    const f = await figures('春晖社区');
    expect(f['groups']).toBe(3);
    expect(f['members.registered']).toBe(50);
    expect(f['volunteers']).toBe(211);
    expect(f['teams.special']).toBe(2);
    expect(f['teams.service']).toBe(12);
    expect(f['honours']).toBe(3);
  });

  it('shows the same figures to the secretary through the API, and the demo board is published', async () => {
    const sec = await signIn(l, 'yili_secretary', 'Linli-demo-2026');
    const base = `/api/v1/communities/${ids['怡丽北园社区']}/party`;
    const res = await sec.get(`${base}/report?from=${from}&to=${today}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().figures.find((x: { key: string }) => x.key === 'pledges.members').value).toBe(17);
    const board = (await sec.get(`${base}/board`)).json();
    expect(board.enabled).toBe(true);
    const pub = (await l.app.inject(board.path)).json();
    expect(new Set(pub.memberPledges.map((p: { memberName: string }) => p.memberName)).size).toBe(17);
    const branch = (await sec.get(`${base}/branch`)).json();
    expect(branch.leaders.map((x: { role: string }) => x.role)).toContain('secretary');
    expect(branch.history.elections[0].date.slice(5, 7)).toBe('03');
  });
});
