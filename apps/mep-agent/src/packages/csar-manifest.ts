/**
 * The digests a package's manifest (.mf, SOL004 §4.3 / MEC 037 §6.2.2) gives its files: `Source:`
 * entries each followed by `Algorithm:` and `Hash:`. The agent needs only these (to check an
 * image archive before it is loaded); metadata, non-MANO sets and the signature block are skipped
 * (the portal validated them). Paths are relative to the package root (after any top folder).
 *
 * @example parseManifestDigests('Source: Artifacts/Images/app.tar\nAlgorithm: SHA-256\nHash: ab…\n').get('Artifacts/Images/app.tar')
 */
export interface TManifestDigest {
  /** The Node.js hash name (sha256, sha384, sha512), or undefined when the manifest names another algorithm. */
  algorithm: string | undefined;
  /** As written in the manifest, e.g. SHA-256. */
  label: string;
  hash: string;
}

const ALGORITHMS: Record<string, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

export function parseManifestDigests(text: string): Map<string, TManifestDigest> {
  const out = new Map<string, TManifestDigest>();
  let source: string | undefined;
  let label = '';
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (/^-----BEGIN (CMS|PKCS7)-----/.test(raw.trim())) break;
    const match = /^\s*([A-Za-z]+):\s*(.*?)\s*$/.exec(raw);
    if (!match) continue;
    const [, key, value = ''] = match;
    if (key === 'Source') {
      source = value.replace(/^\.\//, '');
      label = '';
    } else if (key === 'Algorithm' && source !== undefined) {
      label = value;
    } else if (key === 'Hash' && source !== undefined) {
      out.set(source, { algorithm: ALGORITHMS[label.toUpperCase().replace(/_/g, '-')], label: label || '(none)', hash: value.toLowerCase() });
      source = undefined;
    }
  }
  return out;
}
