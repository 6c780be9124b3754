import type { Message } from '../../../core/i18n';

/** 居民身份证号码 — the resident ID number of GB 11643-1999. */

export type IdNumberProblem = 'ID_LENGTH' | 'ID_CHARS' | 'ID_BIRTH_DATE' | 'ID_CHECK_DIGIT';
export type IdMismatch = 'ID_BIRTH_MISMATCH' | 'ID_GENDER_MISMATCH';
export type Gender = 'male' | 'female';

export interface ParsedIdNumber {
  ok: true;
  /** 18 characters, upper-case X. */
  value: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: Gender;
  regionCode: string;
  /** The input was a legacy 15-digit number (issued before 1999) and was converted. */
  converted15: boolean;
}

export interface IdNumberError {
  ok: false;
  code: IdNumberProblem;
  /** The input after clean-up, so the form can show what was actually checked. */
  normalized: string;
  message: Message;
}

export type IdNumberResult = ParsedIdNumber | IdNumberError;

const MESSAGES: Record<IdNumberProblem | IdMismatch, Message> = {
  ID_LENGTH: { zh: '身份证号应为18位（或旧版15位）', en: 'An ID number has 18 digits (or 15 for the old cards)' },
  ID_CHARS: {
    zh: '身份证号只能包含数字，最后一位可以是 X；如果是从 Excel 复制的，请把该列设为"文本"后重新输入',
    en: 'An ID number has only digits, the last may be X; if it came from Excel, format the column as text and type it again',
  },
  ID_BIRTH_DATE: { zh: '身份证号中的出生日期不正确', en: "The birth date inside the ID number is not a valid date" },
  ID_CHECK_DIGIT: { zh: '身份证号校验位不正确', en: "The ID number's check digit is wrong" },
  ID_BIRTH_MISMATCH: {
    zh: '出生日期与身份证号不一致',
    en: 'The birth date differs from the one in the ID number',
  },
  ID_GENDER_MISMATCH: { zh: '性别与身份证号不一致', en: 'The gender differs from the one in the ID number' },
};

/** Messages for every code this file produces, for the module to register with the core. */
export const ID_NUMBER_MESSAGES: Readonly<Record<IdNumberProblem | IdMismatch, Message>> = MESSAGES;

export function idNumberProblemMessage(code: IdNumberProblem | IdMismatch): Message {
  return MESSAGES[code];
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Cleans what people paste from Excel rosters and forms: spaces anywhere, hyphens used as
 * separators, full-width digits and Ｘ from Chinese input methods, lower-case x.
 */
function normalize(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF38\uFF58x]/g, 'X')
    .replace(/[\s\u00A0\u3000\-\u2010-\u2015\uFF0D]/g, '');
}

function fail(code: IdNumberProblem, normalized: string): IdNumberError {
  return { ok: false, code, normalized, message: MESSAGES[code] };
}

function localIsoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function realDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Parses and checks an ID number. A number (rather than a string) is accepted only when it cannot
 * have lost digits: an 18-digit ID is beyond Number.MAX_SAFE_INTEGER, so a spreadsheet reader
 * that handed us a number has already rounded it and any digits we print would be invented.
 */
export function parseIdNumber(input: string | number, today: Date = new Date()): IdNumberResult {
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input < 0 || String(input).length > 15) return fail('ID_CHARS', String(input));
    input = String(input);
  }
  const v = normalize(input);
  if (v.length === 0) return fail('ID_LENGTH', v);
  // Excel shows long numbers as "1.10105E+17" and keeps only 15 significant digits: the rest are
  // gone, so such text is rejected instead of being guessed back into an ID.
  if (!/^[0-9X]+$/.test(v)) return fail('ID_CHARS', v);
  if (v.length !== 15 && v.length !== 18) return fail('ID_LENGTH', v);
  if (v.length === 15 ? v.includes('X') : v.slice(0, 17).includes('X')) return fail('ID_CHARS', v);

  const converted15 = v.length === 15;
  // Legacy 15-digit numbers carry a 2-digit year, all in the 1900s, and no check digit.
  const body17 = converted15 ? v.slice(0, 6) + '19' + v.slice(6) : v.slice(0, 17);

  const y = Number(body17.slice(6, 10));
  const m = Number(body17.slice(10, 12));
  const d = Number(body17.slice(12, 14));
  const birthDate = `${body17.slice(6, 10)}-${body17.slice(10, 12)}-${body17.slice(12, 14)}`;
  if (y < 1900 || !realDate(y, m, d) || birthDate > localIsoDate(today)) return fail('ID_BIRTH_DATE', v);

  const check = idCheckDigit(body17);
  if (!converted15 && v[17] !== check) return fail('ID_CHECK_DIGIT', v);

  return {
    ok: true,
    value: body17 + check,
    birthDate,
    gender: Number(body17[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: body17.slice(0, 6),
    converted15,
  };
}

export interface IdDisagreement {
  code: IdMismatch;
  message: Message;
  /** What the ID number says. */
  fromId: string;
  entered: string;
}

/** Accepts 1949-12-31, 1949/12/31, 1949.12.31 and 1949年12月31日, with or without leading zeros. */
function normalizeEnteredDate(s: string): string | null {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(s);
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

/**
 * Compares what someone typed into the form with what the ID number says, so staff see the
 * disagreement before saving instead of two truths in the registry.
 */
export function checkAgainstEntered(
  parsed: ParsedIdNumber,
  entered: { birthDate?: string; gender?: Gender },
): IdDisagreement[] {
  const out: IdDisagreement[] = [];
  if (entered.birthDate !== undefined && entered.birthDate.trim() !== '') {
    if (normalizeEnteredDate(entered.birthDate) !== parsed.birthDate) {
      out.push({
        code: 'ID_BIRTH_MISMATCH',
        message: MESSAGES.ID_BIRTH_MISMATCH,
        fromId: parsed.birthDate,
        entered: entered.birthDate,
      });
    }
  }
  if (entered.gender !== undefined && entered.gender !== parsed.gender) {
    out.push({
      code: 'ID_GENDER_MISMATCH',
      message: MESSAGES.ID_GENDER_MISMATCH,
      fromId: parsed.gender,
      entered: entered.gender,
    });
  }
  return out;
}
