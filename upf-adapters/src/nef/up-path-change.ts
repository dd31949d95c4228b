/**
 * UP_PATH_CHANGE notifications (TS 29.522 EventNotification) from the NEF to the
 * notificationDestination of a node's subscriptions. The agent mounts the handler at that URL;
 * it answers 204 to a valid notification and hands the event, with the rule it concerns (read
 * back from afTransId), to `onEvent`; anything else gets a 400 problem+json.
 *
 * @example
 *   const handle = upPathChangeHandler((e) => report(e)); // (req: Request) => Promise<Response>
 */
import { z } from 'zod';

const ZRoute = z.object({ dnai: z.string(), routeInfo: z.object({ ipv4Addr: z.string().optional(), ipv6Addr: z.string().optional(), portNumber: z.int() }).nullable().optional(), routeProfId: z.string().nullable().optional() }).nullable();

/** The EventNotification fields the agent uses; TS 29.522 requires dnaiChgType and subscribedEvent. */
export const ZEventNotification = z.object({
  afTransId: z.string().max(300).optional(),
  dnaiChgType: z.string().min(1).max(64),
  subscribedEvent: z.string().min(1).max(64),
  sourceDnai: z.string().max(256).optional(),
  targetDnai: z.string().max(256).optional(),
  sourceTrafficRoute: ZRoute.optional(),
  targetTrafficRoute: ZRoute.optional(),
  gpsi: z.string().max(256).optional(),
  srcUeIpv4Addr: z.string().max(64).optional(),
  srcUeIpv6Prefix: z.string().max(64).optional(),
  tgtUeIpv4Addr: z.string().max(64).optional(),
  tgtUeIpv6Prefix: z.string().max(64).optional(),
});

export interface TUpPathChange {
  /** From afTransId (`<appInstanceId>:<ruleId>`, as the nef adapter writes it); absent if the NEF sent none. */
  appInstanceId?: string;
  ruleId?: string;
  dnaiChgType: string;
  sourceDnai?: string;
  targetDnai?: string;
  ueAddress?: string;
  notification: z.infer<typeof ZEventNotification>;
}

/** Parses and validates one notification body; throws a readable Error when it is not one. */
export function parseUpPathChange(body: unknown): TUpPathChange {
  const parsed = ZEventNotification.safeParse(body);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
  const n = parsed.data;
  if (n.subscribedEvent !== 'UP_PATH_CHANGE') throw new Error(`subscribedEvent: ${n.subscribedEvent} is not UP_PATH_CHANGE`);
  const [appInstanceId, ruleId] = n.afTransId?.includes(':') ? n.afTransId.split(':', 2) : [];
  const ueAddress = n.tgtUeIpv4Addr ?? n.srcUeIpv4Addr ?? n.tgtUeIpv6Prefix ?? n.srcUeIpv6Prefix;
  return {
    ...(appInstanceId && ruleId ? { appInstanceId, ruleId } : {}),
    dnaiChgType: n.dnaiChgType,
    ...(n.sourceDnai ?? n.sourceTrafficRoute?.dnai ? { sourceDnai: n.sourceDnai ?? n.sourceTrafficRoute?.dnai } : {}),
    ...(n.targetDnai ?? n.targetTrafficRoute?.dnai ? { targetDnai: n.targetDnai ?? n.targetTrafficRoute?.dnai } : {}),
    ...(ueAddress ? { ueAddress } : {}),
    notification: n,
  };
}

const problem = (status: number, title: string, detail: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), { status, headers: { 'content-type': 'application/problem+json' } });

/** A web-standard handler for the notificationDestination URL. */
export function upPathChangeHandler(onEvent: (event: TUpPathChange) => void): (req: Request) => Promise<Response> {
  return async (req) => {
    if (req.method !== 'POST') return problem(405, 'Method Not Allowed', 'notifications are POSTed');
    if (!(req.headers.get('content-type') ?? '').startsWith('application/json')) return problem(415, 'Unsupported Media Type', 'an EventNotification is application/json');
    let body: unknown;
    try {
      body = await req.json();
    } catch {
      return problem(400, 'Bad Request', 'the body is not JSON');
    }
    try {
      onEvent(parseUpPathChange(body));
    } catch (e) {
      return problem(400, 'Bad Request', (e as Error).message);
    }
    return new Response(null, { status: 204 });
  };
}
