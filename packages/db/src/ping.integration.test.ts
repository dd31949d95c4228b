import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from './client';
import { pingDatabase } from './ping';

describe('pingDatabase', () => {
  const db = createPrismaClient(inject('mecportDatabaseUrl'), { maxConnections: 1 });
  afterAll(() => db.$disconnect());

  it('answers up with a latency when the database answers', async () => {
    const ping = await pingDatabase(db);
    expect(ping.status).toBe('up');
    expect(ping).toHaveProperty('latencyMs');
  });

  it('answers up inside a transaction and from a client that was disconnected (through $queryRaw)', async () => {
    expect((await db.$transaction((tx) => pingDatabase(tx))).status).toBe('up');
    const other = createPrismaClient(inject('mecportDatabaseUrl'), { maxConnections: 1 });
    try {
      await other.$disconnect();
      expect((await pingDatabase(other)).status).toBe('up');
    } finally {
      await other.$disconnect();
    }
  });

  it('answers down, without throwing, when the database does not', async () => {
    const unreachable = createPrismaClient('postgresql://nobody:x@127.0.0.1:1/none', { maxConnections: 1 });
    try {
      expect(await pingDatabase(unreachable)).toEqual({ status: 'down', detail: 'the database did not answer' });
    } finally {
      await unreachable.$disconnect();
    }
  });
});
