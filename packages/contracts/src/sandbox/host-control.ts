/**
 * The sandbox host's control API (issue 13): the portal (core's `sandbox` feature) drives the
 * host process (`sandbox/src/host`, started by `npm start` on 127.0.0.1:MECPORT_SANDBOX_HOST_PORT,
 * 3003 by default) over loopback HTTP with a bearer secret both read from MECPORT_SANDBOX_HOST_SECRET
 * (npm start makes one per run in .data/). The host owns every process, port and file of a
 * sandbox; the portal owns the rows. Bodies reuse the public API's models.
 *
 *   GET    /scenarios                         the shipped scenarios (ZScenarioSummary[]): files of sandbox/scenarios/, which core cannot import
 *   GET    /scenarios/{scenarioId}            one, resolved (ZScenario; 404 when unknown): the portal sends it back in ZHostSiteCreate
 *   PUT    /sites/{sandboxId}                 create or adopt (ZHostSiteCreate) -> ZHostSite
 *   GET    /sites                             every site the host runs (ZHostSite[]) (the portal reconciles rows)
 *   GET    /sites/{sandboxId}                 ZHostSite
 *   DELETE /sites/{sandboxId}                 stop and remove every process and file (204; 204 when absent)
 *   POST   /sites/{sandboxId}/start|pause|reset   -> ZHostSite
 *   POST   /sites/{sandboxId}/run             ZSandboxRun -> ZSandboxRunResult (virtual clock only; 409 otherwise)
 *   POST   /sites/{sandboxId}/events          ZInjectedEvent -> 202
 *   GET    /sites/{sandboxId}/events          ?afterSeq=&limit= -> { items: TEngineEvent[], nextCursor }
 *   PUT    /sites/{sandboxId}/deployment      ZHostDeploy -> ZHostSite (the bundle is a file the portal wrote into the host's inbox)
 *   GET    /sites/{sandboxId}/world           ZWorldSnapshot
 *   GET    /sites/{sandboxId}/stream          text/event-stream (as the public stream)
 *   GET    /sites/{sandboxId}/calls           ZSandboxCallQuery -> ZSandboxCallPage
 *   GET    /sites/{sandboxId}/calls/har       HAR 1.2
 *   GET    /sites/{sandboxId}/logs            ?cursor=&limit= -> ZSandboxLogPage
 *   ANY    /sites/{sandboxId}/mec/{path}      proxied to the site's MEC APIs, recorded as source try-it
 */
import { z } from 'zod';
import { ZScenario, ZScenarioSummary } from './scenario';
import { ZSandbox, ZSandboxClock } from './sandbox-api';

export const SANDBOX_HOST_DEFAULT_PORT = 3003;

/** `GET /scenarios`: every scenario the host can run. */
export const ZHostScenarioList = z.array(ZScenarioSummary);

export const ZHostSiteCreate = z.object({
  scenario: ZScenario,
  seed: z.int().min(0).max(2_147_483_647),
  clock: ZSandboxClock,
  /** The host deletes the site by itself at this time even if the portal never says so. */
  expiresAt: z.iso.datetime(),
  /** Containment: requests per second the app may make to the MEC APIs before the sandbox fails. */
  rateLimitPerSec: z.int().min(1).max(100_000).default(200),
});
export type THostSiteCreate = z.infer<typeof ZHostSiteCreate>;

export const ZHostDeploy = z.object({
  appId: z.uuid(),
  appVersionId: z.uuid(),
  appName: z.string(),
  version: z.string(),
  /** The verified package (CSAR) in the host's inbox directory, by file name; the host moves it in. */
  packageFile: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/),
  packageSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type THostDeploy = z.infer<typeof ZHostDeploy>;

/** What the host knows of a site: the public sandbox's live part (the portal adds owner, name, dates). */
export const ZHostSite = ZSandbox.pick({
  scenarioId: true, seed: true, clock: true, status: true, failureReason: true, timeSec: true, expiresAt: true, deployment: true, networkShaping: true,
}).extend({ sandboxId: z.uuid() });
export type THostSite = z.infer<typeof ZHostSite>;
