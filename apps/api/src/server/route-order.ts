/**
 * The order routes are registered in. Hono tries matching routes in registration order, so a
 * literal segment must come before a parameter at the same place: `/edge/nodes/export` before
 * `/edge/nodes/{nodeId}` (Next's file router did this by itself).
 *
 * @example [...routes].sort(bySpecificity) // '/a/export' before '/a/{id}'
 */
function segmentRanks(path: string): number[] {
  return path.split('/').filter(Boolean).map((segment) => (segment.startsWith('{') ? 1 : 0));
}

/**
 * Paths compared by the kind of their segments (literal 0, parameter 1), lexicographically, the
 * shorter first: a total order in which a literal comes before a parameter wherever two paths
 * differ in kind. Paths of the same shape keep their given order (Array.prototype.sort is stable).
 */
export function bySpecificity(a: { path: string }, b: { path: string }): number {
  const ra = segmentRanks(a.path);
  const rb = segmentRanks(b.path);
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return ra.length - rb.length;
}

/**
 * `/api/v1/audit-events/{id}` -> `/api/v1/audit-events/:id` (Hono's form). A last parameter named
 * `path` takes the rest of the URL, slashes included (the sandbox's "try it": `.../mec/{path}`).
 */
export function honoPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1').replace(/\/:path$/, '/:path{.+}');
}
