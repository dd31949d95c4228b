/**
 * An operator platform for tests: CAMARA Traffic Influence v0.10 on 127.0.0.1, with an OAuth2
 * token endpoint. Every request body is validated against the official `traffic-influence.yaml`
 * (`upf-adapters/specs/camara`), and its own answers too (`answerErrors`). Intents are
 * asynchronous as the spec says (`ordered`, then `active`, or `error` for a zone it does not
 * have); a new intent for the same app, zone and device replaces the previous one, and an intent
 * for one device never replaces the any-device one (the bug CAMARA's own implementers had).
 *
 * @example
 *   const op = await startCamaraEmulator({ zones: [zoneId], clients: { mecport: 's3cret' } });
 */
import { isLoopback, newId, startEmulatorServer, TOKEN_PATH, TokenIssuer, type TJsonAnswer, type TRecordedRequest } from './emulator-http';
import { checkPointer, checkSchema, warmSchemas } from './spec-validator';

const SPEC = 'traffic-influence.yaml';
const BASE = '/traffic-influence/v0.10';

export interface TCamaraEmulatorOptions {
  /** Edge Cloud Zone ids the platform has; an intent for another ends in state `error`. */
  zones: string[];
  clients?: Record<string, string>;
  /** How long an intent stays `ordered` before it becomes `active` (default 20 ms). */
  activationDelayMs?: number;
  /** Behave like the implementations with the bug: a per-device intent replaces the any-device one. */
  perDeviceReplacesAnyDevice?: boolean;
}

type TBody = Record<string, unknown>;
export interface TCamaraIntent { id: string; body: TBody; state: string; device?: TBody }

const CODES: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND', 409: 'DENIED_WAIT', 422: 'MISSING_IDENTIFIER' };
const deviceKey = (device: TBody | undefined) => (device ? JSON.stringify(device) : 'any');

export class CamaraEmulator {
  readonly intents = new Map<string, TCamaraIntent>();
  readonly answerErrors: string[] = [];
  private readonly issuer: TokenIssuer;
  private readonly timers = new Set<NodeJS.Timeout>();
  private server!: Awaited<ReturnType<typeof startEmulatorServer>>;

  private constructor(private readonly options: TCamaraEmulatorOptions) {
    this.issuer = new TokenIssuer(options.clients ?? {});
  }

  static async start(options: TCamaraEmulatorOptions): Promise<CamaraEmulator> {
    const op = new CamaraEmulator(options);
    warmSchemas(['PostTrafficInfluence', 'PostTrafficInfluenceDevice', 'PatchTrafficInfluence', 'TrafficInfluence'].map((n) => [SPEC, `/components/schemas/${n}`] as [string, string]));
    op.server = await startEmulatorServer(op.issuer, () => op.error(401, 'a valid bearer token is required'), (r) => op.route(r.method, r.path, r.body as TBody, r.record));
    if (!isLoopback(op.server.url)) throw new Error('the emulator listens on loopback only');
    return op;
  }

  get url(): string { return this.server.url; }
  get tokenUrl(): string { return `${this.server.url}${TOKEN_PATH}`; }
  get requests(): TRecordedRequest[] { return this.server.requests; }
  revokeTokens(): void { this.issuer.revokeAll(); }
  close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    return this.server.close();
  }

  private route(method: string, path: string, body: TBody, record: TRecordedRequest): TJsonAnswer {
    if (path === `${BASE}/traffic-influences` && method === 'GET') {
      const all = [...this.intents.values()].map((i) => this.view(i));
      this.answerErrors.push(...checkPointer(SPEC, '/paths/~1traffic-influences/get/responses/200/content/application~1json/schema', all, 'GET 200'));
      return { status: 200, body: all };
    }
    if (path === `${BASE}/traffic-influences` && method === 'POST') return this.create(body, record, false);
    if (path === `${BASE}/traffic-influence-devices` && method === 'POST') return this.create(body, record, true);
    const one = new RegExp(`^${BASE}/traffic-influences/([^/]+)$`).exec(path);
    const intent = one ? this.intents.get(one[1]!) : undefined;
    if (one && !intent) return this.error(404, `no Traffic Influence resource ${one[1]}`);
    if (intent && method === 'GET') return this.ok(200, this.view(intent));
    if (intent && method === 'DELETE') {
      this.intents.delete(intent.id);
      return { status: 202 };
    }
    if (intent && method === 'PATCH') return this.patch(intent, body, record);
    return this.error(400, `${method} ${path} is not an operation of this API`);
  }

  private create(body: TBody, record: TRecordedRequest, forDevice: boolean): TJsonAnswer {
    record.errors.push(...checkSchema(SPEC, forDevice ? 'PostTrafficInfluenceDevice' : 'PostTrafficInfluence', body));
    if (!forDevice && body?.device !== undefined) record.errors.push('PostTrafficInfluence: a device belongs to /traffic-influence-devices');
    if (record.errors.length > 0) return this.error(400, record.errors.join('; '));
    if (forDevice && !body.device) return this.error(422, 'the device cannot be identified: a two-legged token needs the device field');
    const { trafficInfluenceID: _id, state: _state, device, ...intentBody } = body;
    // "Any other new intent (e.g. for the same device) will override the previous ones": same app,
    // zone and device only. The any-device intent is never the same as one device's.
    for (const other of this.intents.values()) {
      const sameTarget = deviceKey(other.device) === deviceKey(device as TBody | undefined) || (this.options.perDeviceReplacesAnyDevice === true && device !== undefined && !other.device);
      if (other.body.appId === body.appId && other.body.edgeCloudZoneId === body.edgeCloudZoneId && other.body.apiConsumerId === body.apiConsumerId && sameTarget) this.intents.delete(other.id);
    }
    const intent: TCamaraIntent = { id: newId(), body: intentBody, state: 'ordered', ...(device ? { device: device as TBody } : {}) };
    this.intents.set(intent.id, intent);
    this.provision(intent);
    return { ...this.ok(201, this.view(intent)), headers: { location: `${this.url}${BASE}/traffic-influences/${intent.id}` } };
  }

  private patch(intent: TCamaraIntent, body: TBody, record: TRecordedRequest): TJsonAnswer {
    record.errors.push(...checkSchema(SPEC, 'PatchTrafficInfluence', body));
    if (body?.device !== undefined) record.errors.push('PatchTrafficInfluence: the device of an intent cannot be modified');
    // readOnly in PatchTrafficInfluence: may be repeated, never changed.
    for (const field of ['apiConsumerId', 'appId'] as const) if (body?.[field] !== undefined && body[field] !== intent.body[field]) record.errors.push(`PatchTrafficInfluence: ${field} is read-only`);
    if (record.errors.length > 0) return this.error(400, record.errors.join('; '));
    if (intent.state !== 'active') return this.error(409, 'the intent is not active yet: wait for state "active" before modifying it');
    // The modifiable parameters are replaced as a whole: one left out is removed.
    const { sourceTrafficFilters, destinationTrafficFilters, edgeCloudZoneId, edgeCloudRegion, appInstanceId } = body;
    intent.body = { apiConsumerId: intent.body.apiConsumerId, appId: intent.body.appId, ...strip({ sourceTrafficFilters, destinationTrafficFilters, edgeCloudZoneId, edgeCloudRegion, appInstanceId }) };
    intent.state = 'ordered';
    this.provision(intent);
    return this.ok(200, this.view(intent));
  }

  private provision(intent: TCamaraIntent): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      intent.state = this.options.zones.includes(intent.body.edgeCloudZoneId as string) ? 'active' : 'error';
    }, this.options.activationDelayMs ?? 20);
    this.timers.add(timer);
  }

  /** "For privacy reasons, if a resource is related to a user, the parameter Device is not returned." */
  private view(intent: TCamaraIntent): TBody {
    return { trafficInfluenceID: intent.id, ...intent.body, state: intent.state };
  }

  private ok(status: number, body: TBody): TJsonAnswer {
    this.answerErrors.push(...checkSchema(SPEC, 'TrafficInfluence', body));
    return { status, body };
  }

  private error(status: number, message: string): TJsonAnswer {
    const body = { status, code: CODES[status] ?? 'INVALID_ARGUMENT', message };
    this.answerErrors.push(...checkPointer(SPEC, `/components/responses/Generic${status}/content/application~1json/schema`, body, `Generic${status}`));
    return { status, body };
  }
}

const strip = (o: TBody) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export const startCamaraEmulator = (options: TCamaraEmulatorOptions) => CamaraEmulator.start(options);
