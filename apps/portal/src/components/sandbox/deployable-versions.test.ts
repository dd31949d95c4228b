import type { TAppVersion } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { deployableVersions } from './deployable-versions';

const version = (v: string, status: TAppVersion['status'], fail: number, createdAt: string): TAppVersion => ({
  id: `00000000-0000-4000-8000-00000000000${v.length}`, appId: '00000000-0000-4000-8000-000000000000', version: v, status,
  packageDigest: 'a'.repeat(64), packageSize: 1, appdId: 'x', architecture: 'x86_64', validation: { pass: 3, warn: 0, fail },
  createdAt, certifiedAt: null, publishedAt: null, deprecatedAt: null, workload: null,
});

describe('deployableVersions', () => {
  it('keeps verified packages, newest first', () => {
    const list = deployableVersions([
      version('1.0.0', 'published', 0, '2026-01-01T00:00:00Z'),
      version('1.1.0', 'validated', 0, '2026-02-01T00:00:00Z'),
      version('0.9.0', 'certified', 0, '2025-12-01T00:00:00Z'),
    ]);
    expect(list.map((v) => v.version)).toEqual(['1.1.0', '1.0.0', '0.9.0']);
  });
  it('leaves out packages with a failed check and deprecated versions', () => {
    const list = deployableVersions([
      version('2.0.0', 'validated', 1, '2026-03-01T00:00:00Z'),
      version('1.0.0', 'deprecated', 0, '2026-01-01T00:00:00Z'),
      version('1.5.0', 'published', 0, '2026-02-01T00:00:00Z'),
    ]);
    expect(list.map((v) => v.version)).toEqual(['1.5.0']);
  });
});
