import type { FileResponse } from '../../core/http/route';
import type { Lang, Message } from '../../core/i18n';
import { xlsxFile } from '../../core/files/xlsx';
import type { Client, DayList, DayStop, Delivery, Item, Need, Provider, Ticket } from './schema';

type L = Record<string, Message>;
export const FREQ_LABEL: L = {
  daily: { zh: '每天', en: 'Daily' },
  weekdays: { zh: '工作日', en: 'Weekdays' },
  weekly: { zh: '每周', en: 'Weekly' },
  biweekly: { zh: '隔周', en: 'Fortnightly' },
  monthly: { zh: '每月', en: 'Monthly' },
  on_request: { zh: '按需', en: 'On request' },
};
export const OUTCOME_LABEL: L = { done: { zh: '已服务', en: 'Done' }, not_home: { zh: '不在家', en: 'Not home' }, refused: { zh: '拒绝', en: 'Refused' } };
export const CHANNEL_LABEL: L = { desk: { zh: '窗口', en: 'Desk' }, hotline: { zh: '热线', en: 'Hotline' }, online: { zh: '网上', en: 'Online' } };
export const STATUS_LABEL: L = {
  accepted: { zh: '已受理', en: 'Accepted' },
  assigned: { zh: '已派单', en: 'Assigned' },
  in_progress: { zh: '办理中', en: 'In progress' },
  done: { zh: '已办结', en: 'Done' },
  followed_up: { zh: '已回访', en: 'Followed up' },
  closed: { zh: '未解决关闭', en: 'Closed unresolved' },
};
const TAG_LABEL: L = {
  living_alone: { zh: '独居老人', en: 'Living alone' },
  empty_nest: { zh: '空巢老人', en: 'Empty nest' },
  disabled: { zh: '残疾人', en: 'Disabled' },
  dibao: { zh: '低保户', en: 'Dibao' },
  hardship: { zh: '困难户', en: 'Hardship' },
  tekun: { zh: '特困人员', en: 'Extreme hardship' },
  retired_cadre: { zh: '离退休干部', en: 'Retired cadre' },
  old_worker: { zh: '老职工', en: 'Retired worker' },
  veteran: { zh: '退役军人', en: 'Veteran' },
  zero_employment: { zh: '零就业家庭', en: 'Zero-employment' },
};
const WEEKDAY = ['一', '二', '三', '四', '五', '六', '日'];
const WEEKDAY_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "每周二、五 11:30", "每月15日" — how a schedule is said at the office. */
export function describeSchedule(n: Pick<Need, 'freq' | 'weekdays' | 'monthDay' | 'timeSlot'>, lang: Lang): string {
  const pick = (m: Message) => (lang === 'en' ? m.en : m.zh);
  let s = pick(FREQ_LABEL[n.freq] ?? { zh: n.freq, en: n.freq });
  if (n.freq === 'weekly' || n.freq === 'biweekly') s += lang === 'en' ? ` ${n.weekdays.map((d) => WEEKDAY_EN[d - 1]).join('/')}` : n.weekdays.map((d) => WEEKDAY[d - 1]).join('、');
  if (n.freq === 'monthly' && n.monthDay) s += lang === 'en' ? ` on day ${n.monthDay}` : `${n.monthDay}日`;
  if (n.timeSlot) s += ` ${n.timeSlot}`;
  return s;
}

/** China time, to the minute: 2026-11-25 09:30. */
export const chinaTime = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : null);

const picker = (lang: Lang) => (m: Message | undefined, fallback = '') => (m ? (lang === 'en' ? m.en : m.zh) : fallback);

/** 上门服务对象登记表 — the register, one row per client, with their services and schedules. */
export function exportClients(rows: Client[], lang: Lang, communityName: string): Promise<FileResponse> {
  const pick = picker(lang);
  let n = 0;
  return xlsxFile<Client>({
    filename: `${communityName}上门服务对象.xlsx`,
    sheet: { zh: '上门服务对象', en: 'Door-to-door register' },
    lang,
    rows,
    columns: [
      { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
      { header: { zh: '姓名', en: 'Name' }, width: 10, value: (r) => r.name },
      { header: { zh: '年龄', en: 'Age' }, width: 6, value: (r) => r.age },
      { header: { zh: '住址', en: 'Address' }, width: 24, value: (r) => r.address },
      { header: { zh: '联系电话', en: 'Phone' }, width: 15, value: (r) => r.phoneMasked },
      { header: { zh: '类别', en: 'Care tags' }, width: 18, value: (r) => r.tags.map((t) => pick(TAG_LABEL[t], t)).join('、') },
      { header: { zh: '服务内容及安排', en: 'Services and schedules' }, width: 44, value: (r) => r.needs.map((x) => `${x.itemName}：${describeSchedule(x, lang)}${x.providerName ? `（${x.providerName}）` : ''}`).join('；') },
      { header: { zh: '登记日期', en: 'Registered' }, width: 12, value: (r) => r.registeredDate },
      { header: { zh: '停止日期', en: 'Ended' }, width: 12, value: (r) => r.endedDate },
      { header: { zh: '停止原因', en: 'Reason' }, width: 16, value: (r) => r.endReason },
      { header: { zh: '备注', en: 'Notes' }, width: 24, value: (r) => r.note },
    ],
  });
}

/** 当日上门服务清单 — the day's list, provider by provider, with a column to sign. */
export function exportDayList(list: Omit<DayList, 'mine'>, lang: Lang, communityName: string): Promise<FileResponse> {
  const pick = picker(lang);
  const rows = list.providers.flatMap((p) => p.stops.map((s, i) => ({ ...s, provider: p.providerName ?? pick({ zh: '未指定', en: 'Unassigned' }), n: i + 1 })));
  return xlsxFile<DayStop & { provider: string; n: number }>({
    filename: `${communityName}${list.date}上门服务清单.xlsx`,
    sheet: { zh: `${list.date}服务清单`, en: `Visits ${list.date}` },
    lang,
    rows,
    columns: [
      { header: { zh: '服务人员', en: 'Provider' }, width: 14, value: (r) => r.provider },
      { header: { zh: '序号', en: 'No.' }, width: 6, value: (r) => r.n },
      { header: { zh: '时间', en: 'Time' }, width: 8, value: (r) => r.timeSlot },
      { header: { zh: '服务对象', en: 'Resident' }, width: 10, value: (r) => r.name },
      { header: { zh: '住址', en: 'Address' }, width: 24, value: (r) => r.address },
      { header: { zh: '联系电话', en: 'Phone' }, width: 15, value: (r) => r.phoneMasked },
      { header: { zh: '服务内容', en: 'Service' }, width: 10, value: (r) => r.itemName },
      { header: { zh: '注意事项', en: 'Notes' }, width: 24, value: (r) => [r.clientNote, r.needNote].filter(Boolean).join('；') },
      { header: { zh: '结果', en: 'Outcome' }, width: 10, value: (r) => (r.outcome ? pick(OUTCOME_LABEL[r.outcome]) : '') },
      { header: { zh: '登记人', en: 'Logged by' }, width: 10, value: (r) => r.loggedByName },
      { header: { zh: '签字', en: 'Signature' }, width: 12, value: () => '' },
    ],
  });
}

/** 上门服务记录 — the log, with the household-times of the done visits at the foot. */
export function exportDeliveries(rows: Delivery[], householdTimes: number, lang: Lang, communityName: string): Promise<FileResponse> {
  const pick = picker(lang);
  const foot = { date: pick({ zh: '合计', en: 'Total' }), name: pick({ zh: `${householdTimes} 户/次`, en: `${householdTimes} household-times` }) } as Partial<Delivery>;
  return xlsxFile<Partial<Delivery>>({
    filename: `${communityName}上门服务记录.xlsx`,
    sheet: { zh: '上门服务记录', en: 'Delivery log' },
    lang,
    rows: [...rows, foot],
    columns: [
      { header: { zh: '日期', en: 'Date' }, width: 12, value: (r) => r.date },
      { header: { zh: '服务对象', en: 'Resident' }, width: 14, value: (r) => r.name },
      { header: { zh: '住址', en: 'Address' }, width: 24, value: (r) => r.address },
      { header: { zh: '服务内容', en: 'Service' }, width: 10, value: (r) => r.itemName },
      { header: { zh: '服务人员', en: 'Provider' }, width: 12, value: (r) => r.providerName },
      { header: { zh: '结果', en: 'Outcome' }, width: 10, value: (r) => (r.outcome ? pick(OUTCOME_LABEL[r.outcome]) : null) },
      { header: { zh: '登记时间', en: 'Logged at' }, width: 17, value: (r) => chinaTime(r.loggedAt ?? null) },
      { header: { zh: '登记人', en: 'Logged by' }, width: 10, value: (r) => r.loggedByName },
      { header: { zh: '安排', en: 'Scheduled' }, width: 8, value: (r) => (r.scheduled === undefined ? null : r.scheduled ? pick({ zh: '定期', en: 'Scheduled' }) : pick({ zh: '临时', en: 'On request' })) },
      { header: { zh: '备注', en: 'Notes' }, width: 20, value: (r) => r.note },
    ],
  });
}

/** 服务工单 — one row per ticket, overdue ones marked. */
export function exportTickets(rows: Ticket[], lang: Lang, communityName: string): Promise<FileResponse> {
  const pick = picker(lang);
  return xlsxFile<Ticket>({
    filename: `${communityName}服务工单.xlsx`,
    sheet: { zh: '服务工单', en: 'Tickets' },
    lang,
    rows,
    columns: [
      { header: { zh: '工单号', en: 'Number' }, width: 11, value: (r) => r.number },
      { header: { zh: '受理时间', en: 'Accepted' }, width: 17, value: (r) => chinaTime(r.acceptedAt) },
      { header: { zh: '渠道', en: 'Channel' }, width: 8, value: (r) => pick(CHANNEL_LABEL[r.channel]) },
      { header: { zh: '诉求人', en: 'Requester' }, width: 10, value: (r) => r.callerName },
      { header: { zh: '联系电话', en: 'Phone' }, width: 15, value: (r) => r.phoneMasked },
      { header: { zh: '服务项目', en: 'Service' }, width: 12, value: (r) => r.itemName },
      { header: { zh: '诉求内容', en: 'Request' }, width: 32, value: (r) => r.description },
      { header: { zh: '状态', en: 'Status' }, width: 10, value: (r) => pick(STATUS_LABEL[r.status]) },
      { header: { zh: '承办人', en: 'Assignee' }, width: 14, value: (r) => r.assigneeName },
      { header: { zh: '办理时限', en: 'Due' }, width: 17, value: (r) => chinaTime(r.dueAt) },
      { header: { zh: '办结时间', en: 'Done' }, width: 17, value: (r) => chinaTime(r.doneAt) },
      { header: { zh: '超时', en: 'Late' }, width: 6, value: (r) => (r.overdue || r.late ? pick({ zh: '是', en: 'Yes' }) : '') },
      { header: { zh: '办理结果', en: 'Result' }, width: 24, value: (r) => r.result ?? r.closeReason },
      { header: { zh: '满意度', en: 'Satisfaction' }, width: 8, value: (r) => r.satisfaction },
      { header: { zh: '回访意见', en: 'Follow-up comment' }, width: 24, value: (r) => r.followUpComment },
    ],
  });
}

/** 服务目录 — hall services with the staff responsible and duties (the duty board), then station services with providers. */
export function exportItems(rows: Item[], lang: Lang, communityName: string): Promise<FileResponse> {
  const pick = picker(lang);
  return xlsxFile<Item>({
    filename: `${communityName}服务目录.xlsx`,
    sheet: { zh: '服务目录', en: 'Catalogue' },
    lang,
    rows: [...rows.filter((r) => r.area === 'hall'), ...rows.filter((r) => r.area === 'station')],
    columns: [
      { header: { zh: '类别', en: 'Area' }, width: 12, value: (r) => pick(r.area === 'hall' ? { zh: '服务大厅', en: 'Hall' } : { zh: '服务站', en: 'Station' }) },
      { header: { zh: '服务项目', en: 'Service' }, width: 14, value: (r) => r.name },
      { header: { zh: '负责人', en: 'Responsible' }, width: 10, value: (r) => r.staffName },
      { header: { zh: '窗口 / 地点', en: 'Window / place' }, width: 12, value: (r) => r.location },
      { header: { zh: '工作职责 / 服务内容', en: 'Duties / what it covers' }, width: 40, value: (r) => r.duties },
      { header: { zh: '加盟服务商', en: 'Providers' }, width: 24, value: (r) => r.providers.map((p) => p.name).join('、') },
      { header: { zh: '上门服务', en: 'At home' }, width: 8, value: (r) => (r.door ? pick({ zh: '是', en: 'Yes' }) : '') },
      { header: { zh: '办理时限（小时）', en: 'Time limit (h)' }, width: 10, value: (r) => r.timeLimitHours },
      { header: { zh: '状态', en: 'Status' }, width: 8, value: (r) => pick(r.active ? { zh: '在用', en: 'Active' } : { zh: '停用', en: 'Inactive' }) },
    ],
  });
}

/** 加盟服务商 — providers with contact, agreement, hours and prices. */
export function exportProviders(rows: Provider[], lang: Lang, communityName: string): Promise<FileResponse> {
  return xlsxFile<Provider>({
    filename: `${communityName}加盟服务商.xlsx`,
    sheet: { zh: '加盟服务商', en: 'Providers' },
    lang,
    rows,
    columns: [
      { header: { zh: '服务商', en: 'Provider' }, width: 20, value: (r) => r.name },
      { header: { zh: '服务项目', en: 'Services' }, width: 20, value: (r) => r.items.map((i) => i.name).join('、') },
      { header: { zh: '联系人', en: 'Contact' }, width: 10, value: (r) => r.contactName },
      { header: { zh: '联系电话', en: 'Phone' }, width: 15, value: (r) => r.phoneMasked },
      { header: { zh: '地址', en: 'Address' }, width: 20, value: (r) => r.address },
      { header: { zh: '协议编号', en: 'Agreement' }, width: 14, value: (r) => r.agreementNo },
      { header: { zh: '协议期限', en: 'Agreement term' }, width: 24, value: (r) => (r.agreementStart ? `${r.agreementStart} 至 ${r.agreementEnd ?? ''}` : null) },
      { header: { zh: '服务时间', en: 'Hours' }, width: 20, value: (r) => r.hours },
      { header: { zh: '收费标准', en: 'Prices' }, width: 30, value: (r) => r.prices },
      { header: { zh: '加盟日期', en: 'Joined' }, width: 12, value: (r) => r.joinedDate },
      { header: { zh: '退出日期', en: 'Left' }, width: 12, value: (r) => r.leftDate },
    ],
  });
}
