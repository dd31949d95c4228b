/**
 * Unfinished uploads this browser remembers. tus-js-client keeps each upload's URL in
 * localStorage under the upload's fingerprint (`tus::<fingerprint>::<n>`), so after a page reload
 * the workspace can offer to continue them. A chosen File cannot survive a reload, so continuing
 * needs the same file chosen again; its fingerprint tells whether it is the same one.
 *
 * @example
 *   const fp = uploadFingerprint(appId, '1.0.0', file);   // 'mecport:<appId>:1.0.0:app.csar:1234:1700000000000'
 *   pendingOf(await urlStorage().findAllUploads(), appId); // [{ fingerprint: fp, uploadUrl, version: '1.0.0', … }]
 */
import * as tus from 'tus-js-client';

type TStoredUpload = Awaited<ReturnType<tus.Upload['findPreviousUploads']>>[number];

export interface TPendingUpload {
  /** The urlStorage key, for removing the entry. */
  key: string;
  fingerprint: string;
  uploadUrl: string;
  version: string;
  filename: string;
  size: number;
  /** Bytes on the server, once a HEAD told. */
  offset?: number;
}

const PREFIX = 'mecport';

/** The same file for the same app and version resumes the same upload. */
export function uploadFingerprint(appId: string, version: string, file: Pick<File, 'name' | 'size' | 'lastModified'>): string {
  return [PREFIX, appId, version, file.name, file.size, file.lastModified].join(':');
}

/** The fingerprint inside a urlStorage key `tus::<fingerprint>::<n>`; null for another shape. */
export function fingerprintOfKey(key: string): string | null {
  const match = /^tus::(.+)::[^:]*$/.exec(key);
  return match ? match[1]! : null;
}

/** The stored uploads of one app that still have a URL, newest first. */
export function pendingOf(stored: TStoredUpload[], appId: string): TPendingUpload[] {
  const out: { entry: TPendingUpload; created: number }[] = [];
  for (const upload of stored) {
    const fingerprint = fingerprintOfKey(upload.urlStorageKey);
    if (!fingerprint?.startsWith(`${PREFIX}:${appId}:`) || !upload.uploadUrl) continue;
    const { version, filename } = upload.metadata ?? {};
    if (!version || !filename) continue;
    out.push({
      entry: { key: upload.urlStorageKey, fingerprint, uploadUrl: upload.uploadUrl, version, filename, size: upload.size ?? 0 },
      created: Date.parse(upload.creationTime) || 0,
    });
  }
  return out.sort((a, b) => b.created - a.created).map((o) => o.entry);
}

/** The newest stored upload of a fingerprint: the one to continue when there are several. */
export function newestOf(stored: TStoredUpload[]): TStoredUpload | undefined {
  return [...stored].sort((a, b) => (Date.parse(b.creationTime) || 0) - (Date.parse(a.creationTime) || 0))[0];
}

/** Where tus-js-client keeps upload URLs in this browser (localStorage; a no-op store without it). */
export function urlStorage() {
  return tus.defaultOptions.urlStorage;
}

/** Forgets every stored URL of a fingerprint (after a cancel, or once the server no longer has it). */
export async function forgetFingerprint(fingerprint: string): Promise<void> {
  const storage = urlStorage();
  for (const stored of await storage.findUploadsByFingerprint(fingerprint)) await storage.removeUpload(stored.urlStorageKey);
}

/** The path of an upload URL, for the same-origin `apiFetch`. */
export function uploadPath(uploadUrl: string): string {
  return new URL(uploadUrl, 'http://portal.invalid').pathname;
}
