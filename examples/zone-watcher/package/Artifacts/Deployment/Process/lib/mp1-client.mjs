// @ts-check
// The app's side of Mp1 (ETSI MEC 011 v2.1.1): an OAuth2 client-credentials token, application
// support (termination subscription, confirm_ready, confirm_termination) and service management
// (register a service, discover services). Every step the app repeats after a restart is idempotent.

/** @typedef {typeof globalThis.fetch} TFetch */

export class Mp1Error extends Error {
  /** @param {string} method @param {string} url @param {number} status @param {string} body */
  constructor(method, url, status, body) {
    super(`${method} ${url}: ${status} ${body.slice(0, 300)}`);
    this.status = status;
  }
}

/**
 * @param {{ apiRoot: string, tokenUrl: string, clientId: string, clientSecret: string, appInstanceId: string, fetch?: TFetch }} options
 */
export function createMp1Client(options) {
  const doFetch = options.fetch ?? globalThis.fetch;
  const appSupport = `${options.apiRoot}/mec_app_support/v1/applications/${encodeURIComponent(options.appInstanceId)}`;
  const serviceMgmt = `${options.apiRoot}/mec_service_mgmt/v1`;
  /** @type {{ value: string, until: number } | undefined} */
  let token;

  async function fetchToken() {
    const basic = Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString('base64');
    const res = await doFetch(options.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    if (!res.ok) throw new Mp1Error('POST', options.tokenUrl, res.status, await res.text());
    const body = /** @type {{ access_token: string, expires_in?: number }} */ (await res.json());
    // Renewed a little before it lapses, so a call never carries a token that expires in flight.
    token = { value: body.access_token, until: Date.now() + Math.max(5, (body.expires_in ?? 300) - 30) * 1000 };
    return token.value;
  }

  /** The bearer token, fetched or renewed when needed (also used for the Location service). */
  async function accessToken() {
    return token && token.until > Date.now() ? token.value : fetchToken();
  }

  /** @param {string} method @param {string} url @param {unknown} [body] @returns {Promise<any>} */
  async function call(method, url, body, retried = false) {
    const res = await doFetch(url, {
      method,
      headers: { authorization: `Bearer ${await accessToken()}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 401 && !retried) {
      token = undefined;
      return call(method, url, body, true);
    }
    if (!res.ok) throw new Mp1Error(method, url, res.status, await res.text());
    const text = await res.text();
    return text === '' ? undefined : JSON.parse(text);
  }

  return {
    accessToken,
    confirmReady: () => call('POST', `${appSupport}/confirm_ready`, { indication: 'READY' }),
    /** @param {'STOPPING' | 'TERMINATING'} operationAction */
    confirmTermination: (operationAction) => call('POST', `${appSupport}/confirm_termination`, { operationAction }),

    /** Subscribes to AppTerminationNotification unless this instance already has a subscription. @param {string} callbackReference */
    async subscribeTermination(callbackReference) {
      const list = await call('GET', `${appSupport}/subscriptions`);
      const known = list?._links?.subscriptions ?? [];
      if (known.length > 0) return known[0].href;
      const created = await call('POST', `${appSupport}/subscriptions`, {
        subscriptionType: 'AppTerminationNotificationSubscription', callbackReference, appInstanceId: options.appInstanceId,
      });
      return created?._links?.self?.href;
    },

    /** Registers the ServiceInfo unless this instance already registered one of that name; returns the registered one. @param {Record<string, unknown> & { serName: string }} serviceInfo */
    async registerService(serviceInfo) {
      const mine = `${serviceMgmt}/applications/${encodeURIComponent(options.appInstanceId)}/services`;
      const known = /** @type {Array<{ serName: string }>} */ (await call('GET', mine));
      return known.find((s) => s.serName === serviceInfo.serName) ?? call('POST', mine, serviceInfo);
    },

    /** GET /services (MEC 011 service discovery). @returns {Promise<Array<Record<string, any>>>} */
    discoverServices: () => call('GET', `${serviceMgmt}/services`),
  };
}

/** @typedef {ReturnType<typeof createMp1Client>} TMp1Client */
