/**
 * What Podman runs for an app instance, read the way an operator would (`podman pod ps`,
 * `podman ps`), for the container tests; and their clean-up, which touches only the pods and
 * containers of the instances a test made (never anyone else's on this shared machine).
 *
 * @example const [pod] = await podsOf(podman, id); pod.appContainers[0]?.id;
 */
import { z } from 'zod';
import type { PodmanCli } from '../runtime/podman/podman-cli';

const ZPodList = z.array(
  z.object({
    Id: z.string(),
    Name: z.string(),
    Status: z.string(),
    InfraId: z.string().optional(),
    Containers: z.array(z.object({ Id: z.string(), Names: z.string(), Status: z.string() })).nullable().optional(),
  }).loose(),
);

export interface TTestPod {
  id: string;
  name: string;
  status: string;
  /** The app's containers (not the pod's infra container). */
  appContainers: { id: string; name: string; status: string }[];
}

/** The pods labelled with this instance (io.mecport.instance), running or not. */
export async function podsOf(podman: PodmanCli, appInstanceId: string): Promise<TTestPod[]> {
  const { stdout } = await podman.run(['pod', 'ps', '--filter', `label=io.mecport.instance=${appInstanceId}`, '--format', 'json']);
  return ZPodList.parse(JSON.parse(stdout || '[]')).map((p) => ({
    id: p.Id, name: p.Name, status: p.Status,
    appContainers: (p.Containers ?? []).filter((c) => c.Id !== p.InfraId).map((c) => ({ id: c.Id, name: c.Names, status: c.Status })),
  }));
}

/** Every container named for the instance (`mecport-<id>…`), in a pod or not, with the pod it belongs to. */
export async function containersNamedFor(podman: PodmanCli, appInstanceId: string): Promise<{ id: string; name: string; pod: string }[]> {
  const { stdout } = await podman.run(['ps', '--all', '--filter', `name=mecport-${appInstanceId}`, '--format', '{{.ID}} {{.Names}} {{.Pod}}']);
  return stdout.trim().split('\n').filter(Boolean).map((line) => {
    const [id = '', name = '', pod = ''] = line.split(' ');
    return { id, name, pod };
  });
}

/** Removes the pods and containers of these instances (test clean-up). */
export async function removeInstancePods(podman: PodmanCli, appInstanceIds: Iterable<string>): Promise<void> {
  for (const id of appInstanceIds) {
    for (const pod of await podsOf(podman, id).catch(() => [])) await podman.run(['pod', 'rm', '--force', '--time', '0', pod.id]).catch(() => undefined);
    for (const container of await containersNamedFor(podman, id).catch(() => [])) await podman.run(['rm', '--force', '--time', '0', container.id]).catch(() => undefined);
    // kube play keeps a ConfigMap as a volume named for the instance's pod.
    const { stdout } = await podman.run(['volume', 'ls', '--quiet', '--filter', `name=mecport-${id}`]).catch(() => ({ stdout: '' }));
    for (const volume of stdout.split('\n').filter(Boolean)) await podman.run(['volume', 'rm', '--force', volume]).catch(() => undefined);
  }
}
