import { describe, expect, it } from 'vitest';
import { appProviderCheck, appProviderDiffers } from './app-provider-check';

describe('appProvider against the publishing tenant', () => {
  const globex = { name: 'Globex Telecom', nameZh: '环球电信' };

  it('differs unless it names the tenant (English or Chinese name, trimmed, any case)', () => {
    expect(appProviderDiffers('MECport Demo', globex)).toBe(true);
    expect(appProviderDiffers(' globex telecom', globex)).toBe(false);
    expect(appProviderDiffers('环球电信', globex)).toBe(false);
    expect(appProviderDiffers(null, globex), 'no AppD, nothing to compare').toBe(false);
  });

  it('is a warning in the validation report, never a refusal', () => {
    expect(appProviderCheck('MECport Demo', globex)).toMatchObject({ id: 'store.app-provider', status: 'warn', message: expect.stringContaining('Globex Telecom') });
    expect(appProviderCheck('Globex Telecom', globex)).toMatchObject({ status: 'pass' });
  });
});
