/**
 * The control API (`@mecport/contracts/sandbox` host-control.ts) over the site registry. Every
 * route needs the host secret; input is parsed with zod; errors are RFC 9457 problem+json.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AppError, ZPageQuery } from '@mecport/contracts';
import {
  ZHostDeploy, ZHostSiteCreate, ZInjectedEvent, ZSandboxCallQuery, ZSandboxParams, ZSandboxRun,
} from '@mecport/contracts/sandbox';
import { errorToResponse, parsePart, queryObject, readJsonBody, requestIdOf, type Logger } from '@mecport/http';
import type { TIsolationProbe } from '../isolation/network-factory';
import { listScenarios, loadScenario } from '../scenario';
import { secretChecker } from './bearer-secret';
import { takePackage } from './package-inbox';
import type { SiteRegistry, TSiteEntry } from './site-registry';
import { siteStream } from './site-stream';

const ZEventQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const ZScenarioParams = z.object({ scenarioId: z.string().min(1).max(63) });
const ZLogQuery = ZPageQuery.extend({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

export interface TControlAppOptions {
  registry: SiteRegistry;
  secret: string;
  inboxDir: string;
  isolation: TIsolationProbe;
  log: Logger;
}

export function controlApp(options: TControlAppOptions): Hono {
  const { registry, log } = options;
  const checkSecret = secretChecker(options.secret);
  const app = new Hono();

  app.onError((error, c) => errorToResponse(error, { requestId: requestIdOf(c.req.raw), instance: c.req.path, log }));
  app.notFound((c) => errorToResponse(new AppError('not-found', `No route ${c.req.method} ${c.req.path}`), { requestId: requestIdOf(c.req.raw) }));
  app.use('*', async (c, next) => {
    checkSecret(c.req.header('authorization'));
    await next();
  });

  const entryOf = (c: Context): TSiteEntry => registry.get(parsePart('params', ZSandboxParams, { sandboxId: c.req.param('sandboxId') }).sandboxId);
  const query = <T extends z.ZodType>(c: Context, schema: T): z.infer<T> => parsePart('query', schema, queryObject(new URL(c.req.url)));
  const body = async <T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> => parsePart('body', schema, await readJsonBody(c.req.raw));

  app.get('/health', (c) => c.json({ status: 'ok', sites: registry.size, isolation: options.isolation }));

  // The scenarios are files shipped with the host; the portal (which may not import sandbox/) reads them here.
  app.get('/scenarios', async (c) => c.json(await listScenarios()));
  app.get('/scenarios/:scenarioId', async (c) => {
    const { scenarioId } = parsePart('params', ZScenarioParams, { scenarioId: c.req.param('scenarioId') });
    return c.json(await loadScenario(scenarioId));
  });

  app.get('/sites', (c) => c.json(registry.list()));
  app.put('/sites/:sandboxId', async (c) => {
    const { sandboxId } = parsePart('params', ZSandboxParams, { sandboxId: c.req.param('sandboxId') });
    return c.json(await registry.put(sandboxId, await body(c, ZHostSiteCreate)));
  });
  app.get('/sites/:sandboxId', (c) => c.json(registry.info(entryOf(c))));
  app.delete('/sites/:sandboxId', async (c) => {
    const { sandboxId } = parsePart('params', ZSandboxParams, { sandboxId: c.req.param('sandboxId') });
    await registry.remove(sandboxId);
    return c.body(null, 204);
  });

  for (const action of ['start', 'pause', 'reset'] as const) {
    app.post(`/sites/:sandboxId/${action}`, async (c) => {
      const entry = entryOf(c);
      await registry.guard(entry, (site) => site[action]());
      return c.json(registry.info(entry));
    });
  }
  app.post('/sites/:sandboxId/run', async (c) => {
    const entry = entryOf(c);
    const { seconds } = await body(c, ZSandboxRun);
    return c.json(await registry.guard(entry, (site) => site.run(seconds)));
  });
  app.post('/sites/:sandboxId/events', async (c) => {
    const entry = entryOf(c);
    const event = await body(c, ZInjectedEvent);
    await registry.guard(entry, (site) => site.inject(event));
    return c.body(null, 202);
  });
  app.get('/sites/:sandboxId/events', async (c) => {
    const entry = entryOf(c);
    const { afterSeq, limit } = query(c, ZEventQuery);
    const items = await registry.guard(entry, (site) => site.events(afterSeq, limit));
    return c.json({ items, nextCursor: items.length === limit ? String(items.at(-1)!.seq) : null });
  });
  app.put('/sites/:sandboxId/deployment', async (c) => {
    const entry = entryOf(c);
    const deploy = await body(c, ZHostDeploy);
    const packagePath = await takePackage(options.inboxDir, registry.siteDir(entry.site.sandboxId), deploy);
    await registry.guard(entry, (site) => site.deploy(deploy, packagePath));
    return c.json(registry.info(entry));
  });
  app.get('/sites/:sandboxId/world', async (c) => {
    const entry = entryOf(c);
    return c.json(await registry.guard(entry, (site) => site.world()));
  });
  app.get('/sites/:sandboxId/stream', (c) => siteStream(registry, entryOf(c), c.req.raw.signal));
  app.get('/sites/:sandboxId/calls', async (c) => {
    const entry = entryOf(c);
    const calls = query(c, ZSandboxCallQuery);
    return c.json(await registry.guard(entry, (site) => site.calls(calls)));
  });
  app.get('/sites/:sandboxId/calls/har', async (c) => {
    const entry = entryOf(c);
    return c.json(await registry.guard(entry, (site) => site.har()) as object);
  });
  app.get('/sites/:sandboxId/logs', async (c) => {
    const entry = entryOf(c);
    const { cursor, limit } = query(c, ZLogQuery);
    return c.json(await registry.guard(entry, (site) => site.logs(cursor, limit)));
  });
  app.all('/sites/:sandboxId/mec/*', async (c) => {
    const entry = entryOf(c);
    const prefix = `/sites/${entry.site.sandboxId}/mec`;
    const path = c.req.path.slice(prefix.length) || '/';
    return registry.guard(entry, (site) => site.tryIt(withoutSecret(c.req.raw), path));
  });

  return app;
}

/** The host secret must never reach a site (whose call record would keep it). */
function withoutSecret(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.delete('authorization');
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(request.url, { method: request.method, headers, body: hasBody ? request.body : null, ...(hasBody ? { duplex: 'half' } : {}) } as RequestInit);
}
