/**
 * One sandbox for real, on loopback: the campus scenario, the real MEP agent in sandbox mode, and
 * the fixture app (testing/fixture-app.mjs) deployed as a CSAR. The app's Mp1 and Location calls
 * pass the gateway and land in the call record; a zone notification reaches it after a run; a
 * flood and a crash loop fail the sandbox; destroy leaves no process and no file.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ZHostSite, ZSandboxCall } from '@mecport/contracts/sandbox';
import type { TSite, TSiteUpdate } from './site';
import { harValidator } from './testing/har-validator';
import { buildAgentBundle, cleanup, deployFixture, openSite, scratchDir, waitFor } from './testing/site-fixture';

type TTestSite = TSite & { livePids(): Promise<number[]> };
const open: { site: TTestSite; dir: string }[] = [];

beforeAll(async () => {
  await buildAgentBundle();
}, 180_000);

afterEach(async () => {
  for (const { site, dir } of open.splice(0)) {
    await site.destroy();
    await cleanup(dir);
  }
});

async function newSite(options: Parameters<typeof openSite>[1] = {}, extras: Parameters<typeof openSite>[2] = {}) {
  const dir = await scratchDir();
  const site = await openSite(dir, options, extras);
  open.push({ site, dir });
  return { site, dir };
}

const appLines = (site: TSite) => site.logs(undefined, 1000).items.filter((l) => l.source === 'app').map((l) => l.line);

describe('a sandbox site', () => {
  it('runs the app through the real agent; its Mp1 and Location calls are recorded in order; a zone notification reaches it after run; HAR validates', async () => {
    const { site, dir } = await newSite();
    expect(ZHostSite.parse(site.info())).toMatchObject({ status: 'ready', timeSec: 0, deployment: null, networkShaping: { real: false } });
    const updates: TSiteUpdate[] = [];
    site.subscribe((u) => updates.push(u));

    const deployed = await deployFixture(site, dir, 'normal');
    expect(deployed.deployment).toMatchObject({ appName: 'fixture-normal', version: '1.0.0' });
    await waitFor('the app subscribed', () => appLines(site).some((l) => l.startsWith('step: subscribed to zonalTraffic 201')));
    // Readiness comes with the agent's next heartbeat (each second), the log lines with its next push.
    await waitFor('the agent to report the app ready', () => site.info().deployment?.readyConfirmed);
    expect(site.info().deployment).toMatchObject({ state: 'RUNNING', readyConfirmed: true });
    expect(appLines(site)).toContainEqual(expect.stringMatching(/^step: discovered Location at http:\/\/127\.0\.0\.1:\d+\/location\/v2$/));

    const calls = site.calls({ limit: 100 }).items;
    for (const call of calls) ZSandboxCall.parse(call);
    expect(calls.map((c) => [c.method, c.url.split('?')[0], c.status, c.api])).toEqual([
      ['POST', '/oauth2/token', 200, 'mp1-app-support'],
      ['POST', `/mec_app_support/v1/applications/${site.info().deployment!.appInstanceId}/confirm_ready`, 204, 'mp1-app-support'],
      ['GET', '/mec_service_mgmt/v1/services', 200, 'mp1-service-mgmt'],
      ['GET', '/location/v2/queries/users', 200, 'location'],
      ['POST', '/location/v2/subscriptions/zonalTraffic', 201, 'location'],
    ]);
    expect(calls.every((c) => c.source === 'app' && c.direction === 'request')).toBe(true);
    expect(calls[0]!.request.body).toContain('grant_type=client_credentials');
    expect(calls[1]!.request.headers.authorization).toBe('Bearer [redacted]');
    expect(JSON.parse(calls[2]!.response.body!)).toEqual([expect.objectContaining({ serName: 'LocationService' })]);
    expect(JSON.parse(calls[3]!.response.body!).userList.user.length).toBeGreaterThan(0);

    // A UE from outside zone-north walks in: put it next to a zone-north access point, then run the virtual clock.
    const world = site.world();
    const ue = world.ues.find((u) => u.zoneId !== 'zone-north')!;
    const poa = world.poas.find((p) => p.zoneId === 'zone-north' && p.up)!;
    site.inject({ kind: 'move-ue', target: ue.id, params: { to: poa.location } });
    const run = await site.run(3);
    expect(run.timeSec).toBe(3);
    expect(updates.some((u) => u.kind === 'event' && u.event.kind === 'ue-poa-change' && u.event.ueId === ue.id && u.event.toZoneId === 'zone-north')).toBe(true);
    expect(updates.some((u) => u.kind === 'world' && u.world.timeSec === 3)).toBe(true);
    const notification = await waitFor('the notification in the record', () => site.calls({ limit: 10, direction: 'notification' }).items[0]);
    expect(notification).toMatchObject({ source: 'service', api: 'location', method: 'POST', status: 204 });
    expect(notification.request.body).toContain(ue.address);
    await waitFor('the app to log the notification', () => appLines(site).some((l) => l.startsWith('notification: ') && l.includes(ue.address)));

    expect(harValidator()(site.har())).toEqual([]);
    expect(site.logs(undefined, 1000).items.some((l) => l.source === 'agent')).toBe(true);
  });

  it('answers "try it" through the gateway as the deployed app, recorded as try-it; without an app it says to deploy first', async () => {
    const { site, dir } = await newSite();
    const before = await site.tryIt(new Request('http://portal/x'), '/mec_service_mgmt/v1/services');
    expect(before.status).toBe(409);
    expect(await before.json()).toMatchObject({ detail: expect.stringMatching(/deploy an app/) });
    const zones = await site.tryIt(new Request('http://portal/x?zoneId=zone-north'), '/location/v2/queries/zones');
    expect(zones.status).toBe(200);

    await deployFixture(site, dir, 'normal');
    await waitFor('the app running', () => site.info().deployment?.readyConfirmed);
    const services = await site.tryIt(new Request('http://portal/x'), '/mec_service_mgmt/v1/services');
    expect(services.status).toBe(200);
    expect(((await services.json()) as { serName: string }[]).map((s) => s.serName)).toEqual(expect.arrayContaining(['LocationService', 'RNIS']));
    const tryIts = site.calls({ limit: 100 }).items.filter((c) => c.source === 'try-it');
    expect(tryIts.map((c) => [c.url, c.status])).toEqual([['/location/v2/queries/zones?zoneId=zone-north', 200], ['/mec_service_mgmt/v1/services', 200]]);
  });

  it('answers a flood with 429 problems, then fails the sandbox naming the numbers and stops the app; the record stays readable', async () => {
    const { site, dir } = await newSite({ rateLimitPerSec: 20 }, { floodAfterMs: 2000 });
    await deployFixture(site, dir, 'flood');
    await waitFor('the site failed', () => site.info().status === 'failed');
    expect(site.info().failureReason).toMatch(/flooded the MEC APIs: \d+ requests in \d+\.\d s \(\d+\/s\) against a limit of 20\/s/);
    const limited = site.calls({ limit: 1, status: '4xx' }).items[0]!;
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.response.body!)).toMatchObject({ status: 429, title: 'Too many requests' });
    expect(limited.response.headers['content-type']).toBe('application/problem+json');
    await waitFor('the app stopped', () => ['STOPPED', 'STOPPING'].includes(site.info().deployment?.state ?? '') && site.info().deployment?.state === 'STOPPED');
    await expect(site.start()).rejects.toThrow(/failed/);
  });

  it('fails the sandbox when the app crash-loops, with the agent\'s message', async () => {
    const { site, dir } = await newSite();
    await deployFixture(site, dir, 'crash');
    await waitFor('the site failed', () => site.info().status === 'failed', 90_000);
    expect(site.info().failureReason).toMatch(/crash loop .*exit/i);
    await waitFor("the app's output in the logs", () => appLines(site).includes('crashing on purpose'));
  });

  it('on the real clock: start moves time with a world snapshot about each second and status updates, pause stops it, run is refused', async () => {
    const { site } = await newSite({ clock: 'real' });
    const updates: TSiteUpdate[] = [];
    site.subscribe((u) => updates.push(u));
    expect(await site.start()).toMatchObject({ status: 'running' });
    await waitFor('two world snapshots with time moving', () => updates.filter((u) => u.kind === 'world' && u.world.timeSec > 0).length >= 2, 30_000);
    await expect(site.run(5)).rejects.toThrow(/real clock/);
    const paused = await site.pause();
    expect(paused.status).toBe('paused');
    expect(paused.timeSec).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(site.info().timeSec).toBe(paused.timeSec);
    expect(updates.filter((u) => u.kind === 'status').map((u) => u.kind === 'status' && u.site.status)).toEqual(['running', 'paused']);
  });

  it('resets the world, the record and the app; destroy leaves no process, port or file, twice', async () => {
    const { site, dir } = await newSite();
    await deployFixture(site, dir, 'normal');
    await waitFor('the app subscribed', () => appLines(site).some((l) => l.startsWith('step: subscribed')));
    await site.run(5);
    const firstInstance = site.info().deployment!.appInstanceId;
    const reset = await site.reset();
    expect(reset).toMatchObject({ status: 'ready', timeSec: 0 });
    expect(reset.deployment!.appInstanceId).not.toBe(firstInstance);
    await waitFor('the new app subscribed', () => site.calls({ limit: 100 }).items.some((c) => c.url === '/location/v2/subscriptions/zonalTraffic'));
    expect(site.calls({ limit: 100 }).items[0]!.url).toBe('/oauth2/token');
    expect(site.calls({ limit: 100 }).items.some((c) => c.url.includes(firstInstance))).toBe(false);

    const pids = await site.livePids();
    expect(pids.length).toBe(2); // the agent and the app
    await site.destroy();
    await site.destroy();
    expect(await site.livePids()).toEqual([]);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    await expect(access(join(dir, 'site-data'))).rejects.toThrow();
  });
});
