/** The message catalogues, one JSON file per locale in `apps/portal/messages/`. */
import type { TLocale } from '@mecport/contracts';
import type en from '../../messages/en.json';

export type TMessages = typeof en;

export async function loadMessages(locale: TLocale): Promise<TMessages> {
  switch (locale) {
    case 'zh-CN':
      return (await import('../../messages/zh-CN.json')).default;
    case 'en':
      return (await import('../../messages/en.json')).default;
  }
}
