import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFields, createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';

type Report = Record<string, unknown> & { id: string; title: string; narrative: unknown; highlightEdits: unknown };

let l: TestLinli;
let sec: Client;
let base: string;

async function ok(res: { statusCode: number; body: string; json(): unknown }): Promise<Report> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Report;
}

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id, '春晖社区');
  base = `/api/v1/communities/${c.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
});
afterAll(() => l.close());

describe('saving a report’s words', () => {
  it('takes the title, narrative and wording together: a title sent alone is refused and the narrative stays', async () => {
    const draft = await ok(await sec.send('POST', `${base}/reports`, { from: '2025-01-01', to: '2025-12-31' }));
    const url = `${base}/reports/${draft.id}`;
    const before = await ok(await sec.get(url));
    const res = await sec.send('PUT', url, { title: '2025年度春晖社区工作汇报' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys((res.json() as { error: { fields: Record<string, string> } }).error.fields).sort()).toEqual(['highlightEdits', 'narrative']);
    expect(changedFields(before, await ok(await sec.get(url)))).toEqual([]);
    const saved = await ok(await sec.send('PUT', url, { title: '2025年度春晖社区工作汇报', narrative: before.narrative, highlightEdits: before.highlightEdits }));
    expect(changedFields(before, saved)).toEqual(['title']);
  });
});
