// @ts-check
// The app's page and JSON view: where it stands with Mp1 and Location, and the zone notifications.

/** The JSON view (GET /api/notifications). @param {import('./watcher.mjs').TWatcherState} state */
export function stateJson(state) {
  return {
    appInstanceId: state.appInstanceId,
    version: state.version,
    mp1: state.mp1,
    ready: state.mp1 === 'ready',
    serviceId: state.serviceId,
    location: state.location,
    received: state.zoneLog.received,
    notifications: state.zoneLog.events,
  };
}

const escapes = /** @type {Record<string, string>} */ ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' });
/** @param {unknown} value */
export const escapeHtml = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/** @param {import('./zone-log.mjs').TZoneEvent} e */
function row(e) {
  const cells = [e.seq, e.receivedAt, e.zoneId, e.address, e.userEventType, e.previousAccessPointId ?? '', e.currentAccessPointId];
  return `<tr data-testid="zone-notification">${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
}

/** The HTML page (GET /), newest notification first; it reloads itself every 2 s. @param {import('./watcher.mjs').TWatcherState} state */
export function renderPage(state) {
  const loc = state.location;
  const where = loc.apiRoot ? `${escapeHtml(loc.apiRoot)} (${loc.source === 'mp1' ? 'found on Mp1' : 'from LOCATION_API_ROOT'})` : 'not found yet';
  const rows = [...state.zoneLog.events].reverse().map(row).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2"><title>Zone Watcher</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem}</style></head>
<body>
<h1>Zone Watcher</h1>
<p>Instance <code>${escapeHtml(state.appInstanceId)}</code>, version ${escapeHtml(state.version)}.
Mp1: <strong data-testid="mp1-status">${escapeHtml(state.mp1)}</strong>. Location service: ${where},
<strong data-testid="location-status">${escapeHtml(loc.status)}</strong> (${loc.subscriptions.length} zone subscriptions).</p>
<h2>Zone notifications (<span data-testid="zone-notification-count">${state.zoneLog.received}</span>)</h2>
<table><thead><tr><th>#</th><th>received</th><th>zone</th><th>user</th><th>event</th><th>from access point</th><th>to access point</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="7">none yet</td></tr>'}
</tbody></table>
<p>JSON: <a href="/api/notifications">/api/notifications</a></p>
</body></html>
`;
}
