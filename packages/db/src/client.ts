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
import { rawDatabaseUrl, requireDatabaseUrl } from './env';
import { PrismaClient } from './generated/prisma/client';
import { assertFilteredWrite } from './guard';

export interface CreatePrismaClientOptions {
  /** Maximum connections of the pg pool (default 10, pg's default). */
  maxConnections?: number;
  /** Prisma log levels to print (default: none; errors are thrown anyway). */
  log?: ('query' | 'info' | 'warn' | 'error')[];
}

/** Creates a new client with its own pg pool. Call `$disconnect()` when done with it. */
export function createPrismaClient(databaseUrl: string, options: CreatePrismaClientOptions = {}) {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  const base = new PrismaClient({ adapter, log: options.log ?? [] });
  return base.$extends({
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
  // Called several times per request: the environment is validated only when it differs from what
  // the client was made from (a zod parse per call was ~1% of the edge gateway's CPU).
  if (cached && cached.raw === rawDatabaseUrl()) return cached.client;
  const url = requireDatabaseUrl();
  if (cached) {
    if (cached.url !== url) throw new Error('DATABASE_URL changed after getPrisma() created its client; call disconnectPrisma() first');
    return cached.client;
  }
  const client = createPrismaClient(url);
  globalForPrisma.__mecportPrisma = { client, url, raw: rawDatabaseUrl() };
  return client;
}

/** Disconnects and forgets the getPrisma() singleton (graceful shutdown, tests). */
export async function disconnectPrisma(): Promise<void> {
  const cached = globalForPrisma.__mecportPrisma;
  globalForPrisma.__mecportPrisma = undefined;
  if (cached) await cached.client.$disconnect();
}
