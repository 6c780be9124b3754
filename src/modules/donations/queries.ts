import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../core/db/schema';
import type { ScopedDb } from '../../core/access';
import { periodQuery } from '../../core/http/period';
import type { ReportSection } from '../../core/module';
import { fenToYuan, type Drive, type Gift, type Totals } from './schema';
import type { DonationDriveTable, DonationGiftTable } from './tables';
import './tables';

export const ANONYMOUS = { zh: '爱心人士', en: 'A kind donor' } as const;

/** one donor counted once per drive: a resident by id, a unit by name, each anonymous gift alone */
const donorKey = sql<string>`case donation_gift.donor_kind when 'resident' then 'r:' || donation_gift.resident_id when 'unit' then 'u:' || donation_gift.donor_name else 'a:' || donation_gift.id end`;

const emptyTotals = (): Totals => ({ moneyFen: 0, money: '0.00', goodsLines: 0, gifts: 0, donors: 0 });

/** A period of gift dates (both days included); either end may be open. */
export interface Period {
  from?: string;
  to?: string;
}
const inPeriod = (p: Period) => (eb: ExpressionBuilder<Database, 'donation_gift'>) =>
  eb.and([...(p.from ? [eb('donation_gift.given_on', '>=', p.from)] : []), ...(p.to ? [eb('donation_gift.given_on', '<=', p.to)] : [])]);

/** Money (in fen), goods lines, gifts and donors of each drive, summed in SQL from the gifts (those given in `period` when one is given). */
export async function driveTotals(db: ScopedDb, driveIds: string[], period: Period = {}): Promise<Map<string, Totals>> {
  const out = new Map<string, Totals>(driveIds.map((id) => [id, emptyTotals()]));
  if (!driveIds.length) return out;
  const rows = await db
    .selectFrom('donation_gift')
    .select((eb) => [
      'donation_gift.drive_id',
      eb.fn.coalesce(eb.fn.sum<number>('donation_gift.amount_fen'), sql<number>`0`).as('fen'),
      eb.fn.sum<number>(sql`case when donation_gift.kind = 'goods' then 1 else 0 end`).as('goods'),
      eb.fn.countAll<number>().as('gifts'),
      sql<number>`count(distinct ${donorKey})`.as('donors'),
    ])
    .where('donation_gift.drive_id', 'in', driveIds)
    .where(inPeriod(period))
    .groupBy('donation_gift.drive_id')
    .execute();
  for (const r of rows) {
    const fen = Number(r.fen);
    out.set(r.drive_id, { moneyFen: fen, money: fenToYuan(fen), goodsLines: Number(r.goods ?? 0), gifts: Number(r.gifts), donors: Number(r.donors) });
  }
  return out;
}

/**
 * The gifts of a period across every drive: money, goods lines, gifts, and donors each counted once
 * (a resident by id, a unit by name, each anonymous gift alone) — what the work report counts.
 */
export async function periodTotals(db: ScopedDb, period: Period): Promise<Totals> {
  const r = await db
    .selectFrom('donation_gift')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('donation_gift.amount_fen'), sql<number>`0`).as('fen'),
      eb.fn.sum<number>(sql`case when donation_gift.kind = 'goods' then 1 else 0 end`).as('goods'),
      eb.fn.countAll<number>().as('gifts'),
      sql<number>`count(distinct ${donorKey})`.as('donors'),
    ])
    .where(inPeriod(period))
    .executeTakeFirstOrThrow();
  const fen = Number(r.fen);
  return { moneyFen: fen, money: fenToYuan(fen), goodsLines: Number(r.goods ?? 0), gifts: Number(r.gifts), donors: Number(r.donors) };
}

/**
 * The drives of a period: those running in it (started by its end, not ended before its start) and
 * those that received a gift in it — the drives the work report counts.
 */
function drivesOf(db: ScopedDb, period: Period) {
  let q = db.selectFrom('donation_drive');
  if (!period.from && !period.to) return q;
  q = q.where((eb) =>
    eb.or([
      eb.and([
        ...(period.to ? [eb('donation_drive.start_date', '<=', period.to)] : []),
        ...(period.from ? [eb.or([eb('donation_drive.end_date', 'is', null), eb('donation_drive.end_date', '>=', period.from)])] : []),
      ]),
      eb.exists(
        eb
          .selectFrom('donation_gift')
          .select('donation_gift.id')
          .whereRef('donation_gift.community_id', '=', 'donation_drive.community_id')
          .whereRef('donation_gift.drive_id', '=', 'donation_drive.id')
          .where(inPeriod(period)),
      ),
    ]),
  );
  return q;
}

export const driveOut = (d: DonationDriveTable, totals: Totals): Drive => ({
  id: d.id,
  title: d.title,
  purpose: d.purpose,
  startDate: d.start_date,
  endDate: d.end_date,
  status: d.status as Drive['status'],
  totals,
});

export async function findDrive(db: ScopedDb, id: string) {
  return db.selectFrom('donation_drive').selectAll().where('donation_drive.id', '=', id).executeTakeFirst();
}

/**
 * Drives, newest first, with their totals — every drive with all its gifts, or a period's drives with
 * the gifts given in the period; `totals` adds up the same gifts over the list (donors counted once).
 */
export async function listDrives(db: ScopedDb, page: number, pageSize: number, period: Period = {}) {
  const total = Number((await drivesOf(db, period).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await drivesOf(db, period)
    .selectAll()
    .orderBy('donation_drive.start_date', 'desc')
    .orderBy('donation_drive.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const totals = await driveTotals(
    db,
    rows.map((r) => r.id),
    period,
  );
  return { items: rows.map((r) => driveOut(r, totals.get(r.id) ?? emptyTotals())), total, page, pageSize, totals: await periodTotals(db, period) };
}

export const giftOut = (g: DonationGiftTable): Gift => ({
  id: g.id,
  driveId: g.drive_id,
  donorKind: g.donor_kind as Gift['donorKind'],
  residentId: g.resident_id,
  donor: g.donor_kind === 'anonymous' || !g.donor_name ? ANONYMOUS.zh : g.donor_name,
  kind: g.kind as Gift['kind'],
  amountFen: g.amount_fen,
  amount: g.amount_fen === null ? null : fenToYuan(g.amount_fen),
  goods: g.goods,
  quantity: g.quantity,
  unit: g.unit,
  givenOn: g.given_on,
  note: g.note,
});

/** The drive's gifts, oldest first (the order of the public notice); a page of them, or all when `page` is null. */
export async function listGifts(db: ScopedDb, driveId: string, page: { page: number; pageSize: number } | null) {
  const total = Number(
    (await db.selectFrom('donation_gift').select((eb) => eb.fn.countAll<number>().as('n')).where('donation_gift.drive_id', '=', driveId).executeTakeFirstOrThrow()).n,
  );
  let q = db.selectFrom('donation_gift').selectAll().where('donation_gift.drive_id', '=', driveId).orderBy('donation_gift.given_on').orderBy('donation_gift.id');
  if (page) q = q.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  return { items: (await q.execute()).map(giftOut), total };
}

/** 捐款捐物 in the work report over [from, to]: gifts given in the period, and the drives running or receiving gifts in it. */
export async function donationsSection(db: ScopedDb, from: string, to: string): Promise<ReportSection> {
  const totals = await periodTotals(db, { from, to });
  const drives = await drivesOf(db, { from, to }).selectAll().orderBy('donation_drive.start_date').execute();
  const per = await driveTotals(
    db,
    drives.map((d) => d.id),
  );
  // the drives list of the period shows these drives, with the period's gifts and the same totals
  const link = `donations?${periodQuery(from, to)}`;
  const best = drives.map((d) => ({ d, t: per.get(d.id) ?? emptyTotals() })).sort((a, b) => b.t.moneyFen - a.t.moneyFen || b.t.gifts - a.t.gifts)[0];
  return {
    title: { zh: '捐款捐物', en: 'Donations' },
    figures: [
      { key: 'drives', label: { zh: '募捐活动', en: 'Donation drives' }, value: drives.length, unit: { zh: '次', en: '' }, link },
      { key: 'money', label: { zh: '募集善款', en: 'Money raised' }, value: totals.money, unit: { zh: '元', en: 'yuan' }, link },
      { key: 'goods', label: { zh: '捐赠物资', en: 'Goods given' }, value: totals.goodsLines, unit: { zh: '批', en: 'lots' }, link },
      { key: 'donors', label: { zh: '捐赠人次', en: 'Donors' }, value: totals.donors, unit: { zh: '人（家）', en: '' }, link },
    ],
    highlights:
      best && best.t.gifts > 0
        ? [
            {
              key: `drive-${best.d.id}`,
              text: {
                zh: `组织「${best.d.title}」募捐，${best.t.donors}位（家）爱心人士和单位捐款${best.t.money}元、捐物${best.t.goodsLines}批。`,
                en: `The drive “${best.d.title}” raised ${best.t.money} yuan and ${best.t.goodsLines} lots of goods from ${best.t.donors} donors.`,
              },
              date: best.d.start_date,
              link: `donations/drives/${best.d.id}`,
            },
          ]
        : [],
  };
}
