import { checkPeriod } from '../../core/http/period';
import { z } from 'zod';
import { AppError, fieldError, notFound } from '../../core/errors';
import { communityRoute } from '../../core/http/route';
import { uuidv7 } from '../../core/ids';
import { chinaDate } from '../registry';
import { exportDrives, exportGifts } from './export';
import { driveOut, driveTotals, findDrive, giftOut, listDrives, listGifts } from './queries';
import { DriveExportQuery, DriveInput, DriveListQuery, DrivePageSchema, DrivePatch, DriveSchema, GiftInput, GiftPageSchema, GiftSchema, PageQuery, ReceiptSchema, yuanToFen, type GiftInputT } from './schema';
import type { ScopedDb } from '../../core/access';

const C = z.object({ communityId: z.string() });
const CId = C.extend({ id: z.string() });
const tags = ['donations'];
const P = '/communities/:communityId/donations';

async function driveOr404(db: ScopedDb, id: string) {
  const d = await findDrive(db, id);
  if (!d) throw notFound();
  return d;
}
async function fullDrive(db: ScopedDb, id: string) {
  const d = await driveOr404(db, id);
  const totals = (await driveTotals(db, [d.id])).get(d.id)!;
  return driveOut(d, totals);
}

/** The gift's columns, checked: money has an amount in yuan, goods a description, a named donor a name. */
async function giftColumns(db: ScopedDb, b: GiftInputT) {
  let donorName: string | null = null;
  let residentId: string | null = null;
  if (b.donorKind === 'resident') {
    const r = b.residentId ? await db.selectFrom('resident').select(['resident.id', 'resident.name']).where('resident.id', '=', b.residentId).executeTakeFirst() : undefined;
    if (!r) throw fieldError('residentId', 'DONATIONS_UNKNOWN_RESIDENT');
    residentId = r.id;
    donorName = r.name;
  } else if (b.donorKind === 'unit') {
    if (!b.donorName) throw fieldError('donorName', 'DONATIONS_DONOR_NAME_REQUIRED');
    donorName = b.donorName;
  }
  if (b.kind === 'money') {
    const fen = yuanToFen(b.amount ?? '');
    if (fen === null || fen <= 0) throw fieldError('amount', 'DONATIONS_BAD_AMOUNT');
    return { donor_kind: b.donorKind, resident_id: residentId, donor_name: donorName, kind: 'money', amount_fen: fen, goods: null, quantity: null, unit: null };
  }
  if (!b.goods) throw fieldError('goods', 'DONATIONS_GOODS_REQUIRED');
  if (!b.quantity) throw fieldError('quantity', 'DONATIONS_QUANTITY_REQUIRED');
  return { donor_kind: b.donorKind, resident_id: residentId, donor_name: donorName, kind: 'goods', amount_fen: null, goods: b.goods, quantity: b.quantity, unit: b.unit || null };
}


export const routes = [
  communityRoute({
    method: 'GET',
    url: `${P}/drives`,
    summary:
      '募捐活动 Drives with their totals, newest first, and the totals of the list (each donor once). from/to: a period of gift dates, both days included — the drives running in it or receiving gifts in it, each with the gifts given in the period',
    tags,
    permission: 'donations.read',
    schema: { params: C, querystring: DriveListQuery, response: DrivePageSchema },
    async handler(ctx) {
      const { page, pageSize, ...period } = ctx.query;
      return listDrives(ctx.db, page, pageSize, checkPeriod(period));
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/drives/export.xlsx`,
    summary: '导出募捐活动 The drives the list shows (every drive, or a period’s with its gifts) with their totals, as Excel',
    tags,
    permission: 'donations.read',
    schema: { params: C, querystring: DriveExportQuery },
    async handler(ctx) {
      const { from, to } = checkPeriod(ctx.query);
      const period = { from, to };
      return exportDrives((await listDrives(ctx.db, 1, 100_000, period)).items, ctx.lang, ctx.community.name, period);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/drives`,
    summary: '发起募捐 Open a drive',
    tags,
    permission: 'donations.manage',
    schema: { params: C, body: DriveInput, response: DriveSchema },
    async handler(ctx) {
      const b = ctx.body;
      if (b.endDate && b.endDate < b.startDate) throw fieldError('endDate', 'DONATIONS_END_BEFORE_START');
      const id = uuidv7();
      const now = ctx.now.toISOString();
      await ctx.db
        .insertInto('donation_drive', [{ id, title: b.title, purpose: b.purpose ?? null, start_date: b.startDate, end_date: b.endDate ?? null, status: 'open', created_at: now, updated_at: now }])
        .execute();
      return fullDrive(ctx.db, id);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/drives/:id`,
    summary: '募捐活动详情 A drive and its totals',
    tags,
    permission: 'donations.read',
    schema: { params: CId, response: DriveSchema },
    async handler(ctx) {
      return fullDrive(ctx.db, ctx.params.id);
    },
  }),
  communityRoute({
    method: 'PATCH',
    url: `${P}/drives/:id`,
    summary: '修改、结束或重开募捐 Edit, close or reopen a drive',
    tags,
    permission: 'donations.manage',
    schema: { params: CId, body: DrivePatch, response: DriveSchema },
    async handler(ctx) {
      const d = await driveOr404(ctx.db, ctx.params.id);
      const b = ctx.body;
      const start = b.startDate ?? d.start_date;
      const end = b.endDate === undefined ? d.end_date : b.endDate;
      if (end && end < start) throw fieldError('endDate', 'DONATIONS_END_BEFORE_START');
      await ctx.db
        .updateTable('donation_drive')
        .set({
          title: b.title ?? d.title,
          purpose: b.purpose === undefined ? d.purpose : b.purpose,
          start_date: start,
          end_date: end ?? null,
          status: b.status ?? d.status,
          updated_at: ctx.now.toISOString(),
        })
        .where('donation_drive.id', '=', d.id)
        .execute();
      return fullDrive(ctx.db, d.id);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/drives/:id/gifts`,
    summary: '捐赠登记 A page of the drive’s gifts',
    tags,
    permission: 'donations.read',
    schema: { params: CId, querystring: PageQuery, response: GiftPageSchema },
    async handler(ctx) {
      await driveOr404(ctx.db, ctx.params.id);
      const r = await listGifts(ctx.db, ctx.params.id, ctx.query);
      return { ...r, page: ctx.query.page, pageSize: ctx.query.pageSize };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/drives/:id/gifts/export.xlsx`,
    summary: '导出捐赠登记 The drive’s gifts as Excel',
    tags,
    permission: 'donations.read',
    schema: { params: CId },
    async handler(ctx) {
      const drive = await fullDrive(ctx.db, ctx.params.id);
      return exportGifts(drive, (await listGifts(ctx.db, drive.id, null)).items, ctx.lang, ctx.community.name);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/drives/:id/gifts`,
    summary: '登记捐款捐物 Record a gift to an open drive',
    tags,
    permission: 'donations.manage',
    schema: { params: CId, body: GiftInput, response: GiftSchema },
    async handler(ctx) {
      const d = await driveOr404(ctx.db, ctx.params.id);
      if (d.status !== 'open') throw new AppError(409, 'DONATIONS_DRIVE_CLOSED', { title: d.title });
      const b = ctx.body;
      if (b.givenOn < d.start_date) throw fieldError('givenOn', 'DONATIONS_BEFORE_START', { date: d.start_date });
      if (b.givenOn > chinaDate(ctx.now)) throw fieldError('givenOn', 'DONATIONS_DATE_FUTURE');
      const id = uuidv7();
      const row = { id, drive_id: d.id, ...(await giftColumns(ctx.db, b)), given_on: b.givenOn, note: b.note || null, recorded_by: ctx.actor.userId, created_at: ctx.now.toISOString() };
      await ctx.db.insertInto('donation_gift', [row]).execute();
      return giftOut({ ...row, community_id: d.community_id });
    },
  }),
  communityRoute({
    method: 'DELETE',
    url: `${P}/drives/:id/gifts/:giftId`,
    summary: '删除误登的捐赠 Remove a gift recorded in error, while the drive is open (kept in the audit log)',
    tags,
    permission: 'donations.manage',
    action: 'donations.delete-gift',
    schema: { params: CId.extend({ giftId: z.string() }) },
    async handler(ctx) {
      const d = await driveOr404(ctx.db, ctx.params.id);
      const g = await ctx.db.selectFrom('donation_gift').selectAll().where('donation_gift.id', '=', ctx.params.giftId).where('donation_gift.drive_id', '=', d.id).executeTakeFirst();
      if (!g) throw notFound();
      // a closed drive's list has been posted: it stays as posted
      if (d.status !== 'open') throw new AppError(409, 'DONATIONS_DRIVE_CLOSED', { title: d.title });
      await ctx.db.deleteFrom('donation_gift').where('donation_gift.id', '=', g.id).execute();
      await ctx.audit({ action: 'donations.delete-gift', entityType: 'donation_gift', entityId: g.id, before: { donor: g.donor_name, kind: g.kind, amountFen: g.amount_fen, goods: g.goods, quantity: g.quantity, givenOn: g.given_on } });
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/drives/:id/receipt`,
    summary: '捐赠公示 Every gift to the drive for the public notice (anonymous donors as 爱心人士)',
    tags,
    permission: 'donations.read',
    schema: { params: CId, response: ReceiptSchema },
    async handler(ctx) {
      const drive = await fullDrive(ctx.db, ctx.params.id);
      return { community: ctx.community.name, drive, gifts: (await listGifts(ctx.db, drive.id, null)).items, printedOn: chinaDate(ctx.now) };
    },
  }),
];
