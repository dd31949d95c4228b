// Zone Watcher: the sample MEC app of MECport (Node.js, no dependencies), run by the MEP agent's
// process runtime. Over Mp1 it confirms ready and registers the service "zone-events"; it finds
// the Location service (MEC 013) with Mp1 service discovery, subscribes to zonal traffic in every
// zone and shows the notifications it receives on its page (GET /) and as JSON
// (GET /api/notifications). When the MEP terminates it, it unsubscribes, confirms and exits.
import { readEnv } from './lib/env.mjs';
import { createAppServer } from './lib/http-server.mjs';
import { createWatcher } from './lib/watcher.mjs';

// eslint-disable-next-line no-restricted-properties -- the app's one read of its environment
const env = readEnv(process.env);
/** @param {string} msg @param {Record<string, unknown>} [extra] */
const log = (msg, extra = {}) => console.log(JSON.stringify({ time: new Date().toISOString(), msg, instanceId: env.appInstanceId, ...extra }));
const stop = () => server.close(() => process.exit(0));

const watcher = createWatcher({ env, log, exit: stop });
const server = createAppServer({ state: watcher.state, onTermination: watcher.onTermination, log });

// Listening first: the MEP and the Location service call back here as soon as the app subscribes.
server.listen(env.port, env.host, () => {
  log('listening', { port: env.port });
  watcher.start().catch((error) => log('stopped', { error: error.message }));
});

process.on('SIGTERM', () => {
  log('SIGTERM: stopping');
  stop();
  setTimeout(() => process.exit(0), 2000).unref();
});
