// @ts-check
// The app's HTTP server: its page, its JSON view (the service it registers), its health, and the
// two callbacks it subscribed: Location zonal traffic and Mp1 app termination.
import http from 'node:http';
import { parseZonalPresence } from './zone-log.mjs';
import { renderPage, stateJson } from './page.mjs';

const MAX_BODY = 64 * 1024;

/** @param {http.IncomingMessage} req @returns {Promise<unknown>} */
function readJson(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      text += chunk;
      if (text.length > MAX_BODY) req.destroy(new Error('body too large'));
    });
    req.on('end', () => {
      try {
        resolve(text === '' ? {} : JSON.parse(text));
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

/**
 * @param {{ state: import('./watcher.mjs').TWatcherState, onTermination: (n: { operationAction?: string }) => Promise<void>, log: import('./watcher.mjs').TLog }} options
 */
export function createAppServer(options) {
  const { state, log } = options;
  return http.createServer((req, res) => {
    /** @param {number} status @param {unknown} [body] @param {string} [type] */
    const reply = (status, body, type = 'application/json') => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': type });
      res.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
    };
    const route = `${req.method} ${(req.url ?? '/').split('?')[0]}`;
    if (route === 'GET /health') return reply(200, { status: 'ok' });
    if (route === 'GET /') return reply(200, renderPage(state), 'text/html; charset=utf-8');
    if (route === 'GET /api/notifications') return reply(200, stateJson(state));
    if (route === 'POST /location/zonal-traffic') {
      readJson(req).then((body) => {
        const event = parseZonalPresence(body);
        if (!event) return reply(400, { title: 'not a zonalPresenceNotification' });
        state.zoneLog.add(event);
        log('zone notification', { zoneId: event.zoneId, address: event.address, userEventType: event.userEventType });
        return reply(204);
      }, () => reply(400, { title: 'the body is not JSON' }));
      return undefined;
    }
    if (route === 'POST /mp1/termination') {
      readJson(req).then((body) => {
        reply(204);
        return options.onTermination(/** @type {{ operationAction?: string }} */ (body));
      }).catch((/** @type {Error} */ error) => log('termination failed', { error: error.message }));
      return undefined;
    }
    return reply(404, { title: 'not found' });
  });
}
