/**
 * next-intl request configuration (referenced from next.config.mjs). No i18n routing: the locale
 * comes from the `MECPORT_LOCALE` cookie, else from Accept-Language, else English.
 */
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, resolveLocale } from './locale';
import { loadMessages } from './messages';

export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get('accept-language'));
  return { locale, messages: await loadMessages(locale) };
});
