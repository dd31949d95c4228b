/**
 * The services the API's routes use, each built on first use and once per process (so
 * importing the routes, as the unit tests do, needs no runtime configuration). Routes obtain every service here; no route file
 * constructs one.
 *
 * When you would edit this: a route needs a service that is not here yet (a queue, an adapter),
 * or how one is configured changes. Settings that are plain values live in `edge-options.ts`.
 *
 * @example
 *   handler: ({ actor, query }) => listDeployments(prisma(), actor.tenant.id, query)
 */
import path from 'node:path';
import { createBlobStore, findRepoRoot, newUploadId, storagePaths, type TBlobStore } from '@mecport/blob-store';
import { StagingFileStore } from '@mecport/blob-store/staging-file-store';
import { AppError } from '@mecport/contracts';
import {
  AgentWrites, ChannelReads, createHostClient, EndedSessions, jobQueue, MapNodesCache, RecentProfiles, RevisionWatcher, type THostClient, type TJobQueue, type TSandboxDeps,
} from '@mecport/core';
import { getPrisma } from '@mecport/db';
import { createLogoutTokenVerifier, createTokenVerifier, issuerKeys, type TIssuerKeys, type TLogoutTokenVerifier, type TTokenVerifier } from '@mecport/http';
import { Server, type ServerOptions } from '@tus/server';
import { apiEnv } from './env';

// 1. The database: the one Prisma client, owned (built and guarded) by @mecport/db.
export const prisma = getPrisma;

function databaseUrl(purpose: string): string {
  const url = apiEnv().DATABASE_URL;
  if (!url) throw new AppError('unavailable', `DATABASE_URL is not set, so ${purpose}`);
  return url;
}

// 2. Users' tokens, and the IdP sessions that ended (back-channel logout).
let keys: (() => Promise<TIssuerKeys>) | undefined;
let verifier: TTokenVerifier | undefined;
let logoutVerifier: TLogoutTokenVerifier | undefined;
let ended: EndedSessions | undefined;

/** The IdP's published signing keys, shared by both token checks. */
function idpKeys(): () => Promise<TIssuerKeys> {
  keys ??= issuerKeys(apiEnv().OIDC_ISSUER);
  return keys;
}

/** Sessions the IdP ended, in the database (seen by every replica within 2 s) and remembered briefly here. */
export function endedSessions(): EndedSessions {
  ended ??= new EndedSessions(getPrisma, { issuer: apiEnv().OIDC_ISSUER });
  return ended;
}

let profiles: RecentProfiles | undefined;

/** Users' profile rows read in the last 2 s, so a caller's next requests resolve their actor without a query. */
export function recentProfiles(): RecentProfiles {
  profiles ??= new RecentProfiles();
  return profiles;
}

/** Checks a user's bearer token against the configured OIDC issuer and audience, and refuses ended sessions. */
export function tokenVerifier(): TTokenVerifier {
  const env = apiEnv();
  verifier ??= createTokenVerifier({
    issuer: env.OIDC_ISSUER, audience: env.OIDC_AUDIENCE, tenantClaim: env.OIDC_TENANT_CLAIM, keys: idpKeys(),
    isSessionEnded: (sid) => endedSessions().has(sid),
  });
  return verifier;
}

/** Checks the logout tokens the IdP posts to the back-channel logout endpoint (audience: the portal's client). */
export function logoutTokenVerifier(): TLogoutTokenVerifier {
  logoutVerifier ??= createLogoutTokenVerifier({ issuer: apiEnv().OIDC_ISSUER, clientId: apiEnv().OIDC_CLIENT_ID, keys: idpKeys() });
  return logoutVerifier;
}

// 3. Package files.
let blobs: TBlobStore | undefined;

/** The content-addressed store of package files. */
export function blobStore(): TBlobStore {
  blobs ??= createBlobStore();
  return blobs;
}

// 4. The edge channel: this process's one revision watcher and channel batchers, and the map cache.
let watcher: RevisionWatcher | undefined;
let reads: ChannelReads | undefined;
let writes: AgentWrites | undefined;
let mapCache: MapNodesCache | undefined;

/** Wakes agents' long polls when their node's revision moves (LISTEN on the database). */
export function revisionWatcher(): RevisionWatcher {
  watcher ??= new RevisionWatcher(databaseUrl('agents cannot watch their desired state'));
  return watcher;
}

/** Batched reads for agents' calls (credentials, revisions, desired states). */
export function channelReads(): ChannelReads {
  reads ??= new ChannelReads(getPrisma, { heartbeatIntervalSec: apiEnv().MECPORT_HEARTBEAT_INTERVAL_SEC });
  return reads;
}

/** Group-committed reports and heartbeats. */
export function agentWrites(): AgentWrites {
  writes ??= new AgentWrites(getPrisma);
  return writes;
}

/** The map query's answers, shared by every operator of a tenant until the nodes change. */
export function mapNodesCache(): MapNodesCache {
  mapCache ??= new MapNodesCache();
  return mapCache;
}

// 5. Uploads: the staging directory, the tus server that writes into it, the validation jobs.
let tus: Server | undefined;

/** Where upload bytes are staged until the worker validates them. */
export function uploadsDir(): string {
  return storagePaths().uploadsDir;
}

/** The queue the `package.validate` job is sent on. */
export function validationJobs(): TJobQueue {
  return jobQueue(databaseUrl('no validation job can be queued'));
}

/**
 * The resumable upload server. Its hooks belong to the upload routes, which pass them on every
 * call; the server is built with the first call's hooks (they are module-level functions).
 */
export function uploadTusServer(hooks: Pick<ServerOptions, 'path' | 'onUploadCreate' | 'onUploadFinish'>): Server {
  tus ??= new Server({
    ...hooks,
    datastore: new StagingFileStore({ directory: uploadsDir() }),
    namingFunction: newUploadId,
    maxSize: apiEnv().UPLOAD_MAX_BYTES,
    relativeLocation: true,
    disableTerminationForFinishedUploads: true,
  });
  return tus;
}

// 6. The sandbox host (issue 13): its control API client, and what the sandbox feature is given.
let sandboxHost: THostClient | null | undefined;

/** The sandbox host's client, or null when MECPORT_SANDBOX_HOST_URL / _SECRET are not set (the routes answer 503). */
export function sandboxHostClient(): THostClient | null {
  if (sandboxHost !== undefined) return sandboxHost;
  const env = apiEnv();
  sandboxHost = env.MECPORT_SANDBOX_HOST_URL && env.MECPORT_SANDBOX_HOST_SECRET
    ? createHostClient({ url: env.MECPORT_SANDBOX_HOST_URL, secret: env.MECPORT_SANDBOX_HOST_SECRET })
    : null;
  return sandboxHost;
}

/**
 * The sandbox host's directory on this machine: MECPORT_SANDBOX_HOST_DIR, else `<MECPORT_DATA_DIR>/sandbox-host`,
 * where `npm start` and the e2e stack run it (scripts/lib/sandbox-host.ts).
 */
function sandboxHostDir(): string {
  const configured = apiEnv().MECPORT_SANDBOX_HOST_DIR;
  if (!configured) return path.join(storagePaths().dataDir, 'sandbox-host');
  return path.isAbsolute(configured) ? configured : path.join(findRepoRoot(), configured);
}

/** Database, host, blob store and settings, as every sandbox function takes them. */
export function sandboxDeps(): TSandboxDeps {
  const env = apiEnv();
  return {
    db: getPrisma(), host: sandboxHostClient(), blobs: blobStore(),
    settings: { quota: env.MECPORT_SANDBOX_QUOTA, ttlSec: env.MECPORT_SANDBOX_TTL_SEC, inboxDir: path.join(sandboxHostDir(), 'inbox') },
  };
}
