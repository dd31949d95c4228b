/** Matches a method and path to an Mp1 route (find-my-way's radix tree), telling 404 from 405. */
import FindMyWay from 'find-my-way';
import type { THttpMethod, TRoute } from './route';

const METHODS: THttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

export type TMatch = { route: TRoute; params: Record<string, string> } | { allowed: THttpMethod[] } | undefined;

export function createRouter(routes: TRoute[]): (method: string, path: string) => TMatch {
  // Ids the MEP or the AppD assigns are at most 256 characters (zId); longer segments do not match.
  const router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 256 });
  for (const route of routes) router.on(route.method, route.path, () => undefined, route);
  return (method, path) => {
    const found = METHODS.includes(method as THttpMethod) ? router.find(method as THttpMethod, path) : null;
    if (found) return { route: found.store as TRoute, params: found.params as Record<string, string> };
    const allowed = METHODS.filter((m) => router.find(m, path));
    return allowed.length > 0 ? { allowed } : undefined;
  };
}
