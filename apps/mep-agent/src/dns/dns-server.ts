/**
 * The node's DNS server, on UDP and TCP: answers the names of the apps' ACTIVE DNS rules
 * (see dns-answer.ts) and forwards the rest to the configured upstreams. The records are
 * replaced whole by `setRecords` whenever the rules change (from the portal or from an app
 * through Mp1); the next query sees them, nothing is cached elsewhere.
 *
 * @example
 *   const dns = new DnsServer({ host: '127.0.0.1', port: 8553, upstreams: [], log });
 *   await dns.start(); dns.setRecords(dnsRecords(instances)); … await dns.close();
 */
import dgram from 'node:dgram';
import net, { isIP } from 'node:net';
import type { TLogger } from '../log';
import { answerQuery, servfail } from './dns-answer';
import { forwardQuery } from './dns-forwarder';
import type { TDnsRecords } from './dns-records';
import { formatUpstream, type TUpstream } from './upstreams';

/** Answers kept for repeated queries; emptied whenever the records change, and when full. */
const ANSWER_CACHE_ENTRIES = 10_000;

/** A TCP client gets this long between queries before its connection is closed (RFC 7766 allows servers to choose). */
const TCP_IDLE_MS = 10_000;
const MAX_TCP_CONNECTIONS = 200;

export interface TDnsServerOptions {
  host: string;
  port: number;
  upstreams: readonly TUpstream[];
  log: TLogger;
}

export class DnsServer {
  private records: TDnsRecords = new Map();
  /**
   * The node's own answers by query (its bytes after the id, as latin1): a query asked again with
   * the same flags, question and EDNS options gets the same answer, with its own id. Only the
   * node's names are kept (forwarded answers never), so nothing here outlives `setRecords`.
   */
  private readonly answers = new Map<string, Buffer>();
  private udp: dgram.Socket | undefined;
  private tcp: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly options: TDnsServerOptions) {}

  /** `host:port` it listens on (after start). */
  get address(): string {
    const port = this.udp?.address().port ?? this.options.port;
    return isIP(this.options.host) === 6 ? `[${this.options.host}]:${port}` : `${this.options.host}:${port}`;
  }

  get upstreams(): string[] {
    return this.options.upstreams.map(formatUpstream);
  }

  get names(): number {
    return this.records.size;
  }

  setRecords(records: TDnsRecords): void {
    this.records = records;
    this.answers.clear();
  }

  /** Listens on UDP and TCP (the same port); rejects when either cannot bind. */
  async start(): Promise<void> {
    const { host, port } = this.options;
    const udp = dgram.createSocket({ type: isIP(host) === 6 ? 'udp6' : 'udp4' });
    udp.on('message', (message, from) => this.onUdp(udp, message, from));
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, host, () => {
        udp.off('error', reject);
        udp.on('error', (error) => this.options.log.warn('DNS: UDP socket error', { error }));
        resolve();
      });
    });
    this.udp = udp;
    const tcp = net.createServer((socket) => this.onTcp(socket));
    tcp.maxConnections = MAX_TCP_CONNECTIONS;
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(udp.address().port, host, () => {
        tcp.off('error', reject);
        resolve();
      });
    }).catch(async (error: unknown) => {
      await this.close();
      throw error;
    });
    this.tcp = tcp;
  }

  async close(): Promise<void> {
    const { udp, tcp } = this;
    this.udp = undefined;
    this.tcp = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (udp) await new Promise<void>((resolve) => udp.close(() => resolve()));
    if (tcp) await new Promise<void>((resolve) => tcp.close(() => resolve()));
  }

  /** The node's own answers go out in the same turn (no promise per query); only forwarding waits. */
  private onUdp(socket: dgram.Socket, message: Buffer, from: dgram.RemoteInfo): void {
    const local = this.answerLocally(message, 'udp');
    if (local === 'forward') void this.forward(message, 'udp').then((response) => this.sendUdp(socket, response, from));
    else this.sendUdp(socket, local, from);
  }

  private sendUdp(socket: dgram.Socket, response: Buffer | undefined, to: dgram.RemoteInfo): void {
    if (response && this.udp === socket) socket.send(response, to.port, to.address);
  }

  /** RFC 1035 §4.2.2 framing: each message preceded by its length; several queries per connection. */
  private onTcp(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const query = pending.subarray(2, 2 + pending.readUInt16BE(0));
        pending = pending.subarray(2 + query.length);
        const write = (response: Buffer | undefined) => {
          if (!response || socket.destroyed) return;
          const length = Buffer.alloc(2);
          length.writeUInt16BE(response.length);
          socket.write(Buffer.concat([length, response]));
        };
        const copy = Buffer.from(query);
        const local = this.answerLocally(copy, 'tcp');
        if (local === 'forward') void this.forward(copy, 'tcp').then(write);
        else write(local);
      }
    });
  }

  /** The answer to a query for the node's own names (or a refusal), from the cache when asked before; 'forward' for the upstreams. */
  private answerLocally(query: Buffer, transport: 'udp' | 'tcp'): Buffer | undefined | 'forward' {
    const key = query.length >= 12 ? `${transport}${query.toString('latin1', 2)}` : undefined;
    const known = key === undefined ? undefined : this.answers.get(key);
    if (known) {
      const response = Buffer.from(known);
      query.copy(response, 0, 0, 2);
      return response;
    }
    const outcome = answerQuery(query, { records: this.records, canForward: this.options.upstreams.length > 0, maxSize: transport === 'udp' ? 1232 : 65535 });
    if (outcome.kind === 'forward') return 'forward';
    if (outcome.kind === 'drop') return undefined;
    if (key !== undefined) {
      if (this.answers.size >= ANSWER_CACHE_ENTRIES) this.answers.clear();
      this.answers.set(key, outcome.response);
    }
    return outcome.response;
  }

  private async forward(query: Buffer, transport: 'udp' | 'tcp'): Promise<Buffer | undefined> {
    return (await forwardQuery(query, this.options.upstreams, transport)) ?? servfail(query);
  }
}
