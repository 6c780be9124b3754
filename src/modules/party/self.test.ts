import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';

let l: TestLinli;
let sec: Client;
let reader: Client;
let otherSec: Client;
let base: string;
let otherBase: string;
let dwelling: string;

async function ok(res: { statusCode: number; body: string; json(): unknown }) {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Record<string, never>;
}
async function memberLivingHere(name: string): Promise<string> {
  const rid = (await ok(await sec.send('POST', `${base}/residents`, { name, dwellingId: dwelling, politicalStatus: 'cpc_member' }))).id;
  return (await ok(await sec.send('POST', `${base}/party/members`, { kind: 'registered', residentId: rid, joinedDate: '1975-07-01' }))).id;
}
function multipart(c: Client, url: string, filename: string, data: Buffer) {
  const boundary = '----linli' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return l.app.inject({ method: 'POST', url, payload: body, headers: { cookie: c.cookie, origin: 'http://localhost', host: 'localhost', 'content-type': `multipart/form-data; boundary=${boundary}` } });
}
/** the member signs in with the slip's password and sets her own, as the first sign-in demands */
async function firstSignIn(username: string, initial: string): Promise<Client> {
  const c = client(l);
  expect((await c.send('POST', '/api/v1/auth/login', { username, password: initial })).statusCode).toBe(200);
  // until the password is changed, nothing else answers
  expect((await c.get(`${base}/party/me`)).statusCode).toBe(403);
  expect((await c.send('POST', '/api/v1/auth/change-password', { currentPassword: initial, newPassword: 'Hongqi-Pudong-1949' })).statusCode).toBeLessThan(300);
  return c;
}

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id, '测试社区');
  const c2 = await makeCommunity(l, sd.id, '别的社区');
  base = `/api/v1/communities/${c.id}`;
  otherBase = `/api/v1/communities/${c2.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  reader = await signIn(l, (await makeUser(l, 'auditor', { communityId: c.id })).username);
  otherSec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c2.id })).username);
  const id = async (url: string, body: unknown): Promise<string> => (await ok(await sec.send('POST', `${base}/registry/${url}`, body))).id;
  const compound = await id('compounds', { name: '怡丽北园' });
  const b3 = await id('buildings', { compoundId: compound, number: '3' });
  const e = await id('entrances', { buildingId: b3, number: '1' });
  dwelling = await id('dwellings', { compoundId: compound, entranceId: e, room: '101' });
});
afterAll(() => l.close());

describe('a member sees her own pledges, attendance and newsletters on her phone', () => {
  it('the secretary opens an account; the member signs in, changes the password and sees only her own records', async () => {
    const year = Number(l.clock.now().toISOString().slice(0, 4));
    const mine = await memberLivingHere('李秀英');
    const someoneElse = await memberLivingHere('王建国');
    const pledge = await ok(await sec.send('POST', `${base}/party/pledges`, { level: 'member', year, memberId: mine, title: '义务为居民量血压' }));
    await ok(await sec.send('POST', `${base}/party/pledges`, { level: 'member', year, memberId: someoneElse, title: '维护健身器材' }));
    const act = await ok(await sec.send('POST', `${base}/party/activities`, { date: `${year}-03-01`, kind: 'study', topic: '学习党章' }));
    await ok(await sec.send('PUT', `${base}/party/activities/${act.id}/attendance`, { entries: [{ memberId: mine, present: false, reason: '住院' }, { memberId: someoneElse, present: true }] }));
    const issue = await ok(await sec.send('POST', `${base}/party/newsletters`, { number: 1, date: `${year}-04-01`, title: '支部工作简报第1期', content: '……' }));
    await ok(await sec.send('POST', `${base}/party/newsletters/${issue.id}/deliveries`, { memberIds: [mine], deliveredBy: '王社工', deliveredAt: `${year}-04-02` }));

    // a reader cannot hand out accounts
    expect((await reader.send('POST', `${base}/party/members/${mine}/account`, { username: 'lixiuying' })).statusCode).toBe(403);
    const made = await ok(await sec.send('POST', `${base}/party/members/${mine}/account`, { username: 'LiXiuying' }));
    expect(made.username).toBe('lixiuying');
    expect(made.initialPassword).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect((await ok(await sec.get(`${base}/party/members/${mine}/account`))).username).toBe('lixiuying');
    // one account per member
    const again = await sec.send('POST', `${base}/party/members/${mine}/account`, { username: 'lixiuying2' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('lixiuying');

    const me = await firstSignIn('lixiuying', made.initialPassword);
    const view = await ok(await me.get(`${base}/party/me`));
    expect(view.name).toBe('李秀英');
    expect((view.pledges as { title: string }[]).map((p) => p.title)).toEqual(['义务为居民量血压']);
    expect(view.attendance).toEqual([expect.objectContaining({ topic: '学习党章', present: false, reason: '住院' })]);
    expect(view.attendanceByYear).toEqual([{ year, sessions: 1, present: 0 }]);
    expect(view.newsletters).toEqual([expect.objectContaining({ number: 1, deliveredAt: `${year}-04-02`, hasFile: false })]);

    // nothing of the office's: not the member list, not another member, not the registry
    expect((await me.get(`${base}/party/members`)).statusCode).toBe(403);
    expect((await me.get(`${base}/party/members/${someoneElse}`)).statusCode).toBe(403);
    expect((await me.get(`${base}/residents`)).statusCode).toBe(403);
    expect((await me.get(`${otherBase}/party/me`)).statusCode).toBe(404);
    expect(pledge.id).toBeTruthy();
  });

  it('feedback the secretary hides as spam leaves the public board and the member’s view, and is kept', async () => {
    const year = Number(l.clock.now().toISOString().slice(0, 4));
    const mine = await memberLivingHere('赵桂兰');
    const p = await ok(await sec.send('POST', `${base}/party/pledges`, { level: 'member', year, memberId: mine, title: '收集居民意见建议' }));
    const board = await ok(await sec.send('PUT', `${base}/party/board`, { enabled: true }));
    const post = (comment: string) =>
      l.app.inject({ method: 'POST', url: `/api/v1/public/pledge-boards/${board.token}/feedback`, remoteAddress: '10.9.8.7', headers: { 'content-type': 'application/json', origin: 'http://localhost', host: 'localhost' }, payload: JSON.stringify({ pledgeId: p.id, comment, rating: 5 }) });
    expect((await post('赵阿姨每周都来问大家的意见')).statusCode).toBe(200);
    expect((await post('低价出售 加微信 xxxx')).statusCode).toBe(200);
    const all = (await ok(await sec.get(`${base}/party/feedback`))) as unknown as { id: string; comment: string }[];
    const spam = all.find((f) => f.comment.startsWith('低价'))!;

    expect((await sec.send('POST', `${base}/party/feedback/${spam.id}/hide`, { hidden: true })).json().error.fields.reason).toBeTruthy();
    expect((await reader.send('POST', `${base}/party/feedback/${spam.id}/hide`, { hidden: true, reason: '广告' })).statusCode).toBe(403);
    expect((await otherSec.send('POST', `${otherBase}/party/feedback/${spam.id}/hide`, { hidden: true, reason: '广告' })).statusCode).toBe(404);
    const hidden = await ok(await sec.send('POST', `${base}/party/feedback/${spam.id}/hide`, { hidden: true, reason: '广告' }));
    expect(hidden).toMatchObject({ hidden: true, hiddenReason: '广告' });

    const publicComments = async () => ((await ok(await l.app.inject({ method: 'GET', url: `/api/v1/public/pledge-boards/${board.token}` }))).feedback as { comment: string }[]).map((f) => f.comment);
    expect(await publicComments()).toContain('赵阿姨每周都来问大家的意见');
    expect(await publicComments()).not.toContain('低价出售 加微信 xxxx');
    // the office still has it, marked
    const kept = ((await ok(await sec.get(`${base}/party/feedback`))) as unknown as { id: string; hidden: boolean }[]).find((f) => f.id === spam.id);
    expect(kept?.hidden).toBe(true);

    const made = await ok(await sec.send('POST', `${base}/party/members/${mine}/account`, { username: 'zhaoguilan' }));
    const me = await firstSignIn('zhaoguilan', made.initialPassword);
    const comments = ((await ok(await me.get(`${base}/party/me`))).pledges as { feedback: { comment: string }[] }[]).flatMap((x) => x.feedback.map((f) => f.comment));
    expect(comments).toEqual(['赵阿姨每周都来问大家的意见']);

    await ok(await sec.send('POST', `${base}/party/feedback/${spam.id}/hide`, { hidden: false }));
    expect(await publicComments()).toContain('低价出售 加微信 xxxx');
  });

  it('closing an account signs the member out and she cannot sign in again; her records stay', async () => {
    const mine = await memberLivingHere('孙淑珍');
    const made = await ok(await sec.send('POST', `${base}/party/members/${mine}/account`, { username: 'sunshuzhen' }));
    const me = await firstSignIn('sunshuzhen', made.initialPassword);
    expect((await me.get(`${base}/party/me`)).statusCode).toBe(200);
    expect((await sec.send('DELETE', `${base}/party/members/${mine}/account`)).statusCode).toBeLessThan(300);
    expect((await me.get(`${base}/party/me`)).statusCode).toBe(401);
    // refused as a disabled account
    expect((await client(l).send('POST', '/api/v1/auth/login', { username: 'sunshuzhen', password: 'Hongqi-Pudong-1949' })).statusCode).toBe(403);
    expect(await sec.get(`${base}/party/members/${mine}/account`).then((r) => r.json())).toBeNull();
    expect((await ok(await sec.get(`${base}/party/members/${mine}`))).name).toBe('孙淑珍');
  });
});

describe('newsletter issues as printed', () => {
  it('a PDF is attached, downloaded by the office and by a member it was delivered to; a program renamed .pdf is refused', async () => {
    const year = Number(l.clock.now().toISOString().slice(0, 4));
    const reader1 = await memberLivingHere('钱玉兰');
    const notDelivered = await memberLivingHere('周志强');
    const issue = await ok(await sec.send('POST', `${base}/party/newsletters`, { number: 7, date: `${year}-05-01`, title: '第7期', content: '' }));
    await ok(await sec.send('POST', `${base}/party/newsletters/${issue.id}/deliveries`, { memberIds: [reader1], deliveredBy: '王社工', deliveredAt: `${year}-05-02` }));
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

    const refused = await multipart(sec, `${base}/party/newsletters/${issue.id}/file`, '简报.pdf', Buffer.from('MZ\x90\x00 this is a program'));
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error.message).toContain('简报.pdf');
    expect((await multipart(reader, `${base}/party/newsletters/${issue.id}/file`, '简报.pdf', pdf)).statusCode).toBe(403);

    const up = await multipart(sec, `${base}/party/newsletters/${issue.id}/file`, '第7期简报.pdf', pdf);
    expect(up.statusCode).toBe(200);
    expect((await ok(await sec.get(`${base}/party/newsletters/${issue.id}`))).file).toEqual({ filename: '第7期简报.pdf', size: pdf.length });
    const down = await sec.get(`${base}/party/newsletters/${issue.id}/file`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toContain('application/pdf');
    expect(down.rawPayload.equals(pdf)).toBe(true);
    // another community cannot reach it by id
    expect((await otherSec.get(`${otherBase}/party/newsletters/${issue.id}/file`)).statusCode).toBe(404);

    const a = await ok(await sec.send('POST', `${base}/party/members/${reader1}/account`, { username: 'qianyulan' }));
    const me = await firstSignIn('qianyulan', a.initialPassword);
    expect((await me.get(`${base}/party/me/newsletters/${issue.id}/file`)).rawPayload.equals(pdf)).toBe(true);
    const b = await ok(await sec.send('POST', `${base}/party/members/${notDelivered}/account`, { username: 'zhouzhiqiang' }));
    const other = await firstSignIn('zhouzhiqiang', b.initialPassword);
    expect((await other.get(`${base}/party/me/newsletters/${issue.id}/file`)).statusCode).toBe(404);
  });
});

describe('the public board’s link', () => {
  it('is built on the address the office publishes, or else the one the request came in on', async () => {
    const settings = await ok(await sec.send('PUT', `${base}/party/board`, { enabled: true }));
    expect(settings.url).toBe(`http://localhost/board/${settings.token}`);
    l.services.config.publicUrl = 'https://linli.example.org';
    try {
      expect((await ok(await sec.get(`${base}/party/board`))).url).toBe(`https://linli.example.org/board/${settings.token}`);
    } finally {
      l.services.config.publicUrl = null;
    }
  });
});
