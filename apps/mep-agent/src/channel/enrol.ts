/**
 * Enrolment: the agent makes its own Ed25519 key pair, sends the public half with the one-time
 * token, and gets the node's identity back. The private key never leaves the node.
 *
 * @example const { credentials, privateKeyPem } = await enrol({ portalUrl, token, hostname: os.hostname() });
 */
import { generateKeyPairSync } from 'node:crypto';
import os from 'node:os';
import { ZEd25519PublicJwk, type TAgentRuntime, type TNodeCapacity } from '@mecport/contracts';
import type { TCredentials } from '../state/schemas';
import { AGENT_VERSION } from '../version';
import { enrolNode } from './portal-client';

/** What the agent finds on its host, sent at enrolment. */
export function hostCapacity(): TNodeCapacity | undefined {
  const architecture = ({ x64: 'x86_64', arm64: 'aarch64' } as const)[os.arch() as 'x64' | 'arm64'];
  if (!architecture) return undefined;
  return { architecture, cpuCores: os.availableParallelism(), memoryMb: Math.floor(os.totalmem() / 1024 / 1024), gpus: 0, npus: 0 };
}

export async function enrol(options: { portalUrl: string; token: string; hostname: string; runtimes?: TAgentRuntime[] }): Promise<{ credentials: TCredentials; privateKeyPem: string }> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = ZEd25519PublicJwk.parse(publicKey.export({ format: 'jwk' }));
  const answer = await enrolNode(options.portalUrl, {
    token: options.token,
    publicKey: jwk,
    agentVersion: AGENT_VERSION,
    hostname: options.hostname,
    capacity: hostCapacity(),
    ...(options.runtimes ? { runtimes: options.runtimes } : {}),
  });
  return {
    credentials: {
      portalUrl: options.portalUrl,
      nodeId: answer.nodeId,
      nodeName: answer.nodeName,
      credentialId: answer.credentialId,
      audience: answer.audience,
      heartbeatIntervalSec: answer.heartbeatIntervalSec,
      publicKey: jwk,
      enrolledAt: new Date().toISOString(),
    },
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}
