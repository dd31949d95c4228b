/**
 * What the agent supervises alike for a process and a container app, derived from the pods a
 * container app's YAML describes: the declared ports (each published on its own number and
 * given as PORT_<NAME>), a health check from the first container's livenessProbe (else its
 * readinessProbe), the pod's restart policy and the sum of the containers' memory limits.
 *
 * @example kubeProcessBundle(workload, ['Artifacts/Deployment/Kubernetes/app.yaml']).restartPolicy // 'always'
 */
import { ZProcessBundle, type TKubeContainer, type TKubeWorkload, type TProcessBundle } from '@mecport/contracts';

const RESTART: Record<string, TProcessBundle['restartPolicy']> = { Always: 'always', OnFailure: 'on-failure', Never: 'never' };

export function kubeProcessBundle(workload: TKubeWorkload, kubeFiles: string[]): TProcessBundle {
  const pod = workload.pods[0]!;
  const first = pod.spec.containers[0]!;
  const memoryMb = memoryOf(workload.pods.flatMap((p) => p.spec.containers));
  return ZProcessBundle.parse({
    command: ['podman', 'kube', 'play', ...kubeFiles],
    ports: workload.ports.slice(0, 16),
    healthCheck: healthCheckOf(first),
    restartPolicy: RESTART[pod.spec.restartPolicy ?? 'Always'],
    resources: memoryMb === undefined ? {} : { memoryMb },
  });
}

function healthCheckOf(container: TKubeContainer): TProcessBundle['healthCheck'] {
  const probe = container.livenessProbe ?? container.readinessProbe;
  if (!probe) return undefined;
  const timing = { intervalSec: probe.periodSeconds ?? 5, timeoutSec: probe.timeoutSeconds ?? 2, failureThreshold: probe.failureThreshold ?? 3 };
  const portOf = (port: number | string) => (typeof port === 'number' ? port : container.ports?.find((p) => p.name === port)?.containerPort);
  if (probe.httpGet) {
    const port = portOf(probe.httpGet.port);
    const path = probe.httpGet.path.startsWith('/') ? probe.httpGet.path : `/${probe.httpGet.path}`;
    return port === undefined ? undefined : { http: { port, path }, ...timing };
  }
  if (probe.tcpSocket) {
    const port = portOf(probe.tcpSocket.port);
    return port === undefined ? undefined : { tcp: { port }, ...timing };
  }
  return undefined;
}

const UNITS: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

/** Bytes of a Kubernetes memory quantity (e.g. 64Mi, 128M, 1Gi, 1e8), undefined when unreadable. */
export function memoryBytes(quantity: string | number): number | undefined {
  if (typeof quantity === 'number') return quantity;
  const match = /^(\d+(?:\.\d+)?(?:e\d+)?)([kMGT]i?|)$/.exec(quantity.trim());
  return match ? Number(match[1]) * UNITS[match[2]!]! : undefined;
}

/** The sum of the containers' memory limits in MB (at least 16), or undefined when one has none. */
function memoryOf(containers: TKubeContainer[]): number | undefined {
  let bytes = 0;
  for (const c of containers) {
    const limit = c.resources?.limits?.memory;
    const value = limit === undefined ? undefined : memoryBytes(limit);
    if (value === undefined) return undefined;
    bytes += value;
  }
  return Math.max(16, Math.ceil(bytes / 1024 ** 2));
}
