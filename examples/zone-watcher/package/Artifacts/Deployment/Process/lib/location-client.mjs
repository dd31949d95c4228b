// @ts-check
// The app's side of the Location API (ETSI MEC 013 v2.2.1, base /location/v2): find the service
// among those Mp1 lists, read its zones, and subscribe to zonal traffic (users entering, leaving
// or moving inside a zone) with a callback at this app.

export const LOCATION_BASE = '/location/v2';
export const USER_EVENTS = /** @type {const} */ (['Entering', 'Leaving', 'Transferring']);

/**
 * The Location service's API root from a MEC 011 ServiceInfo list: the service whose name or
 * category says Location (the ETSI sandbox names it `meep-loc-serv`, category `Location`), its
 * REST transport's first URI or address, ending in /location/v2.
 * @param {Array<Record<string, any>>} services
 * @returns {string | undefined}
 */
export function findLocationApiRoot(services) {
  const isLocation = (/** @type {Record<string, any>} */ s) =>
    /location|loc-serv/i.test(`${s.serName ?? ''} ${s.serCategory?.name ?? ''} ${s.serCategory?.id ?? ''}`);
  const service = services.find((s) => isLocation(s) && s.state !== 'INACTIVE');
  const endpoint = service?.transportInfo?.endpoint;
  const address = endpoint?.addresses?.[0];
  const uri = endpoint?.uris?.[0] ?? (address ? `http://${address.host}:${address.port}` : undefined);
  if (typeof uri !== 'string') return undefined;
  return locationApiRoot(uri);
}

/** @param {string} uri a service endpoint or an API root */
export function locationApiRoot(uri) {
  const trimmed = uri.replace(/\/+$/, '');
  return trimmed.endsWith(LOCATION_BASE) ? trimmed : `${trimmed}${LOCATION_BASE}`;
}

/**
 * @param {{ apiRoot: string, accessToken: () => Promise<string>, fetch?: typeof globalThis.fetch }} options
 */
export function createLocationClient(options) {
  const doFetch = options.fetch ?? globalThis.fetch;

  /** @param {string} method @param {string} url @param {unknown} [body] @returns {Promise<any>} */
  async function call(method, url, body) {
    const res = await doFetch(url, {
      method,
      headers: { authorization: `Bearer ${await options.accessToken()}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const text = await res.text();
    return text === '' ? undefined : JSON.parse(text);
  }

  return {
    /** GET /queries/zones -> the zone ids. @returns {Promise<string[]>} */
    async zoneIds() {
      const body = await call('GET', `${options.apiRoot}/queries/zones`);
      return (body?.zoneList?.zone ?? []).map((/** @type {{ zoneId: string }} */ z) => z.zoneId);
    },

    /**
     * POST /subscriptions/zonalTraffic; returns the subscription's resourceURL.
     * @param {{ zoneId: string, notifyURL: string, clientCorrelator?: string }} request
     * @returns {Promise<string>}
     */
    async subscribeZonalTraffic(request) {
      const created = await call('POST', `${options.apiRoot}/subscriptions/zonalTraffic`, zonalTrafficSubscription(request));
      const url = created?.zonalTrafficSubscription?.resourceURL;
      if (typeof url !== 'string') throw new Error('the Location service answered a zonal traffic subscription without resourceURL');
      return url;
    },

    /** @param {string} resourceURL */
    unsubscribe: (resourceURL) => call('DELETE', resourceURL),
  };
}

/**
 * The request body of a zonal traffic subscription (MEC 013 v2.2.1 ZonalTrafficSubscription):
 * every user event, for as long as the subscription lives; the zone travels back as callbackData.
 * @param {{ zoneId: string, notifyURL: string, clientCorrelator?: string }} request
 */
export function zonalTrafficSubscription(request) {
  return {
    zonalTrafficSubscription: {
      callbackReference: { notifyURL: request.notifyURL, callbackData: request.zoneId },
      zoneId: request.zoneId,
      userEventCriteria: [...USER_EVENTS],
      ...(request.clientCorrelator ? { clientCorrelator: request.clientCorrelator } : {}),
    },
  };
}

/** @typedef {ReturnType<typeof createLocationClient>} TLocationClient */
