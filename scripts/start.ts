/**
 * `npm start`: the whole portal on embedded defaults, in one command.
 *
 *   1. build what needs building (turbo, cached after the first run): the Prisma client is
 *      generated here, so nothing below may be imported before this step (issue 9: a fresh clone
 *      failed at once because the stack's modules were imported statically, ahead of the build)
 *   2. then load and run the stack (lib/run-stack.ts): database, migrations, demo data, dev IdP,
 *      worker, portal, demo agent; Ctrl-C stops every process started there
 *
 * Only node: built-ins and modules that need nothing built may be imported statically here.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startConfig, type TStartConfig } from './lib/start-config';

const root = path.resolve(import.meta.dirname, '..');

function loadConfig(): TStartConfig {
  try {
    return startConfig();
  } catch (error) {
    process.stderr.write(`\x1b[31mnpm start: ${(error as Error).message}\x1b[0m\n`);
    process.exit(1);
  }
}

function build(config: TStartConfig): void {
  if (config.MECPORT_SKIP_BUILD === '1') return;
  process.stdout.write('\x1b[1m▸ building (cached after the first run)\x1b[0m\n');
  const result = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) {
    process.stderr.write('\x1b[31mnpm start failed: the build failed (see above)\x1b[0m\n');
    process.exit(1);
  }
}

const config = loadConfig();
build(config);
const { runStack } = await import('./lib/run-stack');
runStack(config);
