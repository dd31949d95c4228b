import { getPrisma } from '@mecport/db';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENDED_SESSION_RETENTION_MS, EndedSessions, isSessionEnded, recordEndedSession } from './ended-sessions';

const prisma = getPrisma();
const ISSUER = 'http://idp.test';

describe('ended sessions', () => {
  it('records a session of an issuer as ended, idempotently', async () => {
    const sid = randomUUID();
    expect(await isSessionEnded(prisma, ISSUER, sid)).toBe(false);
    await recordEndedSession(prisma, ISSUER, sid);
    await recordEndedSession(prisma, ISSUER, sid);
    expect(await isSessionEnded(prisma, ISSUER, sid)).toBe(true);
    expect(await isSessionEnded(prisma, 'http://other-idp.test', sid)).toBe(false);
    expect(await prisma.endedSession.count({ where: { sid } })).toBe(1);
  });

  it('forgets sessions once their retention has passed, when the next one is recorded', async () => {
    const old = randomUUID();
    const longAgo = new Date(Date.now() - ENDED_SESSION_RETENTION_MS - 60_000);
    await recordEndedSession(prisma, ISSUER, old, longAgo);
    expect(await isSessionEnded(prisma, ISSUER, old)).toBe(true);
    await recordEndedSession(prisma, ISSUER, randomUUID());
    expect(await isSessionEnded(prisma, ISSUER, old)).toBe(false);
  });

  it('lets a replica that was not told see the logout once its short memory lapses', async () => {
    let now = 1_000;
    const told = new EndedSessions(() => prisma, { issuer: ISSUER, recheckMs: 2000, now: () => now });
    const other = new EndedSessions(() => prisma, { issuer: ISSUER, recheckMs: 2000, now: () => now });
    const sid = randomUUID();
    expect(await other.has(sid)).toBe(false);
    await told.record(sid);
    expect(await told.has(sid)).toBe(true);
    expect(await other.has(sid)).toBe(false); // still within its memory of "live"
    now += 2000;
    expect(await other.has(sid)).toBe(true);
  });
});
