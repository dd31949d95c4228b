/**
 * From a desired app instance and its prepared bundle to the runtime's spec: the bundle's
 * command, the environment the app gets (desired env, PORT_<NAME>, then the Mp1 variables,
 * which nothing may override), and a hash that changes whenever a restart is needed.
 *
 * A container app's spec carries what prepare resolved (`container`: the YAML and the images
 * with their ids and digests) and, in `bundle`, what the agent supervises alike for both
 * runtimes, derived from the YAML (packages/kube-process-bundle.ts); its hash covers the images,
 * so a new image under the same name restarts the app.
 */
import { createHash } from 'node:crypto';
import type { TDesiredAppInstance } from '@mecport/contracts';
import type { TMp1Credentials } from '../mp1-host';
import type { TInstanceSpec } from '../runtime/app-runtime';
import type { TPreparedBundle } from './prepare';

export function buildSpec(desired: TDesiredAppInstance, prepared: TPreparedBundle, mp1Env: Record<string, string>): TInstanceSpec {
  const ports = Object.fromEntries(prepared.bundle.ports.map((p) => [`PORT_${p.name}`, String(p.port)]));
  const env = { ...desired.env, ...ports, ...mp1Env };
  const container = prepared.kind === 'container' ? prepared.run : undefined;
  const configHash = createHash('sha256')
    .update(JSON.stringify({ sha: desired.package.sha256, version: desired.appVersionId, dir: prepared.dir, bundle: prepared.bundle, env, ...(container ? { images: container.images } : {}) }))
    .digest('hex')
    .slice(0, 16);
  return {
    appInstanceId: desired.appInstanceId,
    appName: desired.appName,
    appVersionId: desired.appVersionId,
    version: desired.version,
    packageSha256: desired.package.sha256,
    bundleDir: prepared.dir,
    bundle: prepared.bundle,
    env,
    gracefulTerminationSec: desired.gracefulTerminationSec,
    configHash,
    ...(container ? { container } : {}),
  };
}

/** The Mp1 credentials a running spec was given, to keep them across upgrades and restarts. */
export function credentialsOf(spec: TInstanceSpec | undefined): TMp1Credentials | undefined {
  const clientId = spec?.env.MP1_CLIENT_ID;
  const clientSecret = spec?.env.MP1_CLIENT_SECRET;
  return clientId && clientSecret ? { clientId, clientSecret } : undefined;
}
