// @ts-check
// The address other parties of the platform reach this app at: the local address of a connection
// to the MEP. On a node that is loopback; in a sandbox whose app runs in a network namespace it is
// the namespace's own address, which is where the emulated services must send their callbacks.
import net from 'node:net';

/**
 * @param {string} url  an http(s) URL of the platform (MP1_API_ROOT)
 * @returns {Promise<string>} a host for a URL: an IPv4 address, or an IPv6 one in brackets
 */
export function ownAddressTowards(url) {
  const { hostname, port, protocol } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port: Number(port || (protocol === 'https:' ? 443 : 80)), timeout: 5000 });
    socket.once('connect', () => {
      const local = (socket.localAddress ?? '127.0.0.1').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
      socket.destroy();
      resolve(local.includes(':') ? `[${local}]` : local);
    });
    socket.once('timeout', () => socket.destroy(new Error(`no connection to ${host}:${port} within 5 s`)));
    socket.once('error', reject);
  });
}
