// Run inside a namespace by the isolation tests (`ip netns exec <ns> node probe.mjs ...`):
//   tcp <host> <port>            prints open | refused | unreachable | timeout
//   udp-echo <host> <port>       echoes datagrams; prints "ready" once bound
//   udp-rtt <host> <port> <n>    prints the median round trip in ms of n datagrams, or "lost"
//   tcp-sink <host> <port>       takes whole streams, answers "ok" at their end; prints "ready"
//   tcp-send <host> <port> <kb>  sends kb KiB to a sink, prints the ms until it said "ok"
import net from 'node:net';
import dgram from 'node:dgram';

const [mode, host, portText, countText] = process.argv.slice(2);
const port = Number(portText);

if (mode === 'tcp') {
  const socket = net.connect({ host, port });
  const done = (what) => { console.log(what); socket.destroy(); process.exit(0); };
  socket.setTimeout(3000, () => done('timeout'));
  socket.once('connect', () => done('open'));
  socket.once('error', (error) => done(error.code === 'ECONNREFUSED' ? 'refused' : error.code === 'ENETUNREACH' || error.code === 'EHOSTUNREACH' ? 'unreachable' : `error ${error.code}`));
} else if (mode === 'udp-echo') {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (message, from) => socket.send(message, from.port, from.address));
  socket.bind(port, host, () => console.log('ready'));
} else if (mode === 'tcp-sink') {
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    socket.resume();
    socket.on('end', () => socket.end('ok'));
  });
  server.listen(port, host, () => console.log('ready'));
} else if (mode === 'tcp-send') {
  const started = performance.now();
  const socket = net.connect({ host, port }, () => socket.end(Buffer.alloc(Number(countText) * 1024)));
  socket.on('data', () => { console.log((performance.now() - started).toFixed(0)); process.exit(0); });
  socket.on('error', (error) => { console.log(`error ${error.code}`); process.exit(0); });
} else if (mode === 'udp-rtt') {
  const socket = dgram.createSocket('udp4');
  const rtts = [];
  let sentAt = 0;
  const total = Number(countText);
  const send = () => { sentAt = performance.now(); socket.send(String(rtts.length), port, host); };
  const timer = setTimeout(() => { console.log('lost'); process.exit(0); }, 20_000);
  socket.on('message', () => {
    rtts.push(performance.now() - sentAt);
    if (rtts.length < total) { send(); return; }
    clearTimeout(timer);
    rtts.sort((a, b) => a - b);
    console.log(rtts[Math.floor(rtts.length / 2)].toFixed(2));
    process.exit(0);
  });
  socket.bind(0, send);
}
