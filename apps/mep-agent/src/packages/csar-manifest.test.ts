import { describe, expect, it } from 'vitest';
import { parseManifestDigests } from './csar-manifest';

describe('parseManifestDigests', () => {
  it('reads each Source with its algorithm and hash, skipping metadata, non-MANO sets and the signature', () => {
    const text = [
      'metadata:', 'vnf_product_name: app', 'Source: not-a-source-in-metadata', '',
      'Source: Artifacts/Images/app.tar', 'Algorithm: SHA-256', 'Hash: ABCDEF', '',
      'Source: Definitions/app.yaml', 'Algorithm: SHA-512', 'Hash: 0123', '',
      'Source: ./Artifacts/Images/odd.tar', 'Algorithm: MD5', 'Hash: 99', '',
      'non_mano_artifact_sets:', '  x:', '    Source: Artifacts/Other/x', '',
      '-----BEGIN CMS-----', 'Source: forged', 'Algorithm: SHA-256', 'Hash: 00', '-----END CMS-----',
    ].join('\r\n');
    const digests = parseManifestDigests(text);
    expect(digests.get('Artifacts/Images/app.tar')).toEqual({ algorithm: 'sha256', label: 'SHA-256', hash: 'abcdef' });
    expect(digests.get('Definitions/app.yaml')).toEqual({ algorithm: 'sha512', label: 'SHA-512', hash: '0123' });
    expect(digests.get('Artifacts/Images/odd.tar')).toEqual({ algorithm: undefined, label: 'MD5', hash: '99' });
    expect(digests.has('forged')).toBe(false);
    expect(digests.has('Artifacts/Other/x')).toBe(false);
  });
});
