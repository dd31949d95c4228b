/**
 * `npm run -s token -- <username> [--password <p>]`: prints an access token for a demo user,
 * and nothing else, so that
 *
 *   TOKEN=$(npm run -s token -- operator)
 *   curl -H "Authorization: Bearer $TOKEN" http://localhost:3000/api/v1/me
 *
 * works. Uses the password grant against OIDC_ISSUER (default http://localhost:3001, the dev
 * IdP of `npm start`) with client OIDC_CLI_CLIENT_ID (default mecport-cli). Errors go to
 * stderr, with exit code 1.
 */
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_USERS } from '@mecport/contracts';
import { z } from 'zod';
import { TokenFetchError, fetchPasswordGrantToken } from './lib/fetch-token';

const ZTokenEnv = z.object({
  OIDC_ISSUER: z.url().default('http://localhost:3001'),
  OIDC_CLI_CLIENT_ID: z.string().min(1).default('mecport-cli'),
});

const USAGE = `usage: npm run -s token -- <username> [--password <password>]
  demo users: ${DEMO_USERS.map((u) => u.username).join(', ')}
  password defaults to the demo password; OIDC_ISSUER and OIDC_CLI_CLIENT_ID choose the IdP and client`;

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { password: { type: 'string', short: 'p' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (parsed.values.help) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const [username, ...extra] = parsed.positionals;
  if (!username || extra.length > 0) fail(`give exactly one username\n${USAGE}`);

  const env = ZTokenEnv.safeParse(process.env);
  if (!env.success) fail(`bad configuration: ${env.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const issuer = env.data.OIDC_ISSUER.replace(/\/+$/, '');

  try {
    const token = await fetchPasswordGrantToken({ issuer, clientId: env.data.OIDC_CLI_CLIENT_ID, username, password: parsed.values.password ?? DEMO_PASSWORD });
    process.stdout.write(`${token}\n`);
  } catch (error) {
    if (error instanceof TokenFetchError && error.kind === 'unreachable') fail(`dev IdP not reachable at ${issuer} — is \`npm start\` running? (or set OIDC_ISSUER)`);
    fail(error instanceof Error ? error.message : String(error));
  }
}

void main();
