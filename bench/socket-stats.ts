/**
 * TCP connections on this machine by the process that holds them (`ss -tnp`, our own processes'),
 * for benchmarks that count who holds how many: database connections per process, agents'
 * connections per gateway replica.
 *
 * @example connectionsByPid({ peerPort: 54359 }).get(gatewayPid) // that gateway's connections to PostgreSQL
 */
import { execFileSync } from 'node:child_process';

interface TSocket { localPort: number; peerPort: number; pids: number[] }

function established(): TSocket[] {
  const out = execFileSync('ss', ['-tnpH', 'state', 'established'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('\n').filter(Boolean).map((line) => {
    const [, , local = '', peer = '', users = ''] = line.trim().split(/\s+/);
    const port = (address: string) => Number(address.slice(address.lastIndexOf(':') + 1));
    return { localPort: port(local), peerPort: port(peer), pids: [...users.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])) };
  });
}

/** Established connections per holding process, of the sockets that match (our end's port or the other end's). */
export function connectionsByPid(match: { localPort?: number; peerPort?: number }): Map<number, number> {
  const counts = new Map<number, number>();
  for (const socket of established()) {
    if (match.localPort !== undefined && socket.localPort !== match.localPort) continue;
    if (match.peerPort !== undefined && socket.peerPort !== match.peerPort) continue;
    for (const pid of new Set(socket.pids)) counts.set(pid, (counts.get(pid) ?? 0) + 1);
  }
  return counts;
}
