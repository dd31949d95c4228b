/**
 * `mecport-agent status`, container part: whether podman works here (the node's runtimes), and
 * each container app as the podman runtime recorded it, with its pod's state as podman reports
 * it now (the agent may be stopped: pods run on without it).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TAgentRuntime, TRanImage } from '@mecport/contracts';
import { appBaseEnv } from '../env';
import { detectPodman } from '../runtime/podman/detect-podman';
import { podName } from '../runtime/podman/pod-labels';
import { listPods } from '../runtime/podman/pod-state';
import { ZPodmanRecord } from '../runtime/podman/podman-record';
import { readJson } from '../state/atomic-file';
import type { StateStore } from '../state/state-store';

export interface TContainerInstanceStatus {
  appInstanceId: string;
  appName: string;
  version: string;
  state: string;
  restarts: number;
  startedAt: string | null;
  message: string | null;
  pod: string;
  /** podman's state of the pod now (Running, Exited, Degraded...), `absent` when there is none, null when podman cannot be asked. */
  podState: string | null;
  images: TRanImage[];
}

export async function collectContainers(state: StateStore, nodeId: string | undefined): Promise<{ runtimes: TAgentRuntime[]; containers: TContainerInstanceStatus[] }> {
  const podman = await detectPodman({ dataDir: state.dir, env: appBaseEnv() });
  const pods = podman && nodeId ? await listPods(podman, nodeId).catch(() => undefined) : undefined;
  const containers: TContainerInstanceStatus[] = [];
  for (const name of (await readdir(state.paths.runtimePodman).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
    const record = await readJson(join(state.paths.runtimePodman, name), ZPodmanRecord).catch(() => undefined);
    if (!record) continue;
    const pod = podName(record.spec.appInstanceId);
    containers.push({
      appInstanceId: record.spec.appInstanceId, appName: record.spec.appName, version: record.spec.version, state: record.state, restarts: record.restarts,
      startedAt: record.startedAt, message: record.message, pod, podState: pods ? (pods.find((p) => p.Name === pod)?.Status ?? 'absent') : null, images: record.images,
    });
  }
  return { runtimes: podman ? ['process', 'podman'] : ['process'], containers };
}
