import { ZAuditEvent, ZAuditEventPage, ZAuditQuery } from '@mecport/contracts';
import { getAuditEvent, listAuditEvents } from '@mecport/core';
import { withUser } from '@mecport/http';
import { z } from 'zod';
import { api } from '../api';
import { prisma } from '../services';

const readers = withUser({ roles: ['admin'] });

export const listAuditEventsRoute = api.route({
  method: 'GET', path: '/api/v1/audit-events', operationId: 'listAuditEvents', tags: ['Audit'],
  summary: 'The caller\'s tenant audit trail, newest first (cursor pagination)',
  auth: readers,
  query: ZAuditQuery,
  response: { status: 200, description: 'One page of audit events', schema: ZAuditEventPage },
  handler: ({ actor, query }) => listAuditEvents(prisma(), actor.tenant.id, query),
});

export const getAuditEventRoute = api.route({
  method: 'GET', path: '/api/v1/audit-events/{id}', operationId: 'getAuditEvent', tags: ['Audit'],
  summary: 'One audit event of the caller\'s tenant',
  auth: readers,
  params: z.object({ id: z.string().uuid() }),
  response: { status: 200, description: 'The audit event', schema: ZAuditEvent },
  errors: [404],
  handler: ({ actor, params }) => getAuditEvent(prisma(), actor.tenant.id, params.id),
});
