/**
 * A package's AppD names its provider (`appProvider`) freely; the store knows who published it
 * (the tenant). When the two differ the validation report warns and the store listing says so,
 * so a package cannot pass as another provider's unnoticed. Names compare trimmed and
 * case-insensitively, against the tenant's English and Chinese names.
 *
 * @example appProviderDiffers('MECport Demo', { name: 'Globex Telecom', nameZh: null }) // true
 */
import type { TValidationCheck } from '@mecport/contracts';

export interface TPublisher { name: string; nameZh: string | null }

const norm = (s: string) => s.trim().toLocaleLowerCase();

export function appProviderDiffers(appProvider: string | null, publisher: TPublisher): boolean {
  if (appProvider === null) return false;
  return ![publisher.name, publisher.nameZh].some((name) => name !== null && norm(name) === norm(appProvider));
}

/** The validation report's entry for the provider (`store.app-provider`): a warning, never a refusal. */
export function appProviderCheck(appProvider: string | null, publisher: TPublisher): TValidationCheck {
  return appProviderDiffers(appProvider, publisher)
    ? { id: 'store.app-provider', status: 'warn', message: `The AppD names its provider "${appProvider}", but the publisher is ${publisher.name}; the store listing shows both` }
    : { id: 'store.app-provider', status: 'pass', message: `appProvider matches the publisher ${publisher.name}` };
}
