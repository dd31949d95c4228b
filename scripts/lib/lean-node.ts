/**
 * Memory settings for the long-running Node processes of `npm start` (the portal and the worker),
 * which are to stay under 250 MB resident each (README, Performance). Measured on the benchmark
 * stack, without them next-server grew to ~500 MB after a burst of API requests:
 *
 * - V8 grows its old generation far past the live set (~60 MB in the portal) under load and keeps it;
 *   a cap makes it collect instead. The cap leaves the portal more than twice its live set.
 * - A 2 MB young generation instead of 16 MB: fewer pages touched between scavenges.
 * - glibc gives every thread its own malloc arena, and V8's background threads leave tens of MB in
 *   theirs; one arena returns most of it to the main heap.
 *
 * Anything in NODE_OPTIONS or MALLOC_ARENA_MAX already set wins (later flags override earlier ones).
 *
 * @example launch('worker', 'npx', ['tsx', 'src/main.ts'], 'apps/worker', { ...shared, ...leanNodeEnv() });
 */
export const LEAN_NODE_FLAGS = ['--max-semi-space-size=2', '--max-old-space-size=160'];

export function leanNodeEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '1',
    NODE_OPTIONS: [...LEAN_NODE_FLAGS, env.NODE_OPTIONS].filter(Boolean).join(' '),
  };
}
