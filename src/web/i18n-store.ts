/** The interface languages. `zh-CN` is the default; the cookie carries the same value to the server. */
export type Lang = 'zh-CN' | 'en';

const STORAGE_KEY = 'linli.lang';
const COOKIE = 'linli_lang';

function isLang(v: unknown): v is Lang {
  return v === 'zh-CN' || v === 'en';
}

function readCookie(): string | null {
  const m = document.cookie.match(/(?:^|;\s*)linli_lang=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : null;
}

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // storage disabled (private mode): use the cookie or the default
  }
  const cookie = readCookie();
  return isLang(cookie) ? cookie : 'zh-CN';
}

let current: Lang = typeof document === 'undefined' ? 'zh-CN' : initialLang();

export function getLang(): Lang {
  return current;
}

/** Remembers the language in localStorage and in the cookie the server reads for its messages. */
export function storeLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore: the cookie still carries it
  }
  document.cookie = `${COOKIE}=${lang}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
  document.documentElement.lang = lang;
}
