/**
 * The developer's MEC sandbox (issue 13): scenarios, sandboxes and their clock, events, deployment,
 * the emulated site, the live stream, the call record (and HAR), logs and "try it"; the store's
 * "try it" for any visitor. Paths as `@mecport/contracts/sandbox` sandbox-api.ts lists them.
 *
 * Who: developers and admins create and drive their tenant's sandboxes, store admins read them,
 * other roles get 403 (core/sandbox/access.ts); another tenant's sandbox is a 404. The routes of one
 * sandbox admit any signed-in user because the owner of an experience sandbox (any role) uses them too.
 */
import { ZAppParams, ZPageQuery } from '@mecport/contracts';
import {
  ZExperienceable, ZExperienceableUpdate, ZInjectedEvent, ZSandbox, ZSandboxCallPage, ZSandboxCallQuery, ZSandboxCreate, ZSandboxDeploy, ZSandboxEventPage,
  ZSandboxEventQuery, ZSandboxLogPage, ZSandboxMecParams, ZSandboxPage, ZSandboxParams, ZSandboxRun, ZSandboxRunResult, ZSandboxScenarioParams, ZScenario,
  ZScenarioSummaryPage, ZWorldSnapshot,
} from '@mecport/contracts/sandbox';
import {
  actOnSandbox, createSandbox, deleteSandbox, deployToSandbox, experienceApp, getSandbox, getScenario, injectSandboxEvent, listSandboxes, listSandboxEvents,
  listScenarios, runSandbox, sandboxCalls, sandboxHar, sandboxLogs, sandboxStream, sandboxTryIt, sandboxWorld, setExperienceable, type TSiteAction,
} from '@mecport/core';
import { withUser, type THttpMethod } from '@mecport/http';
import { api } from '../api';
import { prisma, sandboxDeps } from '../services';

const writers = withUser({ roles: ['developer', 'admin'] });
const readers = withUser({ roles: ['developer', 'store-admin', 'admin'] });
/** One sandbox's routes: core decides (tenant roles, or the owner of an experience sandbox). */
const oneSandbox = withUser({ roles: 'any' });
const tags = ['Sandbox'];
const ONE = 'Developers and admins of the sandbox\'s tenant; store admins read; the owner of an experience sandbox, whatever their role. Another tenant\'s sandbox answers 404.';
const HOST = 'Without a configured sandbox host the answer is 503 with reason `sandbox-host-unavailable`.';

export const listSandboxScenariosRoute = api.route({
  method: 'GET', path: '/api/v1/sandbox-scenarios', operationId: 'listSandboxScenarios', tags,
  summary: 'The scenarios a sandbox can run (a campus, a highway, a city centre, two MEC nodes, ...)', description: HOST,
  auth: readers,
  response: { status: 200, description: 'Every scenario (one page)', schema: ZScenarioSummaryPage },
  errors: [503],
  handler: () => listScenarios(sandboxDeps()),
});

export const getSandboxScenarioRoute = api.route({
  method: 'GET', path: '/api/v1/sandbox-scenarios/{scenarioId}', operationId: 'getSandboxScenario', tags,
  summary: 'One scenario, resolved: domains, zones, points of access, MEC nodes, UEs and their paths, scripted events', description: HOST,
  auth: readers, params: ZSandboxScenarioParams,
  response: { status: 200, description: 'The scenario', schema: ZScenario },
  errors: [404, 503],
  handler: ({ params }) => getScenario(sandboxDeps(), params.scenarioId),
});

export const createSandboxRoute = api.route({
  method: 'POST', path: '/api/v1/sandboxes', operationId: 'createSandbox', tags,
  summary: 'Create a sandbox running a scenario on the real or the virtual clock; 409 with reason `sandbox-quota-exceeded` (and `limit`) past the tenant\'s quota; audited',
  description: `The sandbox expires after \`ttlSec\` (MECPORT_SANDBOX_TTL_SEC by default) with every process, file and row. ${HOST}`,
  auth: writers, body: ZSandboxCreate,
  response: { status: 201, description: 'The new sandbox', schema: ZSandbox },
  errors: [404, 409, 503],
  handler: ({ actor, body, requestId }) => createSandbox(sandboxDeps(), actor, body, requestId),
});

export const listSandboxesRoute = api.route({
  method: 'GET', path: '/api/v1/sandboxes', operationId: 'listSandboxes', tags,
  summary: 'The caller\'s tenant\'s sandboxes (and the caller\'s own experience sandboxes), newest first, with their status from the host',
  auth: readers, query: ZPageQuery,
  response: { status: 200, description: 'One page', schema: ZSandboxPage },
  errors: [503],
  handler: ({ actor, query }) => listSandboxes(sandboxDeps(), actor, query),
});

export const getSandboxRoute = api.route({
  method: 'GET', path: '/api/v1/sandboxes/{sandboxId}', operationId: 'getSandbox', tags,
  summary: 'One sandbox, its status from the host now (failed with the reason when the host lost it)', description: ONE,
  auth: oneSandbox, params: ZSandboxParams,
  response: { status: 200, description: 'The sandbox', schema: ZSandbox },
  errors: [404, 503],
  handler: ({ actor, params }) => getSandbox(sandboxDeps(), actor, params.sandboxId),
});

export const deleteSandboxRoute = api.route({
  method: 'DELETE', path: '/api/v1/sandboxes/{sandboxId}', operationId: 'deleteSandbox', tags,
  summary: 'Delete a sandbox now: every process, port, file and row (one the host lost too); audited', description: ONE,
  auth: oneSandbox, params: ZSandboxParams,
  response: { status: 204, description: 'Deleted' },
  errors: [404, 503],
  handler: async ({ actor, params, requestId }) => deleteSandbox(sandboxDeps(), actor, params.sandboxId, requestId),
});

function clockRoute(action: TSiteAction, operationId: string, summary: string) {
  return api.route({
    method: 'POST', path: `/api/v1/sandboxes/{sandboxId}/${action}`, operationId, tags, summary, description: ONE,
    auth: oneSandbox, params: ZSandboxParams,
    response: { status: 200, description: 'The sandbox', schema: ZSandbox },
    errors: [404, 409, 503],
    handler: ({ actor, params }) => actOnSandbox(sandboxDeps(), actor, params.sandboxId, action),
  });
}

export const startSandboxRoute = clockRoute('start', 'startSandbox', 'Start (or resume) the sandbox\'s clock; a virtual clock moves only in `run`');
export const pauseSandboxRoute = clockRoute('pause', 'pauseSandbox', 'Pause the sandbox\'s clock');
export const resetSandboxRoute = clockRoute('reset', 'resetSandbox', 'Back to t = 0 with the same seed: the world, the call record and the logs; the app restarts');

export const runSandboxRoute = api.route({
  method: 'POST', path: '/api/v1/sandboxes/{sandboxId}/run', operationId: 'runSandbox', tags,
  summary: 'Advance a virtual-clock sandbox N seconds as fast as the machine allows (409 with reason `sandbox-not-virtual` on the real clock); the same scenario and seed give the same eventLogSha256',
  description: ONE, auth: oneSandbox, params: ZSandboxParams, body: ZSandboxRun,
  response: { status: 200, description: 'Where the clock is, and a hash of the whole event log', schema: ZSandboxRunResult },
  errors: [404, 409, 503],
  handler: ({ actor, params, body }) => runSandbox(sandboxDeps(), actor, params.sandboxId, body.seconds),
});

export const injectSandboxEventRoute = api.route({
  method: 'POST', path: '/api/v1/sandboxes/{sandboxId}/events', operationId: 'injectSandboxEvent', tags,
  summary: 'Inject an event now: move a UE, set its speed, take an access point down or up, change a zone\'s or POA\'s network', description: ONE,
  auth: oneSandbox, params: ZSandboxParams, body: ZInjectedEvent,
  response: { status: 202, description: 'Accepted: it happens at the sandbox clock\'s next step' },
  errors: [404, 409, 503],
  handler: async ({ actor, params, body }) => injectSandboxEvent(sandboxDeps(), actor, params.sandboxId, body),
});

export const listSandboxEventsRoute = api.route({
  method: 'GET', path: '/api/v1/sandboxes/{sandboxId}/events', operationId: 'listSandboxEvents', tags,
  summary: 'The ordered event log (the cursor is the last `seq` seen)', description: ONE,
  auth: oneSandbox, params: ZSandboxParams, query: ZSandboxEventQuery,
  response: { status: 200, description: 'One page of events', schema: ZSandboxEventPage },
  errors: [404, 409, 503],
  handler: ({ actor, params, query }) => listSandboxEvents(sandboxDeps(), actor, params.sandboxId, query),
});

export const deploySandboxRoute = api.route({
  method: 'POST', path: '/api/v1/sandboxes/{sandboxId}/deployment', operationId: 'deployToSandbox', tags,
  summary: 'Deploy one of the caller\'s tenant\'s app versions (with a verified package) into the sandbox, as the process runtime on a node runs it; audited',
  description: `${ONE} Another tenant's version answers 404.`,
  auth: oneSandbox, params: ZSandboxParams, body: ZSandboxDeploy,
  response: { status: 200, description: 'The sandbox with its deployment', schema: ZSandbox },
  errors: [404, 409, 503],
  handler: ({ actor, params, body, requestId }) => deployToSandbox(sandboxDeps(), actor, params.sandboxId, body.appVersionId, requestId),
});

export const sandboxWorldRoute = api.route({
  method: 'GET', path: '/api/v1/sandboxes/{sandboxId}/world', operationId: 'getSandboxWorld', tags,
  summary: 'The emulated site now: UEs with positions and serving POA, POAs, zones', description: ONE,
  auth: oneSandbox, params: ZSandboxParams,
  response: { status: 200, description: 'The world snapshot', schema: ZWorldSnapshot },
  errors: [404, 409, 503],
  handler: ({ actor, params }) => sandboxWorld(sandboxDeps(), actor, params.sandboxId),
});

export const sandboxStreamRoute = api.route({
  method: 'GET', path: '/api/v1/sandboxes/{sandboxId}/stream', operationId: 'streamSandbox', tags,
  summary: 'Server-sent events: `world` (a snapshot about once a second), `event` (each engine event), `status` (when it changes)', description: ONE,
  auth: oneSandbox, params: ZSandboxParams,
  response: { status: 200, description: 'text/event-stream until the caller goes', mediaType: 'text/event-stream' },
  errors: [404, 409, 503],
  handler: ({ actor, params, request }) => sandboxStream(sandboxDeps(), actor, params.sandboxId, request.signal),
});

export const sandboxCallsRoute = api.route({
  method: 'GET', path: '/api/v1/sandboxes/{sandboxId}/calls', operationId: 'listSandboxCalls', tags,
  summary: 'Every MEC API call the app made and every notification it got, request and response, filtered by API, direction, method, status class or URL', description: ONE,
  auth: oneSandbox, params: ZSandboxParams, query: ZSandboxCallQuery,
  response: { status: 200, description: 'One page of calls', schema: ZSandboxCallPage },
  errors: [404, 409, 503],
  handler: ({ actor, params, query }) => sandboxCalls(sandboxDeps(), actor, params.sandboxId, query),
});

export const sandboxHarRoute = api.route({
  method: 'GET', path: '/api/v1/sandboxes/{sandboxId}/calls/har', operationId: 'downloadSandboxHar', tags,
  summary: 'The call record as a HAR 1.2 file (attachment)', description: ONE,
  auth: oneSandbox, params: ZSandboxParams,
  response: { status: 200, description: 'HAR 1.2 (application/json, Content-Disposition: attachment)' },
  errors: [404, 409, 503],
  handler: ({ actor, params }) => sandboxHar(sandboxDeps(), actor, params.sandboxId),
});

export const sandboxLogsRoute = api.route({
  method: 'GET', path: '/api/v1/sandboxes/{sandboxId}/logs', operationId: 'listSandboxLogs', tags,
  summary: 'The app\'s and the sandbox agent\'s log lines, oldest first', description: ONE,
  auth: oneSandbox, params: ZSandboxParams, query: ZSandboxEventQuery,
  response: { status: 200, description: 'One page of log lines', schema: ZSandboxLogPage },
  errors: [404, 409, 503],
  handler: ({ actor, params, query }) => sandboxLogs(sandboxDeps(), actor, params.sandboxId, query),
});

/** "Try it" answers whatever method the MEC API takes; one declaration per method. */
function tryItRoute(method: THttpMethod) {
  return api.route({
    method, path: '/api/v1/sandboxes/{sandboxId}/mec/{path}', operationId: `tryItSandbox${method[0]}${method.slice(1).toLowerCase()}`, tags,
    summary: `"Try it": ${method} to the sandbox's MEC APIs (Mp1, Location, RNIS: \`path\` is everything after /mec/), recorded as source try-it; the MEC API's answer passes through`,
    description: `${ONE} Bodies up to 256 KiB (413 beyond).`,
    auth: oneSandbox, params: ZSandboxMecParams,
    response: { status: 200, description: 'The MEC API\'s answer, any status' },
    errors: [404, 413, 503],
    handler: ({ actor, params, request }) => sandboxTryIt(sandboxDeps(), actor, params.sandboxId, request, params.path),
  });
}

export const tryItGetRoute = tryItRoute('GET');
export const tryItPostRoute = tryItRoute('POST');
export const tryItPutRoute = tryItRoute('PUT');
export const tryItPatchRoute = tryItRoute('PATCH');
export const tryItDeleteRoute = tryItRoute('DELETE');

export const experienceAppRoute = api.route({
  method: 'POST', path: '/api/v1/store/apps/{appId}/experience', operationId: 'experienceStoreApp', tags: ['Store', ...tags],
  summary: 'Try a published, experienceable app: a sandbox of the caller\'s own for 10 minutes, its latest published version deployed in the default scenario; one per caller (a new one replaces the old); 409 with reason `app-not-experienceable` otherwise',
  description: 'Any signed-in user. Not counted in the tenant\'s sandbox quota.',
  auth: withUser({ roles: 'any' }), params: ZAppParams,
  response: { status: 201, description: 'The sandbox, started', schema: ZSandbox },
  errors: [404, 409, 503],
  handler: ({ actor, params, requestId }) => experienceApp(sandboxDeps(), actor, params.appId, requestId),
});

export const setExperienceableRoute = api.route({
  method: 'PUT', path: '/api/v1/store/apps/{appId}/experienceable', operationId: 'setStoreAppExperienceable', tags: ['Store'],
  summary: 'A store admin lets store visitors try an app in a sandbox, or stops it (the app\'s developers use PATCH /api/v1/apps/{appId} with `experienceable`); audited',
  auth: withUser({ roles: ['store-admin', 'admin'] }), params: ZAppParams, body: ZExperienceableUpdate,
  response: { status: 200, description: 'The app\'s setting', schema: ZExperienceable },
  errors: [404],
  handler: ({ actor, params, body, requestId }) => setExperienceable(prisma(), actor, params.appId, body.experienceable, requestId),
});
