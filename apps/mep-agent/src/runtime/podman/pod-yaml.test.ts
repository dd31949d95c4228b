/** The kube YAML rewrite, without podman: what the pod the agent plays looks like. */
import { randomUUID } from 'node:crypto';
import { readKubeWorkload, ZProcessBundle } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { TInstanceSpec } from '../app-runtime';
import { containerEnv, podYaml } from './pod-yaml';

const IMAGE_ID = 'a'.repeat(64);
const DB_ID = 'b'.repeat(64);

function spec(env: Record<string, string> = {}): TInstanceSpec {
  return {
    appInstanceId: randomUUID(), appName: 'demo', appVersionId: randomUUID(), version: '1', packageSha256: 'c'.repeat(64), bundleDir: '/b',
    bundle: ZProcessBundle.parse({ command: ['kube'] }), env, gracefulTerminationSec: 3, configHash: 'hash1',
    container: { kubeFiles: ['/b/app.yaml'], images: [{ name: 'reg.example/app:1', imageId: IMAGE_ID, digest: `sha256:${'1'.repeat(64)}` }, { name: 'reg.example/db:2', imageId: DB_ID, digest: `sha256:${'2'.repeat(64)}` }] },
  };
}

const deployment = (name: string, image: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { replicas: 2, template: { spec: { restartPolicy: 'Always', containers: [{ name, image, ...extra }] } } },
});

interface TPlayedContainer {
  image: string;
  env: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: unknown[];
  ports?: unknown[];
  livenessProbe?: unknown;
  securityContext?: Record<string, unknown>;
}
interface TPlayed {
  kind: string;
  metadata: unknown;
  spec: { restartPolicy?: string; containers: TPlayedContainer[]; volumes?: unknown[] };
}

function play(s: TInstanceSpec, docs: unknown[]) {
  const out = podYaml({ spec: s, agentId: 'node-1', workload: readKubeWorkload([{ file: 'app.yaml', docs }]) });
  return { ...out, docs: parseAllDocuments(out.yaml).map((d) => d.toJS() as TPlayed) };
}

describe('podYaml', () => {
  it('passes on only the securityContext fields that narrow what a container may do', () => {
    const wide = { runAsUser: 1000, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seLinuxOptions: { type: 'spc_t' }, procMount: 'Unmasked', seccompProfile: { type: 'Unconfined' } };
    const { docs } = play(spec({}), [deployment('app', 'reg.example/app:1', { securityContext: wide })]);
    const [app] = docs[0]!.spec.containers as [TPlayedContainer];
    expect(app.securityContext).toEqual({ runAsUser: 1000, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, privileged: false, allowPrivilegeEscalation: false });
  });

  it('makes one labelled pod of the Deployments, with the verified image ids, no pull, unprivileged, ports on their own numbers, restartPolicy Never and no probes', () => {
    const s = spec({ PORT_HTTP: '8080', MP1_API_ROOT: 'http://127.0.0.1:8581', GREETING: 'from-spec' });
    const { docs, containers } = play(s, [
      deployment('app', 'reg.example/app:1', {
        ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9090, hostIP: '127.0.0.1', hostPort: 9090 }],
        env: [{ name: 'GREETING', value: 'from-yaml' }, { name: 'OWN', value: 'kept' }],
        resources: { limits: { memory: '64Mi', cpu: '250m' } },
        securityContext: { runAsUser: 1000 },
        livenessProbe: { httpGet: { path: '/', port: 8080 } },
      }),
      deployment('db', 'reg.example/db:2'),
    ]);
    expect(containers).toEqual(['app', 'db']);
    expect(docs).toHaveLength(1);
    const [pod] = docs;
    expect(pod!.kind).toBe('Pod');
    expect(pod!.metadata).toEqual({ name: `mecport-${s.appInstanceId}`, labels: { 'io.mecport.instance': s.appInstanceId, 'io.mecport.agent': 'node-1', 'io.mecport.config': 'hash1' } });
    expect(pod!.spec.restartPolicy).toBe('Never');
    const [app, db] = pod!.spec.containers as [TPlayedContainer, TPlayedContainer];
    expect(app).toMatchObject({ image: IMAGE_ID, imagePullPolicy: 'Never', resources: { limits: { memory: '64Mi', cpu: '250m' } }, securityContext: { runAsUser: 1000, privileged: false, allowPrivilegeEscalation: false } });
    expect(app.livenessProbe).toBeUndefined();
    expect(app.ports).toEqual([{ name: 'http', containerPort: 8080, hostPort: 8080, hostIP: '0.0.0.0' }, { containerPort: 9090, hostPort: 9090, hostIP: '127.0.0.1' }]);
    expect(app.env).toEqual([
      { name: 'OWN', value: 'kept' },
      { name: 'PORT_HTTP', value: '8080' }, { name: 'MP1_API_ROOT', value: 'http://10.0.2.2:8581' }, { name: 'GREETING', value: 'from-spec' },
    ]);
    expect(db).toMatchObject({ image: DB_ID, env: [{ name: 'PORT_HTTP', value: '8080' }, { name: 'MP1_API_ROOT', value: 'http://10.0.2.2:8581' }, { name: 'GREETING', value: 'from-spec' }] });
  });

  it('renames the package\'s ConfigMaps per instance, with every reference to them', () => {
    const s = spec();
    const { docs, configMaps } = play(s, [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'edge' } },
      {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
        spec: {
          volumes: [{ name: 'conf', configMap: { name: 'settings' } }, { name: 'scratch', emptyDir: {} }],
          containers: [{ name: 'app', image: 'reg.example/app:1', env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } }], envFrom: [{ configMapRef: { name: 'settings' } }] }],
        },
      },
    ]);
    const renamed = `mecport-${s.appInstanceId}-settings`;
    expect(configMaps).toEqual([renamed]);
    expect(docs[0]).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: renamed }, data: { mode: 'edge' } });
    expect(docs[1]!.spec.volumes).toEqual([{ name: 'conf', configMap: { name: renamed } }, { name: 'scratch', emptyDir: {} }]);
    expect(docs[1]!.spec.containers[0]!.env[0]).toEqual({ name: 'MODE', valueFrom: { configMapKeyRef: { name: renamed, key: 'mode' } } });
    expect(docs[1]!.spec.containers[0]!.envFrom).toEqual([{ configMapRef: { name: renamed } }]);
  });

  it('refuses what the reader refuses, an image prepare did not resolve, and two pods naming one container', () => {
    expect(() => play(spec(), [deployment('app', 'reg.example/app:1', { securityContext: { privileged: true } })])).toThrow(/app\.yaml#1: spec\.template\.spec\.containers\[0\]\.securityContext\.privileged: privileged containers are not allowed/);
    expect(() => play(spec(), [deployment('app', 'reg.example/other:1')])).toThrow(/container app names image reg\.example\/other:1, which is not among the app's resolved images/);
    expect(() => play(spec(), [deployment('app', 'reg.example/app:1'), deployment('app', 'reg.example/db:2')])).toThrow(/two of them name a container "app"/);
  });
});

describe('containerEnv', () => {
  it('points the Mp1 URLs on the host loopback at 10.0.2.2 and leaves everything else alone', () => {
    expect(containerEnv({
      MP1_API_ROOT: 'http://127.0.0.1:8581', MP1_TOKEN_URL: 'http://localhost:8581/mp1/token', OTHER: 'http://127.0.0.1:1',
    })).toEqual({ MP1_API_ROOT: 'http://10.0.2.2:8581', MP1_TOKEN_URL: 'http://10.0.2.2:8581/mp1/token', OTHER: 'http://127.0.0.1:1' });
    expect(containerEnv({ MP1_API_ROOT: 'http://gateway.example:8581', MP1_TOKEN_URL: 'http://127.0.0.10:1/t' })).toEqual({ MP1_API_ROOT: 'http://gateway.example:8581', MP1_TOKEN_URL: 'http://127.0.0.10:1/t' });
  });
});
