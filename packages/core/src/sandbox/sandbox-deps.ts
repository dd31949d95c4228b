/**
 * What the sandbox feature's functions are given (by the API's services, the worker, tests): the
 * database, the host client (null when MECPORT_SANDBOX_HOST_URL is not set: every call that needs
 * the host answers 503 `sandbox-host-unavailable`), the blob store for deployments, and the settings.
 */
import type { TBlobStore } from '@mecport/blob-store';
import type { DbClient } from '@mecport/db';
import { HOST_NOT_CONFIGURED, hostUnavailable, type THostClient } from './host-client';

export interface TSandboxSettings {
  /** Sandboxes a tenant may have at once, experience sandboxes not counted (MECPORT_SANDBOX_QUOTA, default 3). */
  quota: number;
  /** Time to live when the create request names none (MECPORT_SANDBOX_TTL_SEC, default 3600). */
  ttlSec: number;
  /** The host's inbox for packages: `<MECPORT_SANDBOX_HOST_DIR>/inbox` (host and API share one machine). */
  inboxDir: string | null;
}

export const SANDBOX_DEFAULTS = { quota: 3, ttlSec: 3600 } as const;
/** The store's "try it": 10 minutes in the default scenario. */
export const EXPERIENCE = { ttlSec: 600, scenarioId: 'campus' } as const;

export interface TSandboxDeps {
  db: DbClient;
  host: THostClient | null;
  blobs?: TBlobStore;
  settings: TSandboxSettings;
}

export function requireHost(deps: Pick<TSandboxDeps, 'host'>): THostClient {
  if (!deps.host) throw hostUnavailable(HOST_NOT_CONFIGURED);
  return deps.host;
}
