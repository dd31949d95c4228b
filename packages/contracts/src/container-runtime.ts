/**
 * Container apps (issue 14): where a package keeps its container artefacts, what a node's
 * runtime setting says, what travels to the agent in the desired state, and what the agent
 * reports back (which runtimes it has, which image digest ran).
 *
 * A package is a container app when it carries Kubernetes YAML under `Artifacts/Deployment/Kubernetes/`
 * (Pod, Deployment, Service, ConfigMap; see kube-workload.ts for what is accepted). Its images come
 * from an image archive in the package (`Artifacts/Images/*.tar`, OCI or docker archive, covered by
 * the manifest's digests) or from a registry the node may reach; the AppD's `swImageDescriptor`
 * pins each image's digest. A package with only a Helm chart (`Artifacts/Deployment/Charts/`, or
 * EdgeGallery's `Artifacts/Deployment/Charts/*.tgz` layout) is recognised but not run: no Helm
 * renderer can be had on these machines, so a deployment of it is refused with the way to convert it.
 *
 * Registry credentials never travel: they stay on the node (the agent's `--registry-auth` file).
 *
 * @example ZNodeRuntime.parse({ container: 'podman', registries: [{ host: '127.0.0.1:5055', tlsVerify: false }] });
 */
import { z } from 'zod';

export const KUBERNETES_DIR = 'Artifacts/Deployment/Kubernetes/';
export const HELM_CHARTS_DIR = 'Artifacts/Deployment/Charts/';
export const IMAGES_DIR = 'Artifacts/Images/';

/** What an agent can run: process bundles always, containers where Podman works. */
export const AGENT_RUNTIMES = ['process', 'podman'] as const;
export const ZAgentRuntime = z.enum(AGENT_RUNTIMES);
export type TAgentRuntime = z.infer<typeof ZAgentRuntime>;

/** The node's container runtime setting: `none` (process apps only) or `podman`; a Kubernetes runtime later. */
export const CONTAINER_RUNTIMES = ['none', 'podman'] as const;

export const ZRegistry = z.object({
  host: z
    .string()
    .trim()
    .regex(/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:\d{1,5})?$/i, 'a registry is a host name or address with an optional :port, e.g. registry.example:5000')
    .describe('A registry the node may pull from'),
  tlsVerify: z.boolean().default(true).describe('false only for a registry on the node\'s own loopback or a lab network'),
});
export type TRegistry = z.infer<typeof ZRegistry>;

export const ZNodeRuntime = z
  .object({
    container: z.enum(CONTAINER_RUNTIMES).default('none').describe('Which container runtime runs the node\'s container apps (none: process apps only)'),
    registries: z.array(ZRegistry).max(16).default([]).describe('Registries the node may pull images from; credentials stay on the node'),
  })
  .describe('The node\'s runtime setting');
export type TNodeRuntime = z.infer<typeof ZNodeRuntime>;
export const DEFAULT_NODE_RUNTIME: TNodeRuntime = { container: 'none', registries: [] };

/** `sha256:<64 hex>`: an image's manifest digest as registries and Podman write it. */
export const ZImageDigest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'an image digest is sha256: and 64 lower-case hex digits');

/** One image a container app runs, as the portal resolved it from the package. */
export const ZContainerImage = z.object({
  name: z.string().min(1).max(512).describe('The reference the package\'s Kubernetes YAML writes, e.g. 127.0.0.1:5055/demo/hello:1.0'),
  digest: ZImageDigest.optional().describe('The digest the AppD\'s swImageDescriptor pins; the node refuses an image with another'),
  archive: z.string().startsWith(IMAGES_DIR).max(1000).optional().describe('The image archive inside the package; absent: pulled from a registry'),
});
export type TContainerImage = z.infer<typeof ZContainerImage>;

/** Present on a desired app instance that is a container app (absent: a process bundle). */
export const ZDesiredContainer = z.object({
  images: z.array(ZContainerImage).min(1).max(16),
});
export type TDesiredContainer = z.infer<typeof ZDesiredContainer>;

/** An image digest that ran, as the agent reports it per instance. */
export const ZRanImage = z.object({ name: z.string().max(512), digest: ZImageDigest });
export type TRanImage = z.infer<typeof ZRanImage>;

/**
 * What a package runs as, read from its files by the portal (`@mecport/app-package/workload`) and
 * cached on the version: `helm` and `none` cannot be deployed (the message says why).
 */
export const ZAppWorkload = z.discriminatedUnion('runtime', [
  z.object({ runtime: z.literal('process'), ports: z.array(z.number().int().min(1).max(65535)) }),
  z.object({
    runtime: z.literal('container'),
    ports: z.array(z.number().int().min(1).max(65535)),
    kubeFiles: z.array(z.string()),
    images: z.array(ZContainerImage),
  }),
  z.object({ runtime: z.literal('helm'), charts: z.array(z.string()) }),
  z.object({ runtime: z.literal('none') }),
]);
export type TAppWorkload = z.infer<typeof ZAppWorkload>;

/** What a container app needs on the node: the agent runtime that runs it. */
export function agentRuntimeFor(workload: TAppWorkload): TAgentRuntime | undefined {
  if (workload.runtime === 'process') return 'process';
  if (workload.runtime === 'container') return 'podman';
  return undefined;
}

/** The refusal for a Helm-only package, shared by the deployment check and the validation report. */
export const HELM_NOT_SUPPORTED =
  'this package carries only a Helm chart, and MECport does not render Helm charts (no Helm renderer can be had on the nodes). Render it once with `helm template <chart>` and add the YAML under Artifacts/Deployment/Kubernetes/ (Pod, Deployment, Service, ConfigMap), or package the app as a process bundle';
