import { describe, expect, it } from 'vitest';
import { fingerprintOfKey, newestOf, pendingOf, uploadFingerprint, uploadPath } from './pending-uploads';

const APP = '5b0c7a4e-1111-4222-8333-944445555666';
const file = { name: 'app:v1.csar', size: 1234, lastModified: 1_700_000_000_000 };

function stored(fingerprint: string, extra: Partial<{ uploadUrl: string | null; metadata: Record<string, string>; creationTime: string; n: number }> = {}) {
  return {
    size: 1234, parallelUploadUrls: null, creationTime: extra.creationTime ?? 'Mon Nov 27 2026 09:00:00 GMT+0000',
    urlStorageKey: `tus::${fingerprint}::${extra.n ?? 42}`, uploadUrl: extra.uploadUrl === undefined ? 'http://localhost:3000/api/v1/uploads/abc' : extra.uploadUrl,
    metadata: extra.metadata ?? { appId: APP, version: '1.0.0', filename: file.name },
  };
}

describe('pending uploads', () => {
  it('fingerprints by app, version and the file, and reads the fingerprint back from a storage key (colons included)', () => {
    const fp = uploadFingerprint(APP, '1.0.0', file);
    expect(fp).toBe(`mecport:${APP}:1.0.0:app:v1.csar:1234:1700000000000`);
    expect(uploadFingerprint(APP, '1.0.1', file)).not.toBe(fp);
    expect(uploadFingerprint(APP, '1.0.0', { ...file, lastModified: 1 })).not.toBe(fp);
    expect(fingerprintOfKey(`tus::${fp}::987654`)).toBe(fp);
    expect(fingerprintOfKey('tusSupport')).toBeNull();
  });

  it('lists only this app\'s uploads that have a URL and metadata, newest first', () => {
    const mine = uploadFingerprint(APP, '1.0.0', file);
    const newer = uploadFingerprint(APP, '2.0.0', file);
    const list = pendingOf([
      stored(mine, { creationTime: 'Mon Nov 27 2026 09:00:00 GMT+0000' }),
      stored(newer, { creationTime: 'Mon Nov 27 2026 10:00:00 GMT+0000', metadata: { appId: APP, version: '2.0.0', filename: file.name } }),
      stored(uploadFingerprint('another-app', '1.0.0', file)),
      stored(mine, { uploadUrl: null, n: 7 }),
      stored(`other:${APP}:1.0.0`),
      stored(mine, { metadata: {}, n: 8 }),
    ], APP);
    expect(list.map((p) => [p.version, p.fingerprint, p.filename, p.size])).toEqual([['2.0.0', newer, file.name, 1234], ['1.0.0', mine, file.name, 1234]]);
  });

  it('continues the newest stored upload of a fingerprint, and fetches upload URLs by path', () => {
    const fp = uploadFingerprint(APP, '1.0.0', file);
    const old = stored(fp, { creationTime: 'Mon Nov 27 2026 08:00:00 GMT+0000', n: 1 });
    const fresh = stored(fp, { creationTime: 'Mon Nov 27 2026 11:00:00 GMT+0000', n: 2 });
    expect(newestOf([old, fresh])?.urlStorageKey).toBe(fresh.urlStorageKey);
    expect(newestOf([])).toBeUndefined();
    expect(uploadPath('http://localhost:3000/api/v1/uploads/abc')).toBe('/api/v1/uploads/abc');
    expect(uploadPath('/api/v1/uploads/abc')).toBe('/api/v1/uploads/abc');
  });
});
