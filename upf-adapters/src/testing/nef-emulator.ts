/**
 * A NEF for tests: TS 29.522 Nnef_TrafficInfluence and 3gpp-eas-deployment on 127.0.0.1, with an
 * OAuth2 token endpoint. Every request body is validated against the official schemas
 * (`upf-adapters/specs/3gpp`) and its own answers too (`answerErrors`). It behaves as a real NEF
 * does where tests need it: a single-UE subscription goes to the PCF and an any-UE one to the UDR
 * (free5GC's split; `path` records which), an unknown DNAI is refused with ProblemDetails, a
 * missing or wrong bearer token is refused (401), and it can send UP_PATH_CHANGE to a loopback
 * notificationDestination.
 *
 * @example
 *   const nef = await startNefEmulator({ dnais: ['edge-1'], clients: { mecport: 's3cret' } });
 *   // settings: { apiRoot: nef.url, tokenUrl: nef.tokenUrl, clientId: 'mecport', afId: 'af-1', dnai: 'edge-1' }
 */
import { isLoopback, newId, startEmulatorServer, TOKEN_PATH, TokenIssuer, type TJsonAnswer, type TRecordedRequest } from './emulator-http';
import { checkSchema, warmSchemas } from './spec-validator';

const TI = 'TS29522_TrafficInfluence.yaml';
const EAS = 'TS29522_EASDeployment.yaml';
const COMMON = 'TS29122_CommonData.yaml';

export interface TNefEmulatorOptions {
  /** The DNAIs this NEF knows; any other in trafficRoutes or dnaiInfos is refused. */
  dnais: string[];
  /** OAuth2 clients (id → secret). */
  clients?: Record<string, string>;
  /** Answer every API request with 307 to this URL (TS 29.522 allows 307/308 to another NEF). */
  redirectTo?: string;
}

type TBody = Record<string, unknown>;
export interface TNefSubscription { afId: string; id: string; body: TBody; path: 'pcf' | 'udr' }
export interface TEasInfo { afId: string; id: string; body: TBody }

/** TS 29.214 §5.3.8: permit, direction out (as 5GC implementations take it), no options, no "!" or "assigned". */
const FLOW = /^permit out (ip|\d{1,3}) from (any|[0-9A-Fa-f.:]+(?:\/\d{1,3})?)(?: (\d{1,5}(?:-\d{1,5})?))? to (any|[0-9A-Fa-f.:]+(?:\/\d{1,3})?)(?: (\d{1,5}(?:-\d{1,5})?))?$/;

export class NefEmulator {
  readonly subscriptions = new Map<string, TNefSubscription>();
  readonly easInfos = new Map<string, TEasInfo>();
  /** Where the emulator's own answers or notifications broke the spec (tests expect none). */
  readonly answerErrors: string[] = [];
  private readonly issuer: TokenIssuer;
  private server!: Awaited<ReturnType<typeof startEmulatorServer>>;

  private constructor(private readonly options: TNefEmulatorOptions) {
    this.issuer = new TokenIssuer(options.clients ?? {});
  }

  static async start(options: TNefEmulatorOptions): Promise<NefEmulator> {
    const nef = new NefEmulator(options);
    warmSchemas(['TrafficInfluSub', 'TrafficInfluSubPatch', 'EventNotification'].map((n) => [TI, `/components/schemas/${n}`] as [string, string]).concat([[EAS, '/components/schemas/EasDeployInfo'], [COMMON, '/components/schemas/ProblemDetails']]));
    nef.server = await startEmulatorServer(nef.issuer, () => nef.problem(401, 'Unauthorized', 'a valid bearer token is required', undefined, { 'www-authenticate': 'Bearer' }), (r) => nef.route(r.method, r.path, r.body, r.record));
    return nef;
  }

  get url(): string { return this.server.url; }
  get tokenUrl(): string { return `${this.server.url}${TOKEN_PATH}`; }
  get requests(): TRecordedRequest[] { return this.server.requests; }
  revokeTokens(): void { this.issuer.revokeAll(); }
  close(): Promise<void> { return this.server.close(); }

  /** Sends an UP_PATH_CHANGE for a subscription to its notificationDestination; returns the HTTP status. */
  async sendUpPathChange(subscriptionId: string, targetDnai: string): Promise<number> {
    const sub = this.subscriptions.get(subscriptionId);
    const destination = sub?.body.notificationDestination;
    if (typeof destination !== 'string' || !isLoopback(destination)) throw new Error('no loopback notificationDestination for that subscription');
    const route = (sub!.body.trafficRoutes as TBody[] | undefined)?.[0];
    const notification = {
      ...(sub!.body.afTransId ? { afTransId: sub!.body.afTransId } : {}),
      dnaiChgType: (sub!.body.dnaiChgType as string | undefined) ?? 'EARLY',
      subscribedEvent: 'UP_PATH_CHANGE',
      ...(route ? { sourceTrafficRoute: route, sourceDnai: route.dnai } : {}),
      targetDnai,
      ...(sub!.body.ipv4Addr ? { srcUeIpv4Addr: sub!.body.ipv4Addr, tgtUeIpv4Addr: sub!.body.ipv4Addr } : {}),
    };
    this.answerErrors.push(...checkSchema(TI, 'EventNotification', notification));
    const res = await fetch(destination, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(notification), redirect: 'error' });
    return res.status;
  }

  private route(method: string, path: string, body: unknown, record: TRecordedRequest): TJsonAnswer {
    if (this.options.redirectTo) return { ...this.problem(307, 'Temporary Redirect', 'another NEF serves this AF'), headers: { location: `${this.options.redirectTo}${path}` } };
    const ti = /^\/3gpp-traffic-influence\/v1\/([^/]+)\/subscriptions(?:\/([^/]+))?$/.exec(path);
    if (ti) return this.trafficInfluence(method, decodeURIComponent(ti[1]!), ti[2], body as TBody, record);
    const eas = /^\/3gpp-eas-deployment\/v1\/([^/]+)\/eas-deployment-info(?:\/([^/]+))?$/.exec(path);
    if (eas) return this.easDeployment(method, decodeURIComponent(eas[1]!), eas[2], body as TBody, record);
    return this.problem(404, 'Not Found', `no resource at ${path}`, 'RESOURCE_NOT_FOUND');
  }

  private trafficInfluence(method: string, afId: string, id: string | undefined, body: TBody, record: TRecordedRequest): TJsonAnswer {
    const self = (subId: string) => `${this.url}/3gpp-traffic-influence/v1/${encodeURIComponent(afId)}/subscriptions/${subId}`;
    const present = (sub: TNefSubscription) => this.answer(200, { ...sub.body, self: self(sub.id) }, 'TrafficInfluSub');
    if (!id && method === 'GET') {
      const all = [...this.subscriptions.values()].filter((s) => s.afId === afId).map((s) => ({ ...s.body, self: self(s.id) }));
      for (const s of all) this.answerErrors.push(...checkSchema(TI, 'TrafficInfluSub', s));
      return { status: 200, body: all };
    }
    const existing = id ? this.subscriptions.get(id) : undefined;
    if (id && (!existing || existing.afId !== afId)) return this.problem(404, 'Not Found', `no subscription ${id} for AF ${afId}`, 'RESOURCE_NOT_FOUND');
    if (method === 'GET' && existing) return present(existing);
    if (method === 'DELETE' && existing) {
      this.subscriptions.delete(existing.id);
      return { status: 204 };
    }
    if ((method === 'POST' && !id) || (method === 'PUT' && existing) || (method === 'PATCH' && existing)) {
      const merged = method === 'PATCH' ? mergePatch(existing!.body, body) : body;
      const refused = this.checkRequest(record, method === 'PATCH' ? 'TrafficInfluSubPatch' : 'TrafficInfluSub', body) ?? this.checkSubscription(merged, record);
      if (refused) return refused;
      const sub: TNefSubscription = { afId, id: existing?.id ?? newId(), body: merged, path: merged.anyUeInd === true || merged.externalGroupId ? 'udr' : 'pcf' };
      this.subscriptions.set(sub.id, sub);
      if (method !== 'POST') return present(sub);
      return { ...this.answer(201, { ...sub.body, self: self(sub.id) }, 'TrafficInfluSub'), headers: { location: self(sub.id) } };
    }
    return this.problem(405, 'Method Not Allowed', `${method} is not allowed here`);
  }

  private easDeployment(method: string, afId: string, id: string | undefined, body: TBody, record: TRecordedRequest): TJsonAnswer {
    const self = (infoId: string) => `${this.url}/3gpp-eas-deployment/v1/${encodeURIComponent(afId)}/eas-deployment-info/${infoId}`;
    const existing = id ? this.easInfos.get(id) : undefined;
    if (id && (!existing || existing.afId !== afId)) return this.problem(404, 'Not Found', `no EAS deployment information ${id} for AF ${afId}`, 'RESOURCE_NOT_FOUND');
    if (method === 'GET' && existing) return this.answer(200, { ...existing.body, self: self(existing.id) }, 'EasDeployInfo', EAS);
    if (method === 'DELETE' && existing) {
      this.easInfos.delete(existing.id);
      return { status: 204 };
    }
    if ((method === 'POST' && !id) || (method === 'PUT' && existing)) {
      const refused = this.checkRequest(record, 'EasDeployInfo', body, EAS);
      if (refused) return refused;
      const unknown = Object.keys((body.dnaiInfos as TBody | undefined) ?? {}).find((d) => !this.options.dnais.includes(d));
      if (unknown) return this.problem(400, 'Bad Request', `DNAI "${unknown}" is unknown to this NEF`, 'OPTIONAL_IE_INCORRECT', undefined, [{ param: `/dnaiInfos/${unknown}`, reason: 'unknown DNAI' }]);
      const info: TEasInfo = { afId, id: existing?.id ?? newId(), body };
      this.easInfos.set(info.id, info);
      const answer = this.answer(method === 'POST' ? 201 : 200, { ...body, self: self(info.id) }, 'EasDeployInfo', EAS);
      return method === 'POST' ? { ...answer, headers: { location: self(info.id) } } : answer;
    }
    return this.problem(405, 'Method Not Allowed', `${method} is not allowed here`);
  }

  /** Schema errors are recorded (tests assert there are none) and answered as a 400. */
  private checkRequest(record: TRecordedRequest, schema: string, body: unknown, file = TI): TJsonAnswer | undefined {
    record.errors.push(...checkSchema(file, schema, body));
    if (record.errors.length === 0) return undefined;
    return this.problem(400, 'Bad Request', `the body is not a valid ${schema}`, 'INVALID_MSG_FORMAT', undefined, record.errors.slice(0, 10).map((e) => ({ param: e.split(' ')[0]!, reason: e })));
  }

  /** What a NEF checks beyond the schema: flow description syntax (a request error) and known DNAIs (a refusal). */
  private checkSubscription(sub: TBody, record: TRecordedRequest): TJsonAnswer | undefined {
    for (const [i, filter] of ((sub.trafficFilters as TBody[] | undefined) ?? []).entries()) {
      for (const d of (filter.flowDescriptions as string[] | undefined) ?? []) if (!FLOW.test(d)) record.errors.push(`trafficFilters/${i}: "${d}" is not a TS 29.214 flow description`);
    }
    if (record.errors.length > 0) return this.problem(400, 'Bad Request', record.errors.join('; '), 'INVALID_MSG_FORMAT');
    const routes = (sub.trafficRoutes as TBody[] | undefined) ?? [];
    const unknown = routes.findIndex((r) => !this.options.dnais.includes(r.dnai as string));
    if (unknown >= 0) return this.problem(400, 'Bad Request', `DNAI "${String(routes[unknown]!.dnai)}" is unknown to this NEF`, 'OPTIONAL_IE_INCORRECT', undefined, [{ param: `/trafficRoutes/${unknown}/dnai`, reason: 'unknown DNAI' }]);
    return undefined;
  }

  private answer(status: number, body: TBody, schema: string, file = TI): TJsonAnswer {
    this.answerErrors.push(...checkSchema(file, schema, body));
    return { status, body };
  }

  private problem(status: number, title: string, detail: string, cause?: string, headers?: Record<string, string>, invalidParams?: { param: string; reason: string }[]): TJsonAnswer {
    const body = { title, status, detail, ...(cause ? { cause } : {}), ...(invalidParams ? { invalidParams } : {}) };
    this.answerErrors.push(...checkSchema(COMMON, 'ProblemDetails', body));
    return { status, body, contentType: 'application/problem+json', ...(headers ? { headers } : {}) };
  }
}

/** RFC 7396 JSON merge patch, as TS 29.522 PATCH uses. */
function mergePatch(target: TBody, patch: TBody): TBody {
  const out: TBody = { ...target };
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (v === null) delete out[k];
    else if (typeof v === 'object' && !Array.isArray(v) && typeof out[k] === 'object' && out[k] !== null && !Array.isArray(out[k])) out[k] = mergePatch(out[k] as TBody, v as TBody);
    else out[k] = v;
  }
  return out;
}

export const startNefEmulator = (options: TNefEmulatorOptions) => NefEmulator.start(options);
