import type { Bilingual } from '../../../web/i18n.tsx';

type L = Record<string, Bilingual>;

export const CHANNELS: L = { desk: { zh: '窗口', en: 'Desk' }, hotline: { zh: '热线', en: 'Hotline' }, online: { zh: '网上', en: 'Online' } };
export const STATUSES: L = {
  accepted: { zh: '已受理', en: 'Accepted' },
  assigned: { zh: '已派单', en: 'Assigned' },
  in_progress: { zh: '办理中', en: 'In progress' },
  done: { zh: '已办结', en: 'Done' },
  followed_up: { zh: '已回访', en: 'Followed up' },
  closed: { zh: '未解决关闭', en: 'Closed unresolved' },
};
export const STATUS_COLOURS: Record<string, string> = { accepted: 'blue', assigned: 'geekblue', in_progress: 'orange', done: 'green', followed_up: 'success', closed: 'default' };
export const OUTCOMES: L = { done: { zh: '已服务', en: 'Done' }, not_home: { zh: '不在家', en: 'Not home' }, refused: { zh: '拒绝', en: 'Refused' } };
export const OUTCOME_COLOURS: Record<string, string> = { done: 'success', not_home: 'warning', refused: 'default' };
export const FREQS: L = {
  daily: { zh: '每天', en: 'Daily' },
  weekdays: { zh: '工作日', en: 'Weekdays' },
  weekly: { zh: '每周', en: 'Weekly' },
  biweekly: { zh: '隔周', en: 'Fortnightly' },
  monthly: { zh: '每月', en: 'Monthly' },
  on_request: { zh: '按需', en: 'On request' },
};
export const PROVIDER_KINDS: L = { staff: { zh: '社工', en: 'Staff' }, volunteer: { zh: '志愿者', en: 'Volunteer' }, provider: { zh: '服务商', en: 'Provider' } };
export const TAGS: L = {
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
  age_80: { zh: '80岁以上', en: '80+' },
  age_60: { zh: '60岁以上', en: '60+' },
  party_member: { zh: '党员', en: 'Party member' },
  unemployed: { zh: '失业人员', en: 'Unemployed' },
};
export const WEEKDAYS: Bilingual[] = [
  { zh: '周一', en: 'Mon' },
  { zh: '周二', en: 'Tue' },
  { zh: '周三', en: 'Wed' },
  { zh: '周四', en: 'Thu' },
  { zh: '周五', en: 'Fri' },
  { zh: '周六', en: 'Sat' },
  { zh: '周日', en: 'Sun' },
];

export const text = {
  navGroup: { zh: '民生服务', en: 'Services' },
  navOverview: { zh: '服务总览', en: 'Overview' },
  navHotline: { zh: '热线受理', en: 'Hotline desk' },
  navTickets: { zh: '服务工单', en: 'Tickets' },
  navDoor: { zh: '上门服务', en: 'Door-to-door' },
  navDay: { zh: '当日清单', en: 'Today’s visits' },
  navChecklist: { zh: '我的服务清单', en: 'My checklist' },
  navLog: { zh: '服务记录', en: 'Delivery log' },
  navCatalogue: { zh: '服务目录', en: 'Catalogue' },
  required: { zh: '必填', en: 'Required' },
  exportExcel: { zh: '导出 Excel', en: 'Export Excel' },
  print: { zh: '打印', en: 'Print' },
  unassigned: { zh: '未指定服务人员', en: 'No provider' },
} satisfies Record<string, Bilingual>;

export const pick = (labels: L, code: string | null | undefined, lang: string) => {
  if (!code) return '';
  const l = labels[code];
  return l ? (lang === 'en' ? l.en : l.zh) : code;
};

/** "每周二、五 11:30" */
export function scheduleText(n: { freq: string; weekdays: number[]; monthDay: number | null; timeSlot: string | null }, lang: string): string {
  let s = pick(FREQS, n.freq, lang);
  if (n.freq === 'weekly' || n.freq === 'biweekly') s += lang === 'en' ? ` ${n.weekdays.map((d) => WEEKDAYS[d - 1].en).join('/')}` : n.weekdays.map((d) => WEEKDAYS[d - 1].zh.slice(1)).join('、');
  if (n.freq === 'monthly' && n.monthDay) s += lang === 'en' ? ` on day ${n.monthDay}` : `${n.monthDay}日`;
  if (n.timeSlot) s += ` ${n.timeSlot}`;
  return s;
}
