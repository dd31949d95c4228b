import { readKubeWorkload } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { kubeProcessBundle, memoryBytes } from './kube-process-bundle';

const file = 'Artifacts/Deployment/Kubernetes/app.yaml';
const bundleOf = (docs: unknown[]) => kubeProcessBundle(readKubeWorkload([{ file, docs }]), [file]);
const container = (extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'localhost/app:1', ports: [{ name: 'web', containerPort: 8080 }, { containerPort: 9090 }], ...extra });

describe('kubeProcessBundle', () => {
  it('takes ports, the liveness probe on a named port, the restart policy and the memory limits of a Deployment', () => {
    const bundle = bundleOf([{
      kind: 'Deployment', metadata: { name: 'app' },
      spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [
        container({ livenessProbe: { httpGet: { path: 'healthz', port: 'web' }, periodSeconds: 3, failureThreshold: 4 }, readinessProbe: { tcpSocket: { port: 9090 } }, resources: { limits: { memory: '64Mi' } } }),
        { name: 'side', image: 'localhost/side:1', resources: { limits: { memory: '100M' } } },
      ] } } },
    }]);
    expect(bundle).toEqual({
      command: ['podman', 'kube', 'play', file], env: {},
      ports: [{ name: 'WEB', port: 8080 }, { name: 'P9090', port: 9090 }],
      healthCheck: { http: { port: 8080, path: '/healthz' }, intervalSec: 3, timeoutSec: 2, failureThreshold: 4 },
      restartPolicy: 'on-failure',
      resources: { memoryMb: 64 + Math.ceil(100e6 / 1024 ** 2) },
    });
  });

  it('falls back to the readiness probe (tcp), Always and no memory limit when a container has none', () => {
    const bundle = bundleOf([{ kind: 'Pod', spec: { containers: [container({ readinessProbe: { tcpSocket: { port: 9090 } } })] } }]);
    expect(bundle.healthCheck).toEqual({ tcp: { port: 9090 }, intervalSec: 5, timeoutSec: 2, failureThreshold: 3 });
    expect(bundle.restartPolicy).toBe('always');
    expect(bundle.resources).toEqual({});
  });

  it('maps Never, and has no health check without probes', () => {
    const bundle = bundleOf([{ kind: 'Pod', spec: { restartPolicy: 'Never', containers: [container()] } }]);
    expect(bundle.restartPolicy).toBe('never');
    expect(bundle.healthCheck).toBeUndefined();
  });

  it.each([['64Mi', 64 * 1024 ** 2], ['1Gi', 1024 ** 3], ['128M', 128e6], ['2k', 2000], [1048576, 1048576], ['1e6', 1e6], ['lots', undefined]])('reads the memory quantity %s', (quantity, bytes) => {
    expect(memoryBytes(quantity)).toBe(bytes);
  });
});
