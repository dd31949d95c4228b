/**
 * THE Prisma client factory of MECport. Everything that talks to the database gets its client here:
 * - `createPrismaClient(url)` for code that owns a connection pool (tests, CLIs, the worker);
 * - `getPrisma()` for request handlers: one lazily created client per process, cached on globalThis so
 *   Next dev's module reloads do not open a new pool on every edit.
 *
 * The client carries an extension that refuses updateMany/updateManyAndReturn/deleteMany without an
 * effective `where` (see guard.ts). Nested writes (`data: { users: { deleteMany: {} } }`) and raw queries
 * are not intercepted by Prisma query extensions, so review those by hand.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import type { ITXClientDenyList } from '@prisma/client/runtime/client';
import pg from 'pg';
import { rawDatabaseUrl, requireDatabaseUrl } from './env';
import { PrismaClient } from './generated/prisma/client';
import { assertFilteredWrite } from './guard';

export interface CreatePrismaClientOptions {
  /** Maximum connections of the pg pool (default 10, pg's default). */
  maxConnections?: number;
  /** Prisma log levels to print (default: none; errors are thrown anyway). */
  log?: ('query' | 'info' | 'warn' | 'error')[];
}

// Each client's pg pool, for the health check's ping (ping.ts): a `SELECT 1` straight through the
// pool Prisma's queries use costs a fraction of `$queryRaw`'s CPU (README, "API server (issue 11)").
const pools = new WeakMap<object, pg.Pool>();

/** The pg pool under a client of createPrismaClient(), while it is open (undefined for a transaction or after `$disconnect()`). */
export function openPoolOf(db: object): pg.Pool | undefined {
  const pool = pools.get(db);
  return pool && !pool.ending ? pool : undefined;
}

/** Creates a new client with its own pg pool. Call `$disconnect()` when done with it. */
export function createPrismaClient(databaseUrl: string, options: CreatePrismaClientOptions = {}) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  // The client owns the pool: `$disconnect()` ends it, as when the adapter made it.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const base = new PrismaClient({ adapter, log: options.log ?? [] });
  const client = base.$extends({
    name: 'mecport-guards',
    query: {
      $allModels: {
        updateMany({ model, operation, args, query }) {
          assertFilteredWrite(model, operation, args);
          return query(args);
        },
        updateManyAndReturn({ model, operation, args, query }) {
          assertFilteredWrite(model, operation, args);
          return query(args);
        },
        deleteMany({ model, operation, args, query }) {
          assertFilteredWrite(model, operation, args);
          return query(args);
        },
      },
    },
  });
  pools.set(client, pool);
  return client;
}

/** The client type the rest of MECport passes around. */
export type DbClient = ReturnType<typeof createPrismaClient>;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type DbTransaction = Omit<DbClient, ITXClientDenyList>;
/** Either a client or a transaction: what repository functions should accept. */
export type DbExecutor = DbClient | DbTransaction;

interface PrismaCache { client: DbClient; url: string; raw: string | undefined }
const globalForPrisma = globalThis as typeof globalThis & { __mecportPrisma?: PrismaCache };

/**
 * The process-wide client for DATABASE_URL (required; validated in env.ts), created on first use.
 * Throws if DATABASE_URL changed since the client was created, rather than silently using the old database.
 */
export function getPrisma(): DbClient {
  const cached = globalForPrisma.__mecportPrisma;
  // Routes call this several times per request: while DATABASE_URL's text is the one the client was
  // made from, it is not validated again (zod on every call was ~2 % of a cached GET /api/v1/me).
  const raw = rawDatabaseUrl();
  if (cached && cached.raw === raw) return cached.client;
  const url = requireDatabaseUrl();
  if (cached) {
    if (cached.url !== url) throw new Error('DATABASE_URL changed after getPrisma() created its client; call disconnectPrisma() first');
    return cached.client;
  }
  const client = createPrismaClient(url);
  globalForPrisma.__mecportPrisma = { client, url, raw };
  return client;
}

/** Disconnects and forgets the getPrisma() singleton (graceful shutdown, tests). */
export async function disconnectPrisma(): Promise<void> {
  const cached = globalForPrisma.__mecportPrisma;
  globalForPrisma.__mecportPrisma = undefined;
  if (cached) await cached.client.$disconnect();
}
