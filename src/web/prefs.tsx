import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

const ELDERLY_KEY = 'linli.elderly';

interface Prefs {
  /** 适老化 — elderly-friendly mode: large type, large controls, high contrast. */
  elderly: boolean;
  setElderly: (on: boolean) => void;
}

const PrefsContext = createContext<Prefs | null>(null);

function readElderly(): boolean {
  try {
    return localStorage.getItem(ELDERLY_KEY) === '1';
  } catch {
    return false;
  }
}

export function PrefsProvider({ children }: { children: ReactNode }) {
  const [elderly, setState] = useState<boolean>(readElderly);
  const setElderly = useCallback((on: boolean) => {
    try {
      localStorage.setItem(ELDERLY_KEY, on ? '1' : '0');
    } catch {
      // not persisted; still applies for this visit
    }
    setState(on);
  }, []);
  const value = useMemo(() => ({ elderly, setElderly }), [elderly, setElderly]);
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): Prefs {
  const v = useContext(PrefsContext);
  if (!v) throw new Error('usePrefs outside PrefsProvider');
  return v;
}
