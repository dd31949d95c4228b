/**
 * Whether this node can run containers: podman and runc are installed and `podman info` answers
 * (the `podman` runtime the agent reports at enrolment and in every heartbeat).
 *
 * @example const podman = await detectPodman({ dataDir, env: appBaseEnv() }); // PodmanCli | undefined
 */
import { PodmanCli, type TPodmanCliOptions } from './podman-cli';

/** How to get podman on a Debian node, for messages that say it is missing. */
export const PODMAN_INSTALL_HINT = 'apt-get install -y podman runc slirp4netns';

export async function detectPodman(options: TPodmanCliOptions): Promise<PodmanCli | undefined> {
  const podman = await PodmanCli.create(options).catch(() => undefined);
  return podman && (await podman.works()) ? podman : undefined;
}
