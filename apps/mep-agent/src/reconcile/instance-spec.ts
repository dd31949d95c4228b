/**
 * From a desired app instance and its extracted bundle to the runtime's spec: the bundle's
 * command, the environment the app gets (desired env, PORT_<NAME>, then the Mp1 variables,
 * which nothing may override), and a hash that changes whenever a restart is needed.
 */
import { createHash } from 'node:crypto';
import type { TDesiredAppInstance } from '@mecport/contracts';
import type { TMp1Credentials } from '../mp1-host';
import type { TExtractedBundle } from '../packages/bundle-extract';
import type { TInstanceSpec } from '../runtime/app-runtime';

export function buildSpec(desired: TDesiredAppInstance, extracted: TExtractedBundle, mp1Env: Record<string, string>): TInstanceSpec {
  const ports = Object.fromEntries(extracted.bundle.ports.map((p) => [`PORT_${p.name}`, String(p.port)]));
  const env = { ...desired.env, ...ports, ...mp1Env };
  const configHash = createHash('sha256')
    .update(JSON.stringify({ sha: desired.package.sha256, version: desired.appVersionId, dir: extracted.dir, bundle: extracted.bundle, env }))
    .digest('hex')
    .slice(0, 16);
  return {
    appInstanceId: desired.appInstanceId,
    appName: desired.appName,
    appVersionId: desired.appVersionId,
    version: desired.version,
    packageSha256: desired.package.sha256,
    bundleDir: extracted.dir,
    bundle: extracted.bundle,
    env,
    gracefulTerminationSec: desired.gracefulTerminationSec,
    configHash,
  };
}

/** The Mp1 credentials a running spec was given, to keep them across upgrades and restarts. */
export function credentialsOf(spec: TInstanceSpec | undefined): TMp1Credentials | undefined {
  const clientId = spec?.env.MP1_CLIENT_ID;
  const clientSecret = spec?.env.MP1_CLIENT_SECRET;
  return clientId && clientSecret ? { clientId, clientSecret } : undefined;
}
