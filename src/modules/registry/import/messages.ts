import { maskIdNumber } from '../../../core/mask';
import type { Message } from '../../../core/i18n';
import { ID_NUMBER_MESSAGES, type IdMismatch, type IdNumberProblem } from '../lib/id-number';

/**
 * Messages of the roster import, written for office staff. {column} is the header as written in
 * the file, {value} what the cell held. ID_* codes reuse the id-number codes with the column named.
 */
export const ROSTER_ISSUE_MESSAGES = {
  NAME_MISSING: { zh: '「{column}」是空的：每一行都要填姓名', en: '"{column}" is empty: every row needs a name' },
  ID_LOST_DIGITS: {
    zh: '「{column}」是 {value}：身份证号被 Excel 当成了数字，后几位已经丢失，无法还原。请把这一列设为"文本"格式，重新录入这个身份证号',
    en: '"{column}" is {value}: Excel stored the ID number as a number and its last digits are lost for good. Format the column as text and type the ID number again',
  },
  ID_DUPLICATE: {
    zh: '「{column}」{value} 与第 {earlierRow} 行的身份证号相同：同一个人只能登记一次',
    en: '"{column}" {value} is the same ID number as on row {earlierRow}: a person can be registered only once',
  },
  DATE_INVALID: {
    zh: '「{column}」的"{value}"不是能识别的日期（可以写成 1949-12-31 或 1949年12月31日），已留空',
    en: '"{column}": "{value}" is not a date we can read (write it like 1949-12-31); left empty',
  },
  DATE_PARTIAL: {
    zh: '「{column}」的"{value}"只有年月没有日，已留空',
    en: '"{column}": "{value}" has a year and month but no day; left empty',
  },
  DATE_FUTURE: {
    zh: '「{column}」的 {value} 晚于今天，已留空',
    en: '"{column}": {value} is later than today; left empty',
  },
  VALUE_UNKNOWN: {
    zh: '「{column}」的"{value}"不是可选的值（可选：{options}），已留空',
    en: '"{column}": "{value}" is not one of the choices ({options}); left empty',
  },
  TAG_UNKNOWN: {
    zh: '「{column}」中的"{value}"不是系统里的特殊群体，这一项没有导入',
    en: '"{column}": "{value}" is not a group the system knows; that tag was not imported',
  },
  PHONE_INVALID: {
    zh: '「{column}」的"{value}"不像电话号码（手机 11 位；座机可带区号和分机），已留空',
    en: '"{column}": "{value}" does not look like a phone number (mobiles have 11 digits; landlines may have an area code and extension); left empty',
  },
} as const satisfies Record<string, Message>;

export type RosterIssueCode = keyof typeof ROSTER_ISSUE_MESSAGES | IdNumberProblem | IdMismatch;

/** File-level problems, thrown as AppError by openRoster/parseRoster; the module registers these. */
export const ROSTER_FILE_MESSAGES = {
  ROSTER_XLS_OLD: {
    zh: '这是旧版 .xls 文件，请在 Excel 或 WPS 中"另存为" .xlsx 后再导入',
    en: 'This is an old .xls file: save it as .xlsx in Excel or WPS and import that',
  },
  ROSTER_FILE_TYPE: { zh: '只能导入 .xlsx 或 .csv 文件（收到的是 {filename}）', en: 'Only .xlsx or .csv files can be imported (got {filename})' },
  ROSTER_NO_HEADER: {
    zh: '在前 10 行中没有找到表头：表头行要有"姓名"和至少另一列（如"身份证号"）',
    en: 'No header row in the first 10 rows: it needs a "姓名" (name) column and at least one more, such as "身份证号"',
  },
  ROSTER_MAPPING_NO_NAME: { zh: '请指定哪一列是姓名', en: 'Choose which column holds the name' },
} as const satisfies Record<string, Message>;

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));

/** Params may differ by language (a list of choices); plain values serve both. */
export function issueMessage(
  code: keyof typeof ROSTER_ISSUE_MESSAGES,
  params: Record<string, string | number | Message>,
): Message {
  const m = ROSTER_ISSUE_MESSAGES[code];
  const pick = (lang: 'zh' | 'en') =>
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v]));
  return { zh: fill(m.zh, pick('zh')), en: fill(m.en, pick('en')) };
}

/**
 * An ID number as an issue shows it: masked like everywhere on screen (region and last four), so a
 * dry run does not put whole ID numbers in front of whoever looks; the rejected-rows workbook keeps
 * the original for correcting.
 */
export function shownId(value: string): string {
  return value.length >= 15 ? maskIdNumber(value) : value;
}

/** An id-number message with the column and the (masked) value in front. */
export function idIssueMessage(code: IdNumberProblem, column: string, value: string): Message {
  const m = ID_NUMBER_MESSAGES[code];
  value = shownId(value);
  return { zh: `「${column}」${value}：${m.zh}`, en: `"${column}" ${value}: ${m.en}` };
}

export function idMismatchMessage(code: IdMismatch, column: string, entered: string, fromId: string): Message {
  const m = ID_NUMBER_MESSAGES[code];
  return {
    zh: `「${column}」填的是 ${entered}，身份证号中是 ${fromId}：${m.zh}，已按身份证号导入`,
    en: `"${column}" says ${entered}, the ID number says ${fromId}: ${m.en}; imported as the ID number says`,
  };
}
