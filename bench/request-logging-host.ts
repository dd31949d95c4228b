/**
 * `npm start`'s process tree for one server, for `request-logging.bench.ts`: this process runs
 * `request-logging-server.ts` as a child through `startChild` (scripts/lib/children.ts), whose
 * prefixer relays every line of the child's output to this process's stdout, as `npm start`
 * does for the portal. `BENCH_PREFIXER=per-line` relays with one write per line instead, as
 * `npm start` did before 2026-12-04, for the comparison. Stops the child on SIGTERM.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startChild, stopChild, type TChild } from '../scripts/lib/children';

const args = ['--import', 'tsx', path.join(import.meta.dirname, 'request-logging-server.ts')];
const options = { cwd: path.resolve(import.meta.dirname, '..'), env: process.env, index: 0 };

function perLineRelay(): TChild {
  const child = spawn(process.execPath, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = '\x1b[36mportal  \x1b[0m| ';
  const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) stream.write(`${prefix}${line}\n`);
  };
  child.stdout.on('data', relay(process.stdout));
  child.stderr.on('data', relay(process.stderr));
  return { name: 'portal', process: child };
}

const server = process.env.BENCH_PREFIXER === 'per-line' ? perLineRelay() : startChild('portal', process.execPath, args, options);
process.once('SIGTERM', () => void stopChild(server).then(() => process.exit(0)));
