/**
 * "Try it": a request from the portal's reference pages to the sandbox's MEC APIs, made into a
 * gateway request (recorded with source try-it). Mp1 answers only an app instance, so an Mp1
 * call that brings no credentials is made as the deployed app instance: the site fetches a token
 * with the instance's client credentials. Without a deployed app there is no one to call Mp1 as.
 */
import { SANDBOX_PROBLEMS } from '@mecport/contracts/sandbox';
import { isMp1Path } from './gateway';
import { problemResponse } from './site-problem';

export interface TTryItContext {
  gatewayUrl: string;
  mp1Url: string;
  deployed: boolean;
  credentials: () => Promise<{ clientId: string; clientSecret: string } | undefined>;
}

const FORWARDED_HEADERS = ['accept', 'content-type', 'authorization', 'if-match', 'if-none-match'];

export async function tryItRequest(request: Request, path: string, context: TTryItContext): Promise<Request | Response> {
  const target = new URL(path.startsWith('/') ? path : `/${path}`, context.gatewayUrl);
  if (!target.search) target.search = new URL(request.url).search;
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  if (isMp1Path(target.pathname) && target.pathname !== '/oauth2/token' && !headers.has('authorization')) {
    const token = await appToken(context);
    if (token instanceof Response) return token;
    headers.set('authorization', `Bearer ${token}`);
  }
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
  return new Request(target, { method: request.method, headers, body });
}

async function appToken(context: TTryItContext): Promise<string | Response> {
  const notReady = (detail: string) => problemResponse(409, `urn:mecport:problem:${SANDBOX_PROBLEMS.notReady}`, 'Sandbox not ready', detail);
  if (!context.deployed) return notReady('Mp1 answers app instances only: deploy an app into this sandbox first, and "try it" calls Mp1 as that app (or send your own Authorization header)');
  const credentials = await context.credentials();
  if (!credentials) return notReady('The deployed app has not been started by the agent yet: try again in a moment');
  const answer = await fetch(`${context.mp1Url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret }),
    signal: AbortSignal.timeout(10_000),
  }).catch(() => undefined);
  const token = answer?.ok ? ((await answer.json()) as { access_token?: string }).access_token : undefined;
  return token ?? notReady("The sandbox's MEP agent gave no token for the deployed app: try again in a moment");
}
