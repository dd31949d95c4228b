/**
 * How the API server (apps/api) is started, in either mode: `portal` (every route and, through
 * Next, the UI, on PORT) or `edge-gateway` (the agents' routes only, on EDGE_GATEWAY_PORT).
 * Plain `node <flags> --import tsx`, like the worker: one process each, with the lean V8 flags
 * (lean-node.ts). Keep-alive and timeouts are set by the server itself (apps/api/src/server/http-server.ts).
 *
 * @example const [command, args] = apiServerCommand('edge-gateway'); spawn(command, args, { cwd: API_DIR, env: { ...apiServerEnv(), ... } });
 */
import path from 'node:path';
import { LEAN_NODE_ARGS, leanNodeEnv } from './lean-node';

export type TApiServerMode = 'portal' | 'edge-gateway';

/** The directory to start it in. */
export const API_DIR = path.resolve(import.meta.dirname, '../../apps/api');

export function apiServerCommand(mode: TApiServerMode): [string, string[]] {
  return [process.execPath, [...LEAN_NODE_ARGS, '--import', 'tsx', 'src/main.ts', mode]];
}

/** Next renders the UI from its production build in the portal mode, which needs NODE_ENV=production. */
export function apiServerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...leanNodeEnv(env), NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
}
