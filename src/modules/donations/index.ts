import { scopedDb } from '../../core/access';
import { defineMessages } from '../../core/i18n';
import type { LinliModule } from '../../core/module';
import { migrations } from './migrations';
import { permissions } from './policy';
import { donationsSection } from './queries';
import { routes } from './routes';
import { seedDemo } from './seed';
import './tables';

export type { Drive, Gift, Totals } from './schema';

defineMessages({
  DONATIONS_DRIVE_CLOSED: { zh: '募捐活动「{title}」已结束，不能再登记捐赠', en: 'The drive “{title}” is closed and takes no more gifts' },
  DONATIONS_UNKNOWN_RESIDENT: { zh: '本社区没有这位居民', en: 'No such resident in this community' },
  DONATIONS_DONOR_NAME_REQUIRED: { zh: '请填写捐赠单位或个人的名称', en: 'Give the donor’s name' },
  DONATIONS_BAD_AMOUNT: { zh: '捐款金额请填写大于0的元数，最多两位小数', en: 'Give the amount in yuan, above 0, at most two decimals' },
  DONATIONS_GOODS_REQUIRED: { zh: '请填写捐赠的物资', en: 'Describe the goods' },
  DONATIONS_QUANTITY_REQUIRED: { zh: '请填写物资数量', en: 'Give the quantity' },
  DONATIONS_END_BEFORE_START: { zh: '结束日期不能早于开始日期', en: 'The end date is before the start' },
  DONATIONS_BEFORE_START: { zh: '捐赠日期不能早于募捐开始日期（{date}）', en: 'The gift cannot be before the drive started ({date})' },
  DONATIONS_DATE_FUTURE: { zh: '捐赠日期不能晚于今天', en: 'The date cannot be in the future' },
});

/** 捐款捐物 — drives the committee opens, the money and goods residents and units give, and the public notice. */
export const donationsModule: LinliModule = {
  name: 'donations',
  label: { zh: '捐款捐物', en: 'Donations' },
  migrations,
  permissions,
  routes,
  seedDemo,
  reportSection: ({ db, communityId, from, to }) => donationsSection(scopedDb(db.kysely, communityId), from, to),
};
