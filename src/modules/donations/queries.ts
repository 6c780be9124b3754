import { sql } from 'kysely';
import type { ScopedDb } from '../../core/access';
import type { ReportSection } from '../../core/module';
import { fenToYuan, type Drive, type Gift, type Totals } from './schema';
import type { DonationDriveTable, DonationGiftTable } from './tables';
import './tables';

export const ANONYMOUS = { zh: '爱心人士', en: 'A kind donor' } as const;

/** one donor counted once per drive: a resident by id, a unit by name, each anonymous gift alone */
const donorKey = sql<string>`case donation_gift.donor_kind when 'resident' then 'r:' || donation_gift.resident_id when 'unit' then 'u:' || donation_gift.donor_name else 'a:' || donation_gift.id end`;

const emptyTotals = (): Totals => ({ moneyFen: 0, money: '0.00', goodsLines: 0, gifts: 0, donors: 0 });

/** Money (in fen), goods lines, gifts and donors of each drive, summed in SQL from the gifts. */
export async function driveTotals(db: ScopedDb, driveIds: string[]): Promise<Map<string, Totals>> {
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
    .groupBy('donation_gift.drive_id')
    .execute();
  for (const r of rows) {
    const fen = Number(r.fen);
    out.set(r.drive_id, { moneyFen: fen, money: fenToYuan(fen), goodsLines: Number(r.goods ?? 0), gifts: Number(r.gifts), donors: Number(r.donors) });
  }
  return out;
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

export async function listDrives(db: ScopedDb, page: number, pageSize: number) {
  const total = Number((await db.selectFrom('donation_drive').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await db
    .selectFrom('donation_drive')
    .selectAll()
    .orderBy('donation_drive.start_date', 'desc')
    .orderBy('donation_drive.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const totals = await driveTotals(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => driveOut(r, totals.get(r.id) ?? emptyTotals())), total, page, pageSize };
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

/** 捐款捐物 in the work report over [from, to]: gifts given in the period, and the drives they went to. */
export async function donationsSection(db: ScopedDb, from: string, to: string): Promise<ReportSection> {
  const totals = await db
    .selectFrom('donation_gift')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('donation_gift.amount_fen'), sql<number>`0`).as('fen'),
      eb.fn.sum<number>(sql`case when donation_gift.kind = 'goods' then 1 else 0 end`).as('goods'),
      sql<number>`count(distinct ${donorKey})`.as('donors'),
    ])
    .where('donation_gift.given_on', '>=', from)
    .where('donation_gift.given_on', '<=', to)
    .executeTakeFirstOrThrow();
  const drives = await db
    .selectFrom('donation_drive')
    .selectAll()
    .where('donation_drive.start_date', '<=', to)
    .where((eb) => eb.or([eb('donation_drive.end_date', 'is', null), eb('donation_drive.end_date', '>=', from)]))
    .orderBy('donation_drive.start_date')
    .execute();
  const per = await driveTotals(
    db,
    drives.map((d) => d.id),
  );
  const fen = Number(totals.fen);
  const best = drives.map((d) => ({ d, t: per.get(d.id) ?? emptyTotals() })).sort((a, b) => b.t.moneyFen - a.t.moneyFen || b.t.gifts - a.t.gifts)[0];
  return {
    title: { zh: '捐款捐物', en: 'Donations' },
    figures: [
      { key: 'drives', label: { zh: '募捐活动', en: 'Donation drives' }, value: drives.length, unit: { zh: '次', en: '' }, link: 'donations' },
      { key: 'money', label: { zh: '募集善款', en: 'Money raised' }, value: fenToYuan(fen), unit: { zh: '元', en: 'yuan' }, link: 'donations' },
      { key: 'goods', label: { zh: '捐赠物资', en: 'Goods given' }, value: Number(totals.goods ?? 0), unit: { zh: '批', en: 'lots' }, link: 'donations' },
      { key: 'donors', label: { zh: '捐赠人次', en: 'Donors' }, value: Number(totals.donors), unit: { zh: '人（家）', en: '' }, link: 'donations' },
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
