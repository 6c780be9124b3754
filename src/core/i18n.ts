/** Languages Linli speaks: Chinese first, English second. */
export type Lang = 'zh-CN' | 'en';

export interface Message {
  zh: string;
  en: string;
}

const messages: Record<string, Message> = {};

/** Registers translated messages for error codes; modules call this for their own codes. */
export function defineMessages(entries: Record<string, Message>): void {
  for (const [code, msg] of Object.entries(entries)) {
    if (messages[code] && messages[code].zh !== msg.zh) throw new Error(`Message ${code} defined twice`);
    messages[code] = msg;
  }
}

export function translate(code: string, lang: Lang, params: Record<string, string | number> = {}): string {
  const msg = messages[code];
  const template = msg ? (lang === 'en' ? msg.en : msg.zh) : code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** Picks the language from the `linli_lang` cookie, then Accept-Language; Chinese by default. */
export function pickLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookie === 'en' || cookie === 'zh-CN') return cookie;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en';
  return 'zh-CN';
}

defineMessages({
  AUTH_REQUIRED: { zh: '请先登录', en: 'Please sign in' },
  // one answer for an unknown name, a wrong password and a locked account: nobody learns who has an account
  AUTH_INVALID: { zh: '用户名或密码错误，或账户已暂时锁定', en: 'Wrong username or password, or the account is locked for a while' },
  AUTH_DISABLED: { zh: '账号已停用，请联系管理员', en: 'This account is disabled; ask your administrator' },
  SESSION_EXPIRED: { zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  PASSWORD_CHANGE_REQUIRED: { zh: '首次登录请先修改密码', en: 'Please change your password before continuing' },
  PASSWORD_TOO_SHORT: { zh: '密码至少 {min} 位', en: 'The password needs at least {min} characters' },
  PASSWORD_COMMON: { zh: '这个密码太常见，容易被猜到', en: 'This password is too common and easy to guess' },
  PASSWORD_IS_USERNAME: { zh: '密码不能与用户名相同', en: 'The password must not be the username' },
  PASSWORD_WRONG_CURRENT: { zh: '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_SAME: { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  RATE_LIMITED: { zh: '尝试次数过多，请稍后再试', en: 'Too many attempts; please try again later' },
  CSRF_REJECTED: { zh: '请求来源不受信任，已拒绝', en: 'The request came from an untrusted origin and was refused' },
  FORBIDDEN: { zh: '您没有权限执行此操作', en: 'You do not have permission to do this' },
  NOT_FOUND: { zh: '找不到该记录或页面', en: 'Not found' },
  VALIDATION_FAILED: { zh: '填写的内容有误，请检查标红的项目', en: 'Some fields are not valid; please check them' },
  CONFLICT: { zh: '记录已存在', en: 'The record already exists' },
  INTERNAL: { zh: '系统出错了，请稍后再试或联系管理员', en: 'Something went wrong; please try again or contact your administrator' },
  FIELD_REQUIRED: { zh: '必填', en: 'Required' },
  FIELD_TOO_SHORT: { zh: '至少 {min} 个字符', en: 'At least {min} characters' },
  FIELD_TOO_LONG: { zh: '最多 {max} 个字符', en: 'At most {max} characters' },
  FIELD_TOO_SMALL: { zh: '不能小于 {min}', en: 'Must be at least {min}' },
  FIELD_TOO_BIG: { zh: '不能大于 {max}', en: 'Must be at most {max}' },
  FIELD_INVALID: { zh: '格式不正确', en: 'Invalid value' },
  FIELD_INVALID_TYPE: { zh: '类型不正确', en: 'Wrong type of value' },
  USERNAME_TAKEN: { zh: '用户名已被使用', en: 'This username is taken' },
  GRANT_OTHER_SUB_DISTRICT: { zh: '该社区不属于这个街道', en: 'The community is not in this sub-district' },
  FIELD_UNKNOWN: { zh: '不认识的字段', en: 'Unknown field' },
  FIELD_NUL: { zh: '不能含有空字符（\\u0000）', en: 'Must not contain a NUL character (\\u0000)' },
});
