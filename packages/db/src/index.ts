/**
 * `@mecport/db`: the one Prisma client and the generated types.
 * Safe to import from Next route handlers: nothing here starts a server or touches the file system.
 * Other entry points: `@mecport/db/migrate`, `@mecport/db/seed`, `@mecport/db/embedded`, `@mecport/db/testing`.
 */
export { createPrismaClient, disconnectPrisma, getPrisma } from './client';
export type { CreatePrismaClientOptions, DbClient, DbExecutor, DbTransaction } from './client';
export { UnfilteredWriteError, isUnfilteredWhere } from './guard';
export { pingDatabase, type TDatabasePing } from './ping';
export { Prisma } from './generated/prisma/client';
export type { AuditEvent, Sandbox, Tenant, UserProfile } from './generated/prisma/client';
