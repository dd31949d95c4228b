/** `mecport-agent run`: the agent until SIGTERM or SIGINT; the apps keep running after it exits unless told to stop with it. */
import { Agent } from '../agent';
import type { TUpstream } from '../dns/upstreams';
import { adapterEnv, appBaseEnv, type TAgentEnv } from '../env';
import { createLogger } from '../log';

export async function runAgent(options: { dataDir: string; mp1Port: number; env: TAgentEnv; dns?: { host: string; port: number; upstreams: TUpstream[] }; stopAppsOnExit?: boolean }): Promise<never> {
  const log = createLogger(options.env.LOG_LEVEL, { name: 'mecport-agent' });
  const agent = new Agent({ dataDir: options.dataDir, mp1Port: options.mp1Port, log, baseEnv: appBaseEnv(), pauseAt: options.env.MECPORT_AGENT_PAUSE_AT, dns: options.dns, adapterEnv: adapterEnv() });
  await agent.start();
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info(options.stopAppsOnExit ? 'stopping the agent and its apps' : 'stopping the agent; the apps keep running', { signal });
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await agent.stop({ stopApps: options.stopAppsOnExit });
  process.exit(0); // an unfinished apply must not keep the process alive; its journal covers it
}
