/**
 * Test hook: with MECPORT_AGENT_PAUSE_AT=<point> the apply stops for good at that point, after
 * writing `paused-at` into the data dir, so a test can SIGKILL the agent in the middle of a
 * revision and check what a restart makes of it. Does nothing unless that variable is set.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TPausePoint } from './env';
import type { TLogger } from './log';

export type TPause = (point: TPausePoint) => Promise<void>;

export const noPause: TPause = async () => undefined;

export function pauseAt(configured: TPausePoint | undefined, dataDir: string, log: TLogger): TPause {
  if (!configured) return noPause;
  return async (point) => {
    if (point !== configured) return;
    log.warn('test hook: pausing the apply for good', { point });
    await writeFile(join(dataDir, 'paused-at'), point);
    await new Promise<never>(() => undefined);
  };
}
