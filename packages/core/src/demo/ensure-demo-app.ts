/** A demo listing: the tenant's app with this slug, created by its developer when missing (edits made since are kept). */
import type { TAppCreate } from '@mecport/contracts';
import type { TActor } from '../identity';
import { createApp } from '../store';
import type { TDemoDeps } from './demo-context';
import type { TDemoImportResult } from './demo-result';

export async function ensureDemoApp(deps: TDemoDeps, actor: TActor, listing: TAppCreate, result: TDemoImportResult): Promise<string> {
  const found = await deps.db.app.findUnique({ where: { tenantId_slug: { tenantId: actor.tenant.id, slug: listing.slug } }, select: { id: true } });
  if (found) return found.id;
  const app = await createApp(deps.db, actor, listing);
  result.appsCreated += 1;
  return app.id;
}
