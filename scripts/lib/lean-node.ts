/**
 * How `npm start` runs its long-running Node processes (the portal and the worker) so that each
 * stays under 250 MB resident (README, Performance). Measured on the benchmark stack:
 *
 * - Under a burst of API requests V8 grew next-server's old generation to ~280 MB around a live set
 *   of ~60 MB, and kept it. `--heap-growing-percent=50` lets the limit grow by half the live size
 *   per collection instead of up to fourfold (~80 MB under the same burst). It is not allowed in
 *   NODE_OPTIONS, so the processes are started as `node <flags> <script>`.
 *   (A `--max-old-space-size` cap bounds the heap too, but then the external memory of an upload's
 *   network chunks set off ~120 full collections per 2 GiB instead of one or two.)
 * - A 2 MB young generation instead of 16 MB: fewer pages touched between scavenges.
 * - glibc gives every thread its own malloc arena, and V8's background threads leave tens of MB in
 *   theirs; with one arena that memory is reused.
 *
 * NODE_OPTIONS and MALLOC_ARENA_MAX set in the environment still apply and win over these defaults.
 *
 * @example launch('worker', process.execPath, [...LEAN_NODE_ARGS, '--import', 'tsx', 'src/main.ts'], 'apps/worker', leanNodeEnv());
 */
export const LEAN_NODE_ARGS = ['--heap-growing-percent=50'];

export function leanNodeEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '1',
    NODE_OPTIONS: ['--max-semi-space-size=2', env.NODE_OPTIONS].filter(Boolean).join(' '),
  };
}
