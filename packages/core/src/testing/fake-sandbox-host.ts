/**
 * A sandbox host that speaks the control API (`@mecport/contracts/sandbox` host-control.ts) over
 * loopback HTTP with the bearer secret, keeping its sites in memory: enough for core's tests of
 * rows, access, quota, expiry and deployment hand-over. Its virtual `run` hashes the scenario, the
 * seed and the clock, so equal runs give equal hashes as the real engine's do. Tests that need the
 * real engine start the real host process (see sandbox.host.integration.test.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import { ZHostDeploy, ZHostSiteCreate, type THostSite, type TScenario, type TScenarioSummary } from '@mecport/contracts/sandbox';

export interface TFakeSandboxHost {
  url: string;
  secret: string;
  sites: Map<string, THostSite>;
  /** Deployed package files, moved out of the inbox. */
  received: string[];
  /** The next PUT /sites fails with 500 (a host that cannot build a site). */
  failNextCreate: boolean;
  close(): Promise<void>;
}

function summaryOf(scenario: TScenario): TScenarioSummary {
  const zones = scenario.domains.flatMap((d) => d.zones);
  return {
    id: scenario.id, name: scenario.name, description: scenario.description, durationSec: scenario.durationSec, ueCount: scenario.ues.length,
    zoneCount: zones.length, poaCount: zones.reduce((n, z) => n + z.pointsOfAccess.length, 0), mecNodeCount: scenario.mecNodes.length, eventCount: scenario.events.length,
  };
}

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
}

export async function startFakeSandboxHost(options: { scenarios: TScenario[]; inboxDir: string }): Promise<TFakeSandboxHost> {
  const secret = 'fake-host-secret-0123456789';
  const sites = new Map<string, THostSite>();
  const received: string[] = [];
  const state = { failNextCreate: false };
  const server: Server = createServer((request, response) => {
    const send = (status: number, body?: unknown) => {
      response.writeHead(status, body === undefined ? {} : { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    void (async () => {
      if (request.headers.authorization !== `Bearer ${secret}`) return send(401, { detail: 'bad secret' });
      const url = new URL(request.url ?? '/', 'http://fake');
      const [, root, id, action, extra] = url.pathname.split('/');
      if (root === 'scenarios') {
        if (!id) return send(200, options.scenarios.map(summaryOf));
        const scenario = options.scenarios.find((s) => s.id === id);
        return scenario ? send(200, scenario) : send(404, { detail: `No scenario ${id}` });
      }
      if (root !== 'sites') return send(404, { detail: 'No route' });
      if (!id) return send(200, [...sites.values()]);
      if (request.method === 'PUT' && !action) {
        if (state.failNextCreate) {
          state.failNextCreate = false;
          return send(500, { detail: 'the fake host could not build the site' });
        }
        const create = ZHostSiteCreate.parse(await bodyOf(request));
        const site: THostSite = {
          sandboxId: id, scenarioId: create.scenario.id, seed: create.seed, clock: create.clock, status: 'ready', failureReason: null, timeSec: 0,
          expiresAt: create.expiresAt, deployment: null, networkShaping: { real: false, reason: 'the fake host shapes nothing' },
        };
        sites.set(id, site);
        return send(200, site);
      }
      if (request.method === 'DELETE' && !action) {
        sites.delete(id);
        return send(204);
      }
      const site = sites.get(id);
      if (!site) return send(404, { detail: `No site ${id}` });
      if (!action) return send(200, site);
      if (action === 'start' || action === 'pause' || action === 'reset') {
        site.status = action === 'start' ? 'running' : action === 'pause' ? 'paused' : 'ready';
        if (action === 'reset') site.timeSec = 0;
        return send(200, site);
      }
      if (action === 'run') {
        if (site.clock !== 'virtual') return send(409, { detail: 'not virtual' });
        const { seconds } = (await bodyOf(request)) as { seconds: number };
        site.timeSec += seconds;
        const eventLogSha256 = createHash('sha256').update(`${site.scenarioId}|${site.seed}|${site.timeSec}`).digest('hex');
        return send(200, { timeSec: site.timeSec, eventCount: Math.floor(seconds), eventLogSha256, wallMs: 1 });
      }
      if (action === 'deployment') {
        const deploy = ZHostDeploy.parse(await bodyOf(request));
        const from = path.join(options.inboxDir, deploy.packageFile);
        if (!existsSync(from)) return send(400, { detail: `No package ${deploy.packageFile} in the inbox` });
        const to = path.join(options.inboxDir, '..', 'taken', deploy.packageFile);
        await mkdir(path.dirname(to), { recursive: true });
        await rename(from, to);
        received.push(to);
        site.deployment = { appId: deploy.appId, appVersionId: deploy.appVersionId, appName: deploy.appName, version: deploy.version, appInstanceId: 'i-1', state: 'RUNNING', message: null, readyConfirmed: false };
        return send(200, site);
      }
      if (action === 'stream') {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(`event: status\ndata: ${JSON.stringify({ kind: 'status', site })}\n\n`);
        return;
      }
      if (action === 'world') return send(200, { scenarioId: site.scenarioId, seed: site.seed, timeSec: site.timeSec, seq: 0, ues: [], poas: [], zones: [] });
      if (action === 'calls' && extra === 'har') return send(200, { log: { version: '1.2', creator: { name: 'fake', version: '1' }, entries: [] } });
      if (action === 'calls' || action === 'logs' || action === 'events') return send(200, { items: [], nextCursor: null });
      if (action === 'mec') return send(200, { echo: `${url.pathname.split('/mec/')[1]}${url.search}`, method: request.method, body: await bodyOf(request).catch(() => null) });
      return send(404, { detail: 'No route' });
    })().catch((error: unknown) => send(500, { detail: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`, secret, sites, received,
    get failNextCreate() { return state.failNextCreate; },
    set failNextCreate(value: boolean) { state.failNextCreate = value; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
