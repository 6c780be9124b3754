import { scopedDb } from '../../core/access';
import { uuidv7 } from '../../core/ids';
import type { DemoContext } from '../../core/module';
import { chinaDate } from '../registry';
import './tables';

/**
 * Donation drives in the two seed communities, deterministic (ctx.random), within the two years
 * before the seed day: a closed drive for a flood-hit area and an open 慈善一日捐 in each, with gifts
 * from registry residents, units nearby and anonymous donors. The report's figures are summed from them.
 */
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface DriveDef {
  title: string;
  purpose: string;
  startAgo: number;
  days: number;
  closed: boolean;
  gifts: number;
  units: string[];
  goods: [string, string][];
}

const DRIVES: Record<string, DriveDef[]> = {
  yili: [
    {
      title: '支援防汛救灾募捐',
      purpose: '为受洪涝灾害地区群众筹集善款和生活物资，由街道统一转交。',
      startAgo: 480,
      days: 20,
      closed: true,
      gifts: 46,
      units: ['康乐老年餐桌', '巧手理发室', '海淀再生资源回收点'],
      goods: [['棉被', '床'], ['矿泉水', '箱'], ['方便面', '箱'], ['冬衣', '件']],
    },
    { title: '幸福工程·救助贫困母亲捐款', purpose: '帮助社区和对口帮扶地区的贫困母亲发展生产、改善生活。', startAgo: 40, days: 60, closed: false, gifts: 28, units: ['社区卫生服务站'], goods: [['大米', '袋'], ['食用油', '桶']] },
  ],
  chunhui: [
    {
      title: '驰援地震灾区爱心捐赠',
      purpose: '为地震灾区群众筹集善款和过冬物资。',
      startAgo: 300,
      days: 15,
      closed: true,
      gifts: 24,
      units: ['阳光老年食堂', '春晖物业服务中心'],
      goods: [['羽绒服', '件'], ['棉被', '床']],
    },
    { title: '困难家庭助学捐款', purpose: '资助社区低保、困难家庭子女秋季入学。', startAgo: 90, days: 30, closed: true, gifts: 15, units: [], goods: [['书包', '个'], ['文具', '套']] },
  ],
};

export async function seedDemo(ctx: DemoContext): Promise<void> {
  const r = ctx.random;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const one = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const today = chinaDate(ctx.today);
  for (const [key, defs] of Object.entries(DRIVES)) {
    const c = ctx.communities[key];
    if (!c) continue;
    const db = scopedDb(ctx.db.kysely, c.id);
    const residents = await ctx.db.kysely
      .selectFrom('resident')
      .select(['id', 'name'])
      .where('community_id', '=', c.id)
      .where('status', '=', 'active')
      // ids carry random bits; name and birth date keep the draw the same on every seed
      .orderBy('name')
      .orderBy('birth_date')
      .orderBy('id')
      .execute();
    for (const d of defs) {
      const start = addDays(today, -d.startAgo);
      const end = addDays(start, d.days);
      const lastDay = end < today ? end : today;
      const span = Math.max(0, Math.round((Date.parse(lastDay) - Date.parse(start)) / 86_400_000));
      const driveId = uuidv7();
      const created = new Date(Date.parse(`${start}T09:00:00+08:00`)).toISOString();
      await db
        .insertInto('donation_drive', [{ id: driveId, title: d.title, purpose: d.purpose, start_date: start, end_date: end, status: d.closed ? 'closed' : 'open', created_at: created, updated_at: created }])
        .execute();
      const gifts = [];
      for (let i = 0; i < d.gifts; i++) {
        const roll = r();
        const donor =
          d.units.length && roll < 0.15
            ? { donor_kind: 'unit', resident_id: null, donor_name: one(d.units) }
            : roll < 0.3 || !residents.length
              ? { donor_kind: 'anonymous', resident_id: null, donor_name: null }
              : (() => {
                  const p = one(residents);
                  return { donor_kind: 'resident', resident_id: p.id, donor_name: p.name };
                })();
        const goods = d.goods.length && r() < 0.2 ? one(d.goods) : null;
        const givenOn = addDays(start, int(0, span));
        gifts.push({
          id: uuidv7(),
          drive_id: driveId,
          ...donor,
          kind: goods ? 'goods' : 'money',
          amount_fen: goods ? null : donor.donor_kind === 'unit' ? int(5, 30) * 10_000 : one([2000, 5000, 5000, 10_000, 10_000, 20_000, 50_000, 8850, 16_600]),
          goods: goods ? goods[0] : null,
          quantity: goods ? int(2, 20) : null,
          unit: goods ? goods[1] : null,
          given_on: givenOn,
          note: null,
          recorded_by: null,
          created_at: new Date(Date.parse(`${givenOn}T10:00:00+08:00`)).toISOString(),
        });
      }
      await db.insertMany('donation_gift', gifts);
    }
  }
}
