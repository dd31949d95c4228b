/**
 * Opaque bearer tokens issued by the token endpoint, kept in memory only. Opaque rather than
 * signed: a lookup is cheaper than a signature check, and a removed app instance loses its
 * tokens at once. After an agent restart apps get a 401 and ask for a new token, as OAuth2
 * clients do when a token stops working.
 */
import { randomBytes } from 'node:crypto';

export interface TTokenGrant { appInstanceId: string; expiresAt: number }

/**
 * An app that asks for tokens in a loop cannot grow the table: a client holds at most this many
 * live tokens, and issuing one more revokes its oldest (documented in the README and in the 401
 * an app then gets). Chosen over keeping every token to its expiry, which lets a looping client
 * fill the agent's memory, and over refusing new tokens, which would lock out an app that
 * restarts often until its old tokens expire.
 */
export const MAX_TOKENS_PER_APP = 16;

export class TokenStore {
  private readonly tokens = new Map<string, TTokenGrant>();

  constructor(private readonly ttlSeconds: number, private readonly now: () => number) {}

  issue(appInstanceId: string): { token: string; expiresIn: number } {
    this.sweep(appInstanceId);
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { appInstanceId, expiresAt: this.now() + this.ttlSeconds * 1000 });
    return { token, expiresIn: this.ttlSeconds };
  }

  /** The grant of a live token, or why there is none. */
  verify(token: string): TTokenGrant | 'unknown' | 'expired' {
    const grant = this.tokens.get(token);
    if (!grant) return 'unknown';
    if (grant.expiresAt <= this.now()) {
      this.tokens.delete(token);
      return 'expired';
    }
    return grant;
  }

  revokeApp(appInstanceId: string): void {
    for (const [token, grant] of this.tokens) if (grant.appInstanceId === appInstanceId) this.tokens.delete(token);
  }

  get size(): number {
    return this.tokens.size;
  }

  /** Drops expired tokens, and the app's oldest ones past the per-app cap (Map order is issue order). */
  private sweep(appInstanceId: string): void {
    const now = this.now();
    const mine: string[] = [];
    for (const [token, grant] of this.tokens) {
      if (grant.expiresAt <= now) this.tokens.delete(token);
      else if (grant.appInstanceId === appInstanceId) mine.push(token);
    }
    for (const token of mine.slice(0, Math.max(0, mine.length - MAX_TOKENS_PER_APP + 1))) this.tokens.delete(token);
  }
}
