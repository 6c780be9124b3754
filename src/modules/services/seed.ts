import { scopedDb, type ScopedDb } from '../../core/access';
import { uuidv7 } from '../../core/ids';
import type { DemoContext } from '../../core/module';
import { chinaDate, keyringFor } from '../registry';
import { sealPhone } from './commands';
import { addDays, occurrences, parseWeekdays } from './schedule';
import './tables';

/**
 * Services in the two seed communities, deterministic (ctx.random), over the two years before the
 * seed day. Nothing here types a figure: 怡丽北园's "520余户/次" of door-to-door service comes out
 * of the schedules below, walked day by day into the delivery log (a few visits found nobody home
 * or were refused); the hall, the station's 10-odd services and the providers that joined are the
 * catalogue; the hotline and the desk have two years of tickets with follow-up calls.
 */

class Pick {
  constructor(private readonly r: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  one<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.r() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** An instant of a China-time day: "2026-03-02", "09:30" → ISO UTC. */
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

interface ItemDef {
  area: 'hall' | 'station';
  name: string;
  code: string;
  duties: string;
  hours: number;
  door?: boolean;
  staff?: string;
  location?: string;
}

const HALL = (combinedCivil: boolean, staff: string[]): ItemDef[] => [
  { area: 'hall', code: 'labour', name: '劳动保障', duties: '失业登记、再就业帮扶、职业介绍与培训报名、社保卡及养老保险咨询', hours: 72, staff: staff[0], location: '1号窗口' },
  { area: 'hall', code: 'family_planning', name: '计划生育', duties: '生育登记、独生子女父母奖励、流动人口婚育证明、计生政策宣传', hours: 72, staff: staff[1], location: '2号窗口' },
  ...(combinedCivil
    ? [{ area: 'hall' as const, code: 'civil_affairs', name: '民政户籍', duties: '低保、临时救助、残疾人证件、高龄津贴申请；户籍证明、居住证明开具', hours: 72, staff: staff[2], location: '3号窗口' }]
    : [
        { area: 'hall' as const, code: 'civil_affairs', name: '民政', duties: '低保、临时救助、优抚、残疾人服务、高龄津贴申请受理', hours: 72, staff: staff[2], location: '3号窗口' },
        { area: 'hall' as const, code: 'household_registration', name: '户籍', duties: '户籍证明、居住证明开具，流动人口登记，协助派出所户口业务', hours: 48, staff: staff[3], location: '3号窗口' },
      ]),
  { area: 'hall', code: 'sanitation', name: '环境卫生', duties: '楼道及公共区域卫生、垃圾清运、绿化维护问题受理，组织卫生大扫除', hours: 48, staff: staff[4], location: '4号窗口' },
  { area: 'hall', code: 'party_service', name: '党员服务', duties: '党员组织关系接转、在职党员报到、党费收缴、党员志愿服务登记', hours: 72, staff: staff[5], location: '5号窗口' },
];

const YILI_STATION: ItemDef[] = [
  { area: 'station', code: 'vegetables', name: '便民菜站', duties: '新鲜蔬菜平价供应；行动不便老人电话订菜、送菜上门', hours: 24, door: true, location: '服务站东侧' },
  { area: 'station', code: 'haircut', name: '理发', duties: '理发室常年营业；卧床及行动不便老人上门理发', hours: 72, door: true, location: '服务站理发室' },
  { area: 'station', code: 'water', name: '水站', duties: '桶装水订购、送水上门', hours: 24, door: true, location: '服务站水站' },
  { area: 'station', code: 'waste', name: '废品回收', duties: '废品回收定点收购；老人家中定期上门收废品', hours: 48, door: true },
  { area: 'station', code: 'repair', name: '家电维修', duties: '家用电器、水电维修，上门服务，明码标价', hours: 48, door: true },
  { area: 'station', code: 'meals', name: '送餐', duties: '老年餐桌午餐，独居及空巢老人送餐上门', hours: 24, door: true },
  { area: 'station', code: 'medical', name: '医疗', duties: '社区卫生服务站坐诊、量血压、慢病随访、家庭医生签约', hours: 48 },
  { area: 'station', code: 'legal_aid', name: '法律援助', duties: '每周三律师坐班，法律咨询、调解协助、援助申请', hours: 120 },
  { area: 'station', code: 'insurance', name: '保险', duties: '养老、医疗、家庭财产保险咨询与代办', hours: 120 },
  { area: 'station', code: 'payment', name: '缴费终端', duties: '自助缴纳水、电、燃气、电话费', hours: 24, location: '服务站门口' },
  { area: 'station', code: 'housekeeping', name: '家政保洁', duties: '家庭保洁、钟点工介绍', hours: 72, door: true },
];
const CHUNHUI_STATION: ItemDef[] = [
  { area: 'station', code: 'meals', name: '送餐', duties: '阳光服务驿站老年食堂，行动不便老人送餐上门', hours: 24, door: true },
  { area: 'station', code: 'haircut', name: '理发', duties: '党员义工每月一次义务理发，卧床老人上门', hours: 72, door: true },
  { area: 'station', code: 'repair', name: '家电维修', duties: '党员义工维修队，小家电及水电维修', hours: 48, door: true },
  { area: 'station', code: 'medical', name: '医疗', duties: '社区卫生服务站量血压、健康咨询', hours: 48 },
  { area: 'station', code: 'legal_aid', name: '法律援助', duties: '共建单位律师每月坐班，法律咨询', hours: 120 },
];

interface ProviderDef {
  name: string;
  contact: string;
  items: string[];
  hours: string;
  prices: string;
  monthsAgo: number;
}
const YILI_PROVIDERS: ProviderDef[] = [
  { name: '绿源便民菜站', contact: '孙立新', items: ['vegetables'], hours: '每日 7:00-19:00', prices: '蔬菜按市场价九五折；送菜上门免费', monthsAgo: 23 },
  { name: '巧手理发室', contact: '马红梅', items: ['haircut'], hours: '周二至周日 8:30-18:00', prices: '成人理发 10 元，60岁以上老人 5 元，上门理发免费', monthsAgo: 23 },
  { name: '清泉水站', contact: '高建华', items: ['water'], hours: '每日 8:00-20:00', prices: '桶装水 12 元/桶，送水上门不加价', monthsAgo: 22 },
  { name: '海淀再生资源回收点', contact: '冯德旺', items: ['waste'], hours: '每日 8:00-17:00', prices: '按区物资回收指导价收购', monthsAgo: 22 },
  { name: '邻家家电维修部', contact: '许志刚', items: ['repair'], hours: '周一至周六 9:00-18:00', prices: '上门检测 20 元，维修按项目明码标价', monthsAgo: 21 },
  { name: '康乐老年餐桌', contact: '韩秀英', items: ['meals'], hours: '午餐 11:00-12:30', prices: '午餐 12 元/份，80岁以上老人 10 元，送餐免费', monthsAgo: 20 },
  { name: '曙光社区卫生服务站', contact: '钱医生', items: ['medical'], hours: '周一至周五 8:00-17:00', prices: '量血压免费，诊疗按医保价', monthsAgo: 23 },
  { name: '京华律师事务所', contact: '邓律师', items: ['legal_aid'], hours: '每周三 14:00-17:00', prices: '咨询免费', monthsAgo: 18 },
  { name: '平安保险海淀营业部', contact: '谢经理', items: ['insurance'], hours: '每月第一个周六 9:00-11:00', prices: '咨询免费', monthsAgo: 16 },
  { name: '北京银行世纪城支行', contact: '罗经理', items: ['payment'], hours: '全天自助', prices: '缴费不收手续费', monthsAgo: 19 },
  { name: '安居家政服务社', contact: '蒋春兰', items: ['housekeeping'], hours: '每日 8:00-18:00', prices: '钟点工 40 元/小时', monthsAgo: 12 },
];
const CHUNHUI_PROVIDERS: ProviderDef[] = [
  { name: '阳光老年食堂', contact: '沈美华', items: ['meals'], hours: '午餐 11:00-12:30', prices: '午餐 10 元/份，送餐免费', monthsAgo: 22 },
  { name: '德清县武康社区卫生服务中心', contact: '陆医生', items: ['medical'], hours: '周一至周五 8:00-17:00', prices: '量血压免费', monthsAgo: 23 },
  { name: '浙江英溪律师事务所', contact: '姚律师', items: ['legal_aid'], hours: '每月第二个周四 9:00-11:30', prices: '咨询免费', monthsAgo: 20 },
];

const monthsAgo = (today: string, m: number, day = 10) => {
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - m, day));
  return d.toISOString().slice(0, 10);
};

async function catalogue(db: ScopedDb, p: Pick, k: ReturnType<typeof keyringFor>, defs: ItemDef[], providers: ProviderDef[], today: string, staffIds: Map<string, string>, createdAt: string) {
  const items = new Map<string, string>();
  for (const [i, d] of defs.entries()) {
    const id = uuidv7();
    items.set(d.code, id);
    await db
      .insertInto('service_item', [
        {
          id,
          area: d.area,
          name: d.name,
          code: d.code,
          duties: d.duties,
          staff_user_id: d.staff ? (staffIds.get(d.staff) ?? null) : null,
          staff_name: d.staff ?? null,
          location: d.location ?? null,
          door: d.door ? 1 : 0,
          time_limit_hours: d.hours,
          active: 1,
          sort: i * 10,
          created_at: createdAt,
          updated_at: createdAt,
        },
      ])
      .execute();
  }
  const provs = new Map<string, string>();
  for (const pr of providers) {
    const id = uuidv7();
    provs.set(pr.items[0], id);
    const joined = monthsAgo(today, pr.monthsAgo, p.int(1, 28));
    const end = `${Number(joined.slice(0, 4)) + 3}${joined.slice(4)}`;
    await db
      .insertInto('service_provider', [
        {
          id,
          name: pr.name,
          contact_name: pr.contact,
          ...sealPhone(`13${p.int(0, 9)}${String(p.int(0, 99_999_999)).padStart(8, '0')}`, k),
          address: null,
          agreement_no: `FW-${joined.slice(0, 4)}-${String(providers.indexOf(pr) + 1).padStart(3, '0')}`,
          agreement_start: joined,
          agreement_end: end,
          hours: pr.hours,
          prices: pr.prices,
          joined_date: joined,
          left_date: null,
          notes: null,
          created_at: createdAt,
          updated_at: createdAt,
        },
      ])
      .execute();
    await db.insertInto('service_provider_item', pr.items.map((code) => ({ provider_id: id, item_id: items.get(code)! }))).execute();
  }
  return { items, provs };
}

async function communityUsers(ctx: DemoContext, communityId: string) {
  return ctx.db.kysely
    .selectFrom('app_user')
    .innerJoin('user_grant', 'user_grant.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.display_name', 'user_grant.role'])
    .where('user_grant.community_id', '=', communityId)
    .orderBy('app_user.username')
    .execute();
}

/** Residents with a care tag that calls for help at home, oldest first, one per household. */
async function careResidents(ctx: DemoContext, communityId: string) {
  const rows = await ctx.db.kysely
    .selectFrom('care_tag')
    .innerJoin('resident', (j) => j.onRef('resident.community_id', '=', 'care_tag.community_id').onRef('resident.id', '=', 'care_tag.resident_id'))
    .select(['resident.id', 'resident.household_id', 'resident.birth_date', 'care_tag.tag'])
    .where('care_tag.community_id', '=', communityId)
    .where('care_tag.tag', 'in', ['living_alone', 'empty_nest', 'disabled'])
    .where('care_tag.end_date', 'is', null)
    .where('resident.status', '=', 'active')
    .orderBy('resident.birth_date')
    .orderBy('resident.id')
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.household_id) ? false : (seen.add(r.household_id), true)));
}

interface NeedPlan {
  item: string;
  provider: string;
  freq: 'daily' | 'weekdays' | 'weekly' | 'biweekly' | 'monthly';
  weekdays?: number[];
  monthDay?: number;
  /** days before today the schedule started */
  since: number;
  /** days before today it ended (the client moved into a care home …) */
  endedAgo?: number;
  slot: string;
}

/**
 * The door-to-door register, its schedules and the log they produced. `plans[i]` is the i-th
 * client's services. Today's visits are left for the volunteers to tick.
 */
async function door(
  db: ScopedDb,
  p: Pick,
  today: string,
  createdAt: string,
  people: { id: string; household_id: string }[],
  plans: NeedPlan[][],
  notes: (string | null)[],
  items: Map<string, string>,
  providers: Map<string, { id: string; by: string; userId: string | null }>,
) {
  const yesterday = addDays(today, -1);
  for (const [i, plan] of plans.entries()) {
    const r = people[i];
    if (!r) break;
    const start = addDays(today, -Math.max(...plan.map((n) => n.since)) - p.int(0, 6));
    const endedAgo = plan.every((n) => n.endedAgo !== undefined) ? Math.min(...plan.map((n) => n.endedAgo!)) : undefined;
    const clientId = uuidv7();
    await db
      .insertInto('door_client', [
        {
          id: clientId,
          resident_id: r.id,
          registered_date: start,
          ended_date: endedAgo !== undefined ? addDays(today, -endedAgo + 1) : null,
          end_reason: endedAgo !== undefined ? '入住养老院' : null,
          note: notes[i] ?? null,
          created_at: createdAt,
          updated_at: createdAt,
        },
      ])
      .execute();
    for (const n of plan) {
      const needId = uuidv7();
      const prov = providers.get(n.provider)!;
      const rule = {
        freq: n.freq,
        weekdays: parseWeekdays((n.weekdays ?? []).join(',')),
        monthDay: n.monthDay ?? null,
        startDate: addDays(today, -n.since),
        endDate: n.endedAgo !== undefined ? addDays(today, -n.endedAgo) : null,
      };
      await db
        .insertInto('door_need', [
          {
            id: needId,
            client_id: clientId,
            item_id: items.get(n.item)!,
            provider_id: prov.id,
            freq: n.freq,
            weekdays: n.weekdays ? n.weekdays.join(',') : null,
            month_day: n.monthDay ?? null,
            start_date: rule.startDate,
            end_date: rule.endDate,
            time_slot: n.slot,
            note: null,
            created_at: createdAt,
            updated_at: createdAt,
          },
        ])
        .execute();
      const days = occurrences(rule, rule.startDate, yesterday);
      const rows = days.map((d) => {
        const roll = p.int(1, 100);
        const outcome = roll <= 3 ? 'not_home' : roll === 4 ? 'refused' : 'done';
        const base = Number(n.slot.slice(0, 2)) * 60 + Number(n.slot.slice(3, 5));
        return {
          id: uuidv7(),
          client_id: clientId,
          need_id: needId,
          resident_id: r.id,
          household_id: r.household_id,
          item_id: items.get(n.item)!,
          provider_id: prov.id,
          date: d,
          outcome,
          logged_at: at(d, hhmm(base + p.int(0, 40))),
          logged_by: prov.userId,
          logged_by_name: prov.by,
          note: outcome === 'not_home' ? p.one(['敲门无人应答，已电话联系子女', '老人去医院复查']) : outcome === 'refused' ? '老人说今天不需要' : null,
          created_at: createdAt,
        };
      });
      if (rows.length) await db.insertMany('door_delivery', rows);
    }
  }
}

const TICKET_TEXTS: Record<string, string[]> = {
  labour: ['咨询失业登记需要带什么材料', '想报名参加社区组织的育婴师培训', '询问灵活就业人员社保补贴怎么申请'],
  family_planning: ['办理生育登记', '咨询独生子女父母奖励费领取', '开具流动人口婚育证明'],
  civil_affairs: ['申请高龄津贴', '家里老人行动不便，咨询残疾人证办理', '询问临时救助申请条件'],
  household_registration: ['开具居住证明', '孩子上学需要户籍证明', '咨询外地老人随迁落户'],
  sanitation: ['楼道堆放杂物，影响通行', '垃圾桶满了没人清运', '楼前绿地有人私自种菜', '单元门口下水道堵了有异味'],
  party_service: ['在职党员报到登记', '组织关系转入社区', '咨询党费缴纳标准'],
  vegetables: ['老人腿脚不便，想每周订菜送上门', '菜站能不能增加豆制品'],
  haircut: ['卧床老人需要上门理发', '咨询理发室营业时间'],
  water: ['订两桶水送到家', '水站送水没有按约定时间到'],
  waste: ['家里有旧报纸纸箱，请上门回收', '旧家具想请回收站上门拉走'],
  repair: ['热水器不出热水，请上门维修', '家里电灯不亮，老人不会换灯管', '洗衣机漏水', '水龙头滴水'],
  meals: ['独居老人想订午餐送上门', '送餐时间能否提前到11点'],
  medical: ['老人血压偏高，请医生上门看看', '咨询家庭医生签约'],
  legal_aid: ['房屋买卖合同纠纷咨询', '赡养费纠纷，想请律师帮忙', '遗嘱怎么写才有效'],
  insurance: ['咨询老年人意外险', '医保报销流程咨询'],
  payment: ['缴费终端不能交燃气费', '咨询缴费终端能否交有线电视费'],
  housekeeping: ['请钟点工打扫卫生', '春节前大扫除预约'],
};
const RESULTS = ['已上门处理完毕', '已电话答复，居民表示清楚了', '已联系服务商上门解决', '已协调物业处理', '已办理完毕，材料已交居民'];
const COMMENTS = ['很及时，谢谢', '态度很好', '解决得很快', '满意', null, null, '希望以后也这么快', '服务商上门有点晚，总体满意'];
const CLOSE_REASONS = ['属物业公司职责，已告知居民联系物业', '居民撤回诉求', '超出社区服务范围，已告知向区相关部门反映'];
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['女士', '先生', '阿姨', '大爷', '师傅'];

async function tickets(
  db: ScopedDb,
  p: Pick,
  k: ReturnType<typeof keyringFor>,
  now: Date,
  count: number,
  items: Map<string, string>,
  hours: Map<string, number>,
  providers: Map<string, string>,
  staff: { id: string; name: string }[],
  residents: { id: string; name: string }[],
) {
  const today = chinaDate(now);
  const codes = [...items.keys()];
  const start = Date.parse(`${addDays(today, -729)}T00:00:00+08:00`);
  // office hours, China time
  const stamps = Array.from({ length: count }, () => start + p.int(0, 728) * 86_400_000 + p.int(8 * 60, 17 * 60) * 60_000).filter((t) => t < now.getTime() - 4 * 86_400_000);
  // the last few days' calls are still being worked on; the oldest of them have run past their limit
  const open = new Set(
    ([[0, '09:05'], [1, '15:40'], [1, '10:20'], [2, '16:10'], [3, '09:30'], [4, '14:45'], [5, '11:00']] as const)
      .map(([d, hm]) => Date.parse(`${addDays(today, -d)}T${hm}:00+08:00`))
      .filter((t) => t < now.getTime() - 30 * 60_000),
  );
  stamps.push(...open);
  stamps.sort((a, b) => a - b);
  const seq = new Map<string, number>();
  for (const t0 of stamps) {
    const code = p.one(codes);
    const itemId = items.get(code)!;
    const accepted = new Date(t0).toISOString();
    const year = chinaDate(new Date(t0)).slice(0, 4);
    seq.set(year, (seq.get(year) ?? 0) + 1);
    const limit = hours.get(code)!;
    const due = new Date(t0 + limit * 3_600_000).toISOString();
    const channel = p.chance(0.45) ? 'hotline' : p.chance(0.75) ? 'desk' : 'online';
    const resident = p.chance(0.75) ? p.one(residents) : null;
    const caller = resident?.name ?? `${p.one(SURNAMES)}${p.one(GIVEN)}`;
    const phone = !resident || p.chance(0.3) ? `1${p.one(['3', '5', '8'])}${p.int(0, 9)}${String(p.int(0, 99_999_999)).padStart(8, '0')}` : null;
    const provider = providers.get(code);
    const assignee = provider && p.chance(0.7) ? { userId: null, providerId: provider, name: '' } : { ...p.one(staff), providerId: null };
    const assigneeName = assignee.providerId ? '' : (assignee as { name: string }).name;
    const events: { kind: string; from: string | null; to: string | null; at: number; note: string | null; by: { id: string | null; name: string } }[] = [];
    const desk = p.one(staff);
    const by = { id: desk.id, name: desk.name };
    const age = now.getTime() - t0;
    // finishing: most within the limit, some late; the newest may still be open
    const tAssigned = t0 + p.int(5, 120) * 60_000;
    const onTime = p.chance(0.9);
    const stillOpen = open.has(t0);
    const tDone = onTime ? t0 + Math.floor(limit * 3_600_000 * (0.1 + 0.8 * p.int(0, 100) / 100)) : t0 + Math.floor(limit * 3_600_000 * (1.1 + p.int(0, 100) / 100));
    const closed = p.chance(0.04);
    const tFollow = tDone + p.int(1, 3) * 86_400_000;
    const description = p.one(TICKET_TEXTS[code] ?? ['咨询']);
    events.push({ kind: 'created', from: null, to: 'accepted', at: t0, note: description, by });
    let status = 'accepted';
    const row = {
      id: uuidv7(),
      number: `${year}-${String(seq.get(year)).padStart(4, '0')}`,
      channel,
      resident_id: resident?.id ?? null,
      caller_name: caller,
      ...sealPhone(phone, k),
      address: null as string | null,
      item_id: itemId,
      description,
      status,
      assignee_user_id: null as string | null,
      assignee_provider_id: null as string | null,
      assignee_name: null as string | null,
      accepted_at: accepted,
      due_at: due,
      assigned_at: null as string | null,
      started_at: null as string | null,
      done_at: null as string | null,
      result: null as string | null,
      followed_up_at: null as string | null,
      satisfaction: null as number | null,
      follow_up_comment: null as string | null,
      closed_at: null as string | null,
      close_reason: null as string | null,
      created_by: by.id,
      created_by_name: by.name,
      updated_at: accepted,
    };
    if (!row.resident_id && !phone) row.address = '社区内';
    const iso = (t: number) => new Date(t).toISOString();
    // the newest call waits at the desk for someone to take it
    if (tAssigned < now.getTime() && !(stillOpen && age < 12 * 3_600_000)) {
      const name = assignee.providerId ? [...providers.entries()].find(([, v]) => v === assignee.providerId)![0] : assigneeName;
      const provName = assignee.providerId ? PROVIDER_NAME.get(assignee.providerId) ?? name : assigneeName;
      Object.assign(row, { status: 'assigned', assignee_user_id: assignee.providerId ? null : assignee.userId, assignee_provider_id: assignee.providerId, assignee_name: provName, assigned_at: iso(tAssigned), updated_at: iso(tAssigned) });
      events.push({ kind: 'assigned', from: 'accepted', to: 'assigned', at: tAssigned, note: provName, by });
      status = 'assigned';
    }
    if (closed && !stillOpen && age > 3 * 86_400_000) {
      const tc = tAssigned + p.int(2, 30) * 3_600_000;
      const reason = p.one(CLOSE_REASONS);
      Object.assign(row, { status: 'closed', closed_at: iso(tc), close_reason: reason, updated_at: iso(tc) });
      events.push({ kind: 'closed', from: status, to: 'closed', at: tc, note: reason, by });
    } else if (status === 'assigned') {
      const tStart = tAssigned + Math.floor((tDone - tAssigned) / 3);
      if (tStart < now.getTime()) {
        Object.assign(row, { status: 'in_progress', started_at: iso(tStart), updated_at: iso(tStart) });
        events.push({ kind: 'started', from: 'assigned', to: 'in_progress', at: tStart, note: null, by });
      }
      if (tDone < now.getTime() && !stillOpen) {
        const result = p.one(RESULTS);
        Object.assign(row, { status: 'done', done_at: iso(tDone), result, updated_at: iso(tDone) });
        events.push({ kind: 'done', from: 'in_progress', to: 'done', at: tDone, note: result, by });
        if (tFollow < now.getTime()) {
          const roll = p.int(1, 100);
          const sat = roll <= 62 ? 5 : roll <= 92 ? 4 : roll <= 98 ? 3 : 2;
          const comment = p.one(COMMENTS);
          Object.assign(row, { status: 'followed_up', followed_up_at: iso(tFollow), satisfaction: sat, follow_up_comment: comment, updated_at: iso(tFollow) });
          events.push({ kind: 'followed_up', from: 'done', to: 'followed_up', at: tFollow, note: `满意度 ${sat}/5${comment ? `：${comment}` : ''}`, by });
        }
      }
    }
    await db.insertInto('service_ticket', [row]).execute();
    await db.insertMany(
      'service_ticket_event',
      events.map((e) => ({ id: uuidv7(), ticket_id: row.id, at: iso(e.at), kind: e.kind, from_status: e.from, to_status: e.to, note: e.note, by_user: e.by.id, by_name: e.by.name })),
    );
  }
}
const PROVIDER_NAME = new Map<string, string>();

async function residentsOf(ctx: DemoContext, communityId: string, p: Pick, n: number) {
  const rows = await ctx.db.kysely
    .selectFrom('resident')
    .select(['id', 'name'])
    .where('community_id', '=', communityId)
    .where('status', '=', 'active')
    .where('relation_to_head', '=', 'head')
    .orderBy('id')
    .execute();
  return p.shuffle(rows).slice(0, n);
}

async function seedCommunity(
  ctx: DemoContext,
  p: Pick,
  key: 'yili' | 'chunhui',
  opts: { hall: ItemDef[]; station: ItemDef[]; providers: ProviderDef[]; tickets: number },
) {
  const communityId = ctx.communities[key].id;
  const db = scopedDb(ctx.db.kysely, communityId);
  const k = keyringFor(ctx.config.dataDir);
  const today = chinaDate(ctx.today);
  const createdAt = new Date(Date.parse(`${addDays(today, -730)}T09:00:00+08:00`)).toISOString();
  const users = await communityUsers(ctx, communityId);
  const staffIds = new Map(users.filter((u) => u.role === 'staff' || u.role === 'secretary').map((u) => [u.display_name, u.id]));
  const { items, provs } = await catalogue(db, p, k, [...opts.hall, ...opts.station], opts.providers, today, staffIds, createdAt);
  for (const pr of opts.providers) PROVIDER_NAME.set(provs.get(pr.items[0])!, pr.name);
  const hours = new Map([...opts.hall, ...opts.station].map((d) => [d.code, d.hours]));
  const staff = users.filter((u) => u.role === 'staff' || u.role === 'secretary').map((u) => ({ id: u.id, name: u.display_name }));
  await tickets(db, p, k, ctx.today, opts.tickets, items, hours, provs, staff, await residentsOf(ctx, communityId, p, 120));
  return { db, items, provs, users, today, createdAt, k };
}

async function doorProviders(db: ScopedDb, createdAt: string, defs: { key: string; kind: string; name: string; userId?: string | null; providerId?: string | null }[]) {
  const out = new Map<string, { id: string; by: string; userId: string | null }>();
  for (const d of defs) {
    const id = uuidv7();
    await db
      .insertInto('door_provider', [
        { id, kind: d.kind, name: d.name, user_id: d.userId ?? null, service_provider_id: d.providerId ?? null, phone_enc: null, phone_hash: null, phone_tail: null, active: 1, created_at: createdAt, updated_at: createdAt },
      ])
      .execute();
    out.set(d.key, { id, by: d.name, userId: d.userId ?? null });
  }
  return out;
}

export async function seedDemo(ctx: DemoContext): Promise<void> {
  const p = new Pick(ctx.random);

  // 怡丽北园: hall of six services, a station of eleven with eleven providers, door-to-door service
  const yili = await seedCommunity(ctx, p, 'yili', {
    hall: HALL(false, ['王社工', '吴主任', '王社工', '李秀兰', '张建国', '吴主任']),
    station: YILI_STATION,
    providers: YILI_PROVIDERS,
    tickets: 150,
  });
  const uid = (name: string) => yili.users.find((u) => u.display_name === name)?.id ?? null;
  const providers = await doorProviders(yili.db, yili.createdAt, [
    { key: 'staff', kind: 'staff', name: '王社工', userId: uid('王社工') },
    { key: 'leader', kind: 'volunteer', name: '赵楼长', userId: uid('赵楼长') },
    { key: 'liu', kind: 'volunteer', name: '刘桂芝' },
    { key: 'barber', kind: 'provider', name: '巧手理发室', providerId: yili.provs.get('haircut') },
    { key: 'meals', kind: 'provider', name: '康乐老年餐桌', providerId: yili.provs.get('meals') },
    { key: 'waste', kind: 'provider', name: '海淀再生资源回收点', providerId: yili.provs.get('waste') },
  ]);
  const people = await careResidents(ctx, ctx.communities.yili.id);
  const veg = (since: number, wd: number[], endedAgo?: number): NeedPlan => ({ item: 'vegetables', provider: 'liu', freq: 'weekly', weekdays: wd, since, endedAgo, slot: '09:00' });
  const hair = (since: number, day: number, endedAgo?: number): NeedPlan => ({ item: 'haircut', provider: 'barber', freq: 'monthly', monthDay: day, since, endedAgo, slot: '14:30' });
  const waste = (since: number, wd: number, endedAgo?: number): NeedPlan => ({ item: 'waste', provider: 'waste', freq: 'biweekly', weekdays: [wd], since, endedAgo, slot: '10:00' });
  const meals = (since: number, provider = 'leader', freq: NeedPlan['freq'] = 'daily'): NeedPlan => ({ item: 'meals', provider, freq, since, slot: '11:30' });
  // who gets what: the oldest first; the volunteer 赵楼长 brings lunch every day to two elders near 3号楼
  const plans: NeedPlan[][] = [
    [meals(21), hair(400, 8)],
    [meals(14), veg(200, [2])],
    [veg(480, [2]), hair(600, 12)],
    [veg(420, [5]), waste(330, 6)],
    [hair(540, 15), waste(480, 6)],
    [veg(20, [5]), hair(360, 20)],
    [waste(400, 3), hair(300, 25)],
    [meals(120, 'meals', 'weekdays'), hair(240, 5)],
    [veg(560, [2], 200), hair(560, 10, 200)],
    [waste(150, 3)],
    [hair(180, 18)],
    [{ item: 'meals', provider: 'staff', freq: 'weekly', weekdays: [1, 4], since: 90, slot: '11:30' }],
  ];
  const notes = ['耳背，敲门要大声', '女儿在外地，紧急联系人：女儿', null, '腿脚不便，送到屋里', null, '糖尿病，送餐少糖', null, null, null, null, '卧床，理发需上门', null];
  await door(yili.db, p, yili.today, yili.createdAt, people, plans, notes, yili.items, providers);

  // 春晖: the one-stop hall of five services with duties posted, the 阳光服务驿站, the hotline
  const chunhui = await seedCommunity(ctx, p, 'chunhui', {
    hall: HALL(true, ['周社工', '沈书记', '周社工', '钱丽萍', '徐卫东', '沈书记']).filter((h) => h.code !== 'household_registration'),
    station: CHUNHUI_STATION,
    providers: CHUNHUI_PROVIDERS,
    tickets: 200,
  });
  const cuid = (name: string) => chunhui.users.find((u) => u.display_name === name)?.id ?? null;
  const cprov = await doorProviders(chunhui.db, chunhui.createdAt, [
    { key: 'staff', kind: 'staff', name: '周社工', userId: cuid('周社工') },
    { key: 'team', kind: 'volunteer', name: '党员义工理发队' },
    { key: 'meals', kind: 'provider', name: '阳光老年食堂', providerId: chunhui.provs.get('meals') },
  ]);
  const cpeople = await careResidents(ctx, ctx.communities.chunhui.id);
  const cplans: NeedPlan[][] = [
    [{ item: 'meals', provider: 'meals', freq: 'weekdays', since: 60, slot: '11:15' }],
    [{ item: 'haircut', provider: 'team', freq: 'monthly', monthDay: 6, since: 300, slot: '09:00' }],
    [{ item: 'haircut', provider: 'team', freq: 'monthly', monthDay: 6, since: 200, slot: '09:30' }],
    [{ item: 'meals', provider: 'staff', freq: 'weekly', weekdays: [3], since: 150, slot: '11:15' }],
  ];
  await door(chunhui.db, p, chunhui.today, chunhui.createdAt, cpeople, cplans, [], chunhui.items, cprov);
}
