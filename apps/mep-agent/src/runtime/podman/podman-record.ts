/**
 * The podman runtime's record of one instance, `<runtimeDir>/<appInstanceId>.json` (mode 0600:
 * the spec's env holds the app's Mp1 secret): the spec, what is wanted, the pod as last seen
 * (its containers' ids, main pids and podman log files), and the restart history.
 */
import { ZRanImage } from '@mecport/contracts';
import { z } from 'zod';
import { ZProcIdentity, ZSupervisedRecord } from '../process-record';

export const ZPodContainer = z.object({
  id: z.string(),
  name: z.string(),
  /** The container's main process as the host sees it (null: not running). */
  process: ZProcIdentity.nullable(),
  /** podman's k8s-file log of the container. */
  logPath: z.string(),
  imageId: z.string(),
});
export type TPodContainer = z.infer<typeof ZPodContainer>;

export const ZPodRecord = z.object({ id: z.string(), name: z.string(), containers: z.array(ZPodContainer) });
export type TPodRecord = z.infer<typeof ZPodRecord>;

export const ZPodmanRecord = ZSupervisedRecord.extend({
  /** The pod as the agent last saw it; null before `kube play` returned. */
  pod: ZPodRecord.nullable(),
  /** ConfigMaps played with the pod (podman keeps each as a named volume, removed with the instance). */
  configMaps: z.array(z.string()).default([]),
  images: z.array(ZRanImage),
});
export type TPodmanRecord = z.infer<typeof ZPodmanRecord>;
