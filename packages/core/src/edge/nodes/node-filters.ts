/** The node list's and the map's filters as a Prisma where clause (status is derived, see node-status). */
import type { TLabels, TNodeStatus } from '@mecport/contracts';
import type { Prisma } from '@mecport/db';

export function statusWhere(status: TNodeStatus, offlineAfterSec: number): Prisma.EdgeNodeWhereInput {
  const since = new Date(Date.now() - offlineAfterSec * 1000);
  switch (status) {
    case 'revoked': return { revokedAt: { not: null } };
    case 'pending': return { revokedAt: null, enrolledAt: null };
    case 'online': return { revokedAt: null, enrolledAt: { not: null }, lastHeartbeatAt: { gte: since } };
    case 'offline': return { revokedAt: null, enrolledAt: { not: null }, OR: [{ lastHeartbeatAt: null }, { lastHeartbeatAt: { lt: since } }] };
  }
}

export function labelsWhere(selector: TLabels): Prisma.EdgeNodeWhereInput {
  return { AND: Object.entries(selector).map(([key, value]) => ({ labels: { path: [key], equals: value } })) };
}

export function textWhere(q: string): Prisma.EdgeNodeWhereInput {
  const contains = { contains: q, mode: 'insensitive' as const };
  return { OR: [{ name: contains }, { address: contains }, { city: contains }, { province: contains }, { district: contains }] };
}
