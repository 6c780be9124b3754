import { maskIdNumber, maskPhone } from '../../../core/mask';
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
  TEXT_UNDECODABLE: {
    zh: '这一行有读不出的字符（文件的编码有误），没有导入：请在 WPS 或 Excel 中改正这一行，再"另存为""CSV UTF-8（逗号分隔）"文件后导入',
    en: 'This row holds characters that cannot be read (the file’s encoding is wrong) and was not imported: correct the row in WPS or Excel, save the file as "CSV UTF-8 (comma delimited)" and import that',
  },
} as const satisfies Record<string, Message>;

/**
 * A row's place problems (apply.ts), as said without the places' names: the rejected-rows
 * workbook says PLACE_UNKNOWN this way for rows past the issues a dry run keeps.
 */
export const PLACE_MESSAGES = {
  PLACE_UNKNOWN: { zh: '房屋不存在（确认“创建这些房屋”后可导入）', en: 'Unknown place (confirm "create these places" to import)' },
  PLACE_ROOM_MISSING: { zh: '没有写门牌号或地址', en: 'No room number or address given' },
  PLACE_COMPOUND_MISSING: { zh: '没有写小区，本社区有多个小区，请补上小区名称', en: 'No compound given, and the community has several' },
} as const satisfies Record<string, Message>;

export type RosterIssueCode = keyof typeof ROSTER_ISSUE_MESSAGES | IdNumberProblem | IdMismatch;

/** File-level problems, thrown as AppError by openRoster/parseRoster; the module registers these. */
export const ROSTER_FILE_MESSAGES = {
  ROSTER_XLS_OLD: {
    zh: '这是旧版 .xls 文件，请在 Excel 或 WPS 中"另存为" .xlsx 后再导入',
    en: 'This is an old .xls file: save it as .xlsx in Excel or WPS and import that',
  },
  ROSTER_FILE_TYPE: { zh: '只能导入 .xlsx 或 .csv 文件（收到的是 {filename}）', en: 'Only .xlsx or .csv files can be imported (got {filename})' },
  ROSTER_NOT_SPREADSHEET: {
    zh: '「{filename}」不是电子表格文件（文件是空的、已损坏，或是别的文件改了名字）。请在 Excel 或 WPS 中打开花名册，"另存为" Excel 工作簿（.xlsx）或"CSV UTF-8（逗号分隔）"文件后再导入',
    en: '"{filename}" is not a spreadsheet (it is empty, damaged, or another kind of file renamed). Open the roster in Excel or WPS, save it as an Excel workbook (.xlsx) or as "CSV UTF-8 (comma delimited)", and import that',
  },
  ROSTER_XLSX_DAMAGED: {
    zh: '「{filename}」已损坏，读不出来（可能没有下载或复制完整）。请在 Excel 或 WPS 中打开它，"另存为"一个新的 .xlsx 文件后再导入；如果打不开，请重新找一份原始文件',
    en: '"{filename}" is damaged and cannot be read (perhaps it was not downloaded or copied completely). Open it in Excel or WPS, save it as a new .xlsx file and import that; if it will not open, get the original file again',
  },
  ROSTER_MIXED_ENCODING: {
    zh: '「{filename}」中混用了两种编码：第 {gbkRow} 行是 GBK（ANSI），第 {utf8Row} 行是 UTF-8，直接导入会把姓名变成乱码。请在 WPS 或 Excel 中打开它，改正显示为乱码的行，再"另存为""CSV UTF-8（逗号分隔）"或 Excel 工作簿（.xlsx）后导入',
    en: '"{filename}" mixes two encodings: row {gbkRow} is GBK (ANSI) and row {utf8Row} is UTF-8, so names would come out garbled. Open it in WPS or Excel, correct the rows that look garbled, save it as "CSV UTF-8 (comma delimited)" or as an Excel workbook (.xlsx), and import that',
  },
  ROSTER_TOO_MANY_ROWS: {
    zh: '花名册超过 {max} 行，一次最多导入 {max} 行：请分成几个文件导入',
    en: 'The roster has more than {max} rows; at most {max} rows are imported at a time: split it into several files',
  },
  ROSTER_TOO_LARGE_UNCOMPRESSED: {
    zh: '表格的内容超过 {mb} MB（解压后），一次最多导入 {mb} MB：请分成几个文件导入，或删去用不到的列和格式',
    en: 'The spreadsheet holds more than {mb} MB of data (uncompressed); at most {mb} MB is imported at a time: split it into several files, or remove columns and formatting it does not need',
  },
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

/**
 * A phone that did not read as one, as an issue shows it: its digits masked but the first three and
 * the last four, separators kept ("138-****-5678"); a value of fewer than seven digits is no one's number.
 */
export function shownPhone(value: string): string {
  const digits = value.replace(/\D/g, '').length;
  if (digits < 7) return value;
  let seen = 0;
  return value.replace(/\d/g, (d) => (++seen <= 3 || seen > digits - 4 ? d : '*'));
}

/**
 * The message with every run of seven or more digits masked (an ID number, a phone, in whatever
 * column it was typed): what a dry run keeps and shows names no one's number in full. The
 * rejected-rows workbook keeps the cells as they were, for correcting.
 */
export function maskedMessage(m: Message): Message {
  const mask = (s: string) => s.replace(/\d{7,}[Xx]?/g, (run) => (run.length >= 15 ? maskIdNumber(run) : maskPhone(run)));
  return { zh: mask(m.zh), en: mask(m.en) };
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
