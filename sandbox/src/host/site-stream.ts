/**
 * GET /sites/{id}/stream: the site's updates as server-sent events (`status`, `world`, `event`,
 * each a JSON `data:` line), a comment every HEARTBEAT_MS so proxies keep the connection, and the
 * end of the stream when the site is removed or the caller goes away.
 */
import type { TSiteUpdate } from '../site/site';
import type { SiteRegistry, TSiteEntry } from './site-registry';

export const HEARTBEAT_MS = 15_000;

export function siteStream(registry: SiteRegistry, entry: TSiteEntry, signal: AbortSignal, heartbeatMs = HEARTBEAT_MS): Response {
  const encoder = new TextEncoder();
  let stop = (): void => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string): void => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const sendUpdate = (update: TSiteUpdate): void => {
        const data = update.kind === 'status' ? update.site : update.kind === 'world' ? update.world : update.event;
        send(`event: ${update.kind}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const unsubscribe = entry.site.subscribe((update) => {
        try {
          sendUpdate(update);
        } catch (error) {
          registry.fail(entry, error);
        }
      });
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), heartbeatMs);
      const unwatch = registry.onRemoved(entry.site.sandboxId, () => stop());
      stop = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        unwatch();
        controller.close();
      };
      signal.addEventListener('abort', () => stop(), { once: true });
      sendUpdate({ kind: 'status', site: registry.info(entry) });
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' } });
}
