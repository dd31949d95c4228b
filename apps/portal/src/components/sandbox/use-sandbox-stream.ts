'use client';
/**
 * The sandbox page's live view: reads `GET /api/v1/sandboxes/{id}/stream` (server-sent events)
 * and folds its messages into a TStreamState (world-stream.ts). The stream needs the bearer
 * token, which the browser's EventSource cannot send, so it is read with fetch and parsed with
 * eventsource-parser (read-stream.ts). When the stream is not available (an error answer, a proxy that buffers,
 * a dropped connection) the hook polls `.../world` every POLL_MS and tries the stream again
 * after RETRY_MS; `mode` says which is in use.
 *
 * @example const { state, mode } = useSandboxStream(sandbox.id);  state.world?.ues
 */
import { useEffect, useReducer, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { readStream } from './read-stream';
import { EMPTY_STREAM, parseStreamMessage, reduceStream, type TStreamState } from './world-stream';

export const POLL_MS = 2000;
export const RETRY_MS = 15_000;

export type TStreamMode = 'connecting' | 'live' | 'polling';

export function useSandboxStream(sandboxId: string, enabled = true): { state: TStreamState; mode: TStreamMode } {
  const { apiFetch } = useAuth();
  const [state, dispatch] = useReducer(reduceStream, EMPTY_STREAM);
  const [mode, setMode] = useState<TStreamMode>('connecting');

  useEffect(() => {
    if (!enabled) return;
    const base = `/api/v1/sandboxes/${encodeURIComponent(sandboxId)}`;
    const stop = new AbortController();
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let streamAbort: AbortController | null = null;

    const poll = async () => {
      try {
        const res = await apiFetch(`${base}/world`, { signal: stop.signal, cache: 'no-store' });
        if (res.ok) {
          const action = parseStreamMessage('world', await res.text());
          if (action) dispatch(action);
        }
      } catch {
        // the next poll tries again; the page keeps the last snapshot
      }
      if (!stop.signal.aborted && !streamAbort) pollTimer = setTimeout(() => void poll(), POLL_MS);
    };

    const fallBack = () => {
      streamAbort = null;
      if (stop.signal.aborted) return;
      setMode('polling');
      clearTimeout(pollTimer);
      void poll();
      retryTimer = setTimeout(() => void connect(), RETRY_MS);
    };

    const connect = async () => {
      clearTimeout(pollTimer);
      const abort = new AbortController();
      streamAbort = abort;
      stop.signal.addEventListener('abort', () => abort.abort(), { once: true });
      try {
        const res = await apiFetch(`${base}/stream`, { signal: abort.signal, cache: 'no-store', headers: { Accept: 'text/event-stream' } });
        if (!res.ok || !res.body || !/event-stream/.test(res.headers.get('content-type') ?? '')) {
          await res.body?.cancel();
          fallBack();
          return;
        }
        setMode('live');
        await readStream(res.body, dispatch);
        fallBack(); // the server ended the stream (a restart, a deleted sandbox): poll until it is back
      } catch {
        if (!stop.signal.aborted) fallBack();
      }
    };

    setMode('connecting');
    void connect();
    return () => { stop.abort(); clearTimeout(pollTimer); clearTimeout(retryTimer); };
  }, [apiFetch, sandboxId, enabled]);

  return { state, mode };
}
