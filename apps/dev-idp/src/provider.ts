/**
 * The dev IdP: oidc-provider 9 configured to behave, for MECport's purposes, like the
 * Keycloak realm in `deploy/keycloak/realm.json`.
 *
 *   1. clients: `mecport-portal` (code + PKCE S256) and `mecport-cli` (password grant)
 *   2. tokens: short JWT access tokens for resource `urn:mecport:api` with audience OIDC_AUDIENCE,
 *      Keycloak-shaped claims and the session's `sid`; refresh tokens that end with the session
 *   3. browser: a real sign-in form (locked after repeated failures), automatic consent, logout
 *      without a confirmation click that tells the portal by back-channel which session ended
 *   4. `createDevIdp()`: an HTTP server around it that tests start on a random port
 *
 * Edit this file to change what the provider does; the HTML lives in *-page(s).ts.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type Configuration, type ResourceServer } from 'oidc-provider';
import { findAccount, findUserBySubject, keycloakClaims } from './accounts';
import { API_RESOURCE, API_SCOPE, clientsFor } from './clients';
import { renderError } from './error-page';
import { interactionRoutes, interactionUrl } from './interactions';
import { logoutSource, postLogoutSuccessSource } from './logout-pages';
import { DEFAULT_LOCKOUT, LoginThrottle, type TLockoutPolicy } from './login-throttle';
import { registerPasswordGrant } from './password-grant';
import { issueRefreshToken, useDecodableRefreshTokens } from './refresh-tokens';
import { generateSigningKeys, type TSigningKeys } from './signing-keys';
import { keycloakJsWorkarounds } from './workarounds';

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'roles'] as const;
/** 5 minutes, as Keycloak's default access token lifespan. */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 300;
/** 8 hours, the realm's SSO session idle timeout. */
export const DEFAULT_SESSION_TTL_SECONDS = 8 * 3600;

export interface TProviderConfig {
  /** The issuer identifier, e.g. `http://localhost:3001` (no trailing slash). */
  issuer: string;
  /** Origin of the portal, e.g. `http://localhost:3000`; its /auth/callback is the redirect URI. */
  portalUrl: string;
  /** The `aud` of every access token, e.g. `mecport-api`. */
  audience: string;
  accessTokenTtlSeconds: number;
  /** How long a browser session and a refresh token last (Keycloak: SSO session idle), seconds. */
  sessionTtlSeconds: number;
  /** Failed sign-ins before a user or an address is locked out, and for how long. */
  lockout: TLockoutPolicy;
  /** Private signing keys (JWK set). */
  jwks: TSigningKeys;
}

// ---------------------------------------------------------------------------------------------
// 1. Build the provider
// ---------------------------------------------------------------------------------------------

/**
 * A configured oidc-provider instance (a Koa app): mount `provider.callback()` on a server.
 *
 * @example const provider = buildProvider({ issuer, portalUrl, audience: 'mecport-api', accessTokenTtlSeconds: 300, sessionTtlSeconds: 28800, lockout: DEFAULT_LOCKOUT, jwks });
 */
export function buildProvider(config: TProviderConfig): Provider {
  const portalOrigin = new URL(config.portalUrl).origin;
  const resourceServer: ResourceServer = { scope: API_SCOPE, audience: config.audience, accessTokenFormat: 'jwt', accessTokenTTL: config.accessTokenTtlSeconds };
  const ttl = config.accessTokenTtlSeconds;
  const sessionTtl = Math.max(ttl, config.sessionTtlSeconds);
  const throttle = new LoginThrottle(config.lockout);

  const configuration: Configuration = {
    clients: clientsFor(config.portalUrl),
    jwks: config.jwks,
    findAccount,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    scopes: [...OIDC_SCOPES],
    responseTypes: ['code'],
    claims: {
      openid: ['sub'],
      profile: ['preferred_username', 'name', 'tenant'],
      email: ['email', 'email_verified'],
      roles: ['realm_access', 'resource_access'],
    },
    // keycloak-js and the portal read claims from tokens; let the ID token carry the granted ones too.
    conformIdTokenClaims: false,
    clientBasedCORS: (_ctx, origin, client) => origin === portalOrigin || client.redirectUris?.some((u) => new URL(u).origin === origin) === true,
    ttl: {
      AccessToken: ttl,
      AuthorizationCode: 60,
      IdToken: ttl,
      RefreshToken: sessionTtl,
      Interaction: 3600,
      Session: sessionTtl,
      Grant: sessionTtl,
    },
    interactions: { url: interactionUrl },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource,
        postLogoutSuccessSource: (ctx) => postLogoutSuccessSource(ctx, config.portalUrl),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget(`unknown resource ${indicator}; use ${API_RESOURCE}`);
          return resourceServer;
        },
      },
    },
    // Keycloak-shaped claims on every access token issued to a user.
    extraTokenClaims: (_ctx, token) => {
      const user = 'accountId' in token ? findUserBySubject(token.accountId) : undefined;
      if (!user) return undefined;
      // `sid` names the IdP session, so the portal can refuse the token once that session ends.
      const sid = 'sid' in token && typeof token.sid === 'string' ? { sid: token.sid } : {};
      return { azp: token.clientId, ...sid, ...keycloakClaims(user) };
    },
    issueRefreshToken,
    // Keycloak's default: a refresh keeps the refresh token valid (a second tab may use it too).
    rotateRefreshToken: false,
    // Automatic consent: MECport's clients are first-party.
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(OIDC_SCOPES.join(' '));
      grant.addResourceScope(API_RESOURCE, API_SCOPE);
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => renderError(ctx, out, config.portalUrl),
    fetch: (url, options) => fetchPortal(portalOrigin, url, options),
  };

  const provider = new Provider(config.issuer, configuration);
  useDecodableRefreshTokens(provider);
  registerPasswordGrant(provider, { resource: API_RESOURCE, resourceServer, oidcScopes: OIDC_SCOPES, throttle });
  provider.use(keycloakJsWorkarounds);
  provider.use(interactionRoutes(provider, config.portalUrl, throttle));
  return provider;
}

/** The portal may be slow to answer its first logout token (discovery, keys, a database connection). */
const PORTAL_TIMEOUT_MS = 10_000;
const PORTAL_ATTEMPTS = 3;

/**
 * oidc-provider refuses outgoing requests to loopback and private addresses (its SSRF guard), yet
 * the portal a dev IdP serves usually listens on loopback. The one place the dev IdP posts to is
 * the portal's back-channel logout URI (the clients are static), so the guard is lifted for the
 * configured portal origin only; and since a lost logout token leaves the session's access tokens
 * valid until they expire, the post gets longer than oidc-provider's 2.5 s and is retried when
 * the portal cannot be reached.
 */
async function fetchPortal(portalOrigin: string, url: URL | string | Request, options: (RequestInit & { dispatcher?: unknown }) = {}): Promise<Response> {
  if (new URL(url instanceof Request ? url.url : url).origin !== portalOrigin) return fetch(url, options);
  const { dispatcher: _guard, signal: _short, ...unguarded } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { ...unguarded, signal: AbortSignal.timeout(PORTAL_TIMEOUT_MS) });
    } catch (error) {
      if (attempt >= PORTAL_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Serve it
// ---------------------------------------------------------------------------------------------

export interface TDevIdpOptions extends Partial<Omit<TProviderConfig, 'portalUrl'>> {
  portalUrl: string;
}

export interface TDevIdp {
  /** Starts serving; port 0 picks a free port. Resolves to the issuer. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops the server (open connections are closed). */
  close(): Promise<void>;
  /** The issuer; known after `listen` when not given as an option. */
  readonly issuer: string;
  /** The oidc-provider instance; available after `listen`. */
  readonly provider: Provider;
}

/**
 * The dev IdP as a server you start and stop. Without `issuer`, the issuer becomes
 * `http://127.0.0.1:<bound port>`, which is what tests want. Without `jwks`, a fresh key.
 *
 * @example
 *   const idp = createDevIdp({ portalUrl: 'http://localhost:3000' });
 *   const issuer = await idp.listen(0, '127.0.0.1');
 *   // … fetch(`${issuer}/.well-known/openid-configuration`) …
 *   await idp.close();
 */
export function createDevIdp(options: TDevIdpOptions): TDevIdp {
  let provider: Provider | undefined;
  let handler: ReturnType<Provider['callback']> | undefined;
  let issuer = options.issuer;
  const server: Server = createServer((req, res) => {
    if (handler) return void handler(req, res);
    res.statusCode = 503;
    res.end('starting');
  });

  return {
    async listen(port, host = '127.0.0.1') {
      if (provider) throw new Error('the dev IdP is already listening');
      const jwks = options.jwks ?? (await generateSigningKeys());
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const bound = server.address() as AddressInfo;
      issuer ??= `http://${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`;
      try {
        provider = buildProvider({
          issuer,
          portalUrl: options.portalUrl.replace(/\/+$/, ''),
          audience: options.audience ?? 'mecport-api',
          accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
          sessionTtlSeconds: options.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS,
          lockout: options.lockout ?? DEFAULT_LOCKOUT,
          jwks,
        });
      } catch (error) {
        server.close();
        throw error;
      }
      handler = provider.callback();
      return issuer;
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
    get issuer() {
      if (!issuer) throw new Error('the dev IdP has no issuer until it listens');
      return issuer;
    },
    get provider() {
      if (!provider) throw new Error('the dev IdP has no provider until it listens');
      return provider;
    },
  };
}
