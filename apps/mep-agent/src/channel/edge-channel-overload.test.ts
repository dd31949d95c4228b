/**
 * The edge channel against a portal that is overloaded: real HTTP on loopback (ScriptedPortal
 * answers 503/429 with Retry-After, or never), and an injected clock, so that every wait the
 * channel asks for is asserted, and released by the test, instead of slept through.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { THeartbeat, TNodeReport } from '@mecport/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedPortal, type TChannelRoute, type TScriptedAnswer } from '../testing/scripted-portal';
import { waitFor } from '../testing/sample-app';
import { EdgeChannel, type TChannelClock } from './edge-channel';
import { PortalClient } from './portal-client';
import { TokenSigner } from './token-signer';

const METRICS = { cpuPercent: 1, memUsedBytes: 1, memTotalBytes: 2, diskUsedBytes: 1, diskTotalBytes: 2, load1: 0, load5: 0, load15: 0 };
const HEARTBEAT_MS = 10_000;

interface TWait { ms: number; signal: AbortSignal | undefined; release(): void; done: boolean }

/** Time stands still until the test moves it; every sleep waits for the test's `release`. */
function fakeClock(): { clock: TChannelClock; waits: TWait[]; advance(ms: number): void } {
  const waits: TWait[] = [];
  let now = 1_000_000;
  const clock: TChannelClock = {
    now: () => now,
    random: () => 0.5,
    sleep: (ms, signal) => new Promise<void>((resolve) => {
      const wait: TWait = { ms, signal, done: false, release: () => { wait.done = true; resolve(); } };
      waits.push(wait);
      if (signal?.aborted) wait.release();
      signal?.addEventListener('abort', () => wait.release(), { once: true });
    }),
  };
  return { clock, waits, advance: (ms) => void (now += ms) };
}

let portal: ScriptedPortal | undefined;
let channel: EdgeChannel | undefined;
afterEach(async () => {
  await channel?.stop();
  await portal?.stop();
  channel = undefined;
  portal = undefined;
});

async function setUp(script: Partial<Record<TChannelRoute, TScriptedAnswer[]>>, options: { callTimeoutMs?: number } = {}) {
  portal = await ScriptedPortal.start(script);
  const nodeId = randomUUID();
  const signer = new TokenSigner(generateKeyPairSync('ed25519').privateKey, { nodeId, credentialId: randomUUID() });
  const client = new PortalClient({ portalUrl: portal.url, nodeId, signer, httpAgent: new http.Agent({ keepAlive: true }), callTimeoutMs: options.callTimeoutMs });
  const time = fakeClock();
  let beats = 0;
  channel = new EdgeChannel({
    client, after: -1, heartbeatIntervalSec: HEARTBEAT_MS / 1000, agentVersion: 'test', waitSec: 30, clock: time.clock,
    backoff: { baseMs: 1000, maxMs: 30_000 },
    onDesired: () => undefined,
    // Each heartbeat numbers itself, so the portal's log shows whether one was ever sent twice.
    heartbeat: async () => ({ appliedRevision: ++beats, metrics: METRICS, instances: [], services: [] }),
  });
  channel.start();
  return { portal, channel, ...time };
}

const beatNumbers = (p: ScriptedPortal) => p.received('heartbeat').map((b) => (b as THeartbeat).appliedRevision);

async function nextWait(waits: TWait[], what: string, match: (w: TWait) => boolean = () => true): Promise<TWait> {
  await waitFor(what, () => waits.some((w) => !w.done && match(w)));
  return waits.find((w) => !w.done && match(w))!;
}

describe('EdgeChannel under overload', () => {
  it('waits out a 503\'s Retry-After (with jitter) before the next heartbeat, and never sends a refused one again', async () => {
    const { portal: p, waits } = await setUp({ heartbeat: [{ status: 503, retryAfter: '20' }, { status: 503, retryAfter: '20' }] });
    const first = await nextWait(waits, 'the wait after the first refusal');
    // Retry-After 20 s, spread by up to half again (random 0.5: a quarter, +5 s); longer than the 10 s interval.
    expect(first.ms).toBe(25_000);
    first.release();
    const second = await nextWait(waits, 'the wait after the second refusal');
    expect(second.ms).toBe(25_000);
    second.release();
    const steady = await nextWait(waits, 'the wait after an accepted heartbeat');
    expect(steady.ms).toBe(HEARTBEAT_MS); // back to the interval (random 0.5: no jitter either way)
    expect(beatNumbers(p)).toEqual([1, 2, 3]); // three heartbeats, each sent once
  });

  it('drops a heartbeat that times out: the next one replaces it after the interval, and the lost one is never sent again', async () => {
    const { portal: p, waits } = await setUp({ heartbeat: ['hang'] }, { callTimeoutMs: 1500 });
    const afterTimeout = await nextWait(waits, 'the wait after the timeout');
    expect(afterTimeout.ms).toBe(HEARTBEAT_MS); // the backoff (1 s) is shorter than the interval
    expect(beatNumbers(p)).toEqual([1]);
    afterTimeout.release();
    const steady = await nextWait(waits, 'the wait after the next heartbeat');
    expect(steady.ms).toBe(HEARTBEAT_MS);
    expect(beatNumbers(p)).toEqual([1, 2]);
    expect(channel!.state).toBe('online');
  });

  it('backs heartbeats off exponentially while the portal keeps failing without Retry-After', async () => {
    const { waits } = await setUp({ heartbeat: Array.from({ length: 6 }, () => ({ status: 500 })) });
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      const wait = await nextWait(waits, `wait ${i}`);
      seen.push(wait.ms);
      wait.release();
    }
    // Equal jitter at random 0.5: 3/4 of 1, 2, 4, 8, 16, 32 (capped 30) s; never under the interval.
    expect(seen).toEqual([10_000, 10_000, 10_000, 10_000, 12_000, 22_500]);
  });

  it('retries a report through 503, 429 and a timeout until the portal takes it, respecting each Retry-After', async () => {
    const { portal: p, waits, channel: c } = await setUp({ report: [{ status: 503, retryAfter: '3' }, { status: 429, retryAfter: '4' }, 'hang'] }, { callTimeoutMs: 1500 });
    const report: TNodeReport = { appliedRevision: 7, outcome: 'applied', message: null, instances: [] };
    c.report(report);
    const notHeartbeat = (w: TWait) => w.ms !== HEARTBEAT_MS;
    const after503 = await nextWait(waits, 'the wait after the 503', notHeartbeat);
    expect(after503.ms).toBe(3750); // 3 s, spread by a quarter at random 0.5
    after503.release();
    const after429 = await nextWait(waits, 'the wait after the 429', notHeartbeat);
    expect(after429.ms).toBe(5000);
    after429.release();
    const afterTimeout = await nextWait(waits, 'the wait after the timeout', notHeartbeat);
    expect(afterTimeout.ms).toBe(3000); // no Retry-After: the third backoff step, 3/4 of 4 s
    afterTimeout.release();
    await waitFor('the report taken', () => p.received('report').length === 4);
    expect(p.received('report')).toEqual([report, report, report, report]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(waits.filter(notHeartbeat).every((w) => w.done)).toBe(true); // taken: no further retry pending
  });

  it('lets the portal coming back end a plain backoff early, but not a wait the portal asked for', async () => {
    const { portal: p, waits } = await setUp({ desired: [{ status: 503, retryAfter: '5' }, { status: 500 }], heartbeat: ['hang'] }, { callTimeoutMs: 60_000 });
    const asked = await nextWait(waits, 'the long-poll\'s wait after the 503');
    expect(asked.ms).toBe(6250);
    expect(channel!.state).toBe('offline');
    p.answerHanging('heartbeat', { status: 204 });
    await waitFor('online', () => channel!.state === 'online');
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked.done).toBe(false); // the portal asked for 5 s: its coming back does not end them

    asked.release();
    const plain = await nextWait(waits, 'the long-poll\'s plain backoff after a 500', (w) => w.ms < HEARTBEAT_MS);
    expect(plain.ms).toBe(1500);
    expect(channel!.state).toBe('offline');
    (await nextWait(waits, 'the heartbeat interval', (w) => w.ms === HEARTBEAT_MS)).release(); // the next heartbeat is taken
    await waitFor('the plain backoff ended by the portal coming back', () => plain.done);
    await waitFor('the long-poll retried at once', () => p.received('desired').length === 3);
  });

  it('holds log pushes while the portal asked for quiet, and sends them again after', async () => {
    const { portal: p, channel: c, advance } = await setUp({ logs: [{ status: 503, retryAfter: '10' }] });
    const tail = { appInstanceId: randomUUID(), lines: ['hello'] };
    expect(await c.pushLogs(tail)).toBe(false);
    expect(await c.pushLogs(tail)).toBe(false); // not sent: the portal asked for 10 s
    expect(p.received('logs')).toHaveLength(1);
    advance(10_000);
    expect(await c.pushLogs(tail)).toBe(true);
    expect(p.received('logs')).toHaveLength(2);
  });
});
