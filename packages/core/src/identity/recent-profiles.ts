/**
 * The profile rows (with their tenant) this process read lately, by subject, so that a signed-in
 * caller's next requests within `ttlMs` (default 2 s) resolve their actor without a query, and
 * `GET /api/v1/me` knows without a query whether the visit is due to be written (README,
 * "API server (issue 11)").
 *
 * Why it stays correct:
 * - what is kept is what the database said at most `ttlMs` ago: a write of another process (another
 *   portal replica) shows within that time, as the catalog's page cache and the ended sessions do;
 * - this process's own writes are never hidden: a preference change forgets the caller's row after
 *   its commit, and a visit written by getMe is noted in the row (without making the row younger);
 * - the identity (name, e-mail, roles) always comes from the verified token, not from here;
 * - a token naming another tenant than the row's is not served from here (resolveActor re-provisions).
 * At most `maxEntries` rows are kept; the longest kept go first.
 *
 * @example
 *   const recent = new RecentProfiles();
 *   const actor = await resolveActor(db, identity, recent);
 */
export interface TProfileRow {
  id: string;
  subject: string;
  username: string;
  displayName: string;
  email: string | null;
  locale: string;
  lastSeenAt: Date;
  tenant: { id: string; slug: string; name: string };
}

export interface TRecentProfilesOptions {
  /** How long a row read from the database is used, in ms (default 2,000). */
  ttlMs?: number;
  /** Rows kept at most (default 10,000). */
  maxEntries?: number;
  /** The clock (tests). */
  now?: () => number;
}

export class RecentProfiles {
  readonly #rows = new Map<string, { row: TProfileRow; readAt: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: TRecentProfilesOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 2_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** The subject's row, if it was read less than `ttlMs` ago. */
  get(subject: string): TProfileRow | undefined {
    const entry = this.#rows.get(subject);
    if (!entry) return undefined;
    if (this.#now() - entry.readAt < this.#ttlMs) return entry.row;
    this.#rows.delete(subject);
    return undefined;
  }

  /** Keeps a row just read from (or written to) the database. */
  remember(row: TProfileRow): void {
    this.#rows.delete(row.subject);
    this.#rows.set(row.subject, { row, readAt: this.#now() });
    if (this.#rows.size > this.#maxEntries) this.#rows.delete(this.#rows.keys().next().value!);
  }

  /** Notes fields this process wrote to a kept row, keeping the row's age. */
  update(subject: string, fields: Partial<Omit<TProfileRow, 'id' | 'subject' | 'tenant'>>): void {
    const entry = this.#rows.get(subject);
    if (entry) entry.row = { ...entry.row, ...fields };
  }

  /** Drops the subject's row (after a write whose result it must not hide). */
  forget(subject: string): void {
    this.#rows.delete(subject);
  }
}
