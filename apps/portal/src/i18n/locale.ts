/**
 * Locale selection for the portal (no i18n routing: the locale lives in a cookie, not in the URL).
 *
 * Shared by the server (`request.ts`) and the browser (the language switch), so it holds no
 * server-only or React imports.
 *
 * @example
 *   resolveLocale(undefined, 'zh-TW,zh;q=0.9,en;q=0.8') // 'zh-CN'
 *   document.cookie = localeCookie('zh-CN');
 */
import { LOCALES, type TLocale } from '@mecport/contracts';

export const LOCALE_COOKIE = 'MECPORT_LOCALE';
export const DEFAULT_LOCALE: TLocale = 'en';
/** One year: the choice persists across visits. */
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/**
 * Each language's own name (an autonym). Deliberately not translated: a reader looks for the
 * name of the language they can read, whatever the current UI language is.
 */
export const LOCALE_NAMES: Record<TLocale, string> = { en: 'English', 'zh-CN': '简体中文' };
/** Short autonyms for narrow screens. */
export const LOCALE_SHORT_NAMES: Record<TLocale, string> = { en: 'EN', 'zh-CN': '中文' };

export function isLocale(value: unknown): value is TLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The cookie wins when it holds a supported locale; otherwise the first Accept-Language entry
 * (by q-value) that is English or any Chinese variant decides; otherwise English.
 */
export function resolveLocale(cookieValue: string | undefined | null, acceptLanguage: string | undefined | null): TLocale {
  if (isLocale(cookieValue)) return cookieValue;
  for (const tag of parseAcceptLanguage(acceptLanguage ?? '')) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return DEFAULT_LOCALE;
}

/** Language tags ordered by their q-value (highest first, stable for ties); `*` and q=0 are dropped. */
export function parseAcceptLanguage(header: string): string[] {
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((e) => e.tag !== '' && e.tag !== '*' && e.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((e) => e.tag);
}

/** A `document.cookie` assignment string that stores the locale for a year, site-wide. */
export function localeCookie(locale: TLocale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax`;
}
