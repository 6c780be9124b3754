import type { FileResponse } from '../../core/http/route';
import type { Lang, Message } from '../../core/i18n';
import { xlsxFile } from '../../core/files/xlsx';
import { EMPLOYMENT, labelOf } from '../registry';
import type { Case, ZeroHousehold } from './schema';

export const CASE_STATUS_LABELS: Record<Case['status'], Message> = {
  open: { zh: '帮扶中', en: 'Open' },
  placed: { zh: '已安置', en: 'Placed' },
  closed: { zh: '已结案', en: 'Closed' },
};
export const PLACEMENT_KIND_LABELS: Record<string, Message> = {
  formal: { zh: '正规就业', en: 'Formal job' },
  flexible: { zh: '灵活就业', en: 'Flexible work' },
  public_welfare: { zh: '公益性岗位', en: 'Public-welfare post' },
};
export const CLOSE_REASON_LABELS: Record<string, Message> = {
  no_longer_seeking: { zh: '不再求职', en: 'No longer looking' },
  moved_away: { zh: '迁出本社区', en: 'Moved away' },
  retired: { zh: '达到退休年龄', en: 'Reached retirement' },
  other: { zh: '其他', en: 'Other' },
};
const GENDER: Record<string, Message> = { male: { zh: '男', en: 'M' }, female: { zh: '女', en: 'F' } };

/** 失业人员再就业帮扶台账 — the filtered cases as the office keeps them in Excel. */
export function exportCases(rows: Case[], lang: Lang, communityName: string): Promise<FileResponse> {
  const pick = (m: Message | undefined) => (m ? (lang === 'en' ? m.en : m.zh) : '');
  let n = 0;
  return xlsxFile<Case>({
    filename: `${communityName}再就业帮扶台账.xlsx`,
    sheet: { zh: '再就业帮扶台账', en: 'Re-employment cases' },
    lang,
    rows,
    columns: [
      { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
      { header: { zh: '姓名', en: 'Name' }, width: 10, value: (r) => r.name },
      { header: { zh: '性别', en: 'Gender' }, width: 6, value: (r) => pick(GENDER[r.gender ?? '']) },
      { header: { zh: '年龄', en: 'Age' }, width: 6, value: (r) => r.age },
      { header: { zh: '住址', en: 'Address' }, width: 22, value: (r) => r.address },
      { header: { zh: '零就业家庭', en: 'Zero-employment household' }, width: 10, value: (r) => (r.zeroEmployment ? pick({ zh: '是', en: 'Yes' }) : '') },
      { header: { zh: '登记日期', en: 'Registered' }, width: 12, value: (r) => r.registeredOn },
      { header: { zh: '技能', en: 'Skills' }, width: 20, value: (r) => r.skills },
      { header: { zh: '就业意愿', en: 'Wishes' }, width: 20, value: (r) => r.wishes },
      { header: { zh: '就业困难', en: 'Barriers' }, width: 20, value: (r) => r.barriers },
      { header: { zh: '状态', en: 'Status' }, width: 10, value: (r) => pick(CASE_STATUS_LABELS[r.status]) },
      { header: { zh: '安置日期', en: 'Placed on' }, width: 12, value: (r) => r.placement?.date },
      { header: { zh: '就业单位', en: 'Employer' }, width: 20, value: (r) => r.placement?.employer },
      { header: { zh: '岗位', en: 'Post' }, width: 14, value: (r) => r.placement?.post },
      { header: { zh: '就业形式', en: 'Kind' }, width: 12, value: (r) => pick(PLACEMENT_KIND_LABELS[r.placement?.kind ?? '']) },
      { header: { zh: '结案原因', en: 'Closed because' }, width: 14, value: (r) => pick(CLOSE_REASON_LABELS[r.closeReason ?? '']) },
      { header: { zh: '登记就业状况', en: 'Registry status' }, width: 12, value: (r) => labelOf(EMPLOYMENT, r.employmentStatus, lang) },
    ],
  });
}

const ZERO_STATE: Record<ZeroHousehold['state'], Message> = {
  untracked: { zh: '待认定', en: 'To certify' },
  open: { zh: '帮扶中', en: 'Open' },
  overdue: { zh: '已超期', en: 'Overdue' },
  changed: { zh: '待确认消除', en: 'To confirm' },
  cleared: { zh: '已消除', en: 'Cleared' },
};

/** 零就业家庭台账 — current and cleared households with their members. */
export function exportZeroHouseholds(rows: ZeroHousehold[], lang: Lang, communityName: string): Promise<FileResponse> {
  const pick = (m: Message | undefined) => (m ? (lang === 'en' ? m.en : m.zh) : '');
  let n = 0;
  return xlsxFile<ZeroHousehold>({
    filename: `${communityName}零就业家庭台账.xlsx`,
    sheet: { zh: '零就业家庭', en: 'Zero-employment households' },
    lang,
    rows,
    columns: [
      { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
      { header: { zh: '住址', en: 'Address' }, width: 22, value: (r) => r.address },
      { header: { zh: '家庭成员', en: 'Members' }, width: 40, value: (r) => r.members.map((m) => `${m.name}（${m.age ?? '?'}岁，${labelOf(EMPLOYMENT, m.employmentStatus, lang)}）`).join('、') },
      { header: { zh: '状态', en: 'State' }, width: 12, value: (r) => pick(ZERO_STATE[r.state]) },
      { header: { zh: '认定日期', en: 'Identified' }, width: 12, value: (r) => r.identifiedOn },
      { header: { zh: '消除期限', en: 'Deadline' }, width: 12, value: (r) => r.deadline },
      { header: { zh: '消除日期', en: 'Cleared' }, width: 12, value: (r) => r.clearedOn },
      { header: { zh: '安置人员', en: 'Placed' }, width: 10, value: (r) => r.clearedBy },
      { header: { zh: '备注', en: 'Note' }, width: 24, value: (r) => r.note },
    ],
  });
}
