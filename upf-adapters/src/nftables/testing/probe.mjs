// Sends one UDP flow (a datagram every 200 ms) or opens one TCP connection to <address> <port> and
// prints what answered (the responder's name), or "none" when nothing did within 3 s:
// `node probe.mjs udp|tcp <address> <port>`, run inside the UE namespace.
import dgram from 'node:dgram';
import net from 'node:net';

const [proto, address, port] = process.argv.slice(2);
const done = (answer) => { process.stdout.write(`${answer}\n`); process.exit(0); };
setTimeout(() => done('none'), 3000);
if (proto === 'udp') {
  const socket = dgram.createSocket(address.includes(':') ? 'udp6' : 'udp4');
  socket.on('message', (msg) => done(msg.toString()));
  const send = () => socket.send('ping', Number(port), address);
  send();
  setInterval(send, 200);
} else {
  const socket = net.connect({ host: address, port: Number(port) });
  let data = '';
  socket.on('data', (chunk) => { data += chunk; });
  socket.on('end', () => done(data || 'none'));
  socket.on('error', () => undefined); // a refused or reset connection answers "none" at the deadline
}
