/**
 * OpenID Connect back-channel logout: the IdP posts a signed logout token here when a session
 * ends (sign-out, an administrator ending it in Keycloak). The session's `sid` is recorded in
 * PostgreSQL, and from then on every replica refuses that session's access tokens with 401.
 */
import { AppError } from '@mecport/contracts';
import { parsePart, publicAccess } from '@mecport/http';
import { z } from 'zod';
import { api } from '../api';
import { endedSessions, logoutTokenVerifier } from '../services';

/** A logout token is a few hundred bytes; anything much larger is not one. */
const MAX_FORM_BYTES = 16 * 1024;

const ZLogoutForm = z.object({ logout_token: z.string().min(1).max(MAX_FORM_BYTES) });

async function readLogoutForm(request: Request): Promise<z.infer<typeof ZLogoutForm>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new AppError('unsupported-media-type', `Send the logout token as application/x-www-form-urlencoded (got ${type || 'no content-type'})`);
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_FORM_BYTES) throw new AppError('payload-too-large', `The form is limited to ${MAX_FORM_BYTES} bytes`);
  return parsePart('body', ZLogoutForm, Object.fromEntries(new URLSearchParams(text)));
}

export const backchannelLogoutRoute = api.route({
  method: 'POST', path: '/api/v1/auth/backchannel-logout', operationId: 'backchannelLogout', tags: ['Identity'],
  summary: 'OpenID Connect back-channel logout: the IdP says a session ended; its access tokens are refused from then on',
  description: 'Called by the IdP, not by people. Body: `application/x-www-form-urlencoded` with `logout_token`, a JWT signed by the '
    + 'configured issuer for the portal\'s client id, with `sid` and the back-channel logout event (OpenID Connect Back-Channel '
    + 'Logout 1.0). Answers 200 with no body once the session is recorded as ended; 400 for a token that is not valid.',
  auth: publicAccess(),
  response: { status: 200, description: 'The session is recorded as ended' },
  errors: [413, 415],
  handler: async ({ request, log }) => {
    const form = await readLogoutForm(request);
    const ended = await logoutTokenVerifier()(form.logout_token);
    await endedSessions().record(ended.sid);
    log.info({ sid: ended.sid, sub: ended.subject }, 'session ended by back-channel logout');
    return new Response(null, { status: 200, headers: { 'cache-control': 'no-store' } });
  },
});
