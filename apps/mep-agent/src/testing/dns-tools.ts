/**
 * The real DNS tools of the machine for the DNS tests: `dig` (bind9-dnsutils) against a server on
 * loopback, and `dnsmasq` as a loopback upstream resolver that answers fixed names.
 *
 * @example const answer = await dig(port, 'hello-edge.mec.example', 'A'); answer.status // 'NOERROR'
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { waitFor } from './sample-app';

const exec = promisify(execFile);

export interface TDigAnswer {
  status: string;
  /** Answer records as `name ttl type address` (dig's answer section, lower-cased names). */
  answers: { name: string; ttl: number; type: string; data: string }[];
  flags: string[];
  raw: string;
}

/** `dig @127.0.0.1 -p <port> <name> <type>`; `extra` adds options such as +tcp. */
export async function dig(port: number, name: string, type: string, extra: string[] = []): Promise<TDigAnswer> {
  const { stdout } = await exec('dig', ['@127.0.0.1', '-p', String(port), name, type, '+time=3', '+tries=1', ...extra]);
  const status = /status: ([A-Z]+)/.exec(stdout)?.[1] ?? 'NONE';
  const flags = (/;; flags: ([a-z ]+);/.exec(stdout)?.[1] ?? '').trim().split(/\s+/);
  const section = /;; ANSWER SECTION:\n([\s\S]*?)\n\n/.exec(stdout)?.[1] ?? '';
  const answers = section.split('\n').filter(Boolean).map((line) => {
    const [recordName, ttl, , recordType, data] = line.split(/\s+/);
    return { name: recordName!.toLowerCase(), ttl: Number(ttl), type: recordType!, data: data! };
  });
  return { status, answers, flags, raw: stdout };
}

/** dnsmasq on 127.0.0.1:<port> answering `names` (name -> IPv4) and refusing the rest (no upstream of its own). */
export async function startDnsmasq(port: number, names: Record<string, string>): Promise<ChildProcess> {
  const child = spawn('dnsmasq', [
    '--no-daemon', '--no-resolv', '--no-hosts', '--conf-file=/dev/null', '--bind-interfaces', '--listen-address=127.0.0.1', `--port=${port}`,
    '--pid-file', '--user=root', '--cache-size=0', ...Object.entries(names).map(([name, address]) => `--address=/${name}/${address}`),
  ], { stdio: 'ignore' });
  await waitFor('dnsmasq to answer', async () => (await dig(port, Object.keys(names)[0]!, 'A').catch(() => undefined))?.status === 'NOERROR', 10_000);
  return child;
}

export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
