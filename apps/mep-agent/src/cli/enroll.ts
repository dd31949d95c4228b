/** `mecport-agent enroll`: key pair, enrolment, credentials into the data dir. */
import os from 'node:os';
import { enrol } from '../channel/enrol';
import { appBaseEnv } from '../env';
import { detectPodman, PODMAN_INSTALL_HINT } from '../runtime/podman/detect-podman';
import { StateStore } from '../state/state-store';

export async function runEnroll(options: { portalUrl: string; token: string; dataDir: string; nameHint?: string; force: boolean }): Promise<number> {
  const state = new StateStore(options.dataDir);
  const existing = await state.readCredentials();
  if (existing && !options.force) {
    process.stderr.write(`mecport-agent: ${state.dir} already holds the enrolment of node ${existing.nodeName} (${existing.nodeId}) with ${existing.portalUrl}.\nUse --force to replace it with a new enrolment (re-enrol).\n`);
    return 1;
  }
  const portalUrl = options.portalUrl.replace(/\/+$/, '');
  const podman = await detectPodman({ dataDir: state.dir, env: appBaseEnv() });
  const runtimes = podman ? (['process', 'podman'] as const) : (['process'] as const);
  const { credentials, privateKeyPem } = await enrol({ portalUrl, token: options.token, hostname: options.nameHint ?? os.hostname(), runtimes: [...runtimes] });
  await state.writeEnrolment(credentials, privateKeyPem);
  process.stdout.write(
    [
      `Enrolled node ${credentials.nodeName} (${credentials.nodeId}) with ${portalUrl}${existing ? `, replacing node ${existing.nodeId}'s enrolment` : ''}.`,
      `  key pair:     Ed25519, made here; the private key is in ${state.paths.privateKey} (mode 0600) and never left this machine`,
      `  credentials:  ${state.paths.credentials} (credential ${credentials.credentialId}, heartbeat every ${credentials.heartbeatIntervalSec} s)`,
      `  runtimes:     ${runtimes.join(', ')}`,
      ...(podman ? [] : [`  containers:   podman is not installed (or does not work) here, so this node runs process apps only. To run container apps: ${PODMAN_INSTALL_HINT}, then restart the agent`]),
      `Start the agent with: npx mecport-agent run --data-dir ${state.dir}`,
      '',
    ].join('\n'),
  );
  return 0;
}
