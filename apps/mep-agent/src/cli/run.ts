/** `mecport-agent run`: the agent until SIGTERM or SIGINT; the apps keep running after it exits unless told to stop with it. */
import { Agent, type TAgentOptions } from '../agent';
import type { TUpstream } from '../dns/upstreams';
import { adapterEnv, appBaseEnv, type TAgentEnv } from '../env';
import { createLogger } from '../log';

export async function runAgent(options: { dataDir: string; mp1Port: number; mp1?: TAgentOptions['mp1']; env: TAgentEnv; dns?: { host: string; port: number; upstreams: TUpstream[] }; stopAppsOnExit?: boolean; registryAuth?: string }): Promise<never> {
  const log = createLogger(options.env.LOG_LEVEL, { name: 'mecport-agent' });
  const { MECPORT_AGENT_LOG_PUSH_INTERVAL_MS: logPushIntervalMs, MECPORT_AGENT_RESTART_BACKOFF_MS: baseBackoffMs } = options.env;
  const agent = new Agent({
    dataDir: options.dataDir, mp1Port: options.mp1Port, mp1: options.mp1, log, baseEnv: appBaseEnv(), pauseAt: options.env.MECPORT_AGENT_PAUSE_AT, dns: options.dns, adapterEnv: adapterEnv(),
    logPushIntervalMs, restart: baseBackoffMs === undefined ? undefined : { baseBackoffMs }, registryAuth: options.registryAuth ?? options.env.MECPORT_AGENT_REGISTRY_AUTH,
  });
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
