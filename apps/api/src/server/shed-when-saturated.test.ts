// The API server's load shedding as wired (main.ts passes it to apiApp as `wrap`): past the limit a
// route answers 503 with Retry-After at once, the health check still answers, and a long-poll has
// its own budget.
import { describe, expect, it } from 'vitest';
import { apiApp } from './api-app';
import type { TServedRoute } from './served-routes';
import { shedWhenSaturated } from './shed-when-saturated';

function parked(): { handle: TServedRoute['handle']; release: () => void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => { release = resolve; });
  return { handle: async () => { await gate; return Response.json({ ok: true }); }, release };
}

const env = { MECPORT_MAX_IN_FLIGHT: 1, MECPORT_MAX_LONG_POLLS: 1, MECPORT_MAX_AGENT_WRITES: 1, MECPORT_RETRY_AFTER_SEC: 3 };

describe('shedWhenSaturated', () => {
  it('answers 503 + Retry-After past the limit, never for health, and takes requests again once one is done', async () => {
    const slow = parked();
    const app = apiApp({
      routes: [
        { method: 'GET', path: '/api/v1/apps', operationId: 'listApps', handle: slow.handle },
        { method: 'GET', path: '/api/health', operationId: 'getHealth', handle: async () => Response.json({ status: 'ok' }) },
      ],
      wrap: shedWhenSaturated(env),
    });
    const first = app.request('/api/v1/apps');
    const refused = await app.request('/api/v1/apps');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('3');
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await app.request('/api/health')).status).toBe(200);
    slow.release();
    expect((await first).status).toBe(200);
    expect((await app.request('/api/v1/apps')).status).toBe(200);
  });

  it('counts a parked desired-state long-poll apart from ordinary requests', async () => {
    const poll = parked();
    const app = apiApp({
      routes: [
        { method: 'GET', path: '/api/v1/edge/nodes/{nodeId}/desired', operationId: 'getDesiredState', handle: poll.handle },
        { method: 'GET', path: '/api/v1/me', operationId: 'getMe', handle: async () => Response.json({}) },
      ],
      wrap: shedWhenSaturated(env),
    });
    const parkedPoll = app.request('/api/v1/edge/nodes/n1/desired');
    expect((await app.request('/api/v1/me')).status).toBe(200);
    expect((await app.request('/api/v1/edge/nodes/n2/desired')).status).toBe(503);
    poll.release();
    expect((await parkedPoll).status).toBe(200);
  });
});
