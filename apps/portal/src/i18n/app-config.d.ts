// Types next-intl's hooks: `useLocale()` returns a TLocale and message keys are checked against en.json.
import type { TLocale } from '@mecport/contracts';
import type { TMessages } from './messages';

declare module 'next-intl' {
  interface AppConfig {
    Locale: TLocale;
    Messages: TMessages;
  }
}
