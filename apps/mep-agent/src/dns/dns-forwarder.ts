/**
 * Sends a query the node does not answer itself to the upstream resolvers, in order, over the
 * transport the client used (UDP or TCP), and returns the first answer whose id matches. Each
 * query gets its own socket (a random source port), so an answer cannot be matched to the wrong
 * client; no upstream answering within its time gives undefined (the server answers SERVFAIL).
 *
 * @example const answer = await forwardQuery(query, upstreams, 'udp');
 */
import dgram from 'node:dgram';
import net, { isIP } from 'node:net';
import type { TUpstream } from './upstreams';

/** How long one upstream gets before the next is asked. */
export const UPSTREAM_TIMEOUT_MS = 2000;

export async function forwardQuery(query: Buffer, upstreams: readonly TUpstream[], transport: 'udp' | 'tcp', timeoutMs = UPSTREAM_TIMEOUT_MS): Promise<Buffer | undefined> {
  for (const upstream of upstreams) {
    const answer = await (transport === 'udp' ? viaUdp : viaTcp)(query, upstream, timeoutMs).catch(() => undefined);
    if (answer && answer.length >= 12 && answer.readUInt16BE(0) === query.readUInt16BE(0)) return answer;
  }
  return undefined;
}

function viaUdp(query: Buffer, upstream: TUpstream, timeoutMs: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket(isIP(upstream.host) === 6 ? 'udp6' : 'udp4');
    const done = (answer: Buffer | undefined) => {
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.on('error', () => done(undefined));
    socket.on('message', (message, from) => {
      // Only the upstream we asked, with our id: anything else on this port is ignored.
      if (from.port === upstream.port && from.address === upstream.host && message.length >= 12 && message.readUInt16BE(0) === query.readUInt16BE(0)) done(message);
    });
    socket.send(query, upstream.port, upstream.host);
  });
}

function viaTcp(query: Buffer, upstream: TUpstream, timeoutMs: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: upstream.host, port: upstream.port });
    let received = Buffer.alloc(0);
    const done = (answer: Buffer | undefined) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(undefined));
    socket.on('error', () => done(undefined));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) done(received.subarray(2, 2 + received.readUInt16BE(0)));
    });
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(query.length);
      socket.write(Buffer.concat([length, query]));
    });
  });
}
