import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFields, createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import { idCheckDigit } from './lib/id-number';

/** A valid ID number for a birth date and gender (check digit computed). */
function validId(birth: string, gender: 'male' | 'female', seq: number, region = '110108'): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${String(seq * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

let l: TestLinli;
let sec: Client;
let base: string;
let dwelling: string;

type Detail = Record<string, unknown> & { id: string; householdId: string };

async function ok<T = Detail>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as T;
}
const read = async (id: string) => ok(await sec.get(`${base}/residents/${id}`));
const edit = async (id: string, body: Record<string, unknown>) => ok(await sec.send('PATCH', `${base}/residents/${id}`, body));

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const community = await makeCommunity(l, sd.id);
  base = `/api/v1/communities/${community.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: community.id })).username);
  const id = async (url: string, body: unknown) => (await ok<{ id: string }>(await sec.send('POST', `${base}/registry/${url}`, body))).id;
  const compound = await id('compounds', { name: '怡丽北园' });
  const building = await id('buildings', { compoundId: compound, number: '7号楼' });
  const entrance = await id('entrances', { buildingId: building, number: '1单元' });
  dwelling = await id('dwellings', { compoundId: compound, entranceId: entrance, room: '302' });
});
afterAll(() => l.close());

/** A head of household and his wife, who came from elsewhere: every field filled in. */
let seq = 30;
async function couple() {
  seq += 1;
  const head = await ok(await sec.send('POST', `${base}/residents`, { name: '刘建国', idNumber: validId('1968-04-02', 'male', seq), dwellingId: dwelling }));
  const wife = await ok(
    await sec.send('POST', `${base}/residents`, {
      name: '陈秀兰',
      idNumber: validId('1971-09-15', 'female', seq, '320102'),
      phone: '13912345678',
      phone2: '02584561234',
      ethnicity: '汉族',
      education: 'senior',
      workUnit: '玄武区菜场',
      politicalStatus: 'masses',
      registrationType: 'floating',
      residence: 'living_only',
      employmentStatus: 'employed',
      relationToHead: 'spouse',
      movedInDate: '2019-03-01',
      notes: '暂住证 2019 年办理',
      householdId: head.householdId,
    }),
  );
  return { head, wife };
}

describe('an edit of a resident changes only what it was sent', () => {
  it('a note added through the API leaves a floating spouse a floating spouse, and the household one head', async () => {
    const { wife } = await couple();
    const before = await read(wife.id);
    const after = await edit(wife.id, { notes: '2026 年换发居住证' });
    expect(changedFields(before, after)).toEqual(['notes']);
    expect(after).toMatchObject({ notes: '2026 年换发居住证', registrationType: 'floating', residence: 'living_only', relationToHead: 'spouse' });
    expect(await read(wife.id)).toEqual(after);
    const household = await ok<{ items: { relationToHead: string }[] }>(await sec.get(`${base}/residents?dwellingId=${dwelling}&pageSize=200`));
    const heads = household.items.filter((r) => r.relationToHead === 'head');
    expect(heads.length).toBe(new Set(household.items.map((r) => (r as unknown as Detail).householdId)).size);
  });

  it('each field sent alone changes that field and nothing else', async () => {
    const { wife } = await couple();
    // her history names her, so a new name shows there too
    const edits: [string, unknown, string[]?][] = [
      ['name', '陈秀英', ['events']],
      ['ethnicity', '回族'],
      ['education', 'college'],
      ['workUnit', '鼓楼医院'],
      ['registrationType', 'huji'],
      ['residence', 'both'],
      ['relationToHead', 'other'],
      ['movedInDate', '2018-06-01'],
      ['notes', '已落户'],
    ];
    for (const [field, value, also = []] of edits) {
      const before = await read(wife.id);
      const after = await edit(wife.id, { [field]: value });
      expect(changedFields(before, after), field).toEqual([field, ...also].sort());
      expect(after[field], field).toEqual(value);
    }
  });

  it('null clears the one field it is sent for; a field left out is not cleared', async () => {
    const { wife } = await couple();
    const before = await read(wife.id);
    const after = await edit(wife.id, { workUnit: null });
    expect(changedFields(before, after)).toEqual(['workUnit']);
    expect(after.workUnit).toBeNull();
    expect(after.notes).toBe('暂住证 2019 年办理');
  });

  it('a new ID number sent alone brings its own birth date and gender; the rest stays', async () => {
    const { wife } = await couple();
    const before = await read(wife.id);
    // the number was typed for the wrong person: the right one is a man born in 1970
    const after = await edit(wife.id, { idNumber: validId('1970-01-20', 'male', seq, '320102') });
    expect(after).toMatchObject({ gender: 'male', birthDate: '1970-01-20' });
    expect(after.idNumberMasked).not.toEqual(before.idNumberMasked);
    const derived = ['idNumberMasked', 'gender', 'birthDate', 'age', 'tags'];
    expect(changedFields(before, after).filter((k) => !derived.includes(k))).toEqual([]);
    expect(after).toMatchObject({ registrationType: 'floating', relationToHead: 'spouse', notes: '暂住证 2019 年办理' });
  });

  it('an ID number cleared alone keeps the birth date and gender it gave', async () => {
    const { wife } = await couple();
    const before = await read(wife.id);
    const after = await edit(wife.id, { idNumber: null });
    expect(changedFields(before, after)).toEqual(['idNumberMasked']);
    expect(after).toMatchObject({ idNumberMasked: null, gender: 'female', birthDate: '1971-09-15' });
  });
});
