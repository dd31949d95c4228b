/** Helpers for the isolation tests: run the probe inside a namespace, list what exists. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const PROBE = path.join(import.meta.dirname, 'probe.mjs');

/** Fails saying what is missing: these tests must run, as root, wherever they run (CI runs as root). */
export async function assertCanIsolate(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('the sandbox isolation tests need root (network namespaces and tc): run them as root, as CI does');
  try {
    await exec('ip', ['netns', 'list']);
    await exec('tc', ['-V']);
  } catch (error) {
    throw new Error(`the sandbox isolation tests need iproute2 (ip netns, tc): ${(error as Error).message}`);
  }
}

export async function probeIn(ns: string, ...args: string[]): Promise<string> {
  const { stdout } = await exec('ip', ['netns', 'exec', ns, process.execPath, PROBE, ...args]);
  return stdout.trim();
}

/** A UDP echo (`udp-echo`) or TCP sink (`tcp-sink`) inside `ns`, resolved once it listens. */
export function serveIn(ns: string, mode: 'udp-echo' | 'tcp-sink', host: string, port: number): Promise<ChildProcess> {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, PROBE, mode, host, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the ${mode} server exited (${String(code)}) before it was ready`)));
  });
}

export async function namespaces(prefix: string): Promise<string[]> {
  const { stdout } = await exec('ip', ['netns', 'list']);
  return stdout.split('\n').map((line) => line.split(' ')[0] ?? '').filter((name) => name.startsWith(prefix));
}

export async function rootLinks(prefix: string): Promise<string[]> {
  const { stdout } = await exec('ip', ['-o', 'link', 'show']);
  return stdout.split('\n').map((line) => line.split(': ')[1]?.split('@')[0] ?? '').filter((name) => name.startsWith(prefix));
}
