/**
 * The API server's entry: `tsx src/main.ts portal` serves every route and the UI on PORT;
 * `tsx src/main.ts edge-gateway` serves only the agents' routes on EDGE_GATEWAY_PORT.
 *
 * Several gateways (and portals) may run against one PostgreSQL: a change wakes the long-poll
 * of whichever process holds it (LISTEN/NOTIFY, core/edge/channel), and agents' reports are idempotent.
 */
import { api } from './api';
import { apiEnv } from './env';
import { log } from './logger';
import { apiApp } from './server/api-app';
import { apiListener } from './server/api-listener';
import { isEdgeGatewayRoute } from './server/edge-gateway-routes';
import { listen } from './server/http-server';
import { servedRoutes } from './server/served-routes';
import { shedWhenSaturated } from './server/shed-when-saturated';

async function main(mode: string | undefined): Promise<void> {
  const env = apiEnv();
  const wrap = shedWhenSaturated(env);
  if (mode === 'portal') {
    // Loaded here only: Next.js and the OpenAPI document added ~5 MB to every gateway replica.
    const [{ portalListener }, { openApiDocument }] = await Promise.all([import('./server/portal-server'), import('./openapi-document')]);
    const app = apiApp({ routes: servedRoutes(), openApi: openApiDocument, wrap });
    await listen('portal', await portalListener(app, { port: env.PORT, hostname: env.MECPORT_LISTEN_HOST }), env.PORT, env.MECPORT_LISTEN_HOST);
    return;
  }
  if (mode === 'edge-gateway') {
    const agentFacing = new Set(api.routes.filter(isEdgeGatewayRoute).map((route) => route.operationId));
    const app = apiApp({ routes: servedRoutes().filter((route) => agentFacing.has(route.operationId)), wrap });
    await listen('edge gateway', apiListener(app, { overrideGlobalObjects: true }), env.EDGE_GATEWAY_PORT, env.MECPORT_LISTEN_HOST);
    return;
  }
  throw new Error(`usage: main.ts portal | edge-gateway (got ${mode ?? 'nothing'})`);
}

main(process.argv[2]).catch((error: unknown) => {
  log.fatal({ err: error }, 'the API server could not start');
  process.exit(1);
});
