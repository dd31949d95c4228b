/**
 * The OAuth 2.0 password grant (RFC 6749 §4.3) for the `mecport-cli` client, as Keycloak's
 * "direct access grants": scripts, tests and benchmarks get a token for a demo user without a
 * browser. The token is built exactly as the authorization-code flow builds it (same resource,
 * audience, claims and signing key), so the API cannot tell the two apart.
 *
 *   POST /token  grant_type=password&client_id=mecport-cli&username=operator&password=…[&scope=openid]
 *
 * The answer carries a refresh token (grant_type=refresh_token renews the access token), and
 * repeated failures lock the username and the caller's address as the sign-in form does.
 */
import { errors, type Provider, type ResourceServer } from 'oidc-provider';
import { verifyCredentials } from './accounts';
import type { LoginThrottle } from './login-throttle';

export const PASSWORD_GRANT = 'password';

export interface TPasswordGrantOptions {
  /** The resource indicator tokens are issued for, e.g. `urn:mecport:api`. */
  resource: string;
  /** What `features.resourceIndicators.getResourceServerInfo` answers for `resource`. */
  resourceServer: ResourceServer;
  /** OIDC scopes the provider supports; requested ones are recorded on the grant. */
  oidcScopes: readonly string[];
  /** The lockout shared with the sign-in form. */
  throttle: LoginThrottle;
}

/** Same words whether or not the user exists. */
export const LOCKED_DESCRIPTION = 'sign-in is temporarily locked after repeated failures; try again later';

interface TPasswordParams { username?: string; password?: string; scope?: string }

/** invalid_grant whose description says why (oidc-provider's own is a generic "grant request is invalid"). */
function lockedError(): InstanceType<typeof errors.InvalidGrant> {
  const error = new errors.InvalidGrant(LOCKED_DESCRIPTION);
  error.error_description = LOCKED_DESCRIPTION;
  return error;
}

/** Registers grant_type=password on `provider`; call before the first request. */
export function registerPasswordGrant(provider: Provider, options: TPasswordGrantOptions): void {
  provider.registerGrantType<TPasswordParams>(PASSWORD_GRANT, async (ctx) => {
    const { client, params } = ctx.oidc;
    if (!params.username || !params.password) throw new errors.InvalidRequest('missing required parameter(s) (username, password)');
    if (options.throttle.isLocked(params.username, ctx.ip)) throw lockedError();
    const user = verifyCredentials(params.username, params.password);
    if (!user) {
      options.throttle.recordFailure(params.username, ctx.ip);
      throw new errors.InvalidGrant('invalid username or password');
    }
    options.throttle.recordSuccess(params.username);

    const requested = new Set((params.scope ?? '').split(' ').filter(Boolean));
    const resourceServer = new provider.ResourceServer(options.resource, options.resourceServer);
    const resourceScope = [...requested].filter((s) => resourceServer.scopes.has(s)).join(' ');
    const oidcScope = [...requested].filter((s) => options.oidcScopes.includes(s)).join(' ');

    const grant = new provider.Grant({ accountId: user.subject, clientId: client.clientId });
    if (oidcScope) grant.addOIDCScope(oidcScope);
    if (resourceScope) grant.addResourceScope(options.resource, resourceScope);
    const grantId = await grant.save();

    const token = new provider.AccessToken({
      accountId: user.subject,
      client,
      grantId,
      gty: PASSWORD_GRANT,
      resourceServer,
      scope: resourceScope || undefined,
    });
    ctx.oidc.entity('AccessToken', token);
    const accessToken = await token.save();
    const refreshToken = client.grantTypeAllowed('refresh_token')
      ? await new provider.RefreshToken({
        accountId: user.subject,
        client,
        grantId,
        gty: PASSWORD_GRANT,
        resource: options.resource,
        scope: [oidcScope, resourceScope].filter(Boolean).join(' '),
      }).save()
      : undefined;

    ctx.body = {
      access_token: accessToken,
      expires_in: token.expiration,
      token_type: token.tokenType,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      ...(resourceScope ? { scope: resourceScope } : {}),
    };
  }, ['username', 'password', 'scope']);
}
