/**
 * Runs nft: with an argument array (no shell), the script on stdin, inside the node's network
 * namespace when the settings name one. Never throws: a missing binary, missing privileges or an
 * nft error all come back as `{ ok: false, reason }`, the reason an operator can act on.
 */
import { execFile } from 'node:child_process';
import type { TNftablesSettings } from './nftables-settings';

export type TNftOutcome = { ok: true; stdout: string } | { ok: false; reason: string; missingTable: boolean };

/** A listing of a thousand rules is a few MB of JSON. */
const MAX_BUFFER = 256 * 2 ** 20;
const TIMEOUT_MS = 60_000;

export class NftRunner {
  constructor(private readonly settings: TNftablesSettings) {}

  /** `nft <args>`, with `stdin` piped in when given (`nft -f -` reads the script from it). */
  run(args: string[], stdin?: string): Promise<TNftOutcome> {
    const { file, argv } = this.command(args);
    return new Promise((resolve) => {
      const child = execFile(file, argv, { maxBuffer: MAX_BUFFER, timeout: TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, stdout });
        const reason = reasonOf(error, stderr, file);
        resolve({ ok: false, reason, missingTable: /^Error: No such file or directory/m.test(stderr) });
      });
      // An nft that exits early (bad option) closes stdin: EPIPE is reported through the exit, not here.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(stdin ?? '');
    });
  }

  private command(args: string[]): { file: string; argv: string[] } {
    const { netns, nftPath, ipPath } = this.settings;
    return netns ? { file: ipPath, argv: ['netns', 'exec', netns, nftPath, ...args] } : { file: nftPath, argv: args };
  }
}

function reasonOf(error: Error & { code?: unknown; killed?: boolean }, stderr: string, file: string): string {
  if (error.code === 'ENOENT') return `${file} not found: install nftables${file === 'ip' ? ' and iproute2' : ''} on the node, or set nftPath/ipPath in the data-plane settings`;
  if (error.killed) return `nft did not finish within ${TIMEOUT_MS / 1000} s`;
  const text = stderr.trim();
  if (/Operation not permitted/.test(text)) return `nft: operation not permitted (the agent needs root or CAP_NET_ADMIN): ${text}`.slice(0, 2000);
  return (text || error.message).slice(0, 2000);
}
