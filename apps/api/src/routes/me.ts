import { ZMe, ZPreferencesUpdate } from '@mecport/contracts';
import { getMe, updatePreferences } from '@mecport/core';
import { withUser } from '@mecport/http';
import { api } from '../api';
import { prisma, recentProfiles } from '../services';

export const getMeRoute = api.route({
  method: 'GET', path: '/api/v1/me', operationId: 'getMe', tags: ['Identity'],
  summary: 'The signed-in caller: subject, name, tenant, roles and preferences',
  auth: withUser({ roles: 'any' }),
  response: { status: 200, description: 'The caller', schema: ZMe },
  handler: ({ actor }) => getMe(prisma(), actor, new Date(), recentProfiles()),
});

export const putPreferencesRoute = api.route({
  method: 'PUT', path: '/api/v1/me/preferences', operationId: 'putMyPreferences', tags: ['Identity'],
  summary: 'Change the caller\'s preferences (UI language); recorded in the audit trail',
  auth: withUser({ roles: 'any' }),
  body: ZPreferencesUpdate,
  response: { status: 200, description: 'The caller with the new preferences', schema: ZMe },
  handler: ({ actor, body, requestId }) => updatePreferences(prisma(), actor, body, requestId, recentProfiles()),
});
