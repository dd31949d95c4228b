/** Audit trail entries as the API answers them. */
import { z } from 'zod';
import { ZPage, ZPageQuery } from './pagination';

export const ZAuditEvent = z
  .object({
    id: z.string().uuid(),
    at: z.string().datetime({ offset: true }),
    actor: z.object({ subject: z.string(), name: z.string() }),
    action: z.string().describe('Dotted verb, e.g. `profile.preferences.update`'),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    data: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditEventPage = ZPage(ZAuditEvent).meta({ id: 'AuditEventPage' });

export const ZAuditQuery = ZPageQuery.extend({
  action: z.string().regex(/^[a-z0-9.-]{1,100}$/, 'an action is dotted lower-case words').optional().describe('Only events with this action'),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;
