/**
 * The validation report's word on what a package runs as: Kubernetes YAML that the node would
 * refuse fails here, with the file and field named (privileged, hostPath, hostNetwork, added
 * capabilities, unsupported kinds…); an image the YAML names that is neither in the package nor
 * pinned by the AppD is a warning (the node runs whatever the registry serves under that tag);
 * a package with only a Helm chart is a warning that its deployment will be refused.
 */
import { HELM_NOT_SUPPORTED } from '@mecport/contracts';
import type { TContext } from '../context';
import type { SafeZip } from '../zip/safe-zip';
import { pinsFromAppd } from './image-pins';
import { workloadIn } from './workload-in-zip';

/** `Artifacts/Deployment/Kubernetes/app.yaml#1: spec.containers[0]…` -> the file alone. */
const fileOf = (where: string): string => where.split(/[#:]/)[0]!;

export async function checkWorkload(ctx: TContext, zip: SafeZip, prefix: string, appd: unknown): Promise<void> {
  const { workload, issues } = await workloadIn(zip, prefix, pinsFromAppd(appd));
  if (workload.runtime === 'helm') {
    ctx.checks.warn('workload.helm', `deployment will be refused: ${HELM_NOT_SUPPORTED}`, { file: workload.charts[0] });
    return;
  }
  if (workload.runtime !== 'container') return;
  for (const issue of issues) ctx.checks.fail('workload.kubernetes', `${issue.where}: ${issue.message}`, { file: fileOf(issue.where) });
  if (issues.length === 0) {
    ctx.checks.pass('workload.kubernetes', `container app: ${workload.kubeFiles.join(', ')} (ports ${workload.ports.join(', ') || 'none'})`, { file: workload.kubeFiles[0] });
  }
  for (const image of workload.images) {
    if (image.archive || image.digest) {
      const from = image.archive ? `from ${image.archive}` : 'from a registry';
      ctx.checks.pass('workload.images', `image ${image.name}: ${from}${image.digest ? `, pinned to ${image.digest}` : ''}`, { file: image.archive ?? workload.kubeFiles[0] });
    } else {
      ctx.checks.warn('workload.images', `image ${image.name} is neither in the package (Artifacts/Images/*.tar) nor pinned by a SHA-256 checksum in the AppD's swImageDescriptor: the node runs whatever its registry serves under that name`, { file: workload.kubeFiles[0] });
    }
  }
}
