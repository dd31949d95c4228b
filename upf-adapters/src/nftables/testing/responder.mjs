// Answers every UDP datagram and TCP connection on the given ports with its name, on IPv4 and IPv6:
// `node responder.mjs <name> <port>...`, run inside a test namespace. Prints "ready" once bound.
import dgram from 'node:dgram';
import net from 'node:net';

const [name, ...ports] = process.argv.slice(2);
let pending = 0;
const bound = () => { if (--pending === 0) process.stdout.write('ready\n'); };
for (const port of ports.map(Number)) {
  const udp = dgram.createSocket({ type: 'udp6', ipv6Only: false });
  udp.on('message', (_msg, from) => udp.send(name, from.port, from.address));
  pending += 2;
  udp.bind(port, '::', bound);
  net.createServer((socket) => socket.end(name)).listen({ port, host: '::', ipv6Only: false }, bound);
}
