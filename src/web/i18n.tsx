import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { getLang, storeLang, type Lang } from './i18n-store.ts';

export type { Lang } from './i18n-store.ts';

/** A text in both languages; modules keep their own texts this way, beside their pages. */
export interface Bilingual {
  zh: string;
  en: string;
}

const zh = {
  appName: '邻里',
  appSubtitle: '社区工作台',
  loading: '正在加载…',
  retry: '重试',
  save: '保存',
  cancel: '取消',
  edit: '编辑',
  create: '新建',
  search: '搜索',
  reset: '重置',
  confirm: '确定',
  close: '关闭',
  exportExcel: '导出 Excel',
  actions: '操作',
  yes: '是',
  no: '否',
  none: '无',
  notSet: '未填写',
  total: '共 {n} 条',
  saved: '已保存',
  // sign-in
  loginTitle: '登录邻里社区工作台',
  username: '用户名',
  usernameRequired: '请输入用户名',
  password: '密码',
  passwordRequired: '请输入密码',
  login: '登录',
  loggingIn: '正在登录…',
  loginHelp: '忘记密码请联系社区或街道的系统管理员重置。',
  // change password
  changePassword: '修改密码',
  changePasswordForced: '首次登录或密码已被重置，请先设置一个新密码。',
  currentPassword: '当前密码',
  newPassword: '新密码',
  confirmPassword: '再次输入新密码',
  passwordRules: '密码要求',
  ruleLength: '至少 10 个字符',
  ruleCommon: '不能是常见密码（如 1234567890、password）',
  ruleUsername: '不能与用户名相同或包含用户名',
  passwordMismatch: '两次输入的新密码不一致',
  passwordTooShort: '新密码至少需要 10 个字符',
  passwordIsUsername: '新密码不能包含用户名',
  passwordChanged: '密码已修改',
  back: '返回',
  // shell
  community: '社区',
  chooseCommunity: '选择社区',
  language: '语言',
  elderlyMode: '适老模式',
  elderlyModeHint: '大字号、大按钮、高对比度',
  elderlyOn: '开启适老模式',
  elderlyOff: '关闭适老模式',
  signOut: '退出登录',
  menu: '菜单',
  home: '返回首页',
  forbiddenTitle: '没有权限',
  forbiddenText: '您没有查看此页面的权限。如需开通，请联系系统管理员。',
  notFoundTitle: '页面不存在',
  notFoundText: '您访问的页面不存在，可能链接有误或已被删除。',
  crashTitle: '页面出错了',
  crashText: '很抱歉，这个页面遇到了问题。请刷新页面；如果仍然出错，请联系系统管理员。',
  reload: '刷新页面',
  noCommunityTitle: '尚未分配社区',
  loadFailed: '加载失败',
  navCommunity: '社区工作',
  navAdmin: '系统管理',
  userMenu: '用户菜单',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appName: 'Linli',
  appSubtitle: 'Community workbench',
  loading: 'Loading…',
  retry: 'Retry',
  save: 'Save',
  cancel: 'Cancel',
  edit: 'Edit',
  create: 'New',
  search: 'Search',
  reset: 'Reset',
  confirm: 'OK',
  close: 'Close',
  exportExcel: 'Export to Excel',
  actions: 'Actions',
  yes: 'Yes',
  no: 'No',
  none: 'None',
  notSet: 'Not set',
  total: '{n} in total',
  saved: 'Saved',
  loginTitle: 'Sign in to Linli',
  username: 'Username',
  usernameRequired: 'Please enter your username',
  password: 'Password',
  passwordRequired: 'Please enter your password',
  login: 'Sign in',
  loggingIn: 'Signing in…',
  loginHelp: 'Forgot your password? Ask your system administrator to reset it.',
  changePassword: 'Change password',
  changePasswordForced: 'This is your first sign-in or your password was reset. Please set a new password first.',
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'New password again',
  passwordRules: 'Password rules',
  ruleLength: 'At least 10 characters',
  ruleCommon: 'Not a common password (such as 1234567890 or password)',
  ruleUsername: 'Must not be or contain your username',
  passwordMismatch: 'The two new passwords do not match',
  passwordTooShort: 'The new password needs at least 10 characters',
  passwordIsUsername: 'The new password must not contain your username',
  passwordChanged: 'Password changed',
  back: 'Back',
  community: 'Community',
  chooseCommunity: 'Choose a community',
  language: 'Language',
  elderlyMode: 'Large text',
  elderlyModeHint: 'Larger text and buttons, higher contrast',
  elderlyOn: 'Turn on large text',
  elderlyOff: 'Turn off large text',
  signOut: 'Sign out',
  menu: 'Menu',
  home: 'Back to home',
  forbiddenTitle: 'No permission',
  forbiddenText: 'You are not allowed to see this page. Ask your system administrator for access.',
  notFoundTitle: 'Page not found',
  notFoundText: 'This page does not exist. The link may be wrong or the page was removed.',
  crashTitle: 'Something went wrong',
  crashText: 'Sorry, this page ran into a problem. Reload the page; if it happens again, contact your administrator.',
  reload: 'Reload',
  noCommunityTitle: 'No community assigned',
  loadFailed: 'Could not load',
  navCommunity: 'Community work',
  navAdmin: 'Administration',
  userMenu: 'User menu',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, en };

type Vars = Record<string, string | number>;

/** Translate a core key, or pick the right half of a module's bilingual text. */
export type Translate = (text: MessageKey | Bilingual, vars?: Vars) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function fill(s: string, vars?: Vars): string {
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(getLang);

  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18nValue>(() => {
    const dict = dictionaries[lang];
    const t: Translate = (text, vars) =>
      fill(typeof text === 'string' ? dict[text] : lang === 'en' ? text.en : text.zh, vars);
    return { lang, setLang, t };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** `const t = useT(); t('save'); t({ zh: '社区概况', en: 'Community profile' })` */
export function useT(): Translate {
  return useI18n().t;
}
