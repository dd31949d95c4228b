/**
 * A Location service (MEC 013 v2.2.1) that answers the calls Zone Watcher makes with spec-valid
 * bodies, checks every request body against the spec, and sends zonal presence notifications to
 * the callbacks it was given, as the sandbox's emulated service does.
 *
 * @example const loc = await FakeLocation.start(['zone01']); await loc.notify('zone01', 'acr:10.0.0.1', 'Entering');
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { schemaErrors } from './etsi-schemas';

interface TSubscription { id: string; zoneId: string; notifyURL: string; callbackData?: string }

async function body(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text === '' ? undefined : JSON.parse(text);
}

export class FakeLocation {
  readonly requests: { method: string; path: string; authorization?: string }[] = [];
  readonly schemaErrors: string[] = [];
  readonly subscriptions = new Map<string, TSubscription>();
  private next = 1;

  private constructor(private readonly server: Server, readonly apiRoot: string, private readonly zones: string[]) {}

  static async start(zones: string[]): Promise<FakeLocation> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const self = new FakeLocation(server, `http://127.0.0.1:${port}/location/v2`, zones);
    server.on('request', (req, res) => void self.handle(req, res).catch(() => res.writeHead(500).end()));
    return self;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** POSTs a notification to every subscription of the zone; returns the callbacks' statuses. */
  async notify(zoneId: string, address: string, userEventType: 'Entering' | 'Leaving' | 'Transferring'): Promise<number[]> {
    const targets = [...this.subscriptions.values()].filter((s) => s.zoneId === zoneId);
    return Promise.all(targets.map(async (s) => {
      const notification = {
        zoneId, address, userEventType, currentAccessPointId: `${zoneId}-ap1`, ...(userEventType === 'Entering' ? {} : { previousAccessPointId: `${zoneId}-ap2` }),
        timestamp: { seconds: 1_767_225_600, nanoSeconds: 0 }, callbackData: s.callbackData,
        link: [{ rel: 'ZonalTrafficSubscription', href: `${this.apiRoot}/subscriptions/zonalTraffic/${s.id}` }],
      };
      this.check('ZonalPresenceNotification', notification);
      const res = await fetch(s.notifyURL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ zonalPresenceNotification: notification }) });
      return res.status;
    }));
  }

  private check(schema: string, value: unknown): void {
    this.schemaErrors.push(...schemaErrors('mec013', schema, value));
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const path = (req.url ?? '').replace(/^\/location\/v2/, '');
    this.requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization });
    const json = (status: number, value?: unknown) => res.writeHead(status, value === undefined ? {} : { 'content-type': 'application/json' }).end(value === undefined ? undefined : JSON.stringify(value));
    if (req.method === 'GET' && path === '/queries/zones') {
      const zoneList = { resourceURL: `${this.apiRoot}/queries/zones`, zone: this.zones.map((zoneId) => ({ zoneId, numberOfAccessPoints: 2, numberOfUnserviceableAccessPoints: 0, numberOfUsers: 1, resourceURL: `${this.apiRoot}/queries/zones/${zoneId}` })) };
      this.check('ZoneList', zoneList);
      return void json(200, { zoneList });
    }
    if (req.method === 'POST' && path === '/subscriptions/zonalTraffic') {
      const sub = ((await body(req)) as { zonalTrafficSubscription: { zoneId: string; callbackReference: { notifyURL: string; callbackData?: string } } }).zonalTrafficSubscription;
      this.check('ZonalTrafficSubscription', sub);
      const id = `sub${this.next++}`;
      this.subscriptions.set(id, { id, zoneId: sub.zoneId, notifyURL: sub.callbackReference.notifyURL, callbackData: sub.callbackReference.callbackData });
      return void json(201, { zonalTrafficSubscription: { ...sub, resourceURL: `${this.apiRoot}/subscriptions/zonalTraffic/${id}` } });
    }
    const match = /^\/subscriptions\/zonalTraffic\/(\w+)$/.exec(path);
    if (req.method === 'DELETE' && match && this.subscriptions.delete(match[1]!)) return void json(204);
    json(404, { title: 'not found' });
  }
}
