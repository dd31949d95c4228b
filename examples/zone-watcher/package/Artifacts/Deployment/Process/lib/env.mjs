// @ts-check
// The app's configuration: the variables the MEP agent sets (process-bundle.ts), read once here.

/**
 * @typedef {object} TZoneWatcherEnv
 * @property {string} appInstanceId  MEC_APP_INSTANCE_ID
 * @property {string | undefined} mp1ApiRoot  MP1_API_ROOT (absent: the app runs without Mp1)
 * @property {string} tokenUrl  MP1_TOKEN_URL
 * @property {string} clientId  MP1_CLIENT_ID
 * @property {string} clientSecret  MP1_CLIENT_SECRET
 * @property {number} port  PORT_HTTP, the port the process bundle declares
 * @property {string} host  HOST, the address to listen on
 * @property {string | undefined} callbackHost  CALLBACK_HOST: the host the Location service calls back (default: this app's address towards the MEP)
 * @property {string | undefined} locationApiRoot  LOCATION_API_ROOT: only when Mp1 lists no Location service
 * @property {string} version  ZONE_WATCHER_VERSION
 */

/**
 * @param {Record<string, string | undefined>} source
 * @returns {TZoneWatcherEnv}
 */
export function readEnv(source) {
  const mp1ApiRoot = source.MP1_API_ROOT?.replace(/\/+$/, '') || undefined;
  return {
    appInstanceId: source.MEC_APP_INSTANCE_ID ?? 'local',
    mp1ApiRoot,
    tokenUrl: source.MP1_TOKEN_URL ?? `${mp1ApiRoot}/oauth2/token`,
    clientId: source.MP1_CLIENT_ID ?? '',
    clientSecret: source.MP1_CLIENT_SECRET ?? '',
    port: Number(source.PORT_HTTP ?? 8092),
    host: source.HOST ?? '0.0.0.0',
    callbackHost: source.CALLBACK_HOST || undefined,
    locationApiRoot: source.LOCATION_API_ROOT?.replace(/\/+$/, '') || undefined,
    version: source.ZONE_WATCHER_VERSION ?? '1.0.0',
  };
}
