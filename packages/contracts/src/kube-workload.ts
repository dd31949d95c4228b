/**
 * The Kubernetes YAML a container app may carry, and what the node makes of it. One reader for
 * the portal's validation (`@mecport/app-package`) and the agent (which checks again before it
 * runs anything): documents are parsed by the caller (YAML), then `readKubeWorkload` names every
 * problem by file and field, and returns the images, declared ports and probes.
 *
 * Accepted: Pod, Deployment (its pod template; one replica runs per node), Service (ports only)
 * and ConfigMap. Refused, with the field named: privileged containers, privilege escalation,
 * added capabilities, host network / PID / IPC, host paths and any volume but emptyDir and
 * configMap, a hostPort other than its containerPort, other kinds.
 *
 * @example
 *   const w = readKubeWorkload([{ file: 'Artifacts/Deployment/Kubernetes/app.yaml', docs: YAML.parseAllDocuments(text).map((d) => d.toJSON()) }]);
 *   if (w.issues.length > 0) throw new Error(w.issues.map((i) => `${i.where}: ${i.message}`).join('; '));
 */
import { z } from 'zod';

const ZProbe = z
  .object({
    httpGet: z.object({ path: z.string().default('/'), port: z.union([z.number().int(), z.string()]) }).loose().optional(),
    tcpSocket: z.object({ port: z.union([z.number().int(), z.string()]) }).loose().optional(),
    periodSeconds: z.number().int().min(1).max(300).optional(),
    timeoutSeconds: z.number().int().min(1).max(60).optional(),
    failureThreshold: z.number().int().min(1).max(20).optional(),
  })
  .loose();

export const ZKubeContainer = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a container name is a DNS label'),
    image: z.string().min(1).max(512),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    env: z.array(z.object({ name: z.string().min(1), value: z.string().optional() }).loose()).optional(),
    ports: z
      .array(
        z
          .object({
            name: z.string().max(15).optional(),
            containerPort: z.number().int().min(1).max(65535),
            hostPort: z.number().int().min(1).max(65535).optional(),
            hostIP: z.string().optional(),
            protocol: z.enum(['TCP', 'UDP']).optional(),
          })
          .loose(),
      )
      .optional(),
    resources: z.object({ limits: z.object({ memory: z.union([z.string(), z.number()]).optional(), cpu: z.union([z.string(), z.number()]).optional() }).loose().optional() }).loose().optional(),
    securityContext: z
      .object({
        privileged: z.boolean().optional(),
        allowPrivilegeEscalation: z.boolean().optional(),
        capabilities: z.object({ add: z.array(z.string()).optional() }).loose().optional(),
      })
      .loose()
      .optional(),
    livenessProbe: ZProbe.optional(),
    readinessProbe: ZProbe.optional(),
    volumeMounts: z.array(z.object({ name: z.string(), mountPath: z.string() }).loose()).optional(),
  })
  .loose();
export type TKubeContainer = z.infer<typeof ZKubeContainer>;

export const ZKubePodSpec = z
  .object({
    containers: z.array(ZKubeContainer).min(1).max(16),
    initContainers: z.array(ZKubeContainer).max(8).optional(),
    volumes: z.array(z.object({ name: z.string() }).loose()).optional(),
    restartPolicy: z.enum(['Always', 'OnFailure', 'Never']).optional(),
    hostNetwork: z.boolean().optional(),
    hostPID: z.boolean().optional(),
    hostIPC: z.boolean().optional(),
  })
  .loose();
export type TKubePodSpec = z.infer<typeof ZKubePodSpec>;

export interface TKubeFile {
  /** The file's path in the package, named in every issue. */
  file: string;
  /** Its YAML documents, parsed (null documents are skipped). */
  docs: unknown[];
}

export interface TKubeIssue {
  /** `<file>#<document>: <field path>` */
  where: string;
  message: string;
}

export interface TKubePort {
  name: string;
  port: number;
}

export interface TKubeWorkload {
  /** The pod specs to run (a Deployment's template), each with the file it came from. */
  pods: { file: string; name: string; spec: TKubePodSpec }[];
  configMaps: { file: string; name: string; data: Record<string, string> }[];
  images: string[];
  /** Every containerPort, named PORT_<NAME> style (unnamed: P<port>). */
  ports: TKubePort[];
  issues: TKubeIssue[];
}

const ALLOWED_VOLUMES = ['emptyDir', 'configMap'];

export function readKubeWorkload(files: TKubeFile[]): TKubeWorkload {
  const out: TKubeWorkload = { pods: [], configMaps: [], images: [], ports: [], issues: [] };
  for (const { file, docs } of files) {
    docs.forEach((doc, index) => {
      if (doc === null || doc === undefined) return;
      readDocument(doc, `${file}#${index + 1}`, file, out);
    });
  }
  if (out.pods.length === 0 && out.issues.length === 0) out.issues.push({ where: files[0]?.file ?? 'Artifacts/Deployment/Kubernetes/', message: 'no Pod or Deployment: nothing to run' });
  out.images = [...new Set(out.pods.flatMap((p) => [...(p.spec.initContainers ?? []), ...p.spec.containers].map((c) => c.image)))];
  return out;
}

function readDocument(doc: unknown, where: string, file: string, out: TKubeWorkload): void {
  const head = z.object({ kind: z.string(), metadata: z.object({ name: z.string().optional() }).loose().optional() }).loose().safeParse(doc);
  if (!head.success) {
    out.issues.push({ where, message: 'not a Kubernetes object (kind missing)' });
    return;
  }
  const { kind } = head.data;
  const name = head.data.metadata?.name ?? kind.toLowerCase();
  const body = doc as Record<string, unknown>;
  if (kind === 'Pod') return readPod(body.spec, `${where}: spec`, file, name, out);
  if (kind === 'Deployment') {
    const spec = (body.spec ?? {}) as Record<string, unknown>;
    const template = (spec.template ?? {}) as Record<string, unknown>;
    return readPod(template.spec, `${where}: spec.template.spec`, file, name, out);
  }
  if (kind === 'Service') return;
  if (kind === 'ConfigMap') {
    const data = z.record(z.string(), z.string()).safeParse(body.data ?? {});
    if (!data.success) out.issues.push({ where: `${where}: data`, message: 'ConfigMap data must map names to strings' });
    else out.configMaps.push({ file, name, data: data.data });
    return;
  }
  out.issues.push({ where: `${where}: kind`, message: `kind ${kind} is not supported on an edge node (Pod, Deployment, Service and ConfigMap are)` });
}

function readPod(raw: unknown, where: string, file: string, name: string, out: TKubeWorkload): void {
  const parsed = ZKubePodSpec.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) out.issues.push({ where: `${where}.${issue.path.join('.')}`, message: issue.message });
    return;
  }
  const spec = parsed.data;
  for (const flag of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[flag]) out.issues.push({ where: `${where}.${flag}`, message: `${flag} is not allowed: a container app gets its own namespaces` });
  }
  (spec.volumes ?? []).forEach((volume, i) => {
    const type = Object.keys(volume).find((k) => k !== 'name');
    if (type === 'hostPath') out.issues.push({ where: `${where}.volumes[${i}].hostPath`, message: 'host paths are not allowed: a container app gets no host mounts (use emptyDir for its own data)' });
    else if (!type || !ALLOWED_VOLUMES.includes(type)) out.issues.push({ where: `${where}.volumes[${i}]`, message: `volume type ${type ?? '(none)'} is not supported (emptyDir and configMap are)` });
  });
  const all = [...(spec.initContainers ?? []).map((c, i) => [c, `initContainers[${i}]`] as const), ...spec.containers.map((c, i) => [c, `containers[${i}]`] as const)];
  for (const [container, path] of all) checkContainer(container, `${where}.${path}`, out);
  out.pods.push({ file, name, spec });
}

function checkContainer(container: TKubeContainer, where: string, out: TKubeWorkload): void {
  const security = container.securityContext;
  if (security?.privileged) out.issues.push({ where: `${where}.securityContext.privileged`, message: 'privileged containers are not allowed' });
  if (security?.allowPrivilegeEscalation) out.issues.push({ where: `${where}.securityContext.allowPrivilegeEscalation`, message: 'privilege escalation is not allowed' });
  if ((security?.capabilities?.add ?? []).length > 0) out.issues.push({ where: `${where}.securityContext.capabilities.add`, message: 'added capabilities are not allowed' });
  (container.ports ?? []).forEach((port, i) => {
    if (port.hostPort !== undefined && port.hostPort !== port.containerPort) {
      out.issues.push({ where: `${where}.ports[${i}].hostPort`, message: `hostPort ${port.hostPort} differs from containerPort ${port.containerPort}: the node publishes each declared port on its own number` });
    }
    const name = port.name ? port.name.toUpperCase().replace(/[^A-Z0-9]/g, '_') : `P${port.containerPort}`;
    if (!out.ports.some((p) => p.port === port.containerPort)) out.ports.push({ name: /^[A-Z]/.test(name) ? name : `P${name}`, port: port.containerPort });
  });
}
