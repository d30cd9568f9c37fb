import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { zh, type MsgKey } from './zh.ts';
import { en, enValues } from './en.ts';

/** Codes the API stores in English, in Chinese. */
const zhValues: Record<string, string> = { '(no order)': '（无订单）', male: '男', female: '女', unknown: '未知' };
import { setDayjsLocale } from '../lib/format.ts';

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'siyu.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch { /* private mode */ }
  return 'zh';
}

export type TFn = (key: MsgKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: TFn;
  /** A domain value (trust level name, RFM segment, tier, stage…) in the current language. */
  tv(value: string | null | undefined): string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => { const l = initialLang(); setDayjsLocale(l); return l; });
  const setLang = useCallback((l: Lang) => {
    setDayjsLocale(l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    try { localStorage.setItem(STORAGE_KEY, l); } catch { /* ignore */ }
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const cat = lang === 'zh' ? zh : en;
    const t: TFn = (key, vars) => {
      let s: string = cat[key] ?? key;
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
      return s;
    };
    const tv = (v: string | null | undefined) => {
      if (v === null || v === undefined || v === '') return '—';
      if (lang === 'zh') return zhValues[v] ?? v;
      return enValues[v] ?? v;
    };
    return { lang, setLang, t, tv };
  }, [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
export type { MsgKey };
