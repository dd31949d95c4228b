'use client';
/**
 * The app's unfinished uploads that this browser remembers, each checked with a HEAD for the
 * bytes the server has: what the workspace offers to continue after a page reload. Entries the
 * server no longer has (cancelled, expired) or that are complete are forgotten on the way.
 *
 * @example
 *   const { pending, discard } = usePendingUploads(appId, phase === 'idle');
 */
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, type TApiProblem, readProblem } from '@/components/ui/api-problem';
import { forgetFingerprint, pendingOf, uploadPath, urlStorage, type TPendingUpload } from './pending-uploads';

const TUS = { 'Tus-Resumable': '1.0.0' };

export function usePendingUploads(appId: string, enabled: boolean) {
  const { apiFetch, token } = useAuth();
  const [pending, setPending] = useState<TPendingUpload[]>([]);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!enabled || !token) return;
    let live = true;
    const check = async (entry: TPendingUpload): Promise<TPendingUpload | null> => {
      const res = await apiFetch(uploadPath(entry.uploadUrl), { method: 'HEAD', headers: TUS }).catch(() => null);
      // offline, or a status that says nothing about the upload: keep offering it
      if (!res) return entry;
      if (res.ok) {
        const offset = Number(res.headers.get('upload-offset'));
        const length = Number(res.headers.get('upload-length') ?? entry.size);
        if (Number.isFinite(offset) && offset < length) return { ...entry, offset };
      } else if (![404, 410].includes(res.status)) {
        return entry;
      }
      await forgetFingerprint(entry.fingerprint);
      return null;
    };
    void (async () => {
      const entries = pendingOf(await urlStorage().findAllUploads(), appId);
      const checked = await Promise.all(entries.map(check));
      if (live) setPending(checked.filter((e): e is TPendingUpload => e !== null));
    })();
    return () => { live = false; };
  }, [apiFetch, appId, enabled, token, generation]);

  /** Deletes the upload on the server (tus termination) and forgets it; a problem if the server refused. */
  const discard = useCallback(async (entry: TPendingUpload): Promise<TApiProblem | null> => {
    let problem: TApiProblem | null = null;
    try {
      const res = await apiFetch(uploadPath(entry.uploadUrl), { method: 'DELETE', headers: TUS });
      if (!res.ok && ![404, 410].includes(res.status)) problem = await readProblem(res);
    } catch (e) {
      problem = networkProblem(e);
    }
    if (!problem) await forgetFingerprint(entry.fingerprint);
    setGeneration((n) => n + 1);
    return problem;
  }, [apiFetch]);

  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  return { pending, discard, refresh };
}
