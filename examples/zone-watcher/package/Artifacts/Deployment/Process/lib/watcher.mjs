// @ts-check
// Zone Watcher's life on a MEC platform, step by step over Mp1 and the Location API:
//   1. token, AppTerminationNotification subscription, service "zone-events" registered, confirm_ready;
//   2. the Location service discovered on Mp1 (LOCATION_API_ROOT only when Mp1 lists none),
//      a zonal traffic subscription per zone with a callback at this app;
//   3. on termination: the Location subscriptions deleted, confirm_termination, exit.
import { createLocationClient, findLocationApiRoot } from './location-client.mjs';
import { createMp1Client } from './mp1-client.mjs';
import { ownAddressTowards } from './own-address.mjs';
import { retrying } from './retry.mjs';
import { ZoneLog } from './zone-log.mjs';

export const SERVICE_NAME = 'zone-events';
/** A scenario has a handful of zones; more than this is not a sample's business. */
const MAX_ZONES = 50;

/** @typedef {(msg: string, extra?: Record<string, unknown>) => void} TLog */

/** What the page and the JSON endpoint show. */
export function initialState(/** @type {import('./env.mjs').TZoneWatcherEnv} */ env) {
  return {
    appInstanceId: env.appInstanceId,
    version: env.version,
    /** off: no MP1_API_ROOT; connecting; ready: confirm_ready answered; terminating */
    mp1: /** @type {'off' | 'connecting' | 'ready' | 'terminating'} */ (env.mp1ApiRoot ? 'connecting' : 'off'),
    serviceId: /** @type {string | null} */ (null),
    location: {
      /** discovering: asking Mp1; subscribed; waiting: no Location service yet (asks again) */
      status: /** @type {'discovering' | 'subscribing' | 'subscribed' | 'waiting'} */ ('discovering'),
      apiRoot: /** @type {string | null} */ (null),
      /** mp1: found with Mp1 service discovery; env: LOCATION_API_ROOT */
      source: /** @type {'mp1' | 'env' | null} */ (null),
      subscriptions: /** @type {Array<{ zoneId: string, resourceURL: string }>} */ ([]),
    },
    zoneLog: new ZoneLog(),
  };
}
/** @typedef {ReturnType<typeof initialState>} TWatcherState */

/**
 * The ServiceInfo the app registers (MEC 011 v2.1.1): its zone notifications as a REST resource.
 * @param {import('./env.mjs').TZoneWatcherEnv} env
 * @param {string} host  where other apps reach this one
 */
export function serviceInfo(env, host) {
  const base = `http://${host}:${env.port}`;
  return {
    serName: SERVICE_NAME,
    serCategory: { href: `${base}/api/notifications`, id: 'zone-events', name: 'Zone events', version: '1.0.0' },
    version: env.version,
    state: 'ACTIVE',
    transportInfo: {
      id: 'zone-events-http', name: 'zone events REST', description: 'The zone notifications Zone Watcher received, as JSON',
      type: 'REST_HTTP', protocol: 'HTTP', version: '1.1', endpoint: { uris: [`${base}/api/notifications`] }, security: {},
    },
    serializer: 'JSON',
    scopeOfLocality: 'MEC_HOST',
    consumedLocalOnly: true,
  };
}

/**
 * The app's state, `start` (runs the steps; resolves once subscribed, or when terminated first)
 * and the termination handler.
 * @param {{ env: import('./env.mjs').TZoneWatcherEnv, log: TLog, fetch?: typeof globalThis.fetch, exit: () => void, discoveryRetryMs?: number }} options
 */
export function createWatcher(options) {
  const { env, log } = options;
  const state = initialState(env);
  if (!env.mp1ApiRoot) {
    return { state, start: async () => log('no MP1_API_ROOT: running without Mp1'), onTermination: async () => options.exit() };
  }
  const mp1 = createMp1Client({ apiRoot: env.mp1ApiRoot, tokenUrl: env.tokenUrl, clientId: env.clientId, clientSecret: env.clientSecret, appInstanceId: env.appInstanceId, fetch: options.fetch });
  const stopped = () => state.mp1 === 'terminating';
  /** Where the platform's services reach this app (known once Mp1 answers; see own-address.mjs). */
  let ownHost = env.callbackHost ?? '127.0.0.1';
  const callback = (/** @type {string} */ path) => `http://${ownHost}:${env.port}${path}`;
  /** @type {import('./location-client.mjs').TLocationClient | undefined} */
  let location;

  async function handshake() {
    if (!env.callbackHost) ownHost = await ownAddressTowards(/** @type {string} */ (env.mp1ApiRoot));
    // The MEP agent runs beside the app and calls its apps back on loopback (their declared ports).
    await mp1.subscribeTermination(`http://127.0.0.1:${env.port}/mp1/termination`);
    const service = await mp1.registerService(serviceInfo(env, ownHost));
    state.serviceId = service?.serInstanceId ?? null;
    await mp1.confirmReady();
    state.mp1 = 'ready';
    log('ready: confirmed to Mp1', { serviceId: state.serviceId });
  }

  async function discoverLocation() {
    const apiRoot = findLocationApiRoot(await mp1.discoverServices());
    const source = apiRoot ? 'mp1' : env.locationApiRoot ? 'env' : null;
    if (!source) {
      state.location.status = 'waiting';
      throw new Error('Mp1 lists no Location service');
    }
    state.location = { ...state.location, status: 'subscribing', apiRoot: apiRoot ?? env.locationApiRoot ?? null, source };
    location = createLocationClient({ apiRoot: /** @type {string} */ (state.location.apiRoot), accessToken: mp1.accessToken, fetch: options.fetch });
    log('Location service found', { apiRoot: state.location.apiRoot, source });
  }

  async function subscribeZones() {
    const client = /** @type {import('./location-client.mjs').TLocationClient} */ (location);
    const zoneIds = (await client.zoneIds()).slice(0, MAX_ZONES);
    const done = new Set(state.location.subscriptions.map((s) => s.zoneId));
    for (const zoneId of zoneIds.filter((z) => !done.has(z))) {
      const resourceURL = await client.subscribeZonalTraffic({ zoneId, notifyURL: callback('/location/zonal-traffic'), clientCorrelator: `${env.appInstanceId}:${zoneId}` });
      state.location.subscriptions.push({ zoneId, resourceURL });
    }
    state.location.status = 'subscribed';
    log('subscribed to zonal traffic', { zones: zoneIds });
  }

  const retry = { log, stopped };
  async function start() {
    await retrying('Mp1 handshake', handshake, retry);
    await retrying('Location discovery', discoverLocation, { ...retry, firstMs: options.discoveryRetryMs ?? 2000, maxMs: 30_000 });
    await retrying('zonal traffic subscriptions', subscribeZones, retry);
  }

  /** AppTerminationNotification: clean up within the grace period, confirm, exit. @param {{ operationAction?: string }} notification */
  async function onTermination(notification) {
    state.mp1 = 'terminating';
    const action = notification.operationAction === 'STOPPING' ? 'STOPPING' : 'TERMINATING';
    log('termination notified by the MEP', { operationAction: action });
    await Promise.allSettled(state.location.subscriptions.map((s) => location?.unsubscribe(s.resourceURL)));
    try {
      await mp1.confirmTermination(action);
    } finally {
      options.exit();
    }
  }

  return { state, start, onTermination };
}
