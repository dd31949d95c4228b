/**
 * The database package's configuration, validated once with zod. Nothing else in `@mecport/db`
 * reads process.env (testing/ and cli/ excepted, as the lint rule allows).
 */
import { z } from 'zod';

const ZPostgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgresql:// connection URL');

const ZPort = z.coerce.number().int().min(1).max(65535);

const ZDbEnv = z.object({
  /** The application database. Required by getPrisma(); when unset, CLIs and `npm start` use embedded Postgres. */
  DATABASE_URL: ZPostgresUrl.optional(),
  /** Port of the embedded development Postgres under `.data/pg`. */
  EMBEDDED_PG_PORT: ZPort.default(54329),
  /** Data directory of the embedded development Postgres; relative paths are resolved against the repo root. */
  EMBEDDED_PG_DATA_DIR: z.string().min(1).optional(),
  /** MECport's local state directory (relative to the repo root); the embedded Postgres lives in its `pg/`. */
  MECPORT_DATA_DIR: z.string().min(1).default('.data'),
});

export type TDbEnv = z.infer<typeof ZDbEnv>;

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Reads and validates the environment (every call re-reads it, so tests may change it). */
export function readDbEnv(source: NodeJS.ProcessEnv = process.env): TDbEnv {
  const parsed = ZDbEnv.safeParse({
    DATABASE_URL: blankToUndefined(source.DATABASE_URL),
    EMBEDDED_PG_PORT: blankToUndefined(source.EMBEDDED_PG_PORT),
    EMBEDDED_PG_DATA_DIR: blankToUndefined(source.EMBEDDED_PG_DATA_DIR),
    MECPORT_DATA_DIR: blankToUndefined(source.MECPORT_DATA_DIR),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid database configuration in the environment: ${issues}`);
  }
  return parsed.data;
}

/** DATABASE_URL's text as it is now, unchecked: getPrisma() compares it with the one its client was made from. */
export function rawDatabaseUrl(source: NodeJS.ProcessEnv = process.env): string | undefined {
  return source.DATABASE_URL;
}

/** A copy of the environment for child processes (pg_ctl, initdb). */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}

/** DATABASE_URL, or a clear error saying how to get one. */
export function requireDatabaseUrl(source: NodeJS.ProcessEnv = process.env): string {
  const url = readDbEnv(source).DATABASE_URL;
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set. Set it to a postgresql:// URL, or start through `npm start` / `npm run db:migrate`, which use the embedded Postgres under .data/pg.',
    );
  }
  return url;
}
