// Hello Edge: the demo MEC app of the MEP agent's process runtime (Node.js, no dependencies).
//
// It serves GET / and GET /hello (a greeting with its instance id and version) and GET /health on PORT_HTTP,
// and speaks Mp1 (ETSI MEC 011) with the credentials the agent put in its environment: it gets
// an OAuth2 token, subscribes to AppTerminationNotification, registers a "greeting" service
// and confirms it is ready. When the MEP tells it to terminate, it confirms and exits.
import http from 'node:http';

const env = process.env;
const port = Number(env.PORT_HTTP ?? 8090);
const instanceId = env.MEC_APP_INSTANCE_ID ?? 'local';
const version = env.HELLO_EDGE_VERSION ?? '1.0.0';
const mp1 = env.MP1_API_ROOT;
const appSupport = `${mp1}/mec_app_support/v1/applications/${instanceId}`;
const serviceMgmt = `${mp1}/mec_service_mgmt/v1/applications/${instanceId}`;
let ready = false;
let token;

const log = (msg, extra = {}) => console.log(JSON.stringify({ time: new Date().toISOString(), msg, instanceId, version, ...extra }));

const server = http.createServer((req, res) => {
  const reply = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  if (req.method === 'GET' && req.url === '/health') return reply(200, { status: 'ok' });
  if (req.method === 'GET' && (req.url === '/' || req.url === '/hello')) return reply(200, { greeting: 'hello from the edge', appInstanceId: instanceId, version, ready, pid: process.pid });
  if (req.method === 'POST' && req.url === '/mp1/termination') {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      reply(204);
      void terminate(JSON.parse(body || '{}'));
    });
    return undefined;
  }
  return reply(404, { error: 'not found' });
});

async function mp1Call(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

async function getToken() {
  const basic = Buffer.from(`${encodeURIComponent(env.MP1_CLIENT_ID)}:${encodeURIComponent(env.MP1_CLIENT_SECRET)}`).toString('base64');
  const res = await fetch(env.MP1_TOKEN_URL, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
  return (await res.json()).access_token;
}

/** Subscribe, register and confirm ready; each step is skipped when a previous run of this instance did it. */
async function handshake() {
  token = await getToken();
  const subscriptions = await mp1Call('GET', `${appSupport}/subscriptions`);
  if ((subscriptions._links?.subscriptions ?? []).length === 0) {
    await mp1Call('POST', `${appSupport}/subscriptions`, {
      subscriptionType: 'AppTerminationNotificationSubscription',
      callbackReference: `http://127.0.0.1:${port}/mp1/termination`,
      appInstanceId: instanceId,
    });
  }
  const services = await mp1Call('GET', `${serviceMgmt}/services`);
  if (!services.some((s) => s.serName === 'greeting')) {
    await mp1Call('POST', `${serviceMgmt}/services`, {
      serName: 'greeting',
      version,
      state: 'ACTIVE',
      serializer: 'JSON',
      transportInfo: { id: 'greeting-http', name: 'greeting REST', type: 'REST_HTTP', protocol: 'HTTP', version: '1.1', endpoint: { uris: [`http://127.0.0.1:${port}/`] }, security: {} },
    });
  }
  await mp1Call('POST', `${appSupport}/confirm_ready`, { indication: 'READY' });
  ready = true;
  log('ready: confirmed to Mp1');
}

async function terminate(notification) {
  log('termination notified by the MEP', { operationAction: notification.operationAction });
  try {
    await mp1Call('POST', `${appSupport}/confirm_termination`, { operationAction: notification.operationAction });
  } finally {
    server.close(() => process.exit(0));
  }
}

server.listen(port, env.HOST ?? '0.0.0.0', () => {
  log('listening', { port });
  if (!mp1) return log('no MP1_API_ROOT: running without Mp1');
  const attempt = (wait) =>
    handshake().catch((error) => {
      log('Mp1 not reachable yet, retrying', { error: error.message, retryInMs: wait });
      setTimeout(() => attempt(Math.min(wait * 2, 30_000)), wait);
    });
  attempt(500);
});

process.on('SIGTERM', () => {
  log('SIGTERM: stopping');
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
