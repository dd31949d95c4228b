/**
 * Access tokens this process verified lately, by their exact text, so that a caller's next
 * requests skip the signature check (an RSA verify, base64 and JSON decoding: most of what
 * `GET /api/v1/me` cost beside its queries; README, "API server (issue 11)").
 *
 * Why it refuses what the full check refuses:
 * - an entry is never used once its token's `exp` is reached, with jose's own rule (expired when
 *   `exp <= now` in whole seconds, no leeway), so an expired token goes through the full check
 *   and gets the same 401;
 * - an entry is used for at most `maxAgeMs` (default 60 s) after its check, far inside the
 *   10 minutes jose keeps the issuer's key set, so a key the IdP withdrew stops working no later
 *   than it did before;
 * - only successful checks are remembered; a token that failed is checked again in full;
 * - the session check (back-channel logout) is not cached here: the verifier asks it on every call.
 * At most `maxEntries` tokens are kept; the oldest go first.
 *
 * @example
 *   const remembered = new VerifiedTokens();
 *   const hit = remembered.get(token, Date.now()) ?? remembered.set(token, await verify(token), exp, Date.now());
 */

export interface TVerifiedTokensOptions {
  /** Longest an entry is used after its check, in ms (default 60,000). */
  maxAgeMs?: number;
  /** Tokens kept at most (default 10,000). */
  maxEntries?: number;
}

interface TEntry<T> { value: T; usableUntilMs: number }

export class VerifiedTokens<T> {
  readonly #entries = new Map<string, TEntry<T>>();
  readonly #maxAgeMs: number;
  readonly #maxEntries: number;

  constructor(options: TVerifiedTokensOptions = {}) {
    this.#maxAgeMs = options.maxAgeMs ?? 60_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  /** The value remembered for this token, while it may still be used at `nowMs`. */
  get(token: string, nowMs: number): T | undefined {
    const entry = this.#entries.get(token);
    if (!entry) return undefined;
    if (nowMs < entry.usableUntilMs) return entry.value;
    this.#entries.delete(token);
    return undefined;
  }

  /** Remembers a token that passed the full check at `nowMs`; `exp` is its claim in seconds (undefined: none). */
  set(token: string, value: T, exp: number | undefined, nowMs: number): T {
    // jose: expired when exp <= floor(now / 1000), i.e. from the start of second `exp` on.
    const expiresMs = typeof exp === 'number' ? exp * 1000 : Infinity;
    const usableUntilMs = Math.min(expiresMs, nowMs + this.#maxAgeMs);
    if (usableUntilMs <= nowMs) return value;
    this.#entries.delete(token);
    this.#entries.set(token, { value, usableUntilMs });
    if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }

  /** How many tokens are remembered (tests). */
  get size(): number {
    return this.#entries.size;
  }
}
