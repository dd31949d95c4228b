/**
 * The agent's configuration from the environment, validated once. Command-line flags win over
 * these (see cli/); everything else reads the parsed object, never `process.env`.
 */
import { presentEnv } from '@mecport/contracts';
import { z } from 'zod';

export const PAUSE_POINTS = ['prepare:after-first-package', 'commit:after-first-change'] as const;
export type TPausePoint = (typeof PAUSE_POINTS)[number];

export const ZAgentEnv = z.object({
  /** Where the agent keeps its credentials, state, packages, bundles and app logs. */
  MECPORT_AGENT_DATA_DIR: z.string().default('.data/agent'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Tests only: the apply stops for good at this point (after writing `paused-at` in the data
   * dir), so a test can SIGKILL the agent in the middle of a revision.
   */
  MECPORT_AGENT_PAUSE_AT: z.enum(PAUSE_POINTS).optional(),
});
export type TAgentEnv = z.infer<typeof ZAgentEnv>;

export function agentEnv(source: Record<string, string | undefined> = process.env): TAgentEnv {
  return ZAgentEnv.parse(presentEnv(source));
}

/** What every app inherits from the agent's environment (nothing else of it: no agent secrets). */
export function appBaseEnv(source: Record<string, string | undefined> = process.env): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR'];
  return Object.fromEntries(keep.flatMap((name) => (source[name] ? [[name, source[name]]] : [])));
}
