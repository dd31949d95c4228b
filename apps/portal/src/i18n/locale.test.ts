import { describe, expect, it } from 'vitest';
import { localeCookie, parseAcceptLanguage, resolveLocale } from './locale';

describe('resolveLocale', () => {
  it('prefers a valid cookie over Accept-Language', () => {
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
    expect(resolveLocale('en', 'zh-CN,zh;q=0.9')).toBe('en');
  });
  it('ignores an unknown cookie value', () => {
    expect(resolveLocale('fr', 'zh-TW')).toBe('zh-CN');
    expect(resolveLocale('zh-cn', undefined)).toBe('en');
  });
  it('maps any Chinese variant to zh-CN and honours q-values', () => {
    expect(resolveLocale(undefined, 'zh')).toBe('zh-CN');
    expect(resolveLocale(undefined, 'zh-Hant-TW,en;q=0.5')).toBe('zh-CN');
    expect(resolveLocale(undefined, 'en;q=0.4, zh-HK;q=0.8')).toBe('zh-CN');
    expect(resolveLocale(undefined, 'de-DE, en;q=0.9, zh;q=0.8')).toBe('en');
  });
  it('falls back to English', () => {
    expect(resolveLocale(undefined, undefined)).toBe('en');
    expect(resolveLocale(null, '')).toBe('en');
    expect(resolveLocale(undefined, 'fr-FR, *;q=0.1')).toBe('en');
    expect(resolveLocale(undefined, 'zh;q=0')).toBe('en');
  });
});

describe('parseAcceptLanguage', () => {
  it('orders by weight and keeps header order for ties', () => {
    expect(parseAcceptLanguage('a;q=0.5, b, c;q=0.5, d;q=1')).toEqual(['b', 'd', 'a', 'c']);
  });
});

describe('localeCookie', () => {
  it('writes a site-wide, long-lived cookie', () => {
    expect(localeCookie('zh-CN')).toMatch(/^MECPORT_LOCALE=zh-CN; Path=\/; Max-Age=\d+; SameSite=Lax$/);
  });
});
