/**
 * The stack of `npm start`, loaded by scripts/start.ts only after the build (the Prisma client and
 * bundles exist by then):
 *
 *   1. the database: DATABASE_URL, or an embedded PostgreSQL with its data under .data/
 *   2. migrations and demo data (the realm's seed, then the demo store's packages through the upload path)
 *   3. the dev IdP (unless OIDC_ISSUER points at a real one), the sandbox host (its control API on
 *      127.0.0.1:MECPORT_SANDBOX_HOST_PORT, a fresh secret per run), the worker, the portal (API and
 *      UI on PORT), the edge gateway (the agents' routes on EDGE_GATEWAY_PORT), the demo agent (on the gateway)
 *   4. the demo logins; Ctrl-C (or SIGTERM) stops every process started here
 */
import path from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS } from '@mecport/contracts';
import { importDemoStore } from '@mecport/core/demo';
import { createPrismaClient } from '@mecport/db';
import { resolveDatabase } from '@mecport/db/embedded';
import { migrate } from '@mecport/db/migrate';
import { seed } from '@mecport/db/seed';
import { API_DIR, apiServerCommand, apiServerEnv } from './api-server-command';
import { startChild, stopChild, waitForHttp, type TChild } from './children';
import { startDemoAgent } from './demo-agent';
import { LEAN_NODE_ARGS, leanNodeEnv } from './lean-node';
import { sandboxHostRun, waitForSandboxHost } from './sandbox-host';
import type { TStartConfig } from './start-config';

const root = path.resolve(import.meta.dirname, '../..');
const children: TChild[] = [];
let stopDatabase: (() => Promise<void>) | undefined;

function step(message: string): void {
  process.stdout.write(`\x1b[1m▸ ${message}\x1b[0m\n`);
}

let stopped: Promise<void> | undefined;

/** Idempotent: a second signal while stopping waits for the first stop instead of cutting it short. */
function shutdown(code: number): Promise<void> {
  stopped ??= (async () => {
    step('stopping');
    await Promise.all(children.map((c) => stopChild(c)));
    await stopDatabase?.().catch((error: unknown) => process.stderr.write(`could not stop the database: ${String(error)}\n`));
    process.exit(code);
  })();
  return stopped;
}

function launch(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): TChild {
  const child = startChild(name, command, args, { cwd: path.join(root, cwd), env: { ...process.env, ...env }, index: children.length });
  child.process.once('exit', (code, signal) => {
    if (stopped) return;
    process.stderr.write(`\x1b[31m${name} exited (${signal ?? code}); stopping everything\x1b[0m\n`);
    void shutdown(1);
  });
  children.push(child);
  return child;
}

function isDead(child: TChild): () => boolean {
  return () => child.process.exitCode !== null || child.process.signalCode !== null;
}

function printBanner(config: TStartConfig, databaseNote: string): void {
  const users = DEMO_USERS.map((u) => `    ${u.username.padEnd(22)} ${u.roles.join(',').padEnd(12)} ${u.tenant}`).join('\n');
  process.stdout.write(`
\x1b[1;32mMECport is up\x1b[0m
  portal        ${config.portalUrl}
  API reference ${config.portalUrl}/api-docs   (OpenAPI: ${config.portalUrl}/api/openapi.json)
  edge gateway  ${config.gatewayUrl}   (agents enrol and poll here)
  sandbox host  http://127.0.0.1:${config.MECPORT_SANDBOX_HOST_PORT}   (the portal's control API; secret in ${config.MECPORT_DATA_DIR}/sandbox-host.secret)
  identity      ${config.issuer}${config.startDevIdp ? '   (dev IdP)' : ''}
  database      ${databaseNote}
${config.startDevIdp ? `
  Demo logins (password for all: ${DEMO_PASSWORD})
    user                   role         tenant
${users}

  A token for scripts: npm run -s token -- operator
` : ''}
Press Ctrl-C to stop.
`);
}

async function main(config: TStartConfig): Promise<void> {
  step('starting the database');
  const database = await resolveDatabase();
  stopDatabase = database.stop;
  step('applying migrations');
  for (const name of await migrate(database.url)) process.stdout.write(`  applied ${name}\n`);
  if (config.MECPORT_SEED === '1') {
    step('loading demo data');
    const prisma = createPrismaClient(database.url);
    await seed(prisma);
    const demo = await importDemoStore({ db: prisma }).finally(() => prisma.$disconnect());
    if (demo.packagesUploaded + demo.blobsRestored > 0) {
      process.stdout.write(`  demo store: ${demo.packagesUploaded} packages taken through upload and validation, ${demo.versionsPublished} published, ${demo.blobsRestored} package files restored\n`);
    }
    for (const problem of demo.problems) process.stdout.write(`  \x1b[33mdemo store: ${problem}\x1b[0m\n`);
  }
  const shared = { DATABASE_URL: database.url, OIDC_ISSUER: config.issuer, PORTAL_URL: config.portalUrl };
  if (config.startDevIdp) {
    step('starting the dev IdP');
    const idp = launch('dev-idp', 'npx', ['tsx', 'src/main.ts'], 'apps/dev-idp', { ...shared, DEV_IDP_PORT: String(config.DEV_IDP_PORT), DEV_IDP_ISSUER: config.issuer });
    await waitForHttp(`${config.issuer}/.well-known/openid-configuration`, { timeoutMs: 30_000, isDead: isDead(idp) });
  }
  step('starting the sandbox host');
  const sandboxHost = await sandboxHostRun(path.resolve(root, config.MECPORT_DATA_DIR), config.MECPORT_SANDBOX_HOST_PORT);
  const host = launch('sandbox', ...sandboxHost.command, path.relative(root, sandboxHost.cwd), sandboxHost.env);
  await waitForSandboxHost(sandboxHost, { timeoutMs: 60_000, isDead: isDead(host) });
  step('starting the worker, the portal and the edge gateway');
  // Plain `node <flags> <script>` rather than npx: one process each, and V8 flags NODE_OPTIONS refuses (lib/lean-node.ts).
  launch('worker', process.execPath, [...LEAN_NODE_ARGS, '--import', 'tsx', 'src/main.ts'], 'apps/worker', { ...shared, ...sandboxHost.clientEnv, ...leanNodeEnv() });
  const apiEnv = { ...shared, ...sandboxHost.clientEnv, ...apiServerEnv(), PORT: String(config.PORT), EDGE_GATEWAY_PORT: String(config.EDGE_GATEWAY_PORT), MECPORT_EDGE_GATEWAY_URL: config.gatewayUrl };
  const portal = launch('portal', ...apiServerCommand('portal'), path.relative(root, API_DIR), apiEnv);
  const gateway = launch('gateway', ...apiServerCommand('edge-gateway'), path.relative(root, API_DIR), apiEnv);
  await waitForHttp(`http://localhost:${config.PORT}/api/health`, { timeoutMs: 60_000, isDead: isDead(portal) });
  await waitForHttp(`http://localhost:${config.EDGE_GATEWAY_PORT}/api/health`, { timeoutMs: 60_000, isDead: isDead(gateway) });
  if (config.MECPORT_SEED === '1' && config.MECPORT_DEMO_AGENT === '1') {
    step('starting the demo edge agent');
    const prisma = createPrismaClient(database.url);
    // The agent's bin, run like the portal and worker (lib/lean-node.ts), and without the JIT: an
    // edge node's agent mostly waits, and V8's compiled code is most of what it would add (README, Performance).
    const agentBin = path.join(root, 'apps/mep-agent/bin/mecport-agent.mjs');
    const launchAgent = (args: string[]) => void launch('agent', process.execPath, [...LEAN_NODE_ARGS, '--jitless', agentBin, ...args], '.', leanNodeEnv());
    const note = await startDemoAgent({ db: prisma, portalUrl: config.gatewayUrl, mp1Port: config.MECPORT_AGENT_MP1_PORT, dnsPort: config.MECPORT_AGENT_DNS_PORT, launch: launchAgent }).finally(() => prisma.$disconnect());
    process.stdout.write(`  ${note}\n`);
  }
  printBanner(config, database.embedded ? `embedded PostgreSQL (${database.url.replace(/:[^:@/]*@/, ':***@')})` : 'DATABASE_URL');
}

/** Runs the stack until a signal (or a child's exit) stops it; `npm start` calls it after the build. */
export function runStack(config: TStartConfig): void {
  process.on('SIGINT', () => void shutdown(0)); // on, not once: a terminal's Ctrl-C also reaches us relayed by npm and tsx
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));
  // If whatever launched us (npm, a test runner) goes away without signalling us, clean up anyway:
  // an orphaned embedded Postgres would otherwise hold its port until someone kills it by hand.
  const launcher = process.ppid;
  setInterval(() => { if (process.ppid !== launcher) void shutdown(0); }, 1000).unref();
  main(config).catch(async (error: unknown) => {
    process.stderr.write(`\x1b[31mnpm start failed: ${error instanceof Error ? error.message : String(error)}\x1b[0m\n`);
    await shutdown(1);
  });
}
