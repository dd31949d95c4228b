'use client';
/**
 * One resumable package upload from the browser (tus-js-client against /api/v1/uploads): start,
 * pause, resume and cancel, with its phase, bytes, speed meter and, when it continued an earlier
 * upload of the same file, the offset the server had. A dropped connection shows as
 * `reconnecting` while tus-js-client retries (RETRY_DELAYS) rather than as a failure; only when
 * the retries run out does it stop, paused, with the problem.
 *
 * @example
 *   const { state, start, pause, resume, cancel } = useTusUpload({ appId, onFinished: reload });
 *   await start(file, '1.0.0');   // continues the newest earlier upload of this file and version
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import * as tus from 'tus-js-client';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, type TApiProblem } from '@/components/ui/api-problem';
import { forgetFingerprint, newestOf, uploadFingerprint } from './pending-uploads';
import { sample, startMeter, type TMeter } from './upload-math';
import { isTransient, RETRY_DELAYS, statusOf } from './upload-retry';

const ENDPOINT = '/api/v1/uploads';
const CHUNK = 64 * 1024 * 1024;

export type TUploadPhase = 'idle' | 'uploading' | 'reconnecting' | 'paused' | 'done';

export interface TUploadState {
  phase: TUploadPhase;
  sent: number;
  total: number;
  meter: TMeter | null;
  problem: TApiProblem | null;
  /** Continuing an earlier upload of the same file; `resumedFrom` is the server's offset once its HEAD answered. */
  resumed: boolean;
  resumedFrom: number | null;
  /** The retry under way while reconnecting (1-based), of `maxAttempts`. */
  attempt: number;
  maxAttempts: number;
  /** The server's id of the upload once every byte is in (its validation is then followed in the uploads list). */
  uploadId: string | null;
}

const INITIAL: TUploadState = { phase: 'idle', sent: 0, total: 0, meter: null, problem: null, resumed: false, resumedFrom: null, attempt: 0, maxAttempts: RETRY_DELAYS.length, uploadId: null };

/** The problem in a tus error: the server's problem+json body when there is one. */
export function tusProblem(error: Error): TApiProblem {
  const res = (error as tus.DetailedError).originalResponse;
  if (!res) return networkProblem(error);
  try {
    const body = JSON.parse(res.getBody() || '{}') as Partial<TApiProblem>;
    return { title: body.title ?? `HTTP ${res.getStatus()}`, status: res.getStatus(), detail: body.detail, requestId: body.requestId ?? res.getHeader('x-request-id') ?? undefined, errors: body.errors };
  } catch {
    return { title: `HTTP ${res.getStatus()}`, status: res.getStatus(), detail: error.message };
  }
}

export function useTusUpload({ appId, onFinished }: { appId: string; onFinished: () => void }) {
  const { token } = useAuth();
  const [state, setState] = useState<TUploadState>(INITIAL);
  const upload = useRef<tus.Upload | null>(null);
  const fingerprint = useRef<string | null>(null);
  // read at request time, so a token renewed during a long upload is used
  const latest = useRef({ token, onFinished });
  useEffect(() => { latest.current = { token, onFinished }; }, [token, onFinished]);
  useEffect(() => () => { void upload.current?.abort(); }, []);

  const patch = useCallback((change: Partial<TUploadState> | ((s: TUploadState) => Partial<TUploadState>)) => {
    setState((s) => ({ ...s, ...(typeof change === 'function' ? change(s) : change) }));
  }, []);

  const start = useCallback(async (file: File, version: string) => {
    const fp = uploadFingerprint(appId, version, file);
    let awaitingResumeHead = false;
    const moving = (s: TUploadState): TUploadPhase => (s.phase === 'reconnecting' ? 'uploading' : s.phase);
    const u = new tus.Upload(file, {
      endpoint: ENDPOINT,
      chunkSize: CHUNK,
      retryDelays: RETRY_DELAYS,
      metadata: { appId, version, filename: file.name },
      fingerprint: async () => fp,
      removeFingerprintOnSuccess: true,
      onBeforeRequest: (req) => { if (latest.current.token) req.setHeader('Authorization', `Bearer ${latest.current.token}`); },
      onAfterResponse: (req, res) => {
        if (!awaitingResumeHead || req.getMethod() !== 'HEAD' || res.getStatus() !== 200) return;
        awaitingResumeHead = false;
        const offset = Number(res.getHeader('Upload-Offset'));
        patch({ resumedFrom: offset, sent: offset, meter: startMeter(Date.now(), offset) });
      },
      onShouldRetry: (err, attempt) => {
        const retry = isTransient(statusOf(err));
        if (retry) patch({ phase: 'reconnecting', attempt: attempt + 1 });
        return retry;
      },
      onProgress: (bytes) => {
        const now = Date.now();
        patch((s) => ({ sent: bytes, meter: sample(s.meter ?? startMeter(now, bytes), now, bytes), phase: moving(s) }));
      },
      onChunkComplete: (_chunk, accepted) => patch((s) => ({ sent: accepted, phase: moving(s) })),
      onError: (e) => patch({ phase: 'paused', problem: tusProblem(e) }),
      onSuccess: () => {
        upload.current = null;
        patch({ phase: 'done', sent: file.size, problem: null, uploadId: u.url?.split('/').at(-1) ?? null });
        latest.current.onFinished();
      },
    });
    const previous = newestOf(await u.findPreviousUploads());
    if (previous) u.resumeFromPreviousUpload(previous);
    awaitingResumeHead = !!previous;
    upload.current = u;
    fingerprint.current = fp;
    setState({ ...INITIAL, phase: 'uploading', total: file.size, meter: startMeter(Date.now(), 0), resumed: !!previous });
    u.start();
  }, [appId, patch]);

  const pause = useCallback(async () => {
    await upload.current?.abort();
    patch({ phase: 'paused' });
  }, [patch]);

  const resume = useCallback(() => {
    patch((s) => ({ problem: null, phase: 'uploading', meter: startMeter(Date.now(), s.sent) }));
    upload.current?.start();
  }, [patch]);

  /** Stops the upload, deletes it on the server (tus termination) and forgets its stored URL. */
  const cancel = useCallback(async () => {
    const u = upload.current;
    const fp = fingerprint.current;
    upload.current = null;
    let problem: TApiProblem | null = null;
    try {
      if (u?.url) await u.abort(true);
      else await u?.abort();
    } catch (e) {
      problem = tusProblem(e as Error);
      // the server has no upload to delete any more: nothing left to clean up
      if (problem.status === 404 || problem.status === 410) problem = null;
    }
    if (fp) await forgetFingerprint(fp);
    setState({ ...INITIAL, problem });
    latest.current.onFinished();
  }, []);

  const dismissProblem = useCallback(() => patch({ problem: null }), [patch]);

  return { state, start, pause, resume, cancel, dismissProblem };
}
