import { z } from 'zod';
import { editOf } from '../../core/http/edit';
import { isoDate, periodFilter } from '../../core/http/period';

/** Shared with the web: what the donations API takes and returns. Money travels as yuan strings ("12.30"). */

const date = isoDate;
const text = (max: number) => z.string().trim().min(1).max(max);

export const DriveInput = z.object({
  title: text(100),
  purpose: z.string().trim().max(1000).nullish(),
  startDate: date,
  endDate: date.nullish(),
});
export const DrivePatch = editOf(DriveInput).extend({ status: z.enum(['open', 'closed']).optional() });

export const GiftInput = z.object({
  donorKind: z.enum(['resident', 'unit', 'anonymous']),
  residentId: z.string().nullish(),
  donorName: z.string().trim().max(100).nullish(),
  kind: z.enum(['money', 'goods']),
  /** yuan, up to two decimals: "200", "0.10" */
  amount: z.string().trim().nullish(),
  goods: z.string().trim().max(200).nullish(),
  quantity: z.number().int().positive().nullish(),
  unit: z.string().trim().max(20).nullish(),
  givenOn: date,
  note: z.string().trim().max(500).nullish(),
});
export type GiftInputT = z.infer<typeof GiftInput>;

export const TotalsSchema = z.object({ moneyFen: z.number(), money: z.string(), goodsLines: z.number(), gifts: z.number(), donors: z.number() });
export const DriveSchema = z.object({
  id: z.string(),
  title: z.string(),
  purpose: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  totals: TotalsSchema,
});
export type Drive = z.infer<typeof DriveSchema>;
export type Totals = z.infer<typeof TotalsSchema>;

export const GiftSchema = z.object({
  id: z.string(),
  driveId: z.string(),
  donorKind: z.enum(['resident', 'unit', 'anonymous']),
  residentId: z.string().nullable(),
  /** as shown on the public notice: 爱心人士 for the anonymous */
  donor: z.string(),
  kind: z.enum(['money', 'goods']),
  amountFen: z.number().nullable(),
  amount: z.string().nullable(),
  goods: z.string().nullable(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
  givenOn: z.string(),
  note: z.string().nullable(),
});
export type Gift = z.infer<typeof GiftSchema>;

export const PageQuery = z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) });
/** a period of gift dates (both days included): the drives running or receiving gifts in it, with that period's gifts */
export const DriveListQuery = PageQuery.extend(periodFilter);
export const DriveExportQuery = z.object(periodFilter);
export const DrivePageSchema = z.object({
  items: z.array(DriveSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** the gifts behind the list, added up (each donor once): every gift, or those of the period */
  totals: TotalsSchema,
});
export const GiftPageSchema = z.object({ items: z.array(GiftSchema), total: z.number(), page: z.number(), pageSize: z.number() });
export const ReceiptSchema = z.object({ community: z.string(), drive: DriveSchema, gifts: z.array(GiftSchema), printedOn: z.string() });
export type Receipt = z.infer<typeof ReceiptSchema>;

/** "12.30" from 1230 fen — integer arithmetic only. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
/** 1230 from "12.3" / "12.30"; null when it is not an amount of yuan with at most two decimals. */
export function yuanToFen(yuan: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
