/**
 * One health probe of a process bundle's check: an HTTP GET on 127.0.0.1 that must answer
 * 2xx/3xx, or a TCP connect, within `timeoutSec`.
 *
 * @example await probe({ http: { port: 8080, path: '/health' }, timeoutSec: 2 }); // true | false
 */
import http from 'node:http';
import net from 'node:net';

export type THealthTarget = ({ http: { port: number; path: string } } | { tcp: { port: number } }) & { timeoutSec: number };

export function probe(target: THealthTarget): Promise<boolean> {
  const timeoutMs = target.timeoutSec * 1000;
  return new Promise((resolve) => {
    if ('http' in target) {
      const req = http.get({ host: '127.0.0.1', port: target.http.port, path: target.http.path, agent: false, timeout: timeoutMs }, (res) => {
        res.resume();
        resolve((res.statusCode ?? 500) < 400);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
      return;
    }
    const socket = net.connect({ host: '127.0.0.1', port: target.tcp.port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
