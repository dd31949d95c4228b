import { describe, expect, it } from 'vitest';
import { storeArchitecture } from './architecture';

describe('storeArchitecture', () => {
  it('maps what packages declare to the store\'s names', () => {
    expect(storeArchitecture(['x86_64'])).toBe('x86_64');
    expect(storeArchitecture(['X86'])).toBe('x86_64');
    expect(storeArchitecture(['x86', 'amd64'])).toBe('x86_64');
    expect(storeArchitecture(['ARM64'])).toBe('aarch64');
    expect(storeArchitecture([])).toBe('x86_64');
  });
  it('refuses unknown or mixed architectures', () => {
    expect(storeArchitecture(['riscv64'])).toBeNull();
    expect(storeArchitecture(['x86_64', 'aarch64'])).toBeNull();
  });
});
