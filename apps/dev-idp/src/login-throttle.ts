/**
 * Brute-force protection for the dev IdP, shaped like Keycloak's (temporary lockout): after
 * `maxFailures` failed sign-ins in a row a username is locked for `lockSeconds`, and so is a
 * client address after `maxAddressFailures`, whatever usernames it tried. While locked even the
 * right password is refused. A successful sign-in clears the username's count.
 *
 * A username that does not exist is counted and locked like one that does, so the answer never
 * tells whether an account exists. The counts live in this process's memory (a restart forgets
 * them): enough for a dev IdP; Keycloak keeps them in its database.
 */

export interface TLockoutPolicy {
  /** Failed sign-ins in a row that lock a username. */
  maxFailures: number;
  /** Failed sign-ins in a row that lock a client address (any usernames). */
  maxAddressFailures: number;
  /** How long a lock lasts, seconds. */
  lockSeconds: number;
}

export const DEFAULT_LOCKOUT: TLockoutPolicy = { maxFailures: 5, maxAddressFailures: 20, lockSeconds: 60 };

/** Beyond this many tracked names and addresses the oldest unlocked ones are forgotten. */
const MAX_RECORDS = 10_000;

interface TRecord { failures: number; lockedUntil: number }

/**
 * @example
 *   const throttle = new LoginThrottle(DEFAULT_LOCKOUT);
 *   if (throttle.isLocked(username, ctx.ip)) return refuse();
 *   if (valid) throttle.recordSuccess(username); else throttle.recordFailure(username, ctx.ip);
 */
export class LoginThrottle {
  readonly #records = new Map<string, TRecord>();

  constructor(private readonly policy: TLockoutPolicy, private readonly now: () => number = Date.now) {}

  /** True while the username or the address is locked. */
  isLocked(username: string, address: string | undefined): boolean {
    const now = this.now();
    return [userKey(username), addressKey(address)].some((key) => (this.#records.get(key)?.lockedUntil ?? 0) > now);
  }

  recordFailure(username: string, address: string | undefined): void {
    this.#count(userKey(username), this.policy.maxFailures);
    this.#count(addressKey(address), this.policy.maxAddressFailures);
  }

  recordSuccess(username: string): void {
    this.#records.delete(userKey(username));
  }

  #count(key: string, limit: number): void {
    const record = this.#records.get(key) ?? { failures: 0, lockedUntil: 0 };
    record.failures += 1;
    if (record.failures >= limit) {
      record.failures = 0;
      record.lockedUntil = this.now() + this.policy.lockSeconds * 1000;
    }
    this.#records.delete(key); // re-inserted last: the map's order is least recently failed first
    this.#records.set(key, record);
    this.#forgetOldest();
  }

  #forgetOldest(): void {
    const now = this.now();
    for (const [key, record] of this.#records) {
      if (this.#records.size <= MAX_RECORDS) return;
      if (record.lockedUntil <= now) this.#records.delete(key);
    }
  }
}

function userKey(username: string): string {
  return `user:${username.trim().toLowerCase()}`;
}

function addressKey(address: string | undefined): string {
  return `address:${address ?? 'unknown'}`;
}
