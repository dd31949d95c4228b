/**
 * The API conventions in one place. A route is declared once, with its zod schemas, its auth
 * wrapper and its handler; the same declaration validates requests, answers problem+json,
 * logs, and feeds the OpenAPI document.
 *
 * @example
 * export const getMe = api.route({
 *   method: 'GET', path: '/api/v1/me', operationId: 'getMe', summary: 'Who am I', tags: ['Identity'],
 *   auth: withUser({ roles: 'any' }),
 *   response: { status: 200, description: 'The caller', schema: ZMe },
 *   handler: async ({ actor }) => me(actor),
 * });
 * // served by apps/api (Hono), which mounts every declaration at its method and path:
 * await getMe.handle(request, { params: Promise.resolve({}) });
 */
import type { z } from 'zod';
import { BufferedResponse } from './buffered-response';
import { assertAgentOwnsNode, assertUserAllowed, type TAgentAuth, type TAgentPrincipal, type TAuthSpec, type TUserAuth } from './auth';
import type { Logger } from './logger';
import { parsePart, queryObject, readJsonBody } from './parse-input';
import { errorToResponse } from './problem-response';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';
import { createRequestLog, type TRequestLog, type TRequestLogOptions } from './request-log';
import { bearerTokenOf, type TTokenVerifier, type TUserPrincipal } from './token-verifier';

export type THttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type TSchema = z.ZodType;
type TInfer<S> = S extends TSchema ? z.infer<S> : undefined;

export interface TRouteContext<TActor, A extends TAuthSpec, P, Q, B> {
  request: Request;
  requestId: string;
  log: Logger;
  params: TInfer<P>;
  query: TInfer<Q>;
  body: TInfer<B>;
  actor: A extends TUserAuth ? TActor : null;
  agent: A extends TAgentAuth ? TAgentPrincipal : null;
}

export interface TRouteDefinition<TActor, A extends TAuthSpec, P, Q, B, R extends TSchema | undefined> {
  method: THttpMethod;
  /** OpenAPI form, e.g. `/api/v1/audit-events/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** `mediaType`: the success body's content type when not application/json (e.g. application/geo+json). */
  response: { status: 200 | 201 | 202 | 204; description: string; schema?: R; mediaType?: string };
  /** Largest JSON body accepted, in bytes (default MAX_JSON_BODY_BYTES, 1 MiB), for the few routes that take files as JSON. */
  maxBodyBytes?: number;
  /** Extra error statuses worth documenting beyond the defaults (400, 401, 403, 500). */
  errors?: number[];
  handler: (context: TRouteContext<TActor, A, P, Q, B>) => Promise<R extends TSchema ? z.input<R> | Response : void | Response>;
}

/** The path parameters as a route's `handle` takes them (Next's route-handler context, kept as the calling convention; apps/api passes Hono's). */
export type TNextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type TRouteHandler = (request: Request, context?: TNextRouteContext) => Promise<Response>;

// The registry stores routes of every shape; the handler's precise types only matter where it is defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TAnyRoute = TRouteDefinition<any, TAuthSpec, any, any, any, any> & { handle: TRouteHandler };

export interface TApiOptions<TActor> {
  log: Logger;
  /** Called lazily on the first authenticated request, so that builds need no runtime configuration. */
  tokenVerifier: () => TTokenVerifier;
  /** Turns a verified principal into the app's actor (e.g. loads the profile and tenant row). */
  resolveActor: (principal: TUserPrincipal, requestId: string) => Promise<TActor>;
  /** Verifies an agent-signed JWT (routes declared `withAgent()`); 401 when it is not one. */
  agentVerifier?: () => (token: string | undefined) => Promise<TAgentPrincipal>;
  /** Which request lines may be sampled (default: successful agent long-polls and health checks, 1 in 100). */
  requestLog?: TRequestLogOptions;
}

export interface TApi<TActor> {
  route<A extends TAuthSpec, P extends TSchema | undefined = undefined, Q extends TSchema | undefined = undefined, B extends TSchema | undefined = undefined, R extends TSchema | undefined = undefined>(
    definition: TRouteDefinition<TActor, A, P, Q, B, R>,
  ): TRouteDefinition<TActor, A, P, Q, B, R> & { handle: TRouteHandler };
  readonly routes: readonly TAnyRoute[];
}

export function createApi<TActor>(options: TApiOptions<TActor>): TApi<TActor> {
  const routes: TAnyRoute[] = [];
  const logRequest = createRequestLog(options.requestLog);
  return {
    routes,
    route(definition) {
      const handle = makeHandler(definition as unknown as TAnyRoute, options, logRequest);
      const route = { ...definition, handle };
      routes.push(route as TAnyRoute);
      return route;
    },
  };
}

async function authenticate<TActor>(auth: TAuthSpec, request: Request, requestId: string, options: TApiOptions<TActor>) {
  if (auth.kind === 'public') return { actor: null, agent: null, subject: undefined };
  if (auth.kind === 'agent') {
    if (!options.agentVerifier) throw new Error('withAgent() routes need the api\'s agentVerifier');
    const agent = await options.agentVerifier()(bearerTokenOf(request));
    return { actor: null, agent, subject: `node:${agent.nodeId}` };
  }
  const principal = await options.tokenVerifier()(bearerTokenOf(request));
  assertUserAllowed(principal, auth);
  return { actor: await options.resolveActor(principal, requestId), agent: null, subject: principal.subject };
}

function makeHandler<TActor>(route: TAnyRoute, options: TApiOptions<TActor>, logRequest: TRequestLog): TRouteHandler {
  return async (request, nextContext) => {
    const started = performance.now();
    const requestId = requestIdOf(request);
    const url = new URL(request.url);
    const log = options.log.child({ requestId });
    let response: Response;
    let subject: string | undefined;
    try {
      const auth = await authenticate(route.auth, request, requestId, options);
      subject = auth.subject;
      const rawParams = nextContext ? await nextContext.params : {};
      const params = route.params ? parsePart('params', route.params, rawParams) : undefined;
      if (auth.agent) assertAgentOwnsNode(auth.agent, params);
      const query = route.query ? parsePart('query', route.query, queryObject(url)) : undefined;
      const body = route.body ? parsePart('body', route.body, await readJsonBody(request, route.maxBodyBytes)) : undefined;
      const result = await route.handler({ request, requestId, log, params, query, body, actor: auth.actor, agent: auth.agent });
      response = result instanceof Response ? result : jsonResponse(route, result, log);
    } catch (error) {
      // A client that hung up (an agent stopping mid-call) is not a server fault worth an error log.
      response = request.signal.aborted ? clientWentAway(log) : errorToResponse(error, { requestId, instance: url.pathname, log });
    }
    response.headers.set(REQUEST_ID_HEADER, requestId);
    logRequest(log, { method: request.method, path: url.pathname, status: response.status, ms: Math.round(performance.now() - started), sub: subject });
    return response;
  };
}

/** Nobody reads this answer; 499 (nginx's "client closed request") keeps the request log honest. */
function clientWentAway(log: Logger): Response {
  log.info('the client closed the request before the answer');
  return new Response(null, { status: 499 });
}

/** Responses are checked against their declared schema, so the OpenAPI document never lies. */
function jsonResponse(route: TAnyRoute, result: unknown, log: Logger): Response {
  if (route.response.status === 204) return new Response(null, { status: 204 });
  const schema = route.response.schema as TSchema | undefined;
  // A route that declares no body (202 Accepted, say) and returns nothing answers with no body.
  if (!schema && result === undefined) return new Response(null, { status: route.response.status });
  if (!schema) return bufferedJson(result, route.response.status);
  const checked = schema.safeParse(result);
  if (!checked.success) {
    log.error({ operationId: route.operationId, issues: checked.error.issues }, 'response does not match its schema');
    throw new Error(`${route.operationId}: response does not match its declared schema`);
  }
  return bufferedJson(checked.data, route.response.status, route.response.mediaType);
}

/** As `Response.json(data, { status })`, without a body stream until one is asked for (./buffered-response). */
function bufferedJson(data: unknown, status: number, mediaType = 'application/json'): Response {
  const text = JSON.stringify(data) as string | undefined;
  if (text === undefined) throw new TypeError('The data is not JSON serializable'); // as Response.json
  return new BufferedResponse(text, { status, headers: { 'content-type': mediaType } });
}
