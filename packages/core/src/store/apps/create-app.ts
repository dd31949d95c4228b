/** A developer creates a store listing for their tenant (audited in the same transaction). */
import { AppError, type TApp, type TAppCreate } from '@mecport/contracts';
import { Prisma, type DbClient } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { assertPublicUrls } from '../../shared/url-policy-fields';
import { toApp } from './mappers';

export async function createApp(db: DbClient, actor: TActor, input: TAppCreate, requestId?: string): Promise<TApp> {
  assertPublicUrls({ iconUrl: input.iconUrl, screenshots: input.screenshots, videoUrl: input.videoUrl });
  try {
    return await db.$transaction(async (tx) => {
      const app = await tx.app.create({
        data: {
          tenantId: actor.tenant.id, slug: input.slug, name: input.name, nameZh: input.nameZh ?? null, provider: input.provider, category: input.category,
          industry: input.industry ?? null, tags: input.tags ?? [], descriptionEn: input.descriptionEn ?? '', descriptionZh: input.descriptionZh ?? '',
          iconUrl: input.iconUrl ?? null, screenshots: input.screenshots ?? [], videoUrl: input.videoUrl ?? null, createdBy: actor.subject,
        },
      });
      await recordAudit(tx, actor, { action: 'app.create', target: { type: 'app', id: app.id }, data: { slug: app.slug, name: app.name }, requestId });
      return toApp(app);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('conflict', `body.slug: your tenant already has an app with the slug ${input.slug}`, { errors: [{ in: 'body', field: 'slug', message: 'already used in your tenant' }] });
    }
    throw error;
  }
}
