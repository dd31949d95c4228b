/**
 * `npm start -w @mecport/dev-idp`: the dev IdP on DEV_IDP_PORT (3001), with the signing key
 * kept under .data/dev-idp so tokens survive a restart. Logs one JSON line when ready.
 */
import { loadEnv } from './env';
import { createDevIdp } from './provider';
import { loadOrCreateSigningKeys } from './signing-keys';

async function main(): Promise<void> {
  const env = loadEnv();
  const jwks = await loadOrCreateSigningKeys(env.jwksFile);
  const idp = createDevIdp({ issuer: env.issuer, portalUrl: env.portalUrl, audience: env.audience, accessTokenTtlSeconds: env.accessTokenTtlSeconds, sessionTtlSeconds: env.sessionTtlSeconds, lockout: env.lockout, jwks });
  await idp.listen(env.port, env.host);
  // A lost logout token leaves the session's access tokens valid until they expire: say so.
  idp.provider.on('backchannel.error', (_ctx: unknown, error: Error, client: { clientId: string }, _accountId: string, sid: string) => {
    process.stderr.write(`${JSON.stringify({ level: 'warn', msg: 'back-channel logout did not reach the client', service: 'dev-idp', client: client.clientId, sid, error: error.message })}\n`);
  });
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'dev IdP listening', service: 'dev-idp', issuer: idp.issuer, listen: `${env.host}:${env.port}`, audience: env.audience, portalUrl: env.portalUrl })}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'dev IdP stopping', service: 'dev-idp', signal })}\n`);
    idp.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'dev IdP failed to start', service: 'dev-idp', error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
});
