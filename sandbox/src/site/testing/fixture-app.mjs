// A small MEC app for the site's tests, run by the sandbox's real agent as a process bundle.
// It listens on MEC_APP_ADDRESS (the sandbox's app side). FIXTURE_MODE=normal: confirms ready over Mp1, discovers Location over Mp1 GET /services, queries
// users, subscribes to zonalTraffic for FIXTURE_ZONE and logs every notification it receives.
// FIXTURE_MODE=crash: exits at once (a crash loop). FIXTURE_MODE=flood: floods the Location API.
import { createServer } from 'node:http';

const env = process.env;
const port = Number(env.PORT_HTTP);
const host = env.MEC_APP_ADDRESS ?? '127.0.0.1';
const log = (line) => process.stdout.write(`${line}\n`);

if (env.FIXTURE_MODE === 'crash') {
  log('crashing on purpose');
  process.exit(3);
}

let token;
async function mp1(path, init = {}) {
  token ??= await fetchToken();
  return fetch(`${env.MP1_API_ROOT}${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
}

async function fetchToken() {
  const res = await fetch(env.MP1_TOKEN_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: env.MP1_CLIENT_ID, client_secret: env.MP1_CLIENT_SECRET }),
  });
  return (await res.json()).access_token;
}

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (req.method === 'POST' && req.url === '/notify') log(`notification: ${body}`);
    res.writeHead(req.url === '/notify' ? 204 : 200).end();
  });
});
await new Promise((resolve) => server.listen(port, host, resolve));

const ready = await mp1(`/mec_app_support/v1/applications/${env.MEC_APP_INSTANCE_ID}/confirm_ready`, { method: 'POST', body: JSON.stringify({ indication: 'READY' }) });
log(`step: confirm_ready ${ready.status}`);
const services = await (await mp1('/mec_service_mgmt/v1/services?ser_name=LocationService')).json();
const location = services[0].transportInfo.endpoint.uris[0];
log(`step: discovered Location at ${location}`);

if (env.FIXTURE_MODE === 'flood') {
  log('step: flooding');
  const hammer = async () => {
    for (;;) await fetch(`${location}/queries/zones`).then((r) => r.arrayBuffer(), () => undefined);
  };
  await Promise.all(Array.from({ length: 8 }, hammer));
}

const users = await (await fetch(`${location}/queries/users`)).json();
log(`step: ${users.userList.user.length} users`);
const subscribed = await fetch(`${location}/subscriptions/zonalTraffic`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ zonalTrafficSubscription: { callbackReference: { notifyURL: `http://${host}:${port}/notify` }, zoneId: env.FIXTURE_ZONE, userEventCriteria: ['Entering', 'Leaving', 'Transferring'] } }),
});
log(`step: subscribed to zonalTraffic ${subscribed.status}`);
