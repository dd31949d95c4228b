/**
 * The developer's sandbox API (issue 13), `/api/v1/sandboxes/...`: what the portal's Sandbox area
 * and a developer's CI call. Every sandbox belongs to one tenant and one owner; another tenant's
 * sandbox is a 404. Expiry and deletion remove every process, file and row (an audit entry stays).
 *
 *   GET    /api/v1/sandbox-scenarios                      the scenarios (ZScenarioSummary page)
 *   GET    /api/v1/sandbox-scenarios/{scenarioId}         one scenario, resolved (ZScenario)
 *   POST   /api/v1/sandboxes                              create (ZSandboxCreate) -> 201 ZSandbox
 *   GET    /api/v1/sandboxes                              the caller's tenant's sandboxes (page)
 *   GET    /api/v1/sandboxes/{sandboxId}                  one (ZSandbox)
 *   DELETE /api/v1/sandboxes/{sandboxId}                  delete now (204)
 *   POST   /api/v1/sandboxes/{sandboxId}/start|pause|reset  the clock (ZSandbox)
 *   POST   /api/v1/sandboxes/{sandboxId}/run              virtual clock: advance N s (ZSandboxRun -> ZSandboxRunResult)
 *   POST   /api/v1/sandboxes/{sandboxId}/events           inject an event now (ZInjectedEvent -> 202)
 *   GET    /api/v1/sandboxes/{sandboxId}/events           the ordered event log (ZSandboxEventPage)
 *   POST   /api/v1/sandboxes/{sandboxId}/deployment       deploy an app version (ZSandboxDeploy -> ZSandbox)
 *   GET    /api/v1/sandboxes/{sandboxId}/world            the emulated site now (ZWorldSnapshot)
 *   GET    /api/v1/sandboxes/{sandboxId}/stream           text/event-stream: `world` (snapshot, ~1/s), `event`, `status`
 *   GET    /api/v1/sandboxes/{sandboxId}/calls            the MEC API calls the app made (ZSandboxCallPage)
 *   GET    /api/v1/sandboxes/{sandboxId}/calls/har        the same as HAR 1.2 (application/json, attachment)
 *   GET    /api/v1/sandboxes/{sandboxId}/logs             the app's and the agent's log lines (ZSandboxLogPage)
 *   ANY    /api/v1/sandboxes/{sandboxId}/mec/{path}       "try it": a request to the sandbox's MEC APIs, recorded as source try-it
 *   POST   /api/v1/store/apps/{appId}/experience          any signed-in visitor: a short-lived sandbox running the app's
 *                                                         latest published version, if the app is experienceable (201 ZSandbox)
 */
import { z } from 'zod';
import { ZPage, ZPageQuery } from '../pagination';
import { ZScenarioSummary } from './scenario';
import { ZEngineEvent } from './world';

export const SANDBOX_CLOCKS = ['real', 'virtual'] as const;
export const ZSandboxClock = z.enum(SANDBOX_CLOCKS);
export type TSandboxClock = z.infer<typeof ZSandboxClock>;

/**
 * starting: processes coming up; ready: up, clock stopped at timeSec; running: the real clock
 * moves (virtual sandboxes move only inside `run`); paused; failed: contained (failureReason says
 * why: crash loop, API flood, a process died); the row is gone once expired or deleted.
 */
export const SANDBOX_STATUSES = ['starting', 'ready', 'running', 'paused', 'failed'] as const;
export const ZSandboxStatus = z.enum(SANDBOX_STATUSES);
export type TSandboxStatus = z.infer<typeof ZSandboxStatus>;

export const ZSandboxParams = z.object({ sandboxId: z.uuid() });
export const ZSandboxScenarioParams = z.object({ scenarioId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes') });
/** "Try it": `path` is everything after `/mec/` (slashes included), e.g. `location/v3/queries/users`. */
export const ZSandboxMecParams = ZSandboxParams.extend({ path: z.string().min(1).max(2000) });
export const ZScenarioSummaryPage = ZPage(ZScenarioSummary).meta({ id: 'SandboxScenarioPage' });
/** A store admin's switch of an app's "try it" (its developers use the listing's PATCH). */
export const ZExperienceableUpdate = z.object({ experienceable: z.boolean() }).strict().meta({ id: 'ExperienceableUpdate' });
export const ZExperienceable = z.object({ appId: z.uuid(), experienceable: z.boolean() }).meta({ id: 'Experienceable' });

export const ZSandboxCreate = z.object({
  scenarioId: z.string().min(1).max(63),
  clock: ZSandboxClock.default('real'),
  seed: z.int().min(0).max(2_147_483_647).optional().describe("The scenario's default seed when absent"),
  name: z.string().trim().min(1).max(100).optional(),
  ttlSec: z.int().min(60).max(86_400).optional().describe('Time to live; the tenant default (MECPORT_SANDBOX_TTL_SEC) when absent'),
}).meta({ id: 'SandboxCreate' });
export type TSandboxCreate = z.infer<typeof ZSandboxCreate>;

export const ZSandboxDeploy = z.object({ appVersionId: z.uuid() }).meta({ id: 'SandboxDeploy' });
export type TSandboxDeploy = z.infer<typeof ZSandboxDeploy>;

/** The app running in a sandbox, as the sandbox's agent reports it (states as on a node). */
export const ZSandboxDeployment = z.object({
  appId: z.uuid(),
  appVersionId: z.uuid(),
  appName: z.string(),
  version: z.string(),
  appInstanceId: z.string(),
  state: z.string().describe('The agent instance state: PENDING, STARTING, RUNNING, CRASH_LOOP, FAILED, ...'),
  message: z.string().nullable(),
  readyConfirmed: z.boolean().describe('The app called Mp1 confirm_ready'),
});

/** Whether the app's traffic to the emulated UEs is shaped with tc netem, and if not, why not. */
export const ZNetworkShaping = z.object({ real: z.boolean(), reason: z.string() });

export const ZSandbox = z.object({
  id: z.uuid(),
  name: z.string(),
  scenarioId: z.string(),
  seed: z.int(),
  clock: ZSandboxClock,
  status: ZSandboxStatus,
  failureReason: z.string().nullable(),
  timeSec: z.number(),
  /** A sandbox made by the store's "try it" for one visitor (short TTL, not counted in the tenant's quota). */
  experience: z.boolean(),
  ownerId: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  deployment: ZSandboxDeployment.nullable(),
  networkShaping: ZNetworkShaping,
}).meta({ id: 'Sandbox' });
export type TSandbox = z.infer<typeof ZSandbox>;
export const ZSandboxPage = ZPage(ZSandbox).meta({ id: 'SandboxPage' });

export const ZSandboxRun = z.object({ seconds: z.number().positive().max(86_400) }).meta({ id: 'SandboxRun' });
export const ZSandboxRunResult = z.object({
  timeSec: z.number(),
  /** Events the run emitted, and a SHA-256 over the whole ordered event log so far: equal runs, equal hashes. */
  eventCount: z.int(),
  eventLogSha256: z.string().regex(/^[0-9a-f]{64}$/),
  wallMs: z.number(),
}).meta({ id: 'SandboxRunResult' });
export type TSandboxRunResult = z.infer<typeof ZSandboxRunResult>;

export const ZSandboxEventQuery = ZPageQuery.extend({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
export const ZSandboxEventPage = ZPage(ZEngineEvent).meta({ id: 'SandboxEventPage' });

export const SANDBOX_CALL_APIS = ['mp1-app-support', 'mp1-service-mgmt', 'location', 'rnis', 'ue-identity', 'bwm', 'other'] as const;
export const ZSandboxCallApi = z.enum(SANDBOX_CALL_APIS);

const ZHttpMessage = z.object({
  headers: z.record(z.string(), z.string()),
  /** The body as text, cut at 64 KiB (`truncated` says so). */
  body: z.string().nullable(),
  truncated: z.boolean(),
});

/**
 * One exchange the sandbox recorded: a request the app (or a "try it" page) made to a MEC API,
 * or a notification an emulated service sent to the app's callback.
 */
export const ZSandboxCall = z.object({
  id: z.int().describe('Order of recording, from 1'),
  at: z.iso.datetime(),
  atSec: z.number().describe('The sandbox clock at the call'),
  direction: z.enum(['request', 'notification']),
  source: z.enum(['app', 'try-it', 'service']),
  api: ZSandboxCallApi,
  method: z.string(),
  url: z.string().describe('Path and query as sent (requests) or the callback URL (notifications)'),
  status: z.int().describe('0 when no answer came (callback unreachable)'),
  durationMs: z.number(),
  request: ZHttpMessage,
  response: ZHttpMessage,
}).meta({ id: 'SandboxCall' });
export type TSandboxCall = z.infer<typeof ZSandboxCall>;
export const ZSandboxCallQuery = ZPageQuery.extend({
  api: ZSandboxCallApi.optional(),
  direction: z.enum(['request', 'notification']).optional(),
  method: z.string().max(10).optional(),
  status: z.enum(['2xx', '3xx', '4xx', '5xx', 'error']).optional(),
  q: z.string().max(200).optional().describe('Substring of the URL'),
});
export type TSandboxCallQuery = z.infer<typeof ZSandboxCallQuery>;
export const ZSandboxCallPage = ZPage(ZSandboxCall).meta({ id: 'SandboxCallPage' });

export const ZSandboxLogLine = z.object({ id: z.int(), at: z.iso.datetime(), source: z.enum(['app', 'agent', 'sandbox']), stream: z.enum(['stdout', 'stderr']), line: z.string() });
export const ZSandboxLogPage = ZPage(ZSandboxLogLine).meta({ id: 'SandboxLogPage' });

/** Problem `type` slugs of this API beyond the house's common ones. */
export const SANDBOX_PROBLEMS = {
  quota: 'sandbox-quota-exceeded',
  notVirtual: 'sandbox-not-virtual',
  notReady: 'sandbox-not-ready',
  failed: 'sandbox-failed',
  notExperienceable: 'app-not-experienceable',
  hostUnavailable: 'sandbox-host-unavailable',
} as const;
