import { LOCALES } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import zhCN from '../../messages/zh-CN.json';

const catalogues: Record<string, unknown> = { en, 'zh-CN': zhCN };

/** `{ a: { b: 'x' } }` -> `{ 'a.b': 'x' }`; non-string leaves are reported as such. */
function flatten(value: unknown, prefix = ''): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { [prefix]: value };
  return Object.entries(value).reduce<Record<string, unknown>>((acc, [k, v]) => ({ ...acc, ...flatten(v, prefix ? `${prefix}.${k}` : k) }), {});
}

/** ICU argument names (`{name}`, `{count, plural, …}`) and rich-text tags (`<code>`) in a message, sorted and de-duplicated. */
function argumentsOf(message: string): string[] {
  const args = [...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1]!);
  const tags = [...message.matchAll(/<([A-Za-z][\w-]*)>/g)].map((m) => `<${m[1]!}>`);
  return [...new Set([...args, ...tags])].sort();
}

describe('message catalogues', () => {
  const flat = Object.fromEntries(Object.entries(catalogues).map(([locale, messages]) => [locale, flatten(messages)]));
  const enFlat = flat.en!;

  it('exist for every supported locale', () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LOCALES].sort());
  });

  it('have identical key sets', () => {
    for (const locale of LOCALES) expect(Object.keys(flat[locale]!).sort(), locale).toEqual(Object.keys(enFlat).sort());
  });

  it('have no empty or non-string values', () => {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(flat[locale]!)) {
        expect(typeof value, `${locale} ${key}`).toBe('string');
        expect((value as string).trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same ICU arguments and tags in every locale', () => {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(enFlat)) {
        expect(argumentsOf(flat[locale]![key] as string), `${locale} ${key}`).toEqual(argumentsOf(value as string));
      }
    }
  });
});
