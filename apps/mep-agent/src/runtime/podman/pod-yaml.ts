/**
 * The one Kubernetes YAML the agent gives `podman kube play` for an instance, rewritten from the
 * package's (already read and checked by readKubeWorkload):
 * - one Pod `mecport-<id>` with the agent's labels (a Deployment becomes its pod template, one
 *   replica; several pod specs merge into this one pod);
 * - every image replaced by the id of the image prepare verified (`imagePullPolicy: Never`): exactly
 *   that image runs, nothing is pulled at play time;
 * - the spec's env in every container, Mp1 URLs pointing at the host loopback as the pod sees it
 *   (10.0.2.2 under slirp4netns with allow_host_loopback);
 * - unprivileged containers (securityContext keeps only fields that narrow); every containerPort
 *   published on the same host port;
 * - `restartPolicy: Never`: the agent restarts the pod itself (backoff, restart count, CRASH_LOOP);
 * - no probes: the agent probes the published ports itself (podman's own health checks need systemd
 *   timers and a curl inside the image);
 * - ConfigMaps renamed `mecport-<id>-<name>` (kube play keeps each as a named volume: two apps'
 *   `config` must not share one), with every reference to them.
 *
 * @example const { yaml } = podYaml({ spec, agentId: nodeId, workload: readKubeWorkload(files) });
 */
import type { TKubeContainer, TKubePodSpec, TKubeWorkload } from '@mecport/contracts';
import { stringify } from 'yaml';
import type { TInstanceSpec } from '../app-runtime';
import { podLabels, podName } from './pod-labels';

/** The host's 127.0.0.1 as a slirp4netns pod reaches it (allow_host_loopback=true). */
export const HOST_LOOPBACK_FROM_POD = '10.0.2.2';
const LOOPBACK_URL_VARS = ['MP1_API_ROOT', 'MP1_TOKEN_URL'];

/** The package's YAML cannot run as asked (the agent checks again what the portal validated). */
export class KubeRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeRefusal';
  }
}

export interface TPodYaml {
  yaml: string;
  /** The containers' names in the YAML (podman names them `<pod>-<name>`). */
  containers: string[];
  /** Names of the ConfigMaps as played (podman volumes of the same name). */
  configMaps: string[];
}

/** The spec's env for a container: Mp1 URLs on the host's loopback rewritten to the pod's view of it. */
export function containerEnv(env: Record<string, string>): Record<string, string> {
  const out = { ...env };
  for (const name of LOOPBACK_URL_VARS) {
    const value = out[name];
    if (value) out[name] = value.replace(/^(\w+:\/\/)(127\.0\.0\.1|localhost|\[::1\])(?=[:/?#]|$)/i, `$1${HOST_LOOPBACK_FROM_POD}`);
  }
  return out;
}

export const configMapName = (appInstanceId: string, name: string): string => `${podName(appInstanceId)}-${name}`;

export function podYaml(input: { spec: TInstanceSpec; agentId: string; workload: TKubeWorkload }): TPodYaml {
  const { spec, agentId, workload } = input;
  if (workload.issues.length > 0) throw new KubeRefusal(`the app's Kubernetes YAML is refused: ${workload.issues.map((i) => `${i.where}: ${i.message}`).join('; ')}`);
  const images = new Map((spec.container?.images ?? []).map((i) => [i.name, i.imageId]));
  const env = containerEnv(spec.env);
  const renameConfigMap = (name: string) => (workload.configMaps.some((c) => c.name === name) ? configMapName(spec.appInstanceId, name) : name);
  const rewrite = (c: TKubeContainer) => rewriteContainer(c, { images, env, renameConfigMap });
  const merged = mergePods(workload.pods.map((p) => p.spec));
  const podSpec: Record<string, unknown> = {
    ...merged,
    restartPolicy: 'Never',
    containers: merged.containers.map(rewrite),
    ...(merged.initContainers ? { initContainers: merged.initContainers.map(rewrite) } : {}),
    ...(merged.volumes ? { volumes: merged.volumes.map((v) => renameVolumeConfigMap(v, renameConfigMap)) } : {}),
  };
  const configMaps = workload.configMaps.map((c) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: configMapName(spec.appInstanceId, c.name) }, data: c.data }));
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: podName(spec.appInstanceId), labels: podLabels(spec, agentId) }, spec: podSpec };
  return {
    yaml: [...configMaps, pod].map((doc) => stringify(doc)).join('---\n'),
    containers: merged.containers.map((c) => c.name),
    configMaps: configMaps.map((c) => c.metadata.name),
  };
}

/** Several Pods or Deployments in a package run as one pod on the node (they then share its network). */
function mergePods(pods: TKubePodSpec[]): TKubePodSpec {
  const [first, ...rest] = pods;
  if (!first) throw new KubeRefusal('the app\'s Kubernetes YAML has no Pod or Deployment: nothing to run');
  const merged: TKubePodSpec = { ...first, containers: [...first.containers], initContainers: first.initContainers && [...first.initContainers], volumes: first.volumes && [...first.volumes] };
  for (const pod of rest) {
    merged.containers.push(...pod.containers);
    if (pod.initContainers) merged.initContainers = [...(merged.initContainers ?? []), ...pod.initContainers];
    if (pod.volumes) merged.volumes = [...(merged.volumes ?? []), ...pod.volumes];
  }
  for (const [what, names] of [
    ['container', [...merged.containers, ...(merged.initContainers ?? [])].map((c) => c.name)],
    ['volume', (merged.volumes ?? []).map((v) => v.name)],
  ] as const) {
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) throw new KubeRefusal(`the app's pods run as one pod on an edge node, and two of them name a ${what} ${JSON.stringify(twice)}: rename one`);
  }
  if (!first.initContainers) delete merged.initContainers;
  if (!merged.volumes) delete merged.volumes;
  return merged;
}

/**
 * What of a container's securityContext reaches podman: only fields that narrow what it may do
 * (others, e.g. seLinuxOptions, procMount or seccompProfile, could widen it and are dropped);
 * privileged and privilege escalation forced off, capabilities only dropped.
 */
const NARROWING_SECURITY_FIELDS = ['runAsUser', 'runAsGroup', 'runAsNonRoot', 'readOnlyRootFilesystem'] as const;

function narrowedSecurityContext(context: TKubeContainer['securityContext']): Record<string, unknown> {
  const given = (context ?? {}) as Record<string, unknown>;
  const kept = Object.fromEntries(NARROWING_SECURITY_FIELDS.filter((k) => given[k] !== undefined).map((k) => [k, given[k]]));
  const drop = (given.capabilities as { drop?: unknown } | undefined)?.drop;
  return { ...kept, ...(Array.isArray(drop) ? { capabilities: { drop } } : {}), privileged: false, allowPrivilegeEscalation: false };
}

interface TRewrite {
  images: ReadonlyMap<string, string>;
  env: Record<string, string>;
  renameConfigMap(name: string): string;
}

function rewriteContainer(container: TKubeContainer, how: TRewrite): Record<string, unknown> {
  const { livenessProbe: _l, readinessProbe: _r, startupProbe: _s, ...rest } = container as TKubeContainer & { startupProbe?: unknown };
  const imageId = how.images.get(container.image);
  if (!imageId) throw new KubeRefusal(`container ${container.name} names image ${container.image}, which is not among the app's resolved images (${[...how.images.keys()].join(', ') || 'none'})`);
  const ownEnv = (container.env ?? []).filter((e) => !(e.name in how.env)).map((e) => renameEnvConfigMap(e, how.renameConfigMap));
  const envFrom = (container as { envFrom?: Record<string, unknown>[] }).envFrom;
  return {
    ...rest,
    image: imageId,
    imagePullPolicy: 'Never',
    env: [...ownEnv, ...Object.entries(how.env).map(([name, value]) => ({ name, value }))],
    ...(envFrom ? { envFrom: envFrom.map((e) => renameRef(e, 'configMapRef', how.renameConfigMap)) } : {}),
    securityContext: narrowedSecurityContext(container.securityContext),
    ...(container.ports ? { ports: container.ports.map((p) => ({ ...p, hostPort: p.containerPort, hostIP: p.hostIP ?? '0.0.0.0' })) } : {}),
  };
}

function renameEnvConfigMap(entry: Record<string, unknown>, rename: (name: string) => string): Record<string, unknown> {
  const valueFrom = entry.valueFrom as Record<string, unknown> | undefined;
  return valueFrom ? { ...entry, valueFrom: renameRef(valueFrom, 'configMapKeyRef', rename) } : entry;
}

function renameVolumeConfigMap(volume: Record<string, unknown>, rename: (name: string) => string): Record<string, unknown> {
  return renameRef(volume, 'configMap', rename);
}

/** `holder[key].name` renamed, when `holder[key]` is an object with a name. */
function renameRef(holder: Record<string, unknown>, key: string, rename: (name: string) => string): Record<string, unknown> {
  const ref = holder[key] as { name?: unknown } | undefined;
  if (!ref || typeof ref.name !== 'string') return holder;
  return { ...holder, [key]: { ...ref, name: rename(ref.name) } };
}
