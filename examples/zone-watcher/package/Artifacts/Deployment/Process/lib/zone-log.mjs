// @ts-check
// The zone notifications the app received, newest last, bounded so a busy scenario cannot grow it.

/**
 * @typedef {object} TZoneEvent
 * @property {number} seq  order of arrival, from 1
 * @property {string} receivedAt  ISO time at the app
 * @property {string} zoneId
 * @property {string} address  the user (e.g. acr:10.0.0.1)
 * @property {string} userEventType  Entering | Leaving | Transferring
 * @property {string} currentAccessPointId
 * @property {string | null} previousAccessPointId
 * @property {{ seconds: number, nanoSeconds: number } | null} timestamp  the Location service's time of the event
 */

/**
 * Reads a MEC 013 zonal traffic notification body (`{ zonalPresenceNotification: {...} }`), or
 * undefined when it is not one.
 * @param {unknown} body
 * @returns {Omit<TZoneEvent, 'seq' | 'receivedAt'> | undefined}
 */
export function parseZonalPresence(body) {
  const n = /** @type {any} */ (body)?.zonalPresenceNotification;
  if (!n || typeof n.zoneId !== 'string' || typeof n.address !== 'string' || typeof n.userEventType !== 'string') return undefined;
  return {
    zoneId: n.zoneId,
    address: n.address,
    userEventType: n.userEventType,
    currentAccessPointId: String(n.currentAccessPointId ?? ''),
    previousAccessPointId: typeof n.previousAccessPointId === 'string' ? n.previousAccessPointId : null,
    timestamp: n.timestamp && typeof n.timestamp.seconds === 'number' ? { seconds: n.timestamp.seconds, nanoSeconds: n.timestamp.nanoSeconds ?? 0 } : null,
  };
}

export class ZoneLog {
  /** @param {number} [capacity] */
  constructor(capacity = 500) {
    this.capacity = capacity;
    /** @type {TZoneEvent[]} */
    this.events = [];
    this.received = 0;
  }

  /** @param {Omit<TZoneEvent, 'seq' | 'receivedAt'>} event @param {Date} [now] */
  add(event, now = new Date()) {
    this.received += 1;
    this.events.push({ seq: this.received, receivedAt: now.toISOString(), ...event });
    if (this.events.length > this.capacity) this.events.splice(0, this.events.length - this.capacity);
  }
}
