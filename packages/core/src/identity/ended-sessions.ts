/**
 * IdP sessions that ended (OpenID Connect back-channel logout), kept in PostgreSQL so that every
 * portal replica refuses their access tokens, whichever replica the IdP told.
 *
 * Checking is on every authenticated request, so `EndedSessions` keeps a short in-process memory:
 * a session found ended stays ended; a session found live is asked about again after
 * `recheckMs` (2 s by default). So a replica that was not told sees the logout within
 * `recheckMs`; the one that was told sees it at once.
 *
 * @example
 *   const ended = new EndedSessions(getPrisma, { issuer });
 *   await ended.record('sid-from-logout-token');        // the back-channel logout endpoint
 *   if (await ended.has(principal.sessionId)) refuse();  // the token verifier
 */
import type { DbClient } from '@mecport/db';

/**
 * How long an ended session is remembered: longer than any access token of it can live (they are
 * 5 to 15 minutes; the portal refuses nothing an IdP issues for longer than this).
 */
export const ENDED_SESSION_RETENTION_MS = 24 * 3600 * 1000;

/** Records that `sid` of `issuer` ended, and forgets sessions whose tokens have all expired. */
export async function recordEndedSession(db: DbClient, issuer: string, sid: string, now = new Date()): Promise<void> {
  const expiresAt = new Date(now.getTime() + ENDED_SESSION_RETENTION_MS);
  await db.$transaction([
    db.endedSession.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.endedSession.upsert({ where: { issuer_sid: { issuer, sid } }, update: { expiresAt }, create: { issuer, sid, endedAt: now, expiresAt } }),
  ]);
}

/** True when `sid` of `issuer` was recorded as ended (one primary-key read). */
export async function isSessionEnded(db: DbClient, issuer: string, sid: string): Promise<boolean> {
  return (await db.endedSession.findUnique({ where: { issuer_sid: { issuer, sid } }, select: { sid: true } })) !== null;
}

export interface TEndedSessionsOptions {
  issuer: string;
  /** How long a "still live" answer is trusted, ms. */
  recheckMs?: number;
  /** Sessions remembered in memory at most (oldest forgotten first). */
  maxEntries?: number;
  now?: () => number;
}

export class EndedSessions {
  readonly #known = new Map<string, { ended: boolean; checkedAt: number }>();
  readonly #recheckMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(private readonly db: () => DbClient, private readonly options: TEndedSessionsOptions) {
    this.#recheckMs = options.recheckMs ?? 2000;
    this.#maxEntries = options.maxEntries ?? 50_000;
    this.#now = options.now ?? Date.now;
  }

  async has(sid: string): Promise<boolean> {
    const known = this.#known.get(sid);
    if (known && (known.ended || this.#now() - known.checkedAt < this.#recheckMs)) return known.ended;
    const ended = await isSessionEnded(this.db(), this.options.issuer, sid);
    this.#remember(sid, ended);
    return ended;
  }

  async record(sid: string): Promise<void> {
    await recordEndedSession(this.db(), this.options.issuer, sid);
    this.#remember(sid, true);
  }

  #remember(sid: string, ended: boolean): void {
    this.#known.delete(sid);
    this.#known.set(sid, { ended, checkedAt: this.#now() });
    if (this.#known.size > this.#maxEntries) this.#known.delete(this.#known.keys().next().value!);
  }
}
