/**
 * The process-bundle convention: how a package tells the agent's process runtime what to run.
 * The bundle is the folder `Artifacts/Deployment/Process/` of the CSAR; its `process.json`
 * (this schema) names the command, run with that folder as working directory.
 *
 * The agent adds to the environment: MEC_APP_INSTANCE_ID, MP1_API_ROOT (e.g. http://127.0.0.1:8581),
 * MP1_TOKEN_URL, MP1_CLIENT_ID, MP1_CLIENT_SECRET, and PORT_<NAME> for every declared port.
 *
 * @example ZProcessBundle.parse({ command: ['node', 'server.js'], ports: [{ name: 'HTTP', port: 8080 }] });
 */
import { z } from 'zod';

export const PROCESS_BUNDLE_DIR = 'Artifacts/Deployment/Process/';
export const PROCESS_BUNDLE_MANIFEST = `${PROCESS_BUNDLE_DIR}process.json`;

export const ZProcessHealthCheck = z.union([
  z.object({ http: z.object({ port: z.number().int().min(1).max(65535), path: z.string().startsWith('/').default('/') }) }),
  z.object({ tcp: z.object({ port: z.number().int().min(1).max(65535) }) }),
]).and(z.object({
  intervalSec: z.number().int().min(1).max(300).default(5),
  timeoutSec: z.number().int().min(1).max(60).default(2),
  failureThreshold: z.number().int().min(1).max(20).default(3),
}));

export const ZProcessBundle = z.object({
  command: z.array(z.string().min(1).max(4096)).min(1).max(64).describe('argv; argv[0] "node" means the agent\'s own Node.js'),
  env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/), z.string().max(4096)).default({}),
  ports: z.array(z.object({ name: z.string().regex(/^[A-Z][A-Z0-9_]{0,30}$/), port: z.number().int().min(1).max(65535) })).max(16).default([]),
  healthCheck: ZProcessHealthCheck.optional(),
  restartPolicy: z.enum(['always', 'on-failure', 'never']).default('always'),
  resources: z.object({
    memoryMb: z.number().int().min(16).max(1_048_576).optional().describe('Heap/address-space limit where the OS allows'),
    nice: z.number().int().min(0).max(19).optional(),
  }).default({}),
});
export type TProcessBundle = z.infer<typeof ZProcessBundle>;
