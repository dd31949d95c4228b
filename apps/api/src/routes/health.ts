import { pingDatabase } from '@mecport/db';
import { publicAccess } from '@mecport/http';
import { z } from 'zod';
import { api } from '../api';
import { prisma } from '../services';

const ZCheck = z.object({ status: z.enum(['up', 'down']), latencyMs: z.number().optional(), detail: z.string().optional() });
const ZHealth = z.object({
  status: z.enum(['up', 'down']),
  checks: z.object({
    process: z.object({ status: z.literal('up'), uptimeSeconds: z.number(), rssBytes: z.number() }),
    database: ZCheck,
  }),
}).meta({ id: 'Health' });

export const healthRoute = api.route({
  method: 'GET', path: '/api/health', operationId: 'getHealth', tags: ['Operations'],
  summary: 'Liveness of the process and reachability of the database (503 when the database is down)',
  auth: publicAccess(),
  response: { status: 200, description: 'Everything is up', schema: ZHealth },
  errors: [503],
  handler: async () => {
    const database = await pingDatabase(prisma());
    const body: z.infer<typeof ZHealth> = {
      status: database.status,
      checks: { process: { status: 'up', uptimeSeconds: Math.round(process.uptime()), rssBytes: process.memoryUsage().rss }, database },
    };
    return database.status === 'up' ? body : Response.json(body, { status: 503 });
  },
});
