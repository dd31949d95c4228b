/**
 * What podman says about the agent's pods and their containers, read with one `podman` call each
 * (JSON output, selected by the agent's labels: the infra container carries none, so only the
 * app's containers are listed).
 *
 * @example const pods = await listPods(podman, nodeId, appInstanceId); const ctrs = await listContainers(podman, nodeId, appInstanceId);
 */
import { z } from 'zod';
import { procIdentity } from '../proc-info';
import { labelFilters } from './pod-labels';
import type { TPodContainer, TPodRecord } from './podman-record';
import { PodmanError, type PodmanCli } from './podman-cli';

const ZPodSummary = z.object({ Id: z.string(), Name: z.string(), Status: z.string(), Labels: z.record(z.string(), z.string()).nullish() }).loose();
export type TPodSummary = z.infer<typeof ZPodSummary>;

const ZContainerSummary = z
  .object({
    Id: z.string(),
    Names: z.array(z.string()),
    Pid: z.number().int().default(0),
    State: z.string(),
    ExitCode: z.number().int().default(0),
    ImageID: z.string().default(''),
    Pod: z.string().default(''),
    Labels: z.record(z.string(), z.string()).nullish(),
  })
  .loose();
export type TContainerSummary = z.infer<typeof ZContainerSummary>;

const ZContainerInspect = z.object({ Id: z.string(), HostConfig: z.object({ LogConfig: z.object({ Path: z.string().default('') }).loose() }).loose() }).loose();

function parseList<T extends z.ZodType>(stdout: string, schema: T): z.infer<T>[] {
  const text = stdout.trim();
  return text ? z.array(schema).parse(JSON.parse(text)) : [];
}

/** This agent's pods (of one instance when given), whatever their state. */
export async function listPods(podman: PodmanCli, agentId: string, appInstanceId?: string): Promise<TPodSummary[]> {
  const { stdout } = await podman.run(['pod', 'ps', '--no-trunc', '--format', 'json', ...labelFilters(agentId, appInstanceId)]);
  return parseList(stdout, ZPodSummary);
}

/** The app containers of this agent's pods (of one instance when given), whatever their state. */
export async function listContainers(podman: PodmanCli, agentId: string, appInstanceId?: string): Promise<TContainerSummary[]> {
  const { stdout } = await podman.run(['ps', '--all', '--no-trunc', '--format', 'json', ...labelFilters(agentId, appInstanceId)]);
  return parseList(stdout, ZContainerSummary);
}

/** The pod as the record keeps it: its app containers with their main process and log file. */
export async function readPod(podman: PodmanCli, pod: TPodSummary, containers: TContainerSummary[]): Promise<TPodRecord> {
  const own = containers.filter((c) => c.Pod === pod.Id);
  const logPaths = new Map<string, string>();
  if (own.length > 0) {
    const { stdout } = await podman.run(['container', 'inspect', '--format', 'json', ...own.map((c) => c.Id)]);
    for (const c of parseList(stdout, ZContainerInspect)) logPaths.set(c.Id, c.HostConfig.LogConfig.Path);
  }
  const out: TPodContainer[] = [];
  for (const c of own) {
    const process = c.State === 'running' && c.Pid > 0 ? (await procIdentity(c.Pid)) ?? null : null;
    out.push({ id: c.Id, name: c.Names[0] ?? c.Id.slice(0, 12), process, logPath: logPaths.get(c.Id) ?? '', imageId: c.ImageID });
  }
  return { id: pod.Id, name: pod.Name, containers: out };
}

/** Runs a podman command whose target may be gone already (a pod removed by hand): "no such" is success. */
export async function tolerateMissing(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (error instanceof PodmanError && /no such|not found|no pod with/i.test(error.stderr)) return;
    throw error;
  }
}
