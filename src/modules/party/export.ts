import type { FileResponse } from '../../core/http/route';
import type { Lang } from '../../core/i18n';
import { xlsxFile } from '../../core/files/xlsx';
import type { Member, Pledge } from './schema';

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

const LEVEL = { branch: { zh: '支部承诺', en: 'Branch' }, member: { zh: '党员承诺', en: 'Member' } } as const;
const PLEDGE_STATUS = { open: { zh: '进行中', en: 'Open' }, done: { zh: '已兑现', en: 'Fulfilled' }, not_done: { zh: '未兑现', en: 'Not fulfilled' } } as const;

/** 承诺一览 for a year: branch pledges first, then members' — who, what, where, how far, and the year-end review. */
export function exportPledges(rows: Pledge[], lang: Lang, communityName: string, year: number): Promise<FileResponse> {
  const pick = (m: { zh: string; en: string }) => (lang === 'en' ? m.en : m.zh);
  const ordered = [...rows.filter((p) => p.level === 'branch'), ...rows.filter((p) => p.level === 'member')];
  let n = 0;
  return xlsxFile<Pledge>({
    filename: `${communityName}${year}年承诺.xlsx`,
    sheet: { zh: `${year}年承诺`, en: `Pledges ${year}` },
    lang,
    rows: ordered,
    columns: [
      { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
      { header: { zh: '类型', en: 'Type' }, width: 10, value: (p) => pick(LEVEL[p.level]) },
      { header: { zh: '党员 / 负责人', en: 'Member / owner' }, width: 14, value: (p) => (p.level === 'member' ? p.memberName : p.owner) },
      { header: { zh: '承诺事项', en: 'Pledge' }, width: 30, value: (p) => p.title },
      { header: { zh: '责任区', en: 'Area' }, width: 24, value: (p) => p.areas.map((a) => a.label).join('、') },
      { header: { zh: '目标', en: 'Target' }, width: 18, value: (p) => p.target },
      { header: { zh: '状态', en: 'Status' }, width: 10, value: (p) => pick(PLEDGE_STATUS[p.status]) },
      {
        header: { zh: '最新进展', en: 'Latest progress' },
        width: 30,
        value: (p) => {
          const last = p.progress[p.progress.length - 1];
          return last ? `${last.date} ${last.note}` : null;
        },
      },
      { header: { zh: '年终评议', en: 'Review' }, width: 24, value: (p) => p.reviewNote },
    ],
  });
}

export interface AttendanceSheet {
  sessions: { id: string; date: string; topic: string }[];
  members: { id: string; name: string; marks: Map<string, { present: boolean; reason: string | null }> }[];
}

/** 学习出勤表 for a year: one row per member, a column per session. */
export function exportAttendance(sheet: AttendanceSheet, lang: Lang, communityName: string, year: number): Promise<FileResponse> {
  const t = (zh: string, en: string) => (lang === 'en' ? en : zh);
  type Row = AttendanceSheet['members'][number];
  const counts = (r: Row) => {
    let present = 0;
    let absent = 0;
    for (const m of r.marks.values()) {
      if (m.present) present++;
      else absent++;
    }
    return { present, absent };
  };
  return xlsxFile<Row>({
    filename: `${communityName}${year}年学习出勤.xlsx`,
    sheet: { zh: `${year}年出勤`, en: `Attendance ${year}` },
    lang,
    rows: sheet.members,
    columns: [
      { header: { zh: '姓名', en: 'Name' }, width: 10, value: (r) => r.name },
      { header: { zh: '活动次数', en: 'Sessions held' }, width: 10, value: () => sheet.sessions.length },
      { header: { zh: '出席', en: 'Present' }, width: 8, value: (r) => counts(r).present },
      { header: { zh: '缺席', en: 'Absent' }, width: 8, value: (r) => counts(r).absent },
      {
        // of the sessions whose attendance was taken for this member
        header: { zh: '出勤率', en: 'Rate' },
        width: 8,
        value: (r) => {
          const c = counts(r);
          return c.present + c.absent ? `${Math.round((c.present / (c.present + c.absent)) * 1000) / 10}%` : null;
        },
      },
      ...sheet.sessions.map((s) => ({
        header: { zh: `${s.date} ${s.topic}`, en: `${s.date} ${s.topic}` },
        width: 14,
        value: (r: Row) => {
          const m = r.marks.get(s.id);
          if (!m) return null;
          if (m.present) return t('出席', 'Present');
          return m.reason ? t(`缺席（${m.reason}）`, `Absent (${m.reason})`) : t('缺席', 'Absent');
        },
      })),
    ],
  });
}

export interface DeliveryRow {
  number: number;
  title: string;
  name: string;
  deliveredBy: string;
  deliveredAt: string;
  confirmed: boolean;
}

/** 简报送达登记 for a period: one row per copy handed over. */
export function exportDeliveries(rows: DeliveryRow[], lang: Lang, communityName: string, from: string, to: string): Promise<FileResponse> {
  const t = (zh: string, en: string) => (lang === 'en' ? en : zh);
  return xlsxFile<DeliveryRow>({
    filename: `${communityName}简报送达${from}至${to}.xlsx`,
    sheet: { zh: '简报送达', en: 'Newsletter deliveries' },
    lang,
    rows,
    columns: [
      { header: { zh: '期号', en: 'Issue' }, width: 8, value: (r) => r.number },
      { header: { zh: '标题', en: 'Title' }, width: 30, value: (r) => r.title },
      { header: { zh: '党员', en: 'Member' }, width: 10, value: (r) => r.name },
      { header: { zh: '送达人', en: 'Delivered by' }, width: 10, value: (r) => r.deliveredBy },
      { header: { zh: '送达日期', en: 'Date' }, width: 12, value: (r) => r.deliveredAt },
      { header: { zh: '确认签收', en: 'Confirmed' }, width: 10, value: (r) => (r.confirmed ? t('已确认', 'Yes') : t('未确认', 'No')) },
    ],
  });
}
