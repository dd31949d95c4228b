/**
 * What the site reads of its process's environment, validated once: only what the agent it
 * starts must inherit to run (PATH to find programs, HOME, TMPDIR). Nothing else of the host's
 * environment (its control secret) reaches the agent or the app.
 */
import { z } from 'zod';

const ZSiteEnv = z.object({
  PATH: z.string().default('/usr/local/bin:/usr/bin:/bin'),
  HOME: z.string().default('/tmp'),
  TMPDIR: z.string().optional(),
});

export function agentBaseEnv(source: Record<string, string | undefined> = process.env): Record<string, string> {
  const env = ZSiteEnv.parse(source);
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
