import crypto from 'node:crypto';
import type { DemoContext } from '../../core/module';
import { idCheckDigit } from './lib/id-number';
import { keyringFor, phoneDigits, seal } from './pii';
import { searchKeys } from './search';
import { fillPlaceOrders } from './places';
import type { Keyring } from './lib/pii';
import './tables';

/**
 * Demo residents for the two seed communities, deterministic (seeded random): 怡丽北园 with its 410
 * households and 1,200-odd residents in one compound moved into in 1999; 春晖 with seven closed
 * compounds. Names follow the common surname distribution and include polyphonic surnames
 * (单 shàn, 曾 zēng, 解 xiè, 区 ōu, 仇 qiú, 查 zhā, 乐 yuè, 朴 piáo).
 */
const SURNAMES =
  '王王王王李李李李张张张张刘刘刘陈陈陈杨杨黄黄赵赵吴吴周周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤';
const RARE_SURNAMES = ['单', '曾', '解', '区', '仇', '查', '乐', '朴', '欧阳', '司马', '诸葛'];
const MALE = '伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘';
const FEMALE = '秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';

interface Person {
  name: string;
  gender: 'male' | 'female';
  birth: string;
  relation: string;
  education: string | null;
  political: string | null;
  employment: string | null;
  phone: string | null;
  workUnit: string | null;
}

class Gen {
  private seq = 0;
  constructor(
    private readonly r: () => number,
    private readonly region: string,
    private readonly today: Date,
  ) {}
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  char(s: string): string {
    const chars = [...s];
    return chars[Math.floor(this.r() * chars.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  surname(): string {
    return this.chance(0.04) ? this.pick(RARE_SURNAMES) : this.char(SURNAMES);
  }
  given(gender: 'male' | 'female'): string {
    const pool = gender === 'male' ? MALE : FEMALE;
    return this.chance(0.35) ? this.char(pool) : this.char(pool) + this.char(pool);
  }
  birth(age: number): string {
    const y = this.today.getUTCFullYear() - age;
    const m = this.int(1, 12);
    const d = this.int(1, 28);
    // born before today's month/day of that year, so the age is exact
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.toISOString().slice(0, 10);
  }
  idNumber(birth: string, gender: 'male' | 'female'): string {
    this.seq = (this.seq + 7) % 1000;
    let order = this.seq - (this.seq % 2);
    if (gender === 'male') order += 1;
    const first17 = `${this.region}${birth.replace(/-/g, '')}${String(order % 1000).padStart(3, '0')}`;
    return first17 + idCheckDigit(first17);
  }
  phone(): string {
    return `1${this.pick(['38', '39', '35', '36', '37', '50', '51', '58', '59', '86', '88', '33', '53', '80', '89'])}${String(this.int(0, 99999999)).padStart(8, '0')}`;
  }
  person(relation: string, age: number, gender: 'male' | 'female', surname: string): Person {
    const birth = this.birth(age);
    const retiredAge = gender === 'male' ? 60 : 55;
    const employment =
      age < 7 ? 'preschool' : age < 22 ? 'student' : age >= retiredAge ? 'retired' : this.chance(0.04) ? 'unemployed' : 'employed';
    const education =
      age < 7 ? null : age < 13 ? 'primary' : age < 16 ? 'junior' : age < 19 ? 'senior' : this.pick(age > 65 ? ['junior', 'senior', 'senior', 'college', 'primary'] : ['senior', 'college', 'bachelor', 'bachelor', 'postgraduate']);
    const political = age < 14 ? null : age < 28 && this.chance(0.4) ? 'cyl_member' : age >= 28 && this.chance(age > 60 ? 0.09 : 0.05) ? 'cpc_member' : 'masses';
    return {
      name: surname + this.given(gender),
      gender,
      birth,
      relation,
      education,
      political,
      employment,
      phone: age >= 16 && this.chance(age > 75 ? 0.6 : 0.92) ? this.phone() : null,
      workUnit: employment === 'employed' ? this.pick(['海淀区教委', '北京银行', '中关村科技园', '空军指挥学院', '颐和园管理处', '金源购物中心', '自由职业', '德清县人民医院', '湖州银行', '德清一中']) : null,
    };
  }
  /** One household: a head, usually a spouse, children, sometimes a parent or grandchild. */
  household(size: number): Person[] {
    const surname = this.surname();
    const headAge = size === 1 ? this.int(28, 92) : this.int(30, 86);
    const headGender = this.chance(0.7) ? 'male' : 'female';
    const other = headGender === 'male' ? 'female' : 'male';
    const people = [this.person('head', headAge, headGender, surname)];
    if (size >= 2) people.push(this.person('spouse', Math.max(20, headAge + this.int(-5, 3)), other, this.surname()));
    for (let i = 2; i < size; i++) {
      if (i === 4 && headAge < 60) people.push(this.person(this.chance(0.5) ? 'father' : 'mother', headAge + this.int(24, 30), this.chance(0.5) ? 'male' : 'female', this.surname()));
      else if (headAge >= 58 && i >= 3) people.push(this.person('grandchild', this.int(1, 16), this.chance(0.5) ? 'male' : 'female', surname));
      else {
        const g = this.chance(0.5) ? 'male' : 'female';
        people.push(this.person(g === 'male' ? 'son' : 'daughter', Math.max(1, headAge - this.int(24, 32)), g, surname));
      }
    }
    return people;
  }
}

interface PlaceSpec {
  compound: string;
  propertyCompany: string | null;
  buildings: number;
  entrances: number;
  floors: number;
  perFloor: number;
}

interface CommunitySpec {
  key: 'yili' | 'chunhui';
  region: string;
  places: PlaceSpec[];
  households: number;
  /** household sizes are drawn until the residents reach this */
  residents: number;
  movedIn: string;
}

const SPECS: CommunitySpec[] = [
  {
    key: 'yili',
    region: '110108',
    places: [{ compound: '怡丽北园', propertyCompany: '北京怡丽物业管理有限公司', buildings: 8, entrances: 3, floors: 6, perFloor: 3 }],
    households: 410,
    residents: 1216,
    movedIn: '1999-10-01',
  },
  {
    key: 'chunhui',
    region: '330521',
    places: [
      { compound: '阳光花园', propertyCompany: '德清阳光物业有限公司', buildings: 6, entrances: 2, floors: 6, perFloor: 2 },
      { compound: '春晖苑', propertyCompany: '德清春晖物业服务有限公司', buildings: 5, entrances: 2, floors: 6, perFloor: 2 },
      { compound: '英溪家园', propertyCompany: '浙江英溪物业管理有限公司', buildings: 4, entrances: 2, floors: 5, perFloor: 2 },
      { compound: '余英坊', propertyCompany: '德清余英坊物业有限公司', buildings: 4, entrances: 2, floors: 5, perFloor: 2 },
      { compound: '北湖小区', propertyCompany: null, buildings: 3, entrances: 2, floors: 5, perFloor: 2 },
      { compound: '千秋新村', propertyCompany: null, buildings: 3, entrances: 2, floors: 4, perFloor: 2 },
      { compound: '孔村小区', propertyCompany: null, buildings: 2, entrances: 2, floors: 4, perFloor: 2 },
    ],
    households: 520,
    residents: 1480,
    movedIn: '2004-06-01',
  },
];

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Household sizes that add up exactly to the target number of residents. */
function sizes(g: Gen, households: number, residents: number): number[] {
  const weights = [1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 5];
  const out = Array.from({ length: households }, () => g.pick(weights));
  let total = out.reduce((a, b) => a + b, 0);
  for (let i = 0; total !== residents; i = (i + 1) % households) {
    if (total < residents && out[i] < 5) {
      out[i]++;
      total++;
    } else if (total > residents && out[i] > 1) {
      out[i]--;
      total--;
    }
  }
  return out;
}

export async function seedDemo(ctx: DemoContext): Promise<void> {
  const keyring = keyringFor(ctx.config.dataDir);
  for (const spec of SPECS) await seedCommunity(ctx, spec, keyring);
}

async function seedCommunity(ctx: DemoContext, spec: CommunitySpec, keyring: Keyring): Promise<void> {
  const communityId = ctx.communities[spec.key].id;
  const k = ctx.db.kysely;
  const g = new Gen(ctx.random, spec.region, ctx.today);
  const at = ctx.today.toISOString();
  const today = at.slice(0, 10);
  const twoYearsAgo = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
  const uuid = () => crypto.randomUUID();
  const rows = {
    compound: [] as Record<string, unknown>[],
    building: [] as Record<string, unknown>[],
    entrance: [] as Record<string, unknown>[],
    dwelling: [] as Record<string, unknown>[],
    household: [] as Record<string, unknown>[],
    resident: [] as Record<string, unknown>[],
    resident_search: [] as Record<string, unknown>[],
    care_tag: [] as Record<string, unknown>[],
    life_event: [] as Record<string, unknown>[],
  };
  const dwellings: string[] = [];
  spec.places.forEach((p, ci) => {
    const compoundId = uuid();
    rows.compound.push({ community_id: communityId, id: compoundId, name: p.compound, kind: 'compound', property_company: p.propertyCompany, sort: ci, created_at: at });
    for (let b = 1; b <= p.buildings; b++) {
      const buildingId = uuid();
      rows.building.push({ community_id: communityId, id: buildingId, compound_id: compoundId, number: String(b), name: `${b}号楼`, grid_id: null, floors: p.floors, sort: b, created_at: at });
      for (let e = 1; e <= p.entrances; e++) {
        const entranceId = uuid();
        rows.entrance.push({ community_id: communityId, id: entranceId, building_id: buildingId, number: String(e), created_at: at });
        for (let f = 1; f <= p.floors; f++)
          for (let r = 1; r <= p.perFloor; r++) {
            const id = uuid();
            dwellings.push(id);
            rows.dwelling.push({ community_id: communityId, id, compound_id: compoundId, building_id: buildingId, entrance_id: entranceId, room: `${f}0${r}`, address: null, floor_area: null, created_at: at });
          }
      }
    }
  });

  const tag = (residentId: string | null, householdId: string | null, code: string, start: string, grade: string | null = null) =>
    rows.care_tag.push({ community_id: communityId, id: uuid(), resident_id: residentId, household_id: householdId, tag: code, grade, start_date: start, end_date: null, note: null, created_at: at });
  const event = (residentId: string, householdId: string, kind: string, date: string, details: Record<string, unknown> | null = null) =>
    rows.life_event.push({ community_id: communityId, id: uuid(), resident_id: residentId, household_id: householdId, kind, date, details_json: details ? JSON.stringify(details) : null, created_by: null, created_at: at });

  const householdSizes = sizes(g, spec.households, spec.residents);
  // most dwellings hold one household; a few hold two (rented rooms, a married child's household)
  const occupied = dwellings.slice(0, spec.households - 5);
  householdSizes.forEach((size, i) => {
    const householdId = uuid();
    const dwellingId = i < occupied.length ? occupied[i] : occupied[i * 7 % occupied.length];
    rows.household.push({ community_id: communityId, id: householdId, dwelling_id: dwellingId, number: `${spec.key === 'yili' ? 'HD' : 'DQ'}${String(i + 1).padStart(5, '0')}`, status: 'active', created_at: at, ended_at: null });
    const people = g.household(size);
    const floating = g.chance(0.06);
    // most moved in when the compound opened; the rest since, some within the last two years
    const movedInRaw = g.chance(0.8) ? spec.movedIn : `${g.int(Number(spec.movedIn.slice(0, 4)) + 1, Number(today.slice(0, 4)))}-0${g.int(1, 9)}-15`;
    const movedIn = movedInRaw > today ? twoYearsAgo : movedInRaw;
    const allOld = people.every((p) => Number(today.slice(0, 4)) - Number(p.birth.slice(0, 4)) >= 60);
    people.forEach((p) => {
      const id = uuid();
      const idNumber = g.idNumber(p.birth, p.gender);
      const sid = seal(idNumber, keyring);
      const sph = p.phone ? seal(p.phone, keyring, phoneDigits(p.phone)) : null;
      const age = Number(today.slice(0, 4)) - Number(p.birth.slice(0, 4));
      rows.resident.push({
        community_id: communityId,
        id,
        household_id: householdId,
        name: p.name,
        gender: p.gender,
        birth_date: p.birth,
        id_number_enc: sid.enc,
        id_number_hash: sid.hash,
        id_number_tail: sid.tail,
        phone_enc: sph?.enc ?? null,
        phone_hash: sph?.hash ?? null,
        phone_tail: sph?.tail ?? null,
        phone2_enc: null,
        ethnicity: g.chance(0.95) ? '汉族' : g.pick(['回族', '满族', '蒙古族', '朝鲜族', '畲族']),
        education: p.education,
        work_unit: p.workUnit,
        political_status: p.political,
        registration_type: floating ? 'floating' : 'huji',
        residence: floating ? 'living_only' : g.chance(0.04) ? 'registered_only' : 'both',
        employment_status: p.employment,
        relation_to_head: p.relation,
        moved_in_date: movedIn,
        status: 'active',
        notes: null,
        created_at: at,
        updated_at: at,
      });
      for (const key of searchKeys(p.name)) rows.resident_search.push({ community_id: communityId, resident_id: id, key });
      if (movedIn >= twoYearsAgo) event(id, householdId, 'moved_in', movedIn);
      if (size === 1 && age >= 60) tag(id, null, 'living_alone', movedIn);
      else if (allOld && size <= 2) tag(id, null, 'empty_nest', movedIn);
      if (g.chance(0.02)) tag(id, null, 'disabled', movedIn, String(g.int(1, 4)));
      if (age >= 60 && g.chance(0.05)) tag(id, null, 'retired_cadre', movedIn);
      else if (age >= 60 && g.chance(0.06)) tag(id, null, 'old_worker', movedIn);
      if (age >= 40 && p.gender === 'male' && g.chance(0.04)) tag(id, null, 'veteran', movedIn);
      if (age >= 25 && age < 60 && g.chance(0.003)) tag(id, null, 'rectified', movedIn);
    });
    if (g.chance(0.012)) tag(null, householdId, 'dibao', twoYearsAgo);
    else if (g.chance(0.015)) tag(null, householdId, 'hardship', twoYearsAgo);
  });

  // history: some residents moved out or died over the two years; they stay on record, out of lists
  const historic = rows.resident.filter((r, i) => i % 97 === 13 && r.relation_to_head !== 'head');
  historic.forEach((r, i) => {
    const kind = i % 3 === 0 ? 'deceased' : 'moved_out';
    const date = `${Number(today.slice(0, 4)) - 1}-${String((i % 12) + 1).padStart(2, '0')}-10`;
    r.status = kind;
    event(r.id as string, r.household_id as string, kind, date, { note: kind === 'moved_out' ? '迁往外区' : null });
  });

  await k.transaction().execute(async (tx) => {
    for (const [table, list] of Object.entries(rows)) {
      for (const part of chunk(list, 400)) if (part.length) await tx.insertInto(table as 'compound').values(part as never).execute();
    }
    // the demo building leader (赵楼长) looks after 3号楼 of 怡丽北园
    const leader = spec.key === 'yili' ? await tx.selectFrom('app_user').select('id').where('username', '=', 'yili_leader').executeTakeFirst() : undefined;
    const b3 = rows.building.find((b) => b.number === '3');
    if (leader && b3) await tx.insertInto('building_assignment').values({ community_id: communityId, building_id: b3.id as string, user_id: leader.id }).execute();
    await fillPlaceOrders(tx, ctx.db.dialect, communityId);
  });
}
