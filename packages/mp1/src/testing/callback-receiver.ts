/**
 * A real local HTTP server that plays an app's notification endpoint: it records every POST
 * (also into `recorded.notifications` for the conformance check) and answers as told.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { recorded } from './recorder';

export interface TReceived { path: string; body: Record<string, unknown> }

/** How to answer the n-th POST (1-based): a status, or hold the answer until `release()`. */
export type TReplyPlan = (n: number) => number | 'hold';

async function readText(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

export async function startCallbackReceiver(plan: TReplyPlan = () => 204) {
  const received: TReceived[] = [];
  const waiters: { count: number; path?: string; resolve: () => void }[] = [];
  const held: (() => void)[] = [];
  const heldWaiters: (() => void)[] = [];
  let attempts = 0;
  const matching = (path?: string) => received.filter((r) => path === undefined || r.path === path);

  const server = createServer((req, res) => {
    void readText(req).then((text) => {
      attempts++;
      const reply = plan(attempts);
      // A held POST is recorded when it is answered: that is when the MEP counts it delivered.
      const accept = (status: number) => {
        if (status >= 200 && status < 300) {
          const body = JSON.parse(text) as Record<string, unknown>;
          received.push({ path: req.url ?? '/', body });
          recorded.notifications.push({ callbackUrl: req.url ?? '/', body });
          for (const w of waiters.filter((w) => matching(w.path).length >= w.count)) w.resolve();
        }
        res.writeHead(status).end();
      };
      if (reply !== 'hold') return accept(reply);
      held.push(() => accept(204));
      for (const w of heldWaiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  return {
    /** Declare it as the subscribing app's port (`h.listensOn`): callbacks go only where the app listens. */
    port,
    url: (path = '/notify') => `${base}${path}`,
    received,
    get attempts() {
      return attempts;
    },
    /** Resolves once `count` notifications (to `path`, if given) were accepted. */
    waitFor(count: number, path?: string): Promise<TReceived[]> {
      if (matching(path).length >= count) return Promise.resolve(matching(path));
      return new Promise((resolve) => waiters.push({ count, path, resolve: () => resolve(matching(path)) }));
    },
    /** Resolves once a POST is being held. */
    untilHeld(): Promise<void> {
      return held.length > 0 ? Promise.resolve() : new Promise((resolve) => heldWaiters.push(resolve));
    },
    /** Answers every held POST. */
    release() {
      for (const answer of held.splice(0)) answer();
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
