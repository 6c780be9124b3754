import type { FileResponse } from '../../core/http/route';
import type { Lang } from '../../core/i18n';
import { xlsxFile } from '../../core/files/xlsx';
import type { Member } from './schema';

const KIND = { registered: { zh: '在册', en: 'Registered' }, reporting: { zh: '在职党员报到', en: 'Reporting' } } as const;
const STATUS = { normal: { zh: '正常', en: 'Normal' }, mobile: { zh: '流动', en: 'Mobile' }, frail: { zh: '年老体弱', en: 'Frail' } } as const;
const RESIDENT_STATUS: Record<string, { zh: string; en: string }> = {
  active: { zh: '在住', en: 'Lives here' },
  moved_out: { zh: '已迁出', en: 'Moved out' },
  deceased: { zh: '已故', en: 'Deceased' },
};

/** 党员名册 as the office keeps it in Excel; phones masked. */
export function exportMembers(rows: Member[], lang: Lang, communityName: string): Promise<FileResponse> {
  const pick = (m: { zh: string; en: string }) => (lang === 'en' ? m.en : m.zh);
  let n = 0;
  return xlsxFile<Member>({
    filename: `${communityName}党员名册.xlsx`,
    sheet: { zh: '党员名册', en: 'Party members' },
    lang,
    rows,
    columns: [
      { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
      { header: { zh: '姓名', en: 'Name' }, width: 10, value: (r) => r.name },
      { header: { zh: '类别', en: 'Kind' }, width: 14, value: (r) => pick(KIND[r.kind]) },
      { header: { zh: '党小组', en: 'Group' }, width: 14, value: (r) => r.groupName },
      { header: { zh: '入党日期', en: 'Joined' }, width: 12, value: (r) => r.joinedDate },
      { header: { zh: '状态', en: 'Status' }, width: 10, value: (r) => pick(STATUS[r.status]) },
      { header: { zh: '义工服务队', en: 'Volunteer team' }, width: 18, value: (r) => r.volunteerTeamName },
      { header: { zh: '联系电话', en: 'Phone' }, width: 16, value: (r) => r.phoneMasked },
      { header: { zh: '居住', en: 'Residence' }, width: 10, value: (r) => (r.residentStatus ? pick(RESIDENT_STATUS[r.residentStatus] ?? { zh: r.residentStatus, en: r.residentStatus }) : pick({ zh: '非本社区', en: 'Elsewhere' })) },
      { header: { zh: '备注', en: 'Notes' }, width: 24, value: (r) => r.notes },
    ],
  });
}
