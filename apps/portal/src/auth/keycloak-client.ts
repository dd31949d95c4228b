/**
 * The one keycloak-js instance of this page, created and initialised on first use only.
 *
 * keycloak-js refuses a second `init()` on the same instance, and React strict mode runs effects
 * twice, so the promise lives at module level. It is created lazily: a page that neither comes
 * back from the IdP nor signs in or out never contacts the IdP.
 *
 * Both deployment modes use the same build: `oidc` (the dev IdP, any OIDC provider, discovered
 * from `<issuer>/.well-known/openid-configuration`) and `keycloak` (realm mode).
 */
import type Keycloak from 'keycloak-js';
import type { TPublicAuthConfig } from '@/server/public-config';
import { CALLBACK_PATH } from './session';

let pending: Promise<Keycloak> | null = null;

export function callbackUri(): string {
  return `${window.location.origin}${CALLBACK_PATH}`;
}

/** Tokens kept from an earlier page of this tab; `init` then renews them at once. */
export interface TKeptTokens { token: string; refreshToken: string; idToken?: string }

/**
 * Resolves to the initialised instance; if this page is the IdP's redirect back, `init` completes
 * the code exchange first; with `kept` tokens (the first renewal after a reload) it refreshes them.
 * Only the first call's `kept` matters: later calls get the same instance.
 */
export function initKeycloak(config: TPublicAuthConfig, kept?: TKeptTokens): Promise<Keycloak> {
  if (pending) return pending;
  const attempt = (async () => {
    const { default: KeycloakClass } = await import('keycloak-js');
    const kc = config.mode === 'keycloak' && config.keycloak
      ? new KeycloakClass({ url: config.keycloak.url, realm: config.keycloak.realm, clientId: config.clientId })
      : new KeycloakClass({ oidcProvider: config.issuer, clientId: config.clientId });
    await kc.init({
      pkceMethod: 'S256',
      checkLoginIframe: false, // no Keycloak session iframe on a generic OIDC provider
      responseMode: 'fragment', // the code never reaches server logs
      redirectUri: callbackUri(),
      ...(kept ? { token: kept.token, refreshToken: kept.refreshToken, idToken: kept.idToken } : {}),
    });
    return kc;
  })();
  pending = attempt;
  // A failed attempt (IdP unreachable) may be retried with a fresh instance on the next sign-in click.
  attempt.catch(() => {
    if (pending === attempt) pending = null;
  });
  return attempt;
}

/** A readable message from whatever keycloak-js rejected with (`Error` or `{ error, error_description }`). */
export function describeKeycloakError(e: unknown): string | undefined {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object') {
    const o = e as { error?: unknown; error_description?: unknown };
    const parts = [o.error, o.error_description].filter((p): p is string => typeof p === 'string' && p !== '');
    if (parts.length) return parts.join(': ');
  }
  return undefined;
}
